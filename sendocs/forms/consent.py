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
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from sendocs.documents.assessment_support import mid_sentence
from sendocs.documents.filenames import safe_filename_part
from sendocs.documents.letters import is_young_person
from sendocs.formatting import format_date
from sendocs.forms.fields import FieldKind, FormField
from sendocs.forms.mapfile import FormMap
from sendocs.models import Case, ParentCarer
from sendocs.models.vocabulary import Requester

__all__ = [
    "CONSENT_FORMS",
    "SERVICE_FIELDS",
    "ConsentJob",
    "annual_review_sharing",
    "consent_copies",
    "consent_form_for",
    "consent_jobs",
    "consent_parents",
    "consent_variant",
    "consent_wording",
    "data_controller",
    "dpo_line",
    "end_of_school_year",
    "language_offer",
    "parent_copies",
    "public_task",
    "pupil_asked",
    "pupil_decides",
    "pupil_intro",
    "pupil_privacy",
    "pupil_sharing",
    "retention",
    "return_by",
    "routing_notes",
    "service_notes",
    "service_row_labels",
    "service_rows",
    "service_titles",
    "tick_descriptions",
    "what_we_share",
]

CONSENT_FORMS = {
    "parent": "consent_to_share_information.pdf",
    "with_pupil": "consent_to_share_information_with_pupil.pdf",
    "young_person": "consent_to_share_information_young_person.pdf",
}
"""Variant → the shipped form in ``templates/forms/`` (each with its ``.map.yaml``)."""

PUPIL_FORM = "consent_to_share_information_pupil.pdf"
"""The pupil's page on its own: given once when each parent gets their own copy."""


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
    "ep": (
        "Educational psychology service (EP)",
        ("educational psycholog",),
        "Assessment and advice on learning, development and wellbeing.",
    ),
    "salt": (
        "Speech and language therapy (SaLT)",
        ("speech and language", "salt"),
        "Assessment and therapy for speech, language and communication.",
    ),
    "camhs": (
        "Child and adolescent mental health services (CAMHS)",
        ("camhs", "mental health"),
        "Support for emotional wellbeing and mental health.",
    ),
    "school_nurse": (
        "School nursing service",
        ("school nurs",),
        "Health assessments, medical needs and health care plans.",
    ),
    "social_care": (
        "Early help: family support from children’s services",
        ("social care", "social work", "early help"),
        "Support your family asks for. Not safeguarding: that does not depend on this form.",
    ),
}
"""Generic service key → (title, words that identify a professional's organisation or
role, what the service does). Children's social care is offered only as early help:
sharing to keep a child safe does not rest on consent (:func:`what_we_share`)."""

YOUNG_PEOPLES_EARLY_HELP = (
    "Early help: support for young people from the council’s young people’s service",
    "Support you ask for, such as with housing, money or living on your own. Not "
    "safeguarding: that does not depend on this form.",
)
"""The early help row on a young person's own form: a young person past compulsory school
age (who may live on their own) is offered the council's young people's service, not
family support from children's services."""

SERVICE_FIELDS = tuple(f"service_{n}" for n in range(1, len(SERVICES) + 1))
"""The form's service rows, top to bottom (``service_1`` … ``service_5``, each with
``_title`` and ``_note`` fields): each row holds whichever service :func:`service_rows`
puts there, so a field's name never claims a service its row does not hold."""

NOT_A_SERVICE = ("independent practice", "private practice", "self-employed", "independent")
"""Organisations that do not name a service: the professional is named instead."""

RETURN_SCHOOL_DAYS = 10
"""Default time to return the form: 10 school days (weekdays that are not bank holidays)
from the date the form is prepared."""


def _service_name(professional: object) -> str:
    """ "Eastshire Learning Support Service (specialist teacher)"; for someone in
    independent practice, "Ms Hannah Lewis, independent speech and language therapist"."""
    name = str(getattr(professional, "name", ""))
    role = mid_sentence(str(getattr(professional, "role", "") or ""))
    organisation = (getattr(professional, "organisation", None) or "").strip()
    if not organisation or organisation.casefold() in NOT_A_SERVICE:
        return f"{name}, independent {role}" if organisation else f"{name}, {role}"
    return f"{organisation} ({role})" if role else organisation


