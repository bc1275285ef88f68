"""The public operations; the CLI calls these and nothing else.

Each takes paths or models, returns plain results, and raises only
:class:`~sendocs.errors.SendocsError` subclasses for problems a user can fix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sendocs.documents import DocumentKind, RenderOptions, get_kind, with_recipient
from sendocs.errors import ConversionError, Problem
from sendocs.files import atomic_write_bytes, check_can_write, publish_file
from sendocs.loading import LoadedCase, load_case
from sendocs.models import Case
from sendocs.pipeline import (
    MadeDocument,
    check_applies,
    convert_documents,
    document_filename,
    document_warnings,
    render_documents,
)
from sendocs.render.convert import Converter, open_converter
from sendocs.render.docx import DocxRenderer
from sendocs.render.fast_docx import make_renderer
from sendocs.staging import staging_dir, sweep

if TYPE_CHECKING:
    from sendocs.bundle import BundleReport, BundleSpec

__all__ = [
    "DEMO_DATE",
    "DemoResult",
    "OutputFormat",
    "RenderResult",
    "case_schema",
    "render_document",
    "run_demo",
    "write_schema",
]

OutputFormat = Literal["docx", "pdf", "both"]


@dataclass
class RenderResult:
    """One document made: where it went and what the user should know."""

    kind: str
    path: Path
    source: str
    warnings: list[Problem] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    """Every file written (the .docx and/or the .pdf); ``path`` is the first."""


def _as_loaded(case: Case | LoadedCase | str | Path) -> LoadedCase:
    if isinstance(case, LoadedCase):
        return case
    if isinstance(case, Case):
        return LoadedCase(case=case, source="(case)")
    return load_case(case)


def render_document(
    kind: str | DocumentKind,
    case: Case | LoadedCase | str | Path,
    output_dir: str | Path,
    *,
    options: RenderOptions | None = None,
    force: bool = False,
    renderer: DocxRenderer | None = None,
    fmt: OutputFormat = "docx",
    converter: Converter | None = None,
    pdfa: bool = False,
) -> RenderResult:
    """Render one document of ``kind`` for ``case`` into ``output_dir``.

    ``fmt`` chooses Word (``docx``), PDF through LibreOffice (``pdf``) or both.
    The file name follows the kind's pattern
    (``Surname_Forename_SEN_support_plan_2026-11-23.docx``). Nothing is
    written unless rendering (and conversion) succeeds, and an existing file is
    replaced only with ``force``. For many documents pass one ``converter``
    (or use a batch) so LibreOffice starts once.
    """
    doc_kind = kind if isinstance(kind, DocumentKind) else get_kind(kind)
    loaded = _as_loaded(case)
    options = options or RenderOptions()
    check_applies(doc_kind, loaded, options)
    output_dir = Path(output_dir)
    # A letter is made once per recipient (each at their own address); other kinds once.
    base = document_filename(doc_kind, loaded.case, options)
    suffixes = {"docx": [".docx"], "pdf": [".pdf"], "both": [".docx", ".pdf"]}[fmt]
    for copy in doc_kind.copies(loaded.case, options):
        for suffix in suffixes:  # before any work, so nothing is half-done
            path = output_dir / with_recipient(base, copy.label)
            check_can_write(path.with_suffix(suffix), force)
    made = render_documents(
        doc_kind, loaded, options, renderer or make_renderer(options.locale), filename=base
    )
    written: list[Path] = []
    if fmt in ("pdf", "both"):
        written += _publish_pdfs(made, output_dir, force, converter, pdfa)
    if fmt in ("docx", "both"):
        for document in made:
            written.append(
                atomic_write_bytes(output_dir / document.filename, document.data, force=force)
            )
    order = {Path(document.filename).stem: index for index, document in enumerate(made)}
    written.sort(key=lambda path: (order[path.stem], path.suffix != ".docx"))  # .docx, its .pdf
    return RenderResult(
        kind=doc_kind.name,
        path=written[0],
        source=loaded.source,
        warnings=document_warnings(doc_kind, loaded, options),
        paths=written,
    )


def _publish_pdfs(
    made: list[MadeDocument],
    output_dir: Path,
    force: bool,
    converter: Converter | None,
    pdfa: bool,
) -> list[Path]:
    """Convert rendered Word documents to PDFs in ``output_dir`` through a private staging
    folder (:mod:`sendocs.staging`, outside the output folder); each PDF reaches the
    output folder through :func:`~sendocs.files.publish_file`, as in a batch."""
    output_dir.mkdir(parents=True, exist_ok=True)
    sweep(output_dir)
    published = []
    with contextlib.ExitStack() as stack:
        staging = stack.enter_context(staging_dir("render"))
        sources = []
        for document in made:
            source = staging / document.filename
            source.write_bytes(document.data)
            sources.append(source)
        if converter is None:
            converter = stack.enter_context(open_converter())
        for document, result in zip(
            made, convert_documents(converter, sources, staging / "pdf", pdfa=pdfa), strict=True
        ):
            if isinstance(result, ConversionError):
                raise result
            target = output_dir / Path(document.filename).with_suffix(".pdf").name
            published.append(publish_file(result, target, force=force))
    return published


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case file, generated from the models."""
    schema = Case.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "sendocs case file"
    return schema


