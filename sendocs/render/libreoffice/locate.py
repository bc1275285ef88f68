"""Finding LibreOffice's ``soffice`` and a Python that carries its UNO bridge.

``SENDOCS_SOFFICE`` and ``SENDOCS_UNO_PYTHON`` override what is found; the
install advice in every "not found" message says how to get LibreOffice on
each platform.
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sendocs.errors import ConversionError

__all__ = ["INSTALL_ADVICE", "clean_env", "find_soffice", "find_uno_python"]

INSTALL_ADVICE = (
    "Install LibreOffice: on Debian/Ubuntu run "
    "`sudo apt-get install libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2`; "
    "on Windows or macOS download it from https://www.libreoffice.org/download/. "
    "If it is installed somewhere unusual, set SENDOCS_SOFFICE to the full path of soffice."
)


def _usual_soffice_locations() -> list[str]:
    if sys.platform == "win32":
        roots = [
            os.environ.get(v, "") for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")
        ]
        return [
            str(Path(root) / "LibreOffice" / "program" / "soffice.exe") for root in roots if root
        ]
    if sys.platform == "darwin":
        return [
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
            str(Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice"),
        ]
    return [
        "/usr/bin/soffice",
        "/usr/lib/libreoffice/program/soffice",
        "/usr/local/bin/soffice",
        *sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True),
        "/snap/bin/libreoffice",
        "/var/lib/flatpak/exports/bin/org.libreoffice.LibreOffice",
    ]


def find_soffice() -> Path:
    """Where LibreOffice's ``soffice`` is: ``SENDOCS_SOFFICE``, then PATH, then usual places.

    Raises :class:`ConversionError` with install advice when it is nowhere.
    """
    configured = os.environ.get("SENDOCS_SOFFICE")
    if configured:
        path = Path(configured).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise ConversionError(
            f"SENDOCS_SOFFICE is set to {configured}, but no LibreOffice program is there, "
            f"so documents cannot be converted to PDF. Correct or unset it. {INSTALL_ADVICE}"
        )
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _usual_soffice_locations():
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise ConversionError(
        "LibreOffice was not found, so documents cannot be converted to PDF. " + INSTALL_ADVICE
    )


@functools.lru_cache(maxsize=8)
def find_uno_python(soffice: Path) -> Path | None:
    """A Python interpreter that can ``import uno`` for this LibreOffice, or None.

    ``SENDOCS_UNO_PYTHON`` wins; then the ``python`` LibreOffice bundles beside
    its program; then the system ``python3`` (Debian/Ubuntu with ``python3-uno``).
    """
    program = Path(os.path.realpath(soffice)).parent
    candidates: list[Path] = []
    configured = os.environ.get("SENDOCS_UNO_PYTHON")
    if configured:
        candidates.append(Path(configured))
    candidates += [
        program / "python.exe",
        program / "python",
        program.parent / "Resources" / "python",  # macOS app bundle
    ]
    if sys.platform not in ("win32", "darwin"):
        candidates += [Path("/usr/bin/python3"), Path("/usr/local/bin/python3")]
    for candidate in candidates:
        if candidate.is_file() and _imports_uno(candidate):
            return candidate
    return None


# Finds the bridge without loading it: loading it (LibreOffice's libraries) took 0.15 s
# more on every batch; a bridge that is found but cannot load makes the worker's
# start fail, and that error names the cause.
_FINDS_UNO = "import importlib.util, sys; sys.exit(importlib.util.find_spec('uno') is None)"


def _imports_uno(python: Path) -> bool:
    try:
        result = subprocess.run(
            [str(python), "-c", _FINDS_UNO],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=clean_env(),
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def clean_env() -> dict[str, str]:
    """Our environment minus anything that would point another Python at our venv."""
    env = dict(os.environ)
    for name in ("PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env