def _role_note(professional: object) -> str:
    """What a professional already involved does, for a service row no generic service
    describes: "Already working with us: a specialist dyslexia assessor's assessment and
    advice." (never a bare "Already working with us.")."""
    role = str(getattr(professional, "role", "") or "").strip()
    if not role:
        return "Already working with us: assessment and advice for school."
    role = mid_sentence(role)
    article = "an" if role[:1].lower() in "aeiou" else "a"
    return f"Already working with us: assessment and advice from {article} {role}."


def service_rows(case: Case, on: dt.date | None = None) -> list[tuple[str, str]]:
    """The form's service rows, as (name, what it does): first the services already
    involved, named from the case's professionals ("Eastshire Learning Support Service
    (specialist teacher)"); then the generic services the case has not already named, in
    the form's order, up to the number of rows. At a college the school nursing row
    becomes the NHS health services a college student uses (colleges have no school
    nursing service). The council's SEND team is never a row: sharing for an assessment
    request is the school's public task, not consent (:func:`public_task`). For a young
    person past compulsory school age on ``on`` (default today) the early help row is the
    council's young people's service (:data:`YOUNG_PEOPLES_EARLY_HELP`)."""
    generic = {key: (title, note) for key, (title, _, note) in SERVICES.items()}
    if is_young_person(case.child, on or dt.date.today()):
        generic["social_care"] = YOUNG_PEOPLES_EARLY_HELP
    if case.school.setting_type.is_college:
        generic["school_nurse"] = (
            "NHS health services (your GP or community health team)",
            "Health assessments, medical needs and health care plans.",
        )
    rows: list[tuple[str, str]] = []
    covered: set[str] = set()
    for professional in case.professionals:
        words = f"{professional.organisation or ''} {professional.role}".casefold()
        key = next(
            (k for k, (_, marks, _) in SERVICES.items() if any(m in words for m in marks)), None
        )
        note = (
            f"Already working with us: {mid_sentence(generic[key][1])}"
            if key
            else _role_note(professional)
        )
        title = _service_name(professional)
        if title not in (r[0] for r in rows):
            rows.append((title, note))
        if key:
            covered.add(key)
    rows += _planned_nhs_rows(case, generic, [r[0] for r in rows])
    rows += [generic[key] for key in SERVICES if key not in covered]
    return rows[: len(SERVICE_FIELDS)]


def _planned_nhs_rows(
    case: Case, generic: dict[str, tuple[str, str]], named: list[str]
) -> list[tuple[str, str]]:
    """A row for each NHS service the current plan's provision is to come from ("Speech
    and language therapy (NHS therapy service)" → "NHS speech and language therapy
    (SaLT)"), so a service Section F plans is never missing from the form even when an
    independent professional of the same kind is already a row (Sami, #10 s19)."""
    rows: list[tuple[str, str]] = []
    for provision in case.current_cycle.provision:
        words = f"{provision.intervention} {provision.delivered_by}".casefold()
        if "nhs" not in words.split() and "(nhs" not in words:
            continue
        key = next(
            (k for k, (_, marks, _) in SERVICES.items() if any(m in words for m in marks)), None
        )
        if key is None:
            continue
        title = f"NHS {mid_sentence(generic[key][0])}"
        if title in named or title in (r[0] for r in rows):
            continue
        where = (
            f"Section F of {case.child.known_as}’s EHC plan"
            if provision.section_f and case.has_ehc_plan
            else f"{case.child.known_as}’s plan"
        )
        rows.append((title, f"Planned in {where}: {mid_sentence(generic[key][1])}"))
    return rows


ServiceRows = Sequence[tuple[str, str]]
"""The rows :func:`service_rows` gives, passed on so one form works them out once."""


def service_titles(
    case: Case, on: dt.date | None = None, rows: ServiceRows | None = None
) -> dict[str, str]:
    """Each service row's name, by the row's field (``service_1`` …); ``rows`` when the
    caller has already worked them out (:func:`service_rows`)."""
    rows = service_rows(case, on) if rows is None else rows
    return {key: title for key, (title, _) in zip(SERVICE_FIELDS, rows, strict=False)}


def service_notes(
    case: Case, on: dt.date | None = None, rows: ServiceRows | None = None
) -> dict[str, str]:
    """What each service row's service does, by the row's field (``service_1`` …)."""
    rows = service_rows(case, on) if rows is None else rows
    return {key: note for key, (_, note) in zip(SERVICE_FIELDS, rows, strict=False)}