def write_schema(path: str | Path, force: bool = False) -> Path:
    """Write the case JSON Schema to ``path`` (atomically)."""
    text = json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n"
    return atomic_write_bytes(path, text.encode("utf-8"), force=force)


@dataclass
class DemoResult:
    """What ``sendocs demo`` made, and what it skipped and why."""

    made: list[RenderResult] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # case, kind, reason
    extras: list[Path] = field(default_factory=list)


DEMO_DATE = dt.date(2026, 11, 23)
"""The day the fictional example cases describe: their letters, deadlines and
reviews read as they would on that day, whenever the demo is run."""


def run_demo(
    output_dir: str | Path,
    *,
    date: dt.date = DEMO_DATE,
    force: bool = False,
    fmt: OutputFormat = "docx",
    converter: Converter | None = None,
) -> DemoResult:
    """Render every document kind for the bundled example cases, a whole-school
    provision map, and Sami Ahmed's appeal bundle.

    The examples tell one story each: a kind is made for the cases it applies to
    (a s.68 letter is not made for a child with an EHC plan), and every kind is
    made for at least one example; a kind no example can make is reported in
    ``skipped``. The example bundle holds the appeal and working document this
    run made for Sami, with his decision letter, plan and reports.
    """
    from sendocs.documents import all_kinds

    output_dir = Path(output_dir)
    result = DemoResult()
    renderer = make_renderer()
    made_kinds: set[str] = set()
    reasons_by_kind: dict[str, str] = {}
    loaded_cases: list[LoadedCase] = []
    with contextlib.ExitStack() as stack:
        if fmt != "docx" and converter is None:
            converter = stack.enter_context(open_converter())
        for case_path in _demo_cases():
            loaded = load_case(case_path, today=date)
            loaded_cases.append(loaded)
            for kind in all_kinds():
                options = _demo_options(kind.name, loaded, date)
                reasons = kind.check(loaded.case, options)
                if reasons:
                    reasons_by_kind.setdefault(kind.name, f"{case_path.name}: {reasons[0]}")
                    continue
                made_kinds.add(kind.name)
                result.made.append(
                    render_document(
                        kind,
                        loaded,
                        output_dir,
                        options=options,
                        force=force,
                        renderer=renderer,
                        fmt=fmt,
                        converter=converter,
                    )
                )
            result.extras += _demo_consent_forms(loaded, output_dir, force, date)
        for kind in all_kinds():
            if kind.name not in made_kinds:
                reason = reasons_by_kind.get(kind.name, "no example case applies")
                result.skipped.append(("every example", kind.name, reason))
        result.extras += _demo_school_map(loaded_cases, output_dir, force, date)
        bundle = _demo_bundle(result, loaded_cases, output_dir, force, converter, date)
        if bundle is not None:
            result.extras.append(bundle)
    return result


