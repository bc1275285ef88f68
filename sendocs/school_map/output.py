"""Writing a provision map in the format its file name asks for (.docx or .xlsx).

One entry point for the CLI and the API, so neither needs to know which
writer handles which suffix.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sendocs.errors import SendocsError
from sendocs.school_map.docx_writer import write_school_map_docx
from sendocs.school_map.model import SchoolProvisionMap
from sendocs.school_map.xlsx_writer import write_school_map_xlsx

__all__ = ["write_school_map"]


def write_school_map(
    school_map: SchoolProvisionMap,
    output: str | Path,
    *,
    force: bool = False,
    date: dt.date | None = None,
    template: Path | None = None,
) -> Path:
    """Write the map as .docx or .xlsx, chosen by ``output``'s suffix."""
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return write_school_map_docx(school_map, path, force=force, date=date, template=template)
    if suffix == ".xlsx":
        return write_school_map_xlsx(school_map, path, force=force, date=date)
    raise SendocsError(f"{path}: the output must end in .docx (Word) or .xlsx (Excel)")