def tick_descriptions(case: Case, on: dt.date, rows: ServiceRows | None = None) -> dict[str, str]:
    """Each tick box's description (/TU, what a screen reader announces), naming the
    service its row holds: ``tick_service_1`` "I agree to the school sharing information
    with Anyshire Educational Psychology Service"; ``tick_pupil_service_1`` the pupil's
    ("… sharing information about me with …"); ``title_service_1`` the row's name field's
    ("The service on row 1: Anyshire Educational Psychology Service"). Never a field name."""
    setting = _setting(case)
    ticks = {}
    for key, title in service_titles(case, on, rows).items():
        ticks[f"tick_{key}"] = f"I agree to {setting} sharing information with {title}"
        ticks[f"tick_pupil_{key}"] = (
            f"I agree to {setting} sharing information about me with {title}"
        )
        # the row's name field says which service it holds, not only "row 1" (#10 s19)
        ticks[f"title_{key}"] = f"The service on row {key.rsplit('_', 1)[1]}: {title}"
    return ticks


def _setting(case: Case) -> str:
    return "the college" if case.school.setting_type.is_college else "the school"


def _as_the_form_names(case: Case, text: str, young: bool) -> str:
    """``text`` (the school's words, "until Kai is 25") with the child named as the rest
    of the form names them: the known-as name on a parent's form ("until KJ is 25"), and
    "you" on a young person's own ("until you are 25")."""
    child = case.child
    names = sorted(
        {n for n in (child.full_name, child.legal_forename, child.known_as) if n},
        key=len,
        reverse=True,
    )
    pattern = "|".join(re.escape(n) for n in names)
    if young:
        text = re.sub(rf"\b(?:{pattern}) is\b", "you are", text)
        text = re.sub(rf"\b(?:{pattern})['\u2019]s\b", "your", text)
        return re.sub(rf"\b(?:{pattern})\b", "you", text)
    return re.sub(rf"\b(?:{pattern})\b", child.known_as, text)


def retention(case: Case, on: dt.date | None = None) -> str:
    """How long the signed form and what is shared are kept: the school's own period
    (``school.data_protection.retention``), else its retention schedule and who can send
    it. No period is ever invented (``validate`` warns when none is given). The child is
    named as the form names them (:func:`_as_the_form_names`; ``on`` decides whether
    the form is the young person's own)."""
    young = is_young_person(case.child, on or dt.date.today())
    given = case.school.data_protection.retention if case.school.data_protection else None
    dpo = case.school.data_protection_officer
    if given:
        period = _as_the_form_names(case, given.strip().rstrip("."), young)
    else:
        who = f"{dpo.name} (data protection officer)" if dpo else case.school.name
        pupils = "students’" if case.school.setting_type.is_college else "pupils’"
        period = (
            f"for as long as our records retention schedule says for {pupils} SEN records; "
            f"{who} can send it to you"
        )
    return (
        f"How long we keep it: this signed form, and a record of what we share, {period}. "
        "Each service keeps what it receives under its own privacy notice."
    )


PUBLIC_TASK_BASIS = (
    "as part of our public task (UK GDPR Article 6(1)(e)) and, for information about "
    "health and special educational needs, Article 9(2)(g) with the Data Protection Act "
    "2018, Schedule 1, paragraph 6"
)
"""The lawful basis for sharing with the council for an EHC needs assessment: Art 6
and the Art 9 condition for special category data (DPO's read, #10 s18)."""


def public_task(case: Case, on: dt.date | None = None, parent: ParentCarer | None = None) -> str:
    """What the school shares with the council as its public task (UK GDPR Art 6(1)(e),
    Art 9(2)(g) with DPA 2018 Sch 1 para 6), not consent: for an EHC plan pupil, for the
    plan's annual review (:func:`annual_review_sharing`); and for an EHC needs assessment
    request, worded by who made it and to whom the form speaks (the school: "We asked
    Northshire County Council for an EHC needs assessment for Ruby on 20 November 2026";
    the parent the form is for, ``parent``: "the EHC needs assessment you asked Westshire
    Council for on 23 November 2026"; the young person: "you asked"). Empty when neither
    applies."""
    parts = [annual_review_sharing(case, on)] if case.has_ehc_plan else []
    request = case.assessment_request
    if request is None:
        return "\n\n".join(parts)
    la = case.local_authority.name
    contact = case.school.senco.name
    tail = f", not because of this form. You can ask {contact} about it, or object to it."
    on_date = f" on {format_date(request.sent_on)}" if request.sent_on else ""
    if request.requester is Requester.SCHOOL:
        if request.sent_on:
            parts.append(
                f"We asked {la} for an EHC needs assessment for {case.child.known_as}{on_date}; "
                f"for that request we share information with {la}’s SEND team "
                f"{PUBLIC_TASK_BASIS}{tail}"
            )
        else:
            parts.append(
                f"For the request for an EHC needs assessment, we share information with "
                f"{la}’s SEND team {PUBLIC_TASK_BASIS}{tail}"
            )
        return "\n\n".join(parts)
    if (
        request.requester is Requester.YOUNG_PERSON
        or is_young_person(case.child, on or dt.date.today())
        or (parent is not None and _is_requester(case, parent))
    ):
        who = f"you asked {la} for{on_date}"
    else:
        who = f"{_requester(case)} asked {la} for{on_date}"
    # "If": the council has not yet decided whether to assess (IPSEA read, s20)
    parts.append(
        f"If {la} asks us for information and advice for the EHC needs assessment {who}, "
        f"we give it {PUBLIC_TASK_BASIS}{tail}"
    )
    return "\n\n".join(parts)


