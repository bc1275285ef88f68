"""Rendering one document kind for many pupils at once: a termly run for a school.

The parent process reads the inputs (a roster or a folder of case files) and
validates every row (:mod:`sendocs.batch_inputs`); worker processes
(:mod:`sendocs.batch_pool`) make each row's documents through the one pipeline
every front end uses (:func:`sendocs.pipeline.render_documents`), under names
unique in the run (:mod:`sendocs.batch_names`).

A bad row never stops the others: it is reported with its file, sheet, row
and column, the rest are rendered, and the run ends with a manifest
(``manifest.csv``) listing every output with hashes of its input data and its
template, so a school can show what was produced from what.

PDFs are made by one converter for the whole run (LibreOffice starts once),
started as the run begins and fed in groups while later rows still render
(:mod:`sendocs.batch_pdf`).

Nothing is staged where the user looks: workers write into a private staging
folder (:mod:`sendocs.staging`) and the parent moves each finished document
into the output folder with :func:`~sendocs.files.publish_file`, noting it in
the manifest first (:mod:`sendocs.batch_manifest`). One batch at a time per
output folder (:mod:`sendocs.batch_lock`). ``resume`` keeps documents an
earlier run made from the same input and template.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sendocs.batch_inputs import BatchItem, case_sha256, file_sha256, read_batch_inputs
from sendocs.batch_lock import output_lock
from sendocs.batch_manifest import (
    MANIFEST_COLUMNS,
    MANIFEST_NAME,
    ManifestJournal,
    PreviousOutput,
    read_previous,
    write_zip,
)
from sendocs.batch_names import unique_filenames
from sendocs.batch_pdf import PdfStream
from sendocs.batch_pool import RenderTask, WorkerConfig, default_jobs, run_tasks
from sendocs.dates import TermCalendar
from sendocs.documents import DocumentKind, RenderOptions, get_kind
from sendocs.errors import (
    ConversionError,
    Location,
    OutputExistsError,
    Problem,
    SendocsError,
)
from sendocs.files import check_can_write, publish_file
from sendocs.render.convert import Converter
from sendocs.roster import ColumnMap, SchoolSettings, load_school_settings
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


# -- the batch ------------------------------------------------------------------------------


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
    converter: Converter | None = None,
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
    template_sha = file_sha256(template)

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
    names = unique_filenames(doc_kind, good, options)

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
            with staging_dir("docx") as staging, staging_dir("pdf") as pdf_staging:
                pdfs = None
                if fmt in ("pdf", "both") and todo:
                    pdfs = PdfStream[BatchRow](converter, pdf_staging, pdfa=pdfa)
                with pdfs or contextlib.nullcontext():
                    _make_documents(
                        WorkerConfig(doc_kind.name, options, staging),
                        [RenderTask(i.index, i.loaded, names[i.index]) for i in todo if i.loaded],
                        rows,
                        publisher,
                        pdfs,
                        jobs or default_jobs(),
                        fmt,
                        progress,
                        total=len(items),
                    )
        finally:
            journal.finish([rows[i] for i in sorted(rows)])  # also when interrupted

    ordered = [rows[i] for i in sorted(rows)]
    report = BatchReport(
        doc_kind.name, output_dir, ordered, manifest, template, template_sha, file_warnings
    )
    if zip_target is not None:
        report.zip_path = write_zip(
            zip_target, report.outputs, output_dir, manifest, force or resume
        )
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
    config: WorkerConfig,
    tasks: list[RenderTask],
    rows: dict[int, BatchRow],
    publisher: _Publisher,
    pdfs: PdfStream[BatchRow] | None,
    jobs: int,
    fmt: Format,
    progress: ProgressCallback | None,
    *,
    total: int,
) -> None:
    """Render ``tasks`` in workers into the staging folder; publish the Word documents as
    they come (``docx``, ``both``) and hand each row's Word files to ``pdfs`` (``pdf``,
    ``both``), publishing the PDFs converted so far as rendering goes on."""
    done = total - len(tasks)
    if progress and done:
        progress("render", done, total)
    after_fork = pdfs.start if pdfs is not None else None  # threads only after the fork
    for result in run_tasks(config, tasks, jobs, after_fork=after_fork):
        row = rows[result.index]
        row.input_sha256 = result.input_sha256
        if result.error is not None:
            row.error = result.error
        elif result.paths:
            staged = list(result.paths)
            if fmt != "pdf":
                publisher.publish(row, staged)
                staged = list(row.outputs)
            if pdfs is not None and row.ok:
                for source in staged:
                    pdfs.submit(row, source)
        done += 1
        if progress:
            progress("render", done, total)
        if pdfs is not None:
            _publish_pdfs(pdfs.ready(), publisher)
    if pdfs is not None:
        converted = 0
        for results in _converted(pdfs):
            converted += _publish_pdfs(results, publisher)
            if progress:
                progress("convert", converted, pdfs.submitted)


Converted = list[tuple[BatchRow, Path | ConversionError]]


def _converted(pdfs: PdfStream[BatchRow]) -> Iterable[Converted]:
    """What was converted while rendering, then each later result as it comes."""
    yield pdfs.ready()
    for result in pdfs.finish():
        yield [result]


def _publish_pdfs(results: Converted, publisher: _Publisher) -> int:
    """Publish each converted PDF; a document that failed fails its row."""
    for row, result in results:
        if isinstance(result, ConversionError):
            row.error = row.error or result
        elif row.ok:
            publisher.publish(row, [result])
    return len(results)
