"""Campaign part 3: every damaged or hostile PDF of the evidence tests through the form commands.

The PDFs are built by the tests' own builders (imported, not copied):
``tests/pdfio/hostile.py`` (the damaged and hostile set the bundle and forms
tests use), ``tests/bundle/test_bad_inputs.py`` (empty, corrupt, no pages,
encrypted, not a PDF), ``tests/bundle/test_image_bomb.py`` (a PNG bomb named
.pdf), and the awkward but valid forms of ``tests/forms`` (null annotations,
[export, display] pairs, read-only and tiny boxes, raw widgets). Each goes
through ``sendocs form fields --map-out`` and ``sendocs form fill`` (with the
starter map ``fields`` wrote, or a one-line map when there is none); the
password-protected ones once more with their password (``--password-env``).

Required: 0 tracebacks; exit 0, or exit 1 with a short message that names the
file; a filled PDF only on exit 0, and it opens with pypdf and carries the
child's name. Printed: exit codes, seconds and peak RSS per file.

Run: ``.venv/bin/python scripts/campaign/forms.py``.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
from common import ROOT, campaign_env, leftovers, private_tmp, sendocs, table


def _tests(module: str) -> Any:
    """A test module, imported by name: the builders are the tests' own (and mypy need
    not check the test suite through this script)."""
    return importlib.import_module(f"tests.{module}")


KAI = ROOT / "fixtures" / "cases" / "kai-thompson.yaml"
PASSWORD_ENV = "SENDOCS_CAMPAIGN_PASSWORD"
#: At most this many lines for one failure (the message may wrap once).
MAX_MESSAGE_LINES = 3


def builders() -> dict[str, tuple[Callable[[Path], object], str | None]]:
    """name → (builder writing the file at the path, password or None)."""
    found: dict[str, tuple[Callable[[Path], object], str | None]] = {}
    for name, (build, password, _) in _tests("pdfio.hostile").HOSTILE.items():
        found[f"pdfio:{name}"] = (build, password)
    for name, (fault, _) in _tests("bundle.test_bad_inputs").FAULTS.items():
        found[f"bundle:{name}"] = (fault, None)
    found["bundle:png_bomb"] = (_tests("bundle.test_image_bomb")._png_bomb, None)
    found["forms:court_form"] = (_tests("forms.test_hostile_forms")._court_form, None)
    found["forms:odd_form"] = (_tests("forms.conftest")._build_odd_form, None)
    found["forms:raw_form"] = (_tests("forms.conftest")._build_raw_form, None)
    return found


def name_first_text_field(starter: Path) -> bool:
    """Make the starter map's first text field the child's name (the guesses may fill
    nothing in a form whose field names mean nothing); False if it has no text field."""
    lines = starter.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[:-1]):
        following = lines[number + 1]
        if line.startswith("# text;") and following.startswith('"'):
            key = following[: following.index('":') + 1]
            lines[number + 1] = f'{key}: "child.full_name"'
            starter.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return True
    return False


def judge(label: str, path: Path, code: int, output: str, tracebacks: int) -> list[str]:
    problems = []
    if tracebacks:
        problems.append(f"{label}: traceback")
    if code not in (0, 1):
        problems.append(f"{label}: exit {code}")
    if code == 1:
        lines = [line for line in output.splitlines() if line.strip()]
        if path.name not in output:
            problems.append(f"{label}: the message does not name the file: {output.strip()!r}")
        if len(lines) > MAX_MESSAGE_LINES:
            problems.append(f"{label}: {len(lines)} lines of output for one failure")
    return problems


def main() -> int:
    work = private_tmp("forms-work")
    tmp = private_tmp("forms")
    env = {**campaign_env(tmp), PASSWORD_ENV: "letmein"}
    rows: list[tuple[str, object]] = []
    problems: list[str] = []
    figures = {"files": 0, "commands": 0, "tracebacks": 0, "exit 0": 0, "exit 1": 0}
    peak = 0.0
    for name, (build, password) in builders().items():
        path = work / f"{name.replace(':', '-')}.pdf"
        build(path)
        figures["files"] += 1
        attempts: list[list[str]] = [[]]
        if password:
            attempts.append(["--password-env", PASSWORD_ENV])
        cells = []
        for extra in attempts:
            starter = work / f"{path.stem}{'-pw' if extra else ''}.map.yaml"
            fields = sendocs(
                "form", "fields", str(path), "--map-out", str(starter), *extra, env=env,
                timeout=120,
            )  # fmt: skip
            named = fields.code == 0 and starter.exists() and name_first_text_field(starter)
            if fields.code != 0 or not starter.exists():
                starter.write_text('"Name": "child.full_name"\n', encoding="utf-8")
            out = work / f"{path.stem}{'-pw' if extra else ''}.filled.pdf"
            fill = sendocs(
                "form", "fill", str(path), str(KAI), "-m", str(starter), "-o", str(out),
                "--date", "2026-11-30", *extra, env=env, timeout=120,
            )  # fmt: skip
            for label, result in (("fields", fields), ("fill", fill)):
                figures["commands"] += 1
                figures["tracebacks"] += result.tracebacks
                if result.code in (0, 1):
                    figures[f"exit {result.code}"] += 1
                peak = max(peak, result.peak_rss_mb)
                problems += judge(
                    f"{name} {label}{' (password)' if extra else ''}",
                    path,
                    result.code,
                    result.output,
                    result.tracebacks,
                )
            if fill.code == 0 and named:
                if not out.exists():
                    problems.append(f"{name}: fill said 0 but wrote nothing")
                else:
                    text = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(out).pages)
                    fields_text = str(pypdf.PdfReader(out).get_fields() or {})
                    if "Kai" not in text + fields_text:
                        problems.append(f"{name}: the filled form does not carry Kai's name")
            elif fill.code != 0 and out.exists():
                problems.append(f"{name}: fill failed but left {out.name}")
            first = (fill.output.strip().splitlines() or [""])[-1]
            cells.append(
                f"fields {fields.code} ({fields.seconds:.1f} s, {fields.peak_rss_mb:.0f} MB), "
                f"fill {fill.code} ({fill.seconds:.1f} s, {fill.peak_rss_mb:.0f} MB)"
                f"{' pw' if extra else ''}: {first[:90]}"
            )
        rows.append((name, " | ".join(cells)))
    left = leftovers(tmp)
    table("form fields / form fill on damaged and hostile PDFs", rows)
    table(
        "totals",
        [
            ("PDFs", figures["files"]),
            ("commands run", figures["commands"]),
            ("exit 0", figures["exit 0"]),
            ("exit 1 (with a message naming the file)", figures["exit 1"]),
            ("tracebacks", figures["tracebacks"]),
            ("problems", len(problems)),
            ("staged files left", len(left)),
            ("largest peak RSS of one command", f"{peak:.0f} MB"),
        ],
    )
    for problem in problems:
        print(f"  {problem}")
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if problems or left or figures["tracebacks"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