def pupil_assessment_sharing(case: Case) -> str:
    """The pupil's page's sentence on an EHC needs assessment request, in a pupil's words:
    the school gives the council what it asks for that assessment whether or not the pupil
    ticks, as their parent's form says (DPO read, s20: KJ's page said only safeguarding).
    Empty when the case has no request."""
    request = case.assessment_request
    if request is None:
        return ""
    la = case.local_authority.name
    if request.requester is Requester.SCHOOL:
        who = "We have asked" if request.sent_on else "We are asking"
    elif request.requester is Requester.YOUNG_PERSON:
        who = "You have asked"
    else:
        named = request.requester_name
        asker = next(
            (p for p in case.parents if named is None or p.answers_to(named)),
            None,
        )
        tie = (asker.relationship or "").strip().casefold() if asker else ""
        who = f"Your {tie} has asked" if tie and tie != "parent" else "Your parent has asked"
    return (
        f"{who} {la} to find out whether you need an EHC plan (an EHC needs assessment). If "
        f"{la} asks us for information about you for that, we will give it, whether or not "
        "you tick a box."
    )


ANNUAL_REVIEW_BASIS = (
    "as part of our public task (UK GDPR Article 6(1)(e); Article 9(2)(g) with DPA 2018 "
    "Schedule 1, paragraph 6)"
)


def annual_review_sharing(case: Case, on: dt.date | None = None) -> str:
    """For a pupil with an EHC plan: the council reviews the plan at least every 12
    months (Children and Families Act 2014, section 44) and the school gives it
    information for that review whatever the form says, so the form never promises that
    nothing goes to anyone not ticked (DPO's read, #10 s19)."""
    la = case.local_authority.name
    young = is_young_person(case.child, on or dt.date.today())
    who = "you have" if young else f"{case.child.known_as} has"
    # the review meeting's invitees get the advice too, health and social care among them,
    # whether or not the form ticks them (DPO read, s20)
    return (
        f"Because {who} an EHC plan, we share information for its annual review (Children "
        f"and Families Act 2014, section 44) with {la} and with the health and social care "
        f"professionals invited to the review, {ANNUAL_REVIEW_BASIS}, not because of this "
        "form."
    )


def _is_requester(case: Case, parent: ParentCarer) -> bool:
    """Whether ``parent`` (the one this copy of the form is for) made the request."""
    request = case.assessment_request
    if request is None or request.requester is not Requester.PARENT:
        return False
    named = request.requester_name
    if named is None:
        return parent == next(iter(case.parents), None)
    return parent.answers_to(named)


def _requester(case: Case) -> str:
    """The parent who made the request, by title and surname ("Ms Thompson")."""
    request = case.assessment_request
    named = request.requester_name if request else None
    for parent in case.parents:
        if named is None or parent.answers_to(named):
            return parent.addressed_as
    return named or "your parent"


def data_controller(case: Case) -> str:
    """ "Data controller: …" — the school, or for an academy (or any school run by another
    body, ``school.proprietor``) that body: "Westbury Learning Trust, which runs Westbury
    Academy, …". An academy with no proprietor in the case names "the academy trust that
    runs" it (no name is guessed; give ``school.proprietor``)."""
    school = case.school
    where = f", {school.address.one_line}" if school.address else ""
    setting = _setting(case)
    if school.proprietor:
        return f"Data controller: {school.proprietor}, which runs {school.name}{where}."
    if school.setting_type.authority_role == "The Proprietor":
        return f"Data controller: the academy trust that runs {school.name}{where}."
    return f"Data controller: {school.name}{where} ({setting})."


