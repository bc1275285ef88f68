"""The public surface: what `import sendocs` offers stays deliberate and true."""

from __future__ import annotations

import importlib

import pytest

import sendocs

PACKAGES = [
    "sendocs",
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


def test_errors_pickle_for_worker_processes() -> None:
    import pickle

    from sendocs.errors import CaseDataError, InputPdfError, Location, Problem, TemplateError

    errors = [
        CaseDataError("bad", [Problem(Location(file="a.yaml", line=3, field="child.upn"), "x")]),
        TemplateError("oops", "t.docx", "near text"),
        InputPdfError("encrypted", "evidence/a.pdf"),
    ]
    for error in errors:
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error)
        assert str(again) == str(error)