def _demo_options(kind_name: str, loaded: LoadedCase, date: dt.date) -> RenderOptions:
    """The demo's options for a document: nothing is dated after the demo's ``date``.

    A follow-up is dated the day the case records it was sent
    (``assessment_request.followed_up_on``), when that is on or before ``date``, and
    asks for the reply date the case records it gave (``follow_up_reply_by``, Jordan's a
    week): the one rule the follow-up itself keeps, so a later letter quoting that date
    quotes what this one said. The letter before claim is then dated ``date``, after
    that reply date, as a parent would send it. A provision map a request encloses is
    dated the request's date, as its enclosure list gives it. Everything else is dated
    ``date``."""
    request = loaded.case.assessment_request
    followed = request.followed_up_on if request else None
    if kind_name == "assessment-follow-up" and followed is not None and followed <= date:
        return RenderOptions(date=followed)
    if kind_name == "provision-map":
        from sendocs.documents.assessment_request import enclosed_map_date

        # the map a request encloses carries the date its enclosure list gives (s19 #11)
        enclosed = enclosed_map_date(loaded.case, RenderOptions(date=date))
        if enclosed is not None and enclosed <= date:
            return RenderOptions(date=enclosed)
    return RenderOptions(date=date)


def _demo_cases() -> list[Path]:
    from sendocs.resources import fixtures_dir

    return sorted((fixtures_dir() / "cases").glob("*.yaml"))


def _demo_consent_forms(
    loaded: LoadedCase, output_dir: Path, force: bool, date: dt.date
) -> list[Path]:
    """The shipped fillable PDF form, filled from the same case: one copy per parent
    who gets their own (separated parents never see each other's details), as
    ``sendocs form fill`` makes them."""
    from sendocs.documents import safe_filename_part
    from sendocs.forms import fill_form, load_map
    from sendocs.forms.consent import consent_form_for, consent_jobs

    form, map_path = consent_form_for(loaded.case, date)  # the pupil's own page from 12
    form_map = load_map(map_path)
    child = loaded.case.child
    filled = output_dir / (
        f"{safe_filename_part(child.legal_surname)}_"
        f"{safe_filename_part(child.legal_forename)}_consent_to_share_information.pdf"
    )
    made = []
    for target, parent, job_form, job_map in consent_jobs(loaded.case, form_map, filled, form):
        fill_form(job_form, loaded.case, job_map, target, force=force, today=date, parent=parent)
        made.append(target)
    return made


def _demo_school_map(
    loaded: list[LoadedCase], output_dir: Path, force: bool, date: dt.date
) -> list[Path]:
    """A whole-school provision map of the example pupils, in Word and Excel: one per
    school, the school's name in the file name (no map holds another school's pupils)."""
    from sendocs.school_map import build_school_maps, school_map_path, write_school_map

    return [
        write_school_map(
            school_map,
            school_map_path(output_dir / f"Whole_school_provision_map{suffix}", school_map, True),
            force=force,
            date=date,
        )
        for school_map in build_school_maps(loaded, on=date)
        for suffix in (".docx", ".xlsx")
    ]


DEMO_BUNDLE_CASE = "sami-ahmed.yaml"
"""The example case whose appeal the example bundle holds."""

DEMO_BUNDLE_MADE = {
    "appeal-form.pdf": "appeal-as-lodged",
    "working-document.pdf": "working-document",
}
"""Which sample in ``fixtures/bundle/bundle.yaml`` the demo replaces with a document it
makes for Sami (by the sample's file name): the notice as lodged and the working document."""


