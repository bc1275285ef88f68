"""Rendering one document kind for many pupils at once: a termly run for a school.

The parent process reads the inputs (a roster or a folder of case files) and
validates every row; worker processes render. Each worker is started once
with a :class:`~sendocs.render.docx.DocxRenderer` of its own, so the template
is read and compiled once per worker, not once per document, and rows are
handed out in chunks so the cost of talking to a worker is paid rarely.
Workers write their documents themselves and send back only small results
(the path, the input hash, or the error), so nothing large crosses processes.

A bad row never stops the others: it is reported with its file, sheet, row
and column, the rest are rendered, and the run ends with a manifest
(``manifest.csv``) listing every output with hashes of its input data and its
template, so a school can show what was produced from what.

PDFs are made after all the Word documents, by one converter for the whole
run (LibreOffice starts once), in chunks.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from sendocs.dates import TermCalendar
from sendocs.documents import DocumentKind, RenderOptions, get_kind, with_recipient
from sendocs.errors import (
    CaseDataError,
    ConversionError,
    Location,
    Problem,
    SendocsError,
)
from sendocs.files import atomic_output, atomic_write_bytes, check_can_write
from sendocs.loading import CASE_SUFFIXES, LoadedCase, load_case
from sendocs.roster import (
    ROSTER_SUFFIXES,
    ColumnMap,
    SchoolSettings,
    load_school_settings,
    read_roster,
)

__all__ = [
    "MANIFEST_NAME",
    "BatchItem",
    "BatchReport",
    "BatchRow",
    "ProgressCallback",
    "case_sha256",
    "read_batch_inputs",
    "render_batch",
]

logger = logging.getLogger(__name__)

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
Format = Literal["docx", "pdf", "both"]
ProgressCallback = Callable[[str, int, int], None]
"""Called as ``progress(phase, done, total)``; phase is ``"render"`` or ``"convert"``."""

PDF_CHUNK = 25  # documents per converter call: big enough to amortise, small to isolate failures


@dataclass
class BatchItem:
    """One input to a batch: a validated case, or the error that stopped it being read."""

    index: int
    source: str
    location: Location
    upn: str | None = None
    loaded: LoadedCase | None = None
    error: SendocsError | None = None


@dataclass
class BatchRow:
    """What happened to one input row."""

    source: str
    location: Location
    upn: str | None
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error: SendocsError | None = None
    input_sha256: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BatchReport:
    """The result of :func:`render_batch`: every row, the manifest and the zip."""

    kind: str
    output_dir: Path
    rows: list[BatchRow]
    manifest: Path
    template: Path
    template_sha256: str
    file_warnings: list[Problem] = field(default_factory=list)
    zip_path: Path | None = None

    @property
    def rendered(self) -> list[BatchRow]:
        return [r for r in self.rows if r.ok]

    @property
    def failed(self) -> list[BatchRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def with_warnings(self) -> list[BatchRow]:
        return [r for r in self.rows if r.ok and r.warnings]

    @property
    def outputs(self) -> list[Path]:
        return [p for r in self.rows for p in r.outputs]

    @property
    def exit_code(self) -> int:
        """0 if every row was rendered, 1 if any failed."""
        return 1 if self.failed else 0


# -- inputs ---------------------------------------------------------------------------------


def read_batch_inputs(
    inputs: str | Path | Sequence[str | Path],
    *,
    column_map: ColumnMap | None = None,
    settings: SchoolSettings | None = None,
    set_review_dates: bool = True,
    review_calendar: TermCalendar | None = None,
    options: RenderOptions | None = None,
) -> tuple[list[BatchItem], list[Problem]]:
    """Read rosters (.csv/.xlsx), case files and folders of case files into batch items.

    Returns the items in input order and warnings about whole files. A problem
    with a whole roster (a required column missing) raises
    :class:`~sendocs.errors.RosterError`; problems with single rows and files
    become failed items.
    """
    options = options or RenderOptions()
    paths = [Path(inputs)] if isinstance(inputs, str | Path) else [Path(p) for p in inputs]
    items: list[BatchItem] = []
    warnings: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files = sorted(
                f for f in path.iterdir() if f.is_file() and f.suffix.lower() in CASE_SUFFIXES
            )
            if not files:
                raise CaseDataError(f"{path}: no case files (.yaml, .yml or .json) in this folder")
            for file in files:
                items.append(_case_file_item(len(items), file, options))
        elif path.suffix.lower() in ROSTER_SUFFIXES:
            roster = read_roster(
                path,
                column_map=column_map,
                settings=settings,
                set_review_dates=set_review_dates,
                review_calendar=review_calendar,
                plan_start=options.date,
                today=options.date,
            )
            warnings += roster.warnings
            for row in roster.rows:
                items.append(
                    BatchItem(len(items), row.source, row.location, row.upn, row.loaded, row.error)
                )
        elif path.suffix.lower() in CASE_SUFFIXES:
            items.append(_case_file_item(len(items), path, options))
        elif not path.exists():
            raise CaseDataError(f"{path}: no such file or folder")
        else:
            raise CaseDataError(
                f"{path}: not a roster (.csv, .xlsx), a case file (.yaml, .json) or a folder"
            )
    _fail_shared_upns(items)
    return items, warnings


def _fail_shared_upns(items: list[BatchItem]) -> None:
    """One UPN, one child: inputs that read well but share a UPN all fail, naming each other.

    Two case files (or a case file and a roster row) with one UPN are one child
    twice or two children confused; neither document can be trusted to be about
    the right child, so neither is made. (Rows of one roster are checked as it
    is read.)
    """
    by_upn: dict[str, list[BatchItem]] = {}
    for item in items:
        if item.loaded is not None and item.upn:
            by_upn.setdefault(item.upn.strip().upper(), []).append(item)
    for upn, sharing in by_upn.items():
        if len(sharing) < 2:
            continue
        names = [str(i.location) for i in sharing]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        neither = "neither" if len(sharing) == 2 else "none"
        for item in sharing:
            others = " and ".join(n for n in names if n != str(item.location))
            item.error = CaseDataError(
                f"{item.source}: UPN {upn} is also in {others}",
                [
                    Problem(
                        Location(
                            file=item.location.file,
                            sheet=item.location.sheet,
                            row=item.location.row,
                            field=None if item.location.row is not None else "child.upn",
                        ),
                        f"{listed} share UPN {upn}; {neither} was rendered so that no child "
                        "gets another's document; give each pupil their own UPN",
                    )
                ],
            )
            item.loaded = None


def _case_file_item(index: int, path: Path, options: RenderOptions) -> BatchItem:
    location = Location(file=str(path))
    try:
        loaded = load_case(path, today=options.date)
    except CaseDataError as exc:
        return BatchItem(index, str(path), location, error=exc)
    return BatchItem(index, str(path), location, loaded.case.child.upn, loaded)


# -- hashing --------------------------------------------------------------------------------


def case_sha256(loaded: LoadedCase) -> str:
    """SHA-256 of the validated case as canonical JSON (sorted keys, no spaces).

    The same data gives the same hash whatever file format or column order it
    came from, so a manifest shows whether a pupil's input changed between runs.
    """
    text = json.dumps(
        loaded.case.model_dump(),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=_canonical_value,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical_value(value: Any) -> str:
    """18.5 and 18.50 are the same cost: numbers are written normalised."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text if "." not in text else text.rstrip("0").rstrip(".")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    raise TypeError(f"cannot hash a {type(value).__name__}")


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- workers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WorkerConfig:
    kind: str
    options: RenderOptions
    output_dir: Path
    force: bool


