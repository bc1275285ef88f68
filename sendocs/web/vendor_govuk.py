"""Refresh the vendored ``govuk-frontend`` files from the npm package tarball.

Run by a developer, never at run time (the app makes no network requests)::

    npm pack govuk-frontend            # e.g. govuk-frontend-6.6.0.tgz
    python -m sendocs.web.vendor_govuk govuk-frontend-6.6.0.tgz

Only the built, minified CSS and JavaScript are shipped, with the MIT licence.
The GDS Transport font and the crown images are *not* shipped: GOV.UK's terms
allow them only on GOV.UK services, which this app is not, so the ``@font-face``
rules are removed and the font stack falls back to Arial, as the Design System
tells services outside GOV.UK to do. Source-map comments are removed too, so
the browser asks for nothing that is not there.
"""

from __future__ import annotations

import re
import sys
import tarfile
from pathlib import Path

__all__ = ["vendor"]

_DIST = "package/dist/govuk/"
_HERE = Path(__file__).parent / "static" / "govuk"


def _clean_css(css: str) -> str:
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace("font-family:GDS Transport,arial,sans-serif", "font-family:arial,sans-serif")
    css = css.replace("font-family:GDS Transport", "font-family:arial,sans-serif")
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)


def _clean_js(js: str) -> str:
    return re.sub(r"//# sourceMappingURL=\S+", "", js)


def vendor(tarball: Path, target: Path = _HERE) -> list[Path]:
    """Extract the shipped files from ``tarball`` into ``target``; return them."""
    written: list[Path] = []
    with tarfile.open(tarball) as tar:
        version = "unknown"
        package_json = tar.extractfile("package/package.json")
        if package_json is not None:
            match = re.search(rb'"version":\s*"([^"]+)"', package_json.read())
            version = match.group(1).decode() if match else version
        for name, clean in (
            ("govuk-frontend.min.css", _clean_css),
            ("govuk-frontend.min.js", _clean_js),
        ):
            member = tar.extractfile(_DIST + name)
            if member is None:
                raise SystemExit(f"{name} is not in {tarball}")
            path = target / name
            path.write_text(clean(member.read().decode("utf-8")), encoding="utf-8")
            written.append(path)
    (target / "VERSION").write_text(version + "\n", encoding="utf-8")
    written.append(target / "VERSION")
    return written


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    for path in vendor(Path(sys.argv[1])):
        print(f"wrote {path}")