def _demo_bundle(
    result: DemoResult,
    loaded_cases: list[LoadedCase],
    output_dir: Path,
    force: bool,
    converter: Converter | None,
    date: dt.date,
) -> Path | None:
    """Sami's appeal bundle: the sample evidence, with the notice of appeal as lodged
    and the working document this demo makes in place of the specification's samples.

    Section A holds the notice as the demo makes it with kind ``appeal-as-lodged``
    (signed and dated, no "check, sign and send" note or checklist, s18 #11). Section C
    holds the working document made for the bundle (``extra["for_bundle"]``): no "Draft
    of" and no "Page X of Y" of its own (the bundle stamps its pages), its evidence
    notes giving the bundle pages of each document it cites. Those pages are read from
    a first build's index and the bundle is built again until they hold. Scanned pages
    are OCR'd when ocrmypdf and tesseract are installed; without them the bundle
    reports the page without a text layer."""
    import shutil

    from sendocs.bundle import build_bundle, load_bundle_spec
    from sendocs.resources import fixtures_dir

    spec_path = fixtures_dir() / "bundle" / "bundle.yaml"
    sami = next((c for c in loaded_cases if Path(c.source).name == DEMO_BUNDLE_CASE), None)
    if not spec_path.exists() or sami is None:
        return None
    # the index says the bundle was prepared on the demo's date (s18 R6 #8)
    spec = load_bundle_spec(spec_path).model_copy(update={"prepared_on": date})
    ocr = bool(shutil.which("ocrmypdf") and shutil.which("tesseract"))
    lodged = next(
        (
            made.paths
            for made in result.made
            if made.kind == "appeal-as-lodged" and Path(made.source).name == DEMO_BUNDLE_CASE
        ),
        None,
    )
    with contextlib.ExitStack() as stack:
        staging = stack.enter_context(staging_dir("bundle"))
        if converter is None:  # one LibreOffice for every build below
            converter = stack.enter_context(open_converter())
        places: dict[str, str] = {}
        for attempt in range(3):  # the pages hold after the second build
            made_paths: dict[str, Path] = {}
            if lodged:
                made_paths["appeal-as-lodged"] = next(
                    (p for p in lodged if p.suffix == ".pdf"), lodged[0]
                )
            extra: dict[str, Any] = {"for_bundle": True}
            if places:
                extra["bundle_places"] = places
            working = render_document(
                "working-document",
                sami,
                staging / str(attempt),
                options=RenderOptions(date=date, extra=extra),
                renderer=make_renderer(),
            )
            made_paths["working-document"] = working.path
            report = build_bundle(
                _with_made_documents(spec, made_paths),
                staging / str(attempt) / "Example_appeal_bundle.pdf",
                converter=converter,
                ocr=ocr,
            )
            found = _bundle_places(sami.case, report)
            if places and found == places:
                break
            places = found
        return publish_file(report.output, output_dir / "Example_appeal_bundle.pdf", force=force)


def _with_made_documents(spec: BundleSpec, made_paths: dict[str, Path]) -> BundleSpec:
    """The bundle specification with each sample the demo replaces (DEMO_BUNDLE_MADE)
    pointing at the document the demo made."""
    sections = []
    for section in spec.sections:
        documents = []
        for document in section.documents:
            made = made_paths.get(DEMO_BUNDLE_MADE.get(Path(document.path).name, ""))
            documents.append(
                document.model_copy(update={"path": made.resolve()}) if made else document
            )
        sections.append(section.model_copy(update={"documents": documents}))
    return spec.model_copy(update={"sections": sections})


def _bundle_places(case: Case, report: BundleReport) -> dict[str, str]:
    """Where the bundle holds each of the case's evidence documents (matched by title):
    ``{"E2": "Section D, pages 41-52"}``, from the built bundle's index."""
    by_title = {d.title: d for d in report.documents if d.included}
    places: dict[str, str] = {}
    for evidence in case.evidence:
        placed = by_title.get(evidence.title)
        if placed is not None and evidence.ref:
            word = "page" if placed.first_page == placed.last_page else "pages"
            places[evidence.ref] = f"Section {placed.section}, {word} {placed.page_range}"
    return places