@dataclass(frozen=True)
class _Task:
    index: int
    loaded: LoadedCase
    filename: str


@dataclass(frozen=True)
class _TaskResult:
    index: int
    path: Path | None
    input_sha256: str | None
    error: SendocsError | None
    extra_paths: tuple[Path, ...] = ()
    """Further files for the same row: a letter's other recipients' copies."""


class _Worker:
    """Renders rows with one renderer: the template is read and compiled once."""

    def __init__(self, config: _WorkerConfig) -> None:
        from sendocs.render.fast_docx import make_renderer

        self.config = config
        self.kind = get_kind(config.kind)
        self.template = self.kind.template_path(config.options)
        self.renderer = make_renderer(config.options.locale)

    def render(self, task: _Task) -> _TaskResult:
        input_sha = None
        try:
            input_sha = case_sha256(task.loaded)
            case = task.loaded.case
            options = self.config.options
            reasons = self.kind.check(case, options)
            if reasons:
                raise CaseDataError(
                    f"{task.loaded.source}: cannot make a {self.kind.title} for this pupil",
                    [Problem(Location(file=task.loaded.source), r) for r in reasons],
                )
            paths = []
            for copy in self.kind.copies(case, options):  # one per letter recipient
                context = self.kind.build_context(case, copy.options)
                data = self.renderer.render_bytes(self.template, context)
                path = self.config.output_dir / with_recipient(task.filename, copy.label)
                atomic_write_bytes(path, data, force=self.config.force)
                paths.append(path)
            return _TaskResult(task.index, paths[0], input_sha, None, tuple(paths[1:]))
        except SendocsError as exc:
            return _TaskResult(task.index, None, input_sha, exc)
        except Exception as exc:  # a bug: report it on the row, keep the batch going
            logger.debug("unexpected error rendering row %s", task.index, exc_info=True)
            error = SendocsError(
                f"unexpected error ({type(exc).__name__}); this is a bug in sendocs, please "
                "report it (run with --debug for details)"
            )
            return _TaskResult(task.index, None, input_sha, error)