def dpo_line(case: Case) -> str:
    """ "Data protection officer: …" with the officer's role where it says more than the
    title ("Ms Ruth Ellery, Southmead Diocesan Schools Trust"), else whom to ask."""
    school = case.school
    dpo = school.data_protection_officer
    if dpo is None:
        phone = f" ({school.phone})" if school.phone else ""
        return f"Data protection officer: ask {school.name}{phone} for their contact details."
    parts = [dpo.name]
    role = (dpo.role or "").strip()
    title = "data protection officer"
    if role.casefold().startswith(title):
        role = role[len(title) :].lstrip(" ,:-")
    if role:
        parts.append(role)
    parts += [x for x in (dpo.email, dpo.phone) if x]
    return "Data protection officer: " + ", ".join(parts) + "."


SAFEGUARDING_BASIS = "Data Protection Act 2018, Schedule 1, paragraph 18"
"""The condition for sharing to safeguard a child or an individual at risk."""


def what_we_share(case: Case, on: dt.date, parent: ParentCarer | None = None) -> str:
    """Page 2's "What we share": only what each ticked service needs; that the pupil was
    asked on their own page and what happens when answers differ (:func:`pupil_asked`);
    that sharing to keep a child safe does not depend on the form; and the public-task
    sharing with the council (:func:`public_task`: an EHC plan's annual review, an
    assessment request)."""
    young = is_young_person(case.child, on)
    whose = "your" if young else "your child’s"
    safe = (
        "Sharing to keep you or others safe does not depend on this form: when we are "
        "worried about someone’s safety, we share with social care as the law requires or "
        f"allows ({SAFEGUARDING_BASIS}), and normally tell you, unless that would put you or "
        "someone else at risk."
        if young
        else "Sharing to keep a child safe does not depend on this form: when we are worried "
        "about a child’s safety, we share with children’s social care as the law requires "
        f"or allows ({SAFEGUARDING_BASIS}), and normally tell you, unless that would put "
        f"{case.child.known_as} or someone else at risk."
    )
    # every form: sharing to keep a child safe (below) is the law's for every pupil, not
    # only for one with an EHC plan (review s20)
    not_ticked = (
        "Apart from the sharing below, which the law requires or allows without this form, "
        "we do not share it with a service you have not ticked."
    )
    lines = [
        f"Only what each service you ticked needs to help: {whose} special educational "
        "needs, the support in place and how it is going, and reports from professionals "
        f"already involved. {not_ticked}",
    ]
    if asked := pupil_asked(case, on):
        lines.append(asked)
    lines.append(safe)
    if task := public_task(case, on, parent):
        lines.append(task)
    return "\n\n".join(lines)


def _pronoun(case: Case, form: int) -> str:
    """The child's recorded pronoun (``form`` 0: "she", 1: "her" as in "her own"), else
    their name ("Niamh", "Niamh’s")."""
    first = (case.child.pronouns or "").split("/")[0].strip().casefold()
    table = {"she": ("she", "her"), "he": ("he", "his"), "they": ("they", "their")}
    name = case.child.known_as
    return table.get(first, (name, f"{name}’s"))[form]


def pupil_decides(case: Case, on: dt.date) -> bool:
    """A pupil aged 16 or over on ``on`` who is still of compulsory school age: the
    school needs the pupil's own agreement as well as the parent's (DPO's read, #10 s19;
    past compulsory school age the form is the young person's own)."""
    return not is_young_person(case.child, on) and case.child.age_on(on) >= 16


def pupil_asked(case: Case, on: dt.date) -> str:
    """For a parent's form when the pupil has their own page: that the pupil was asked,
    and what happens when answers differ (talked through with the parent and the pupil;
    with each separately where a parent's details are restricted). For a pupil of 16 or
    over (:func:`pupil_decides`): that the pupil's own agreement is needed too. Empty when
    the pupil has no page of their own."""
    if consent_variant(case, on) != "with_pupil":
        return ""
    name = case.child.known_as
    if pupil_decides(case, on):
        return (
            f"We have also asked {name} on a separate page. Because {name} is "
            f"{case.child.age_on(on)}, we also need {_pronoun(case, 1)} own agreement; "
            f"we will not share with a service {_pronoun(case, 0)} has not ticked, apart from "
            "the sharing below."
        ).replace("they has", "they have")
    parents = consent_parents(case)
    if not all(p.share_details for p in parents):
        together = "each of you separately"
    else:
        together = "you both" if len(parents) < 2 else "you all"
    whose = _pronoun(case, 1)
    return (
        f"We have also asked {name} for {whose} own view on a separate page. If your answers "
        f"differ for a service, we will not share with it until we have talked with {together}."
    )


