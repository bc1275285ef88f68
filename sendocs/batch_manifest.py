"""The batch manifest (``manifest.csv``): what was made from what, written as the run goes.

Why progressive: a batch killed half-way used to leave no manifest, so a
rerun could not tell finished documents from missing ones and called them all
failed. Now the manifest is started before the first document is published
and a line is appended (and flushed) for each document *before* it is moved
into place; at the end it is rewritten whole, in input order. A killed run
therefore leaves a manifest naming every document it may have made — and
``--resume`` trusts a line only if its file exists.

Columns: the source (file, sheet, row), UPN, kind, output path (relative to
the output folder), format, SHA-256 of the validated input and of the
template, status, number of warnings and the error. Status is ``rendered``
(made by this run), ``unchanged`` (made by an earlier run from the same input
and template, kept by ``--resume``), ``failed`` or ``interrupted`` (the run
stopped before this row was made).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from sendocs.errors import Location, SendocsError
from sendocs.files import atomic_output, atomic_write_bytes
from sendocs.spreadsheet_cells import csv_escape, csv_unescape

__all__ = [
    "MADE_STATUSES",
    "MANIFEST_COLUMNS",
    "MANIFEST_NAME",
    "ManifestJournal",
    "ManifestRow",
    "PreviousOutput",
    "manifest_bytes",
    "read_previous",
    "relative_path",
    "row_status",
    "write_zip",
]

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = (
    "source_file",
    "source_sheet",
    "source_row",
    "upn",
    "kind",
    "output",
    "format",
    "input_sha256",
    "template",
    "template_sha256",
    "status",
    "warnings",
    "error",
)
MADE_STATUSES = frozenset({"rendered", "unchanged"})
_BOM = "\ufeff"  # Excel opens UTF-8 with a BOM correctly


class ManifestRow(Protocol):
    """What the manifest needs to know about one input row (a batch's ``BatchRow``)."""

    @property
    def source(self) -> str: ...
    @property
    def location(self) -> Location: ...
    @property
    def upn(self) -> str | None: ...
    @property
    def outputs(self) -> Sequence[Path]: ...
    @property
    def warnings(self) -> Sequence[object]: ...  # only counted
    @property
    def error(self) -> SendocsError | None: ...
    @property
    def input_sha256(self) -> str | None: ...
    @property
    def unchanged(self) -> bool: ...


def row_status(row: ManifestRow) -> str:
    """``failed``, ``unchanged``, ``rendered``, or ``interrupted`` (nothing made yet)."""
    if row.error is not None:
        return "failed"
    if row.unchanged:
        return "unchanged"
    return "rendered" if row.outputs else "interrupted"


@dataclass(frozen=True)
class _RunInfo:
    kind: str
    output_dir: Path
    template: Path
    template_sha: str


def _lines(
    row: ManifestRow, run: _RunInfo, outputs: Iterable[Path] | None = None, status: str = ""
) -> list[list[object]]:
    base: list[object] = [
        row.location.file or row.source,
        row.location.sheet or "",
        "" if row.location.row is None else row.location.row,
        row.upn or "",
    ]
    status = status or row_status(row)
    if row.error is not None:
        error = _one_line(row.error)
    elif status == "interrupted":
        error = "the run was interrupted before this document was made"
    else:
        error = ""
    paths: list[Path | None] = list(row.outputs if outputs is None else outputs) or [None]
    return [
        [  # text that would start a formula in Excel is written '=… (OWASP), see csv_escape
            csv_escape(value)
            for value in (
                *base,
                run.kind,
                "" if output is None else relative_path(output, run.output_dir),
                "" if output is None else output.suffix.lstrip("."),
                row.input_sha256 or "",
                run.template.name,
                run.template_sha,
                status,
                len(row.warnings),
                error,
            )
        ]
        for output in paths
    ]


def manifest_bytes(
    rows: Iterable[ManifestRow], kind: str, output_dir: Path, template: Path, template_sha: str
) -> bytes:
    """The whole manifest for ``rows``, in their order."""
    run = _RunInfo(kind, output_dir, template, template_sha)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for row in rows:
        writer.writerows(_lines(row, run))
    return (_BOM + buffer.getvalue()).encode("utf-8")


class ManifestJournal:
    """``manifest.csv`` written as the run goes: started, appended to, then rewritten whole."""

    def __init__(
        self, path: Path, kind: str, output_dir: Path, template: Path, template_sha: str
    ) -> None:
        self.path = path
        self._run = _RunInfo(kind, output_dir, template, template_sha)
        self._handle: IO[str] | None = None
        self._writer: Any = None  # a csv writer

    def begin(self, rows: Iterable[ManifestRow]) -> None:
        """Replace any earlier manifest with one listing ``rows`` (those already decided)."""
        data = manifest_bytes(rows, *self._fields())
        atomic_write_bytes(self.path, data, force=True)
        self._handle = self.path.open("a", encoding="utf-8", newline="")
        self._writer = csv.writer(self._handle, lineterminator="\r\n")

    def record(self, row: ManifestRow, outputs: Iterable[Path]) -> None:
        """Note that ``outputs`` of ``row`` are about to be published (call before moving)."""
        if self._writer is None or self._handle is None:
            return
        self._writer.writerows(_lines(row, self._run, outputs, status="rendered"))
        self._handle.flush()

    def finish(self, rows: Iterable[ManifestRow]) -> None:
        """Rewrite the manifest whole: every row, in input order, with its final status."""
        self.close()
        atomic_write_bytes(self.path, manifest_bytes(rows, *self._fields()), force=True)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._handle = self._writer = None

    def _fields(self) -> tuple[str, Path, Path, str]:
        run = self._run
        return run.kind, run.output_dir, run.template, run.template_sha


@dataclass(frozen=True)
class PreviousOutput:
    """One document an earlier run recorded in the manifest."""

    path: Path
    kind: str
    input_sha256: str
    template_sha256: str
    status: str

    def made_from(self, kind: str, input_sha: str, template_sha: str) -> bool:
        """Whether this document was made from exactly this input and template."""
        return (
            self.status in MADE_STATUSES
            and self.kind == kind
            and self.input_sha256 == input_sha
            and self.template_sha256 == template_sha
        )


def read_previous(path: Path, output_dir: Path) -> dict[Path, PreviousOutput]:
    """The documents an earlier manifest records, by path; the last line for a path wins.

    Tolerates a manifest cut short by a killed run (a partial last line is
    ignored) and returns nothing for a manifest that cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[Path, PreviousOutput] = {}
    complete = text if text.endswith("\n") else text[: text.rfind("\n") + 1]
    try:
        for record in csv.DictReader(io.StringIO(complete, newline="")):
            output = csv_unescape(record.get("output") or "")
            if not output or None in record or len(record) != len(MANIFEST_COLUMNS):
                continue
            target = output_dir / output
            found[target] = PreviousOutput(
                target,
                record["kind"],
                record["input_sha256"],
                record["template_sha256"],
                record["status"],
            )
    except csv.Error:
        return found
    return found


def _one_line(error: SendocsError) -> str:
    problems = getattr(error, "problems", None)
    if problems:
        return "; ".join(str(p) for p in problems)
    return " ".join(str(error).split())


def relative_path(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def write_zip(
    target: Path, outputs: Iterable[Path], output_dir: Path, manifest: Path, force: bool
) -> Path:
    """Every output and the manifest in one zip (paths as in the manifest), written atomically."""
    with (
        atomic_output(target, force) as tmp,
        zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for path in outputs:
            archive.write(path, relative_path(path, output_dir))
        archive.write(manifest, MANIFEST_NAME)
    return target
