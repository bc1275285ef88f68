"""Which consent form a case needs: the parent's, the parent's with the pupil's own
view, or the young person's own.

Consent needs a clear affirmative act (UK GDPR Recital 32), so none of the forms
is ever pre-ticked. A pupil who can understand should be asked for their own
view: from ``school.pupil_consent_age`` (12 unless the school sets another age)
the form has a second page for the pupil. Past compulsory school age the young
person decides for themselves (Children and Families Act 2014 Part 3), so the
form is theirs and no parent signs it (domain brief §11).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sendocs.documents.filenames import safe_filename_part
from sendocs.documents.letters import is_young_person
from sendocs.forms.mapfile import FormMap
from sendocs.models import Case, ParentCarer

__all__ = [
    "CONSENT_FORMS",
    "consent_copies",
    "consent_form_for",
    "consent_parents",
    "consent_variant",
    "end_of_school_year",
    "return_by",
    "service_titles",
]

CONSENT_FORMS = {
    "parent": "consent_to_share_information.pdf",
    "with_pupil": "consent_to_share_information_with_pupil.pdf",
    "young_person": "consent_to_share_information_young_person.pdf",
}
"""Variant → the shipped form in ``templates/forms/`` (each with its ``.map.yaml``)."""


def consent_variant(case: Case, on: dt.date) -> str:
    """``young_person``, ``with_pupil`` or ``parent`` for ``case`` on the day ``on``."""
    child = case.child
    if is_young_person(child, on):
        return "young_person"
    if child.age_on(on) >= case.school.pupil_consent_age:
        return "with_pupil"
    return "parent"


def consent_form_for(case: Case, on: dt.date) -> tuple[Path, Path]:
    """The shipped consent form for ``case`` on ``on``, and its map."""
    from sendocs.resources import templates_dir

    form = templates_dir() / "forms" / CONSENT_FORMS[consent_variant(case, on)]
    return form, form.with_suffix(".map.yaml")


SERVICES = {
    "ep": ("Educational psychology service (EP)", ("educational psycholog",)),
    "salt": ("Speech and language therapy (SaLT)", ("speech and language", "salt")),
    "camhs": ("Child and adolescent mental health services (CAMHS)", ("camhs", "mental health")),
    "school_nurse": ("School nursing service", ("school nurs",)),
    "social_care": ("Children's social care", ("social care", "social work")),
}
"""Service key → (generic title, words that identify a professional's organisation)."""

RETURN_SCHOOL_DAYS = 10
"""Default time to return the form: 10 school days (weekdays that are not bank holidays)
from the date the form is prepared."""


def service_titles(case: Case) -> dict[str, str]:
    """Each service the form offers, named from the case where a professional's
    organisation (or role) says which it is ("Westshire CAMHS"), generic otherwise.
    At a college the school nursing row becomes the NHS health services a college
    student uses, since colleges have no school nursing service."""
    titles = {key: title for key, (title, _) in SERVICES.items()}
    if case.school.setting_type.is_college:
        titles["school_nurse"] = "NHS health services (your GP or community health team)"
    for professional in case.professionals:
        organisation = getattr(professional, "organisation", None)
        words = f"{organisation or ''} {getattr(professional, 'role', '') or ''}".casefold()
        for key, (_, markers) in SERVICES.items():
            if organisation and any(m in words for m in markers):
                titles[key] = organisation
                break
    return titles


def return_by(prepared: dt.date, school_days: int = RETURN_SCHOOL_DAYS) -> dt.date:
    """The date to ask for the form back: ``school_days`` weekdays (bank holidays
    excluded) after ``prepared``."""
    from sendocs.dates.bank_holidays import add_business_days

    return add_business_days(prepared, school_days)


def end_of_school_year(on: dt.date) -> dt.date:
    """31 August of the school year ``on`` falls in (the default end of consent)."""
    return dt.date(on.year if on.month < 9 else on.year + 1, 8, 31)


def consent_parents(case: Case) -> list[ParentCarer]:
    """Each parent who gets their own consent form: everyone with parental
    responsibility who receives letters (everyone who receives letters when nobody is
    marked with it). Each form carries only that parent's details (domain §11)."""
    people = [p for p in case.parents if p.receives_letters]
    with_pr = [p for p in people if p.parental_responsibility]
    return with_pr or people


def consent_copies(
    case: Case,
    form_map: FormMap,
    output: Path,
    form_pdf: Path,
    per_parent: bool | None = None,
) -> list[tuple[Path, ParentCarer | None]]:
    """Where each copy of a filled form goes, and for which parent.

    One copy per parent who gets their own form (:func:`consent_parents`) when the
    map fills a parent's details and there is more than one such parent: by default
    for the shipped consent forms, or for any form with ``per_parent=True``.
    ``consent.pdf`` becomes ``consent_Mrs_OConnor.pdf`` and ``consent_Mr_OConnor.pdf``,
    each with only that parent's details, so one separated parent's address can never
    reach the other. Otherwise the one ``output``, for the first parent (``None``).
    The CLI, the demo and the web app all ask this one function."""
    if per_parent is None:
        per_parent = form_pdf.name in CONSENT_FORMS.values()
    if not per_parent:
        return [(output, None)]
    uses_parent = any(
        isinstance(e.expression, str) and "parent." in e.expression for e in form_map.entries
    )
    parents = consent_parents(case)
    if not uses_parent or len(parents) < 2:
        return [(output, None)]
    return [
        (output.with_name(f"{output.stem}_{safe_filename_part(p.formal_name)}{output.suffix}"), p)
        for p in parents
    ]
