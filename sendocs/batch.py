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

Nothing is staged where the user looks: workers write into a private staging
folder (:mod:`sendocs.staging`) and the parent moves each finished document
into the output folder with :func:`~sendocs.files.publish_file`, noting it in
the manifest first (:mod:`sendocs.batch_manifest`). One batch at a time per
output folder (:mod:`sendocs.batch_lock`). ``resume`` keeps documents an
earlier run made from the same input and template.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import multiprocessing
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from sendocs.batch_lock import output_lock
from sendocs.batch_manifest import (
    MANIFEST_COLUMNS,
    MANIFEST_NAME,
    ManifestJournal,
    PreviousOutput,
    read_previous,
    relative_path,
)
from sendocs.dates import TermCalendar
from sendocs.documents import DocumentKind, RenderOptions, get_kind, with_recipient
from sendocs.errors import (
    CaseDataError,
    ConversionError,
    Location,
    OutputExistsError,
    Problem,
    SendocsError,
)
from sendocs.files import atomic_output, atomic_write_bytes, check_can_write, publish_file
from sendocs.loading import CASE_SUFFIXES, LoadedCase, load_case
from sendocs.roster import (
    ROSTER_SUFFIXES,
    ColumnMap,
    SchoolSettings,
    load_school_settings,
    read_roster,
)
from sendocs.staging import staging_dir, sweep

