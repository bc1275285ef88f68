"""The public surface: what `import sendocs` offers stays deliberate and true."""

from __future__ import annotations

import importlib
import inspect
import pickle
import typing
from typing import Any

import pytest
from pydantic import BaseModel

import sendocs
from sendocs.batch_lock import BatchLockedError
from sendocs.errors import (
    BundleError,
    CaseDataError,
    ConversionError,
    FormError,
    InputPdfError,
    Location,
    OutputExistsError,
    Problem,
    RosterError,
    SendocsError,
    TemplateError,
)
from sendocs.pdfio.open import UnreadablePdf

PACKAGES = [
    "sendocs",
    "sendocs.testing",
    "sendocs.lint",
    "sendocs.models",
    "sendocs.dates",
    "sendocs.bundle",
    "sendocs.forms",
    "sendocs.documents",
    "sendocs.errors",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_every_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    exported = list(module.__all__)

    # isort style, as ruff's RUF022 keeps it: CONSTANTS, then Classes, then functions.
    def order(item: str) -> tuple[int, str]:
        return (0 if item.isupper() else 1 if item[0].isupper() else 2, item)

    assert exported == sorted(exported, key=order), f"{name}.__all__ is not sorted"
    assert len(set(exported)) == len(exported)
    for item in exported:
        assert hasattr(module, item), f"{name}.__all__ names {item}, which does not exist"


def test_errors_form_one_tree() -> None:
    for name in (
        "CaseDataError",
        "RosterError",
        "TemplateError",
        "ConversionError",
        "FormError",
        "BundleError",
        "InputPdfError",
        "OutputExistsError",
    ):
        assert issubclass(getattr(sendocs, name), sendocs.SendocsError)


PENDING: dict[str, str] = {
    "DocumentConverter": "build_bundle's converter protocol; issue 9 item 2 makes it Converter",
}
"""Types that appear in public signatures but are on their way out, with the reason."""


RESULT_SUFFIXES = ("Result", "Report", "Roster")
"""Returned objects whose fields a caller reads (not settings they pass back in)."""


def _sendocs_types(annotation: Any, found: set[type]) -> None:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return
    if origin is not None:
        if isinstance(origin, type) and origin.__module__.startswith("sendocs"):
            found.add(origin)
        for arg in typing.get_args(annotation):
            _sendocs_types(arg, found)
    elif isinstance(annotation, type) and annotation.__module__.startswith("sendocs"):
        found.add(annotation)


def _public_signatures() -> dict[str, Any]:
    """Public functions, and the results they return (whose fields a caller reads)."""
    checked: dict[str, Any] = {}
    for name in sendocs.__all__:
        value = getattr(sendocs, name)
        if inspect.isfunction(value):
            checked[name] = value
            returned = typing.get_type_hints(value).get("return")
            if isinstance(returned, type) and returned.__name__.endswith(RESULT_SUFFIXES):
                checked[f"{name}() -> {returned.__name__}"] = returned
    return checked


def test_every_type_in_a_public_signature_is_exported() -> None:
    missing: list[str] = []
    for label, target in _public_signatures().items():
        found: set[type] = set()
        for annotation in typing.get_type_hints(target).values():
            _sendocs_types(annotation, found)
        for cls in sorted(found, key=lambda c: c.__name__):
            if getattr(sendocs, cls.__name__, None) is cls or cls.__name__ in PENDING:
                continue
            if issubclass(cls, BaseModel) and cls.__module__.startswith("sendocs.models"):
                continue  # the case model tree is sendocs.models' own public surface
            missing.append(f"{label} uses {cls.__module__}.{cls.__name__}")
    assert not missing, "export these from sendocs:\n" + "\n".join(missing)


def test_the_public_api_covers_what_a_caller_needs() -> None:
    for name in (
        "Converter",
        "Location",
        "Problem",
        "RenderOptions",
        "RenderResult",
        "BatchReport",
        "BundleReport",
        "FillResult",
        "render_document",
        "render_batch",
        "build_bundle",
        "fill_form",
        "check_template",
    ):
        assert name in sendocs.__all__


def test_the_fake_converter_is_a_converter() -> None:
    from sendocs.testing import FakeConverter

    with FakeConverter() as fake:
        assert isinstance(fake, sendocs.Converter)


WHERE = Location(file="cases/amara.yaml", line=12, column=3, field="outcomes[2].target_date")
ERRORS: list[SendocsError] = [
    SendocsError("plain"),
    CaseDataError(
        "bad case", [Problem(WHERE, "not a date"), Problem(Location(row=4), "w", "warning")]
    ),
    RosterError("bad row", [Problem(Location(file="r.csv", sheet="Pupils", row=7), "no UPN")]),
    TemplateError("unknown field child.nme", "my_plan.docx", "Name: {{ child.nme }}", line=3),
    OutputExistsError("out/a.docx exists; use --force"),
    ConversionError("LibreOffice timed out", path="out/a.docx"),
    FormError("no field called Surname"),
    BundleError("section 'B' has no documents"),
    InputPdfError("encrypted and no password given", "evidence/report.pdf"),
    BatchLockedError("another batch is writing here", folder="out", pid=4242),
    UnreadablePdf("the file is not a PDF"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_pickle_with_every_field(error: SendocsError) -> None:
    """Batch workers send errors to the parent by pickling: nothing may be lost."""
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert again.args == error.args
    assert vars(again) == vars(error)


def test_pickled_errors_keep_the_fields_a_user_is_told() -> None:
    template = pickle.loads(pickle.dumps(ERRORS[3]))
    assert isinstance(template, TemplateError)
    assert (template.template, template.line, template.context, template.reason) == (
        "my_plan.docx",
        3,
        "Name: {{ child.nme }}",
        "unknown field child.nme",
    )
    assert str(template) == (
        "my_plan.docx: unknown field child.nme (line 3)\n  near: Name: {{ child.nme }}"
    )
    case = pickle.loads(pickle.dumps(ERRORS[1]))
    assert isinstance(case, CaseDataError)
    assert case.problems[0].location == WHERE
    assert case.problems[1].severity == "warning"
    pdf = pickle.loads(pickle.dumps(ERRORS[8]))
    assert isinstance(pdf, InputPdfError)
    assert (pdf.path, pdf.reason) == ("evidence/report.pdf", "encrypted and no password given")
    conversion = pickle.loads(pickle.dumps(ERRORS[5]))
    assert isinstance(conversion, ConversionError)
    assert conversion.path == "out/a.docx"


def test_every_error_class_is_covered_by_the_pickle_test() -> None:
    def subclasses(cls: type) -> set[type]:
        return {cls} | {s for sub in cls.__subclasses__() for s in subclasses(sub)}

    covered = {type(e) for e in ERRORS}
    importlib.import_module("sendocs.cli")  # every module that defines an error
    defined = {c for c in subclasses(SendocsError) if c.__module__.startswith("sendocs")}
    assert defined <= covered, f"add to ERRORS: {sorted(c.__name__ for c in defined - covered)}"