FORM_OFFER_IN_LANGUAGE: dict[str, tuple[str, str]] = {
    # usted, "de forma gratuita", as the letters' offer (letters.OFFER_IN_LANGUAGE)
    "spanish": (
        "Si desea este formulario en español o un intérprete, indíquenoslo y lo "
        "organizaremos de forma gratuita.",
        "¿Desea este formulario en español o un intérprete? Vea la página 2.",
    ),
    # "Państwo" (formal, as letters.OFFER_IN_LANGUAGE), "ten formularz", "prosimy o
    # informację"; the pointer asks and sends the reader on ("Patrz strona 2.")
    "polish": (
        "Jeśli chcą Państwo otrzymać ten formularz w języku polskim albo skorzystać z "
        "pomocy tłumacza przy jego wypełnianiu, prosimy o informację – zorganizujemy to "
        "bezpłatnie.",
        "Czy chcą Państwo otrzymać ten formularz w języku polskim lub pomoc tłumacza? "
        "Patrz strona 2.",
    ),
    # formal "chi" forms (hoffech, rhowch); "y ffurflen hon" (ffurflen is feminine);
    # "gael" is "cael" mutated after "hoffech", "gyfieithydd" mutated after "neu"
    "welsh": (
        "Os hoffech gael y ffurflen hon yn Gymraeg, neu gyfieithydd i’ch helpu i’w "
        "llenwi, rhowch wybod i ni a byddwn yn trefnu hynny am ddim.",
        "Hoffech chi gael y ffurflen hon yn Gymraeg, neu gyfieithydd? Gweler tudalen 2.",
    ),
}
"""The form's own offer in the family's language, and the one-line pointer to it that page
1 prints in that language (DPO's second read, #10 s18; Polish and Welsh, #10 s19). A
language with no string here gets the English offer only: a translation is never guessed.

Like the letters' offers, these were written and re-read for grammar and a formal register
by the tool's authors, who are not native speakers: a school has each checked by a native
speaker before the first form that prints it goes out (docs/senco-guide.md)."""


def language_offer(case: Case, parent: ParentCarer | None, on: dt.date) -> dict[str, str]:
    """The offer of the form in the family's language (``parent.language``, else the
    child's first language; a young person's own on ``on``): ``offer`` for the top of
    page 2, the page the family keeps (in their language first, then in English), and
    ``pointer``, page 1's one line in their language pointing to it. Both empty for
    English; ``pointer`` empty when there is no string for the language
    (:data:`FORM_OFFER_IN_LANGUAGE`)."""
    if is_young_person(case.child, on):
        parent = None
    language = ((parent.language if parent else None) or case.child.first_language or "").strip()
    if not language or language.casefold() == "english":
        return {"offer": "", "pointer": ""}
    english = (
        f"If you would like this form in {language}, or an interpreter to help you fill it "
        "in, please tell us and we will arrange it free of charge."
    )
    offer, pointer = FORM_OFFER_IN_LANGUAGE.get(language.casefold(), ("", ""))
    return {"offer": f"{offer}\n{english}" if offer else english, "pointer": pointer}