__all__ = [
    "MANIFEST_COLUMNS",
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
    unchanged: bool = False
    """Made by an earlier run from the same input and template, and kept (``resume``)."""

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
    def unchanged(self) -> list[BatchRow]:
        """Rows whose documents an earlier run made and ``resume`` kept."""
        return [r for r in self.rows if r.ok and r.unchanged]

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
    resume: bool = False,
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

    ``resume``: keep every document the manifest of an earlier run says was
    made from the same input and template (and that still exists), make the
    rest, and write one manifest of the whole run. ``force``: replace
    documents, manifest and zip of an earlier run. With neither, an output
    folder holding an earlier run's documents is refused before any work.

    Rows that fail are reported in the result (and the manifest) and do not stop
    the others; check :attr:`BatchReport.exit_code`. Raises only for problems
    with the whole run (an unreadable roster, earlier documents without
    ``resume`` or ``force``, another batch writing to the same folder, a
    missing template).
    """
    doc_kind = kind if isinstance(kind, DocumentKind) else get_kind(kind)
    options = options or RenderOptions()
    output_dir = Path(output_dir)
    if fmt not in ("docx", "pdf", "both"):
        raise SendocsError(f"unknown format {fmt!r}: use docx, pdf or both")
    manifest = output_dir / MANIFEST_NAME
    zip_target = Path(zip_path) if zip_path is not None else None
    if zip_target is not None:
        check_can_write(zip_target, force or resume)  # resume rewrites the run's zip
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

    output_dir.mkdir(parents=True, exist_ok=True)
    with output_lock(output_dir):
        sweep(output_dir)
        previous = read_previous(manifest, output_dir) if manifest.exists() else {}
        if not (force or resume):
            _refuse_earlier_run(output_dir, manifest, previous, names.values(), fmt)
        run = _Run(doc_kind.name, template_sha, fmt, previous)
        todo = [i for i in good if not (resume and run.keep_earlier(i, rows[i.index]))]
        journal = ManifestJournal(manifest, doc_kind.name, output_dir, template, template_sha)
        journal.begin(rows[i] for i in sorted(rows) if rows[i].unchanged or rows[i].error)
        publisher = _Publisher(output_dir, force, journal, run.replaceable)
        try:
            with staging_dir("docx") as staging:
                to_convert = _make_documents(
                    doc_kind,
                    options,
                    todo,
                    names,
                    rows,
                    publisher,
                    staging,
                    jobs,
                    fmt,
                    progress,
                    total=len(items),
                )
                if fmt in ("pdf", "both"):
                    _convert_all(to_convert, publisher, converter, pdfa, progress)
        finally:
            journal.finish([rows[i] for i in sorted(rows)])  # also when interrupted

    ordered = [rows[i] for i in sorted(rows)]
    report = BatchReport(
        doc_kind.name, output_dir, ordered, manifest, template, template_sha, file_warnings
    )
    if zip_target is not None:
        report.zip_path = _write_zip(zip_target, report, force or resume)
    return report


# -- earlier runs -----------------------------------------------------------------------------


_SUFFIXES: dict[str, tuple[str, ...]] = {
    "docx": (".docx",),
    "pdf": (".pdf",),
    "both": (".docx", ".pdf"),
}


def _refuse_earlier_run(
    output_dir: Path,
    manifest: Path,
    previous: dict[Path, PreviousOutput],
    names: Iterable[str],
    fmt: str,
) -> None:
    """Without ``resume`` or ``force``, an earlier run's documents stop the run before any work,
    rather than failing every row it had finished."""
    planned = {
        output_dir / (name.rsplit(".", 1)[0] + suffix)
        for name in names
        for suffix in _SUFFIXES[fmt]
    }
    existing = {p for p in planned | set(previous) if p.is_file()}
    if existing:
        count = len(existing)
        documents = f"{count} documents already exist" if count > 1 else "1 document already exists"
        raise OutputExistsError(
            f"{documents} in {output_dir} (from an earlier run); use --resume to skip them "
            "or --force to replace them"
        )
    if manifest.exists():
        raise OutputExistsError(
            f"{manifest}: already exists (from an earlier run); use --resume to continue "
            "that run or --force to replace it"
        )


@dataclass
class _Run:
    """What this run knows of the earlier one: which documents it may keep or replace."""

    kind: str
    template_sha: str
    fmt: str
    previous: dict[Path, PreviousOutput]
    replaceable: set[Path] = field(default_factory=set)

    def keep_earlier(self, item: BatchItem, row: BatchRow) -> bool:
        """Mark ``row`` unchanged if an earlier run made all its documents from the same
        input and template; otherwise note which earlier files of its own it may replace."""
        assert item.loaded is not None
        sha = case_sha256(item.loaded)
        made = [
            p
            for p in self.previous.values()
            if p.made_from(self.kind, sha, self.template_sha)
            and p.path.suffix in _SUFFIXES[self.fmt]
        ]
        self.replaceable.update(p.path for p in made)
        suffixes = {p.path.suffix for p in made}
        if not made or suffixes != set(_SUFFIXES[self.fmt]):
            return False
        if not all(p.path.is_file() for p in made):
            return False
        row.outputs = [p.path for p in made]
        row.input_sha256 = sha
        row.unchanged = True
        return True


# -- making and publishing --------------------------------------------------------------------


@dataclass
class _Publisher:
    """Moves a row's staged documents into the output folder, noting them in the manifest
    first; the one way a batch's documents reach the user's folder."""

    output_dir: Path
    force: bool
    journal: ManifestJournal
    replaceable: set[Path]

    def publish(self, row: BatchRow, staged: Sequence[Path]) -> None:
        targets = [self.output_dir / path.name for path in staged]
        self.journal.record(row, targets)
        try:
            for source, target in zip(staged, targets, strict=True):
                publish_file(source, target, force=self.force or target in self.replaceable)
                row.outputs.append(target)
        except SendocsError as exc:
            row.error = exc


def _make_documents(
    doc_kind: DocumentKind,
    options: RenderOptions,
    todo: list[BatchItem],
    names: dict[int, str],
    rows: dict[int, BatchRow],
    publisher: _Publisher,
    staging: Path,
    jobs: int | None,
    fmt: Format,
    progress: ProgressCallback | None,
    *,
    total: int,
) -> list[tuple[BatchRow, list[Path]]]:
    """Render ``todo`` in workers into ``staging``; publish the Word documents as they come
    (``docx``, ``both``). Returns each rendered row with the Word files to convert."""
    done = total - len(todo)
    if progress and done:
        progress("render", done, total)
    to_convert: list[tuple[BatchRow, list[Path]]] = []
    config = _WorkerConfig(doc_kind.name, options, staging, True)
    tasks = [_Task(i.index, i.loaded, names[i.index]) for i in todo if i.loaded]
    for result in _run_tasks(config, tasks, jobs or _default_jobs()):
        row = rows[result.index]
        row.input_sha256 = result.input_sha256
        if result.error is not None:
            row.error = result.error
        elif result.path is not None:
            staged = [result.path, *result.extra_paths]
            if fmt != "pdf":
                publisher.publish(row, staged)
                staged = list(row.outputs)
            if row.ok:
                to_convert.append((row, staged))
        done += 1
        if progress:
            progress("render", done, total)
    return to_convert


# -- pdf --------------------------------------------------------------------------------------


def _convert_all(
    jobs: list[tuple[BatchRow, list[Path]]],
    publisher: _Publisher,
    converter: Any,
    pdfa: bool,
    progress: ProgressCallback | None,
) -> None:
    """Convert every rendered Word document with one converter, in chunks, into a private
    staging folder, and publish each PDF; a chunk that fails is retried one document at a
    time so only the bad document's row fails."""
    pairs = [(row, source) for row, sources in jobs for source in sources]
    if not pairs:
        return
    if converter is None:
        from sendocs.render.convert import default_converter

        converter = default_converter()
    done = 0
    with staging_dir("pdf") as staging, converter as conv:
        for start in range(0, len(pairs), PDF_CHUNK):
            chunk = pairs[start : start + PDF_CHUNK]
            for row, pdf in _convert_chunk(conv, chunk, staging, pdfa):
                if row.ok:
                    publisher.publish(row, [pdf])
            done += len(chunk)
            if progress:
                progress("convert", done, len(pairs))


def _convert_chunk(
    conv: Any, chunk: list[tuple[BatchRow, Path]], staging: Path, pdfa: bool
) -> list[tuple[BatchRow, Path]]:
    sources = [source for _, source in chunk]
    try:
        produced = conv.convert(sources, staging, pdfa=pdfa)
        return [(row, pdf) for (row, _), pdf in zip(chunk, produced, strict=True)]
    except ConversionError:
        converted = []
        for row, source in chunk:
            try:
                (pdf,) = conv.convert([source], staging, pdfa=pdfa)
                converted.append((row, pdf))
            except ConversionError as exc:
                row.error = exc
        return converted


# -- zip ------------------------------------------------------------------------------------


def _write_zip(target: Path, report: BatchReport, force: bool) -> Path:
    """Every output and the manifest in one zip, written atomically."""
    with (
        atomic_output(target, force) as tmp,
        zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for path in report.outputs:
            archive.write(path, relative_path(path, report.output_dir))
        archive.write(report.manifest, MANIFEST_NAME)
    return target
