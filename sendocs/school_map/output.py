"""Writing provision maps in the format the file name asks for (.docx or .xlsx),
one map per school.

One entry point for the CLI, the demo and the web app, so none needs to know
which writer handles which suffix, and none can put two schools' pupils in
one document: cases from several schools make one file per school, the
school's name in the file name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sendocs.errors import SendocsError
from sendocs.loading import LoadedCase
from sendocs.models import Case
from sendocs.school_map.aggregate import build_school_map, split_by_school
from sendocs.school_map.docx_writer import write_school_map_docx
from sendocs.school_map.model import SchoolProvisionMap
from sendocs.school_map.xlsx_writer import write_school_map_xlsx

__all__ = ["build_school_maps", "school_map_path", "write_school_map"]


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
    if suffix not in (".docx", ".xlsx"):
        raise SendocsError(f"{path}: the output must end in .docx (Word) or .xlsx (Excel)")
    if suffix == ".docx":
        return write_school_map_docx(school_map, path, force=force, date=date, template=template)
    return write_school_map_xlsx(school_map, path, force=force, date=date)


def build_school_maps(
    cases: Iterable[LoadedCase | Case], **options: Any
) -> list[SchoolProvisionMap]:
    """One map per school the cases are at (schools in the order first met);
    ``options`` as for :func:`~sendocs.school_map.aggregate.build_school_map`."""
    return [build_school_map(group, **options) for group in split_by_school(list(cases))]


def school_map_path(output: str | Path, school_map: SchoolProvisionMap, several: bool) -> Path:
    """``output`` itself for a single school; with several, the school's name is added
    before the suffix (``map.xlsx`` → ``map_Westbury_Academy.xlsx``)."""
    from sendocs.documents.filenames import safe_filename_part

    path = Path(output)
    if not several:
        return path
    part = safe_filename_part(school_map.school_name, fallback="school")
    return path.with_name(f"{path.stem}_{part}{path.suffix}")