def pupil_intro(case: Case, on: dt.date | None = None) -> str:
    """The opening of the pupil's own page: why they are asked, and that their parents
    were asked too. When more than one parent gets their own form: "Both your parents
    have been asked too, each on their own form … if your answer and either parent's
    answer are different …" (DPO's second read, #10 s18). The ticks are the pupil's
    consent; a pupil of 16 or over on ``on`` (:func:`pupil_decides`) is told their own
    agreement is needed (#10 s19)."""
    on = on or dt.date.today()
    parents = len(consent_parents(case))
    if parents > 1:
        asked = (
            "Both your parents have been asked too, each on their own form."
            if parents == 2
            else "Each of your parents has been asked too, on their own form."
        )
        # where a parent's details are restricted (a court order) we never promise a
        # meeting of all of them: each parent is talked with separately
        together = all(p.share_details for p in consent_parents(case))
        differ = (
            "If your answer and either parent’s answer for a service are different, we will "
            "not share with that service until we have talked with you "
            + ("all." if together else "and with each of your parents separately.")
        )
    else:
        asked = "Your parent or carer has been asked too."
        differ = (
            "If your answer and your parent’s answer for a service are different, we will "
            "not share with that service until we have talked with you both."
        )
    if pupil_decides(case, on):
        opening = (
            f"You are {case.child.age_on(on)}, so we need your own agreement. Apart from the "
            "sharing in the box at the end of this page, which the law requires or allows "
            "without your tick, we will not share with a service you have not ticked. "
            f"{asked} Tick each service you agree to us sharing information with."
        )
    else:
        opening = (
            f"You are old enough to have a say in who we talk to about you. {asked} Tick each "
            "service you agree to us sharing information with: your ticks are your consent."
        )
    return (
        f"{opening} You can ask us about any of them first, you do not have to tick any, and "
        f"you can change your mind at any time. {differ}"
    )


def pupil_privacy(case: Case, on: dt.date, until: dt.date | None = None) -> str:
    """The pupil's page's privacy box, in a pupil's words: who looks after the page, the
    data protection officer, how long it is kept (the school's own period, :func:`retention`
    with the pupil as "you"), the privacy notice, and that they can complain to the ICO."""
    school = case.school
    setting = _setting(case)
    runs = f" (run by {school.proprietor})" if school.proprietor else ""
    dpo = school.data_protection_officer
    if dpo is not None:
        reach = ", ".join(x for x in (dpo.email, dpo.phone) if x)
        officer = (
            f"Our data protection officer, {dpo.name}, checks that we use information "
            f"properly{': ' + reach if reach else ''}."
        )
    else:
        officer = f"You can ask {setting} who our data protection officer is."
    given = school.data_protection.retention if school.data_protection else None
    keep = (
        f"We keep this page {_as_the_form_names(case, given.strip().rstrip('.'), True)}."
        if given
        else f"We keep this page for as long as {setting}’s records rules say; you can ask "
        "how long."
    )
    notice = (
        f"Our privacy notice says more: {school.privacy_notice_url}."
        if school.privacy_notice_url
        else "You can ask for our privacy notice, which says more."
    )
    return (
        f"{pupil_sharing(case, on, until)}\n"
        f"{school.name}{runs} looks after this page and what you tell us. {officer} {keep} "
        f"{notice} If you are unhappy with how we use your information, you can complain to "
        "the Information Commissioner’s Office (ico.org.uk)."
    )


def pupil_sharing(case: Case, on: dt.date, until: dt.date | None = None) -> str:
    """The pupil's page, in a pupil's words: what is shared with a service they tick, why,
    and for how long (``until``: the form's consent end date, default the end of the
    school year); for an EHC plan pupil, the plan's yearly review; and that sharing to
    keep someone safe does not wait for a tick (DPO + SENCO read, #10 s19)."""
    until = until or end_of_school_year(on)
    review = (
        f" Because you have an EHC plan, we also share information for the yearly review "
        f"of your plan with {case.local_authority.name} and the health and social care "
        "workers invited to it."
        if case.has_ehc_plan
        else ""
    )
    assessment = pupil_assessment_sharing(case)
    return (
        "What we share with a service you tick: your special educational needs, the help "
        "you get and reports about you, so that the service can understand what you need "
        f"and help you. We share it until {format_date(until)} or until you change your "
        f"mind.{review}{' ' + assessment if assessment else ''} If we are worried that you "
        "or someone else is not safe, we will always share what is needed to keep you safe, "
        "even if you have not ticked a box. We will usually tell you first, unless that "
        "would put you or someone else at risk."
    )


def consent_wording(
    case: Case,
    on: dt.date,
    rows: ServiceRows | None = None,
    parent: ParentCarer | None = None,
    until: dt.date | None = None,
) -> dict[str, str]:
    """The form's policy wording (map name ``wording``): ``retention``,
    ``what_we_share``, ``public_task``, ``controller``, ``dpo``, and each tick box's
    description (``tick_service_1`` …, :func:`tick_descriptions`); the pupil's own page's
    ``pupil_intro`` and ``pupil_privacy``. ``rows``: :func:`service_rows`, when the caller
    has them already; ``parent`` the parent this copy is for (the request "you asked …");
    ``until`` when consent ends (the pupil's page says it); ``senco_role`` the contact's
    role run on mid-sentence ("Mr Tom Bright (additional learning support manager)")."""
    return {
        "retention": retention(case, on),
        "what_we_share": what_we_share(case, on, parent),
        "public_task": public_task(case, on, parent),
        "senco_role": mid_sentence(case.school.senco.role or ""),
        "date_prepared_tip": f"Date {_setting(case)} prepared this form",
        "controller": data_controller(case),
        "dpo": dpo_line(case),
        "pupil_intro": pupil_intro(case, on),
        "pupil_privacy": pupil_privacy(case, on, until),
        **tick_descriptions(case, on, rows),
    }


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


