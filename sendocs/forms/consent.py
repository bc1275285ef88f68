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

from sendocs.documents.letters import is_young_person
from sendocs.models import Case

__all__ = ["CONSENT_FORMS", "consent_form_for", "consent_variant"]

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
