"""The command line starts without importing what its command does not use.

Importing the whole API when ``sendocs`` starts cost every command, even
``--help``, about two CPU seconds (reportlab, pypdf, python-docx, the web
app). These tests check which modules a fresh interpreter has loaded, not
timings, so they hold on a loaded machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "pypdf", "docx", "docxtpl", "jinja2", "openpyxl", "sendocs.api")


def _modules_after(*argv: str) -> set[str]:
    """The top-level modules and sendocs modules loaded by ``sendocs ARGV`` in a fresh process."""
    script = (
        "import json, sys\n"
        "from sendocs.cli import main\n"
        "try:\n"
        f"    main({list(argv)!r}, prog_name='sendocs')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stderr.splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_help_imports_no_document_or_pdf_library() -> None:
    modules = _modules_after("--help")
    assert _heavy(modules) == []
    assert "pydantic" not in modules
    assert "sendocs.models" not in modules


def test_validate_imports_the_case_models_only() -> None:
    modules = _modules_after("validate", "fixtures/cases/kai-thompson.yaml")
    assert "sendocs.models" in modules
    assert _heavy(modules) == []
    assert "sendocs.roster" not in modules  # a case file, not a roster


def test_import_sendocs_is_lazy_but_complete() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, sendocs; print('sendocs.api' in sys.modules); "
            "print(sendocs.render_batch.__module__); print('sendocs.api' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["False", "sendocs.batch", "False"]


def test_values_written_out_for_start_up_match_their_source() -> None:
    from sendocs import api
    from sendocs.bundle.spec import Numbering
    from sendocs.cli import DEMO_DATE
    from sendocs.cli.bundle import NUMBERING_CHOICES

    assert DEMO_DATE == api.DEMO_DATE
    assert tuple(n.value for n in Numbering) == NUMBERING_CHOICES
