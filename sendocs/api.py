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
from typing import Any, Literal

from sendocs.documents import DocumentKind, RenderOptions, get_kind
from sendocs.errors import CaseDataError, Location, Problem
from sendocs.files import atomic_write_bytes, check_can_write, publish_file
from sendocs.loading import LoadedCase, load_case
from sendocs.models import Case
from sendocs.render.convert import Converter, default_converter
from sendocs.render.docx import DocxRenderer
from sendocs.render.fast_docx import make_renderer
from sendocs.staging import staging_dir, sweep

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


def _no_warnings(case: Case, options: RenderOptions) -> list[str]:
    return []


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
    reasons = doc_kind.check(loaded.case, options)
    if reasons:
        raise CaseDataError(
            f"{loaded.source}: cannot make a {doc_kind.title} for this case",
            [Problem(Location(file=loaded.source), reason) for reason in reasons],
        )
    output_dir = Path(output_dir)
    # A letter is made once per recipient (each at their own address); other kinds once.
    copies = doc_kind.copies(loaded.case, options)
    planned = []
    for copy in copies:
        docx_out = output_dir / doc_kind.filename(loaded.case, options, ".docx", copy.label)
        pdf_out = docx_out.with_suffix(".pdf")
        wanted = {"docx": [docx_out], "pdf": [pdf_out], "both": [docx_out, pdf_out]}[fmt]
        for path in wanted:
            check_can_write(path, force)  # before any work, so nothing is half-done
        planned.append((copy, docx_out, pdf_out, wanted))
    renderer = renderer or make_renderer(options.locale)
    written: list[Path] = []
    for copy, docx_out, pdf_out, wanted in planned:
        context = doc_kind.build_context(loaded.case, copy.options)
        data = renderer.render_bytes(doc_kind.template_path(options), context)
        if fmt in ("pdf", "both"):
            _convert_bytes(data, docx_out.name, pdf_out, force, converter, pdfa)
        if fmt in ("docx", "both"):
            atomic_write_bytes(docx_out, data, force=force)
        written.extend(wanted)
    return RenderResult(
        kind=doc_kind.name,
        path=written[0],
        source=loaded.source,
        warnings=[
            *loaded.warnings,
            *(
                Problem(Location(file=loaded.source), message, severity="warning")
                for message in (doc_kind.warnings or _no_warnings)(loaded.case, options)
            ),
        ],
        paths=written,
    )


def _convert_bytes(
    data: bytes,
    docx_name: str,
    pdf_out: Path,
    force: bool,
    converter: Converter | None,
    pdfa: bool,
) -> None:
    """Convert rendered DOCX bytes to ``pdf_out`` through a private staging folder.

    The staging folder is outside the output folder (see :mod:`sendocs.staging`);
    the PDF reaches ``pdf_out`` through :func:`~sendocs.files.publish_file`, the
    same step a batch uses.
    """
    pdf_out.parent.mkdir(parents=True, exist_ok=True)
    sweep(pdf_out.parent)
    with contextlib.ExitStack() as stack:
        staging = stack.enter_context(staging_dir("render"))
        source = staging / docx_name
        source.write_bytes(data)
        if converter is None:
            converter = stack.enter_context(default_converter())
        (produced,) = converter.convert([source], staging / "pdf", pdfa=pdfa)
        publish_file(produced, pdf_out, force=force)


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
    """Render every document kind for every bundled example case, and the example bundle.

    Kinds that do not apply to a case (a s.68 letter for a child with an EHC
    plan) are skipped with their reason, as a real run would refuse them.
    """
    from sendocs.bundle import build_bundle
    from sendocs.documents import all_kinds, safe_filename_part
    from sendocs.forms import fill_form, load_map
    from sendocs.resources import fixtures_dir, templates_dir

    form = templates_dir() / "forms" / "consent_to_share_information.pdf"
    form_map = load_map(form.with_suffix(".map.yaml"))

    output_dir = Path(output_dir)
    result = DemoResult()
    renderer = make_renderer()
    with contextlib.ExitStack() as stack:
        if fmt != "docx" and converter is None:
            converter = stack.enter_context(default_converter())
        for case_path in sorted((fixtures_dir() / "cases").glob("*.yaml")):
            loaded = load_case(case_path, today=date)
            for kind in all_kinds():
                options = RenderOptions(date=date)
                reasons = kind.check(loaded.case, options)
                if reasons:
                    result.skipped.append((case_path.name, kind.name, reasons[0]))
                    continue
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
            # The shipped fillable PDF form, filled from the same case.
            child = loaded.case.child
            filled = output_dir / (
                f"{safe_filename_part(child.legal_surname)}_"
                f"{safe_filename_part(child.legal_forename)}_consent_to_share_information.pdf"
            )
            fill_form(form, loaded.case, form_map, filled, force=force, today=date)
            result.extras.append(filled)
    spec = fixtures_dir() / "bundle" / "bundle.yaml"
    if spec.exists():
        report = build_bundle(spec, output_dir / "Example_appeal_bundle.pdf", force=force)
        result.extras.append(report.output)
    return result
