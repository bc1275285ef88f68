"""A web case as a case file: the answers are kept as the same YAML the CLI reads.

Validation goes through :func:`sendocs.load_case`, exactly as ``sendocs
validate`` does, so a case the app accepts is one the CLI accepts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from sendocs import LoadedCase, load_case
from sendocs.files import atomic_write_bytes

__all__ = ["CASE_FILE", "dump_case", "load_draft", "save_draft", "validate_draft"]

CASE_FILE = "case.yaml"
_HEADER = (
    "# A sendocs case file, saved by `sendocs serve`. Open it again in the app to carry on,\n"
    "# or use it with the command line: sendocs validate / sendocs render.\n"
)


def new_draft() -> dict[str, Any]:
    return {"schema_version": 1, "assessment_request": {"requester": "parent"}}


def dump_case(data: dict[str, Any]) -> str:
    return _HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)


def load_draft(folder: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load((folder / CASE_FILE).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return new_draft()
    return data if isinstance(data, dict) else new_draft()


def save_draft(folder: Path, data: dict[str, Any]) -> None:
    atomic_write_bytes(folder / CASE_FILE, dump_case(data).encode("utf-8"), force=True)


def validate_draft(folder: Path, today: dt.date | None = None) -> LoadedCase:
    """Load the saved case through sendocs' own loader (raises CaseDataError)."""
    return load_case(folder / CASE_FILE, today=today)


def child_label(data: dict[str, Any]) -> str:
    child = data.get("child") if isinstance(data.get("child"), dict) else {}
    assert isinstance(child, dict)
    name = " ".join(str(child[k]) for k in ("legal_forename", "legal_surname") if child.get(k))
    return name or "New case"