_WORKER: _Worker | None = None


def _init_worker(config: _WorkerConfig) -> None:
    global _WORKER
    _WORKER = _Worker(config)


def _render_in_worker(task: _Task) -> _TaskResult:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.render(task)


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it (workers start in milliseconds, modules already
    imported); spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _run_tasks(config: _WorkerConfig, tasks: list[_Task], jobs: int) -> Iterator[_TaskResult]:
    if jobs <= 1 or len(tasks) <= 1:
        worker = _Worker(config)
        for task in tasks:
            yield worker.render(task)
        return
    jobs = min(jobs, len(tasks))
    chunksize = max(1, min(32, len(tasks) // (jobs * 4)))
    with _pool_context().Pool(jobs, initializer=_init_worker, initargs=(config,)) as pool:
        yield from pool.imap_unordered(_render_in_worker, tasks, chunksize=chunksize)


# -- the batch ------------------------------------------------------------------------------


def _unique_filenames(
    kind: DocumentKind, items: Iterable[BatchItem], options: RenderOptions
) -> dict[int, str]:
    """File names per item, unique in the run: two pupils with the same name and date
    (or long names that are the same once cut to length) get their UPN (or a number)
    added, so one never overwrites the other. Room is kept for a letter's
    recipient, added by the worker."""
    from sendocs.documents.base import recipient_part

    names: dict[int, str] = {}
    taken: set[str] = set()
    for item in items:
        assert item.loaded is not None
        case = item.loaded.case
        labels = [copy.label for copy in kind.copies(case, options) if copy.label]
        reserve = max(
            (len(recipient_part(label).encode("utf-8")) + 1 for label in labels), default=0
        )
        name = kind.filename(case, options, reserve=reserve)
        extra = item.upn or str(item.index + 1)
        counter = 1
        while name.casefold() in taken:
            tag = extra if counter == 1 else f"{extra}-{counter}"
            name = kind.filename(case, options, tag=tag, reserve=reserve)
            counter += 1
        taken.add(name.casefold())
        names[item.index] = name
    return names


def render_batch(
    kind: str | DocumentKind,
    inputs: str | Path | Sequence[str | Path] | Sequence[BatchItem],
    output_dir: str | Path,
    *,
    options: RenderOptions | None = None,
    jobs: int | None = None,
    force: bool = False,
    fmt: Format = "docx",
    zip_path: str | Path | None = None,
    progress: ProgressCallback | None = None,
    column_map: ColumnMap | None = None,
    school: SchoolSettings | str | Path | None = None,
    set_review_dates: bool = True,
    term_calendar: TermCalendar | None = None,
    converter: Any = None,
    pdfa: bool = False,
) -> BatchReport:
    """Render ``kind`` for every pupil in ``inputs`` into ``output_dir``.

    ``inputs``: a roster (.csv / .xlsx, read through ``column_map`` with the
    ``school`` settings), a case file, a folder of case files, or items from
    :func:`read_batch_inputs`. ``jobs``: worker processes (default: all
    cores; 1 renders in this process). ``fmt``: ``docx``, ``pdf`` or ``both``
    (PDFs through one ``converter`` for the run, default LibreOffice).
    ``set_review_dates``: a blank review date in a roster becomes the next
    termly review after the plan start, from ``term_calendar`` (default: the
    shipped example calendar), never in a holiday.

    Rows that fail are reported in the result (and the manifest) and do not stop
    the others; check :attr:`BatchReport.exit_code`. Raises only for problems
    with the whole run (an unreadable roster, an existing manifest without
    ``force``, a missing template).
    """
    doc_kind = kind if isinstance(kind, DocumentKind) else get_kind(kind)
    options = options or RenderOptions()
    output_dir = Path(output_dir)
    if fmt not in ("docx", "pdf", "both"):
        raise SendocsError(f"unknown format {fmt!r}: use docx, pdf or both")
    manifest = output_dir / MANIFEST_NAME
    check_can_write(manifest, force)
    zip_target = Path(zip_path) if zip_path is not None else None
    if zip_target is not None:
        check_can_write(zip_target, force)
    template = doc_kind.template_path(options)
    if not template.is_file():
        from sendocs.errors import TemplateError

        raise TemplateError("template not found", str(template))
    template_sha = _file_sha256(template)

    file_warnings: list[Problem] = []
    if inputs and isinstance(inputs, Sequence) and isinstance(inputs[0], BatchItem):
        items = [i for i in inputs if isinstance(i, BatchItem)]
    else:
        settings = load_school_settings(school) if isinstance(school, str | Path) else school
        items, file_warnings = read_batch_inputs(
            inputs,  # type: ignore[arg-type]
            column_map=column_map,
            settings=settings,
            set_review_dates=set_review_dates,
            review_calendar=term_calendar,
            options=options,
        )

    rows = {
        item.index: BatchRow(
            item.source,
            item.location,
            item.upn,
            warnings=list(item.loaded.warnings) if item.loaded else [],
            error=item.error,
        )
        for item in items
    }
    good = [item for item in items if item.loaded is not None]
    names = _unique_filenames(doc_kind, good, options)
    total = len(items)
    done = total - len(good)
    if progress and done:
        progress("render", done, total)

    output_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        docx_dir = output_dir
        if fmt == "pdf":
            docx_dir = Path(tempfile.mkdtemp(prefix=".sendocs-docx-", dir=output_dir))
            stack.callback(shutil.rmtree, docx_dir, ignore_errors=True)
        config = _WorkerConfig(doc_kind.name, options, docx_dir, force or fmt == "pdf")
        tasks = [_Task(i.index, i.loaded, names[i.index]) for i in good if i.loaded]
        for result in _run_tasks(config, tasks, jobs or _default_jobs()):
            row = rows[result.index]
            row.input_sha256 = result.input_sha256
            if result.error is not None:
                row.error = result.error
            elif result.path is not None:
                row.outputs.append(result.path)
                row.outputs.extend(result.extra_paths)
            done += 1
            if progress:
                progress("render", done, total)
        if fmt in ("pdf", "both"):
            _convert_all(
                [r for r in rows.values() if r.ok and r.outputs],
                output_dir,
                force,
                converter,
                pdfa,
                keep_docx=fmt == "both",
                progress=progress,
            )

    ordered = [rows[i] for i in sorted(rows)]
    manifest_bytes = _manifest(ordered, doc_kind.name, output_dir, template, template_sha)
    atomic_write_bytes(manifest, manifest_bytes, force=force)
    report = BatchReport(
        doc_kind.name, output_dir, ordered, manifest, template, template_sha, file_warnings
    )
    if zip_target is not None:
        report.zip_path = _write_zip(zip_target, report, force)
    return report


# -- pdf --------------------------------------------------------------------------------------


def _convert_all(
    rows: list[BatchRow],
    output_dir: Path,
    force: bool,
    converter: Any,
    pdfa: bool,
    *,
    keep_docx: bool,
    progress: ProgressCallback | None,
) -> None:
    """Convert every rendered DOCX with one converter, in chunks; a chunk that fails is
    retried one document at a time so only the bad document's row fails."""
    if not rows:
        return
    if converter is None:
        from sendocs.render.convert import default_converter

        converter = default_converter()
    staging = Path(tempfile.mkdtemp(prefix=".sendocs-pdf-", dir=output_dir))
    done = 0
    try:
        with converter as conv:
            for start in range(0, len(rows), PDF_CHUNK):
                chunk = rows[start : start + PDF_CHUNK]
                sources = [r.outputs[-1] for r in chunk]
                try:
                    produced = conv.convert(sources, staging, pdfa=pdfa)
                    pairs = list(zip(chunk, produced, strict=True))
                except ConversionError:
                    pairs = []
                    for row, source in zip(chunk, sources, strict=True):
                        try:
                            (pdf,) = conv.convert([source], staging, pdfa=pdfa)
                            pairs.append((row, pdf))
                        except ConversionError as exc:
                            row.error = exc
                for row, pdf in pairs:
                    _publish_pdf(row, pdf, output_dir, force, keep_docx)
                done += len(chunk)
                if progress:
                    progress("convert", done, len(rows))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish_pdf(row: BatchRow, pdf: Path, output_dir: Path, force: bool, keep_docx: bool) -> None:
    docx = row.outputs[-1]
    target = output_dir / (docx.stem + ".pdf")
    try:
        check_can_write(target, force)
        os.replace(pdf, target)
    except SendocsError as exc:
        row.error = exc
        return
    if keep_docx:
        row.outputs.append(target)
    else:
        row.outputs = [target]


# -- manifest and zip -------------------------------------------------------------------------


def _manifest(
    rows: list[BatchRow], kind: str, output_dir: Path, template: Path, template_sha: str
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for row in rows:
        base = [
            row.location.file or row.source,
            row.location.sheet or "",
            "" if row.location.row is None else row.location.row,
            row.upn or "",
        ]
        status = "failed" if row.error else "rendered"
        error = "" if row.error is None else _one_line(row.error)
        outputs: list[Path | None] = list(row.outputs) or [None]
        for output in outputs:
            writer.writerow(
                [
                    *base,
                    kind,
                    "" if output is None else _relative(output, output_dir),
                    "" if output is None else output.suffix.lstrip("."),
                    row.input_sha256 or "",
                    template.name,
                    template_sha,
                    status,
                    len(row.warnings),
                    error,
                ]
            )
    return buffer.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 with a BOM correctly


def _one_line(error: SendocsError) -> str:
    problems = getattr(error, "problems", None)
    if problems:
        return "; ".join(str(p) for p in problems)
    return " ".join(str(error).split())


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def _write_zip(target: Path, report: BatchReport, force: bool) -> Path:
    """Every output and the manifest in one zip, written atomically."""
    with (
        atomic_output(target, force) as tmp,
        zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for path in report.outputs:
            archive.write(path, _relative(path, report.output_dir))
        archive.write(report.manifest, MANIFEST_NAME)
    return target