class ConsentJob(NamedTuple):
    """One filled form to write: where, from which form and map, and for which parent
    (``None``: the first parent, or nobody's details for the pupil's own page)."""

    target: Path
    parent: ParentCarer | None
    form: Path
    form_map: FormMap


def consent_jobs(
    case: Case,
    form_map: FormMap,
    output: Path,
    form_pdf: Path,
    per_parent: bool | None = None,
) -> list[ConsentJob]:
    """Every form to write for ``case``: :func:`consent_copies`, except that whenever the
    pupil is asked (the shipped form with the pupil's page), each parent gets the parent's
    form (so "Please return page 1 … Keep page 2.") and the pupil's page is written once
    on its own sheet (``consent_pupil_Elena.pdf``): the pupil's own view never has to go
    back through a parent, and the pupil never gets two (DPO's second read, #10 s18).
    The CLI, the demo and the web app all ask this one function."""
    from sendocs.forms.mapfile import load_map

    copies = consent_copies(case, form_map, output, form_pdf, per_parent)
    if form_pdf.name != CONSENT_FORMS["with_pupil"] or per_parent is False:
        return [ConsentJob(target, parent, form_pdf, form_map) for target, parent in copies]
    parent_form = form_pdf.with_name(CONSENT_FORMS["parent"])
    parent_map = load_map(parent_form.with_suffix(".map.yaml"))
    pupil_form = form_pdf.with_name(PUPIL_FORM)
    pupil_map = load_map(pupil_form.with_suffix(".map.yaml"))
    name = safe_filename_part(case.child.known_as or case.child.legal_forename)
    pupil_target = output.with_name(f"{output.stem}_pupil_{name}{output.suffix}")
    return [
        *(ConsentJob(target, parent, parent_form, parent_map) for target, parent in copies),
        ConsentJob(pupil_target, None, pupil_form, pupil_map),
    ]


def routing_notes(case: Case, job: ConsentJob, copies: int) -> list[str]:
    """Where one filled copy may go, for the user (the CLI prints these on stderr); never
    printed on a page the family gets. ``copies``: how many parents' copies the run
    writes."""
    target = job.target.name
    if job.form.name == PUPIL_FORM:
        return [f"{target} is {case.child.known_as}'s own page: give it to them once, separately"]
    parent = job.parent
    if parent is None:
        parents = consent_parents(case)
        parent = parents[0] if parents else None
    notes = []
    if parent is not None and copies > 1:
        notes.append(f"{target} is for {parent.formal_name} only")
    if parent is not None and not parent.share_details:
        notes.append(
            f"send {target} only to {parent.formal_name} (their details must not be shared)"
        )
    if copies > 1 and any(e.field.startswith("pupil_") for e in job.form_map.entries):
        notes.append(
            f"each copy has the pupil's own page; give it to {case.child.known_as} once, separately"
        )
    return notes


def parent_copies(jobs: list[ConsentJob]) -> int:
    """How many of ``jobs`` are a parent's copy (not the pupil's own page)."""
    return sum(1 for job in jobs if job.form.name != PUPIL_FORM)


def service_row_labels(fields: Sequence[FormField]) -> list[str]:
    """For ``sendocs form fields``: each service row's tick box and the service the row
    holds, read from its ``<box>_title`` field ("service_1: Westshire CAMHS (clinical
    psychologist) — ticked: no"), so a returned form is read by service, not by a name."""
    by_name = {f.name: f for f in fields}
    lines = []
    for f in fields:
        title = by_name.get(f"{f.name}_title")
        if f.kind is not FieldKind.CHECKBOX or title is None:
            continue
        held = str(title.value or "").strip() or "(no service named)"
        ticked = "yes" if str(f.value or "Off").lstrip("/") not in ("Off", "", "None") else "no"
        lines.append(f"{f.name}: {held} (ticked: {ticked})")
    return lines
