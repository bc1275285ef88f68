"""Kind ``iep``: the SEN support plan, one assess-plan-do-review cycle on paper.

The plan shows the current cycle (the last in the case) and, for context,
what happened to the outcomes of the previous cycle. Code of Practice
6.44-6.56 (graduated approach), 6.48 (a clear review date), 6.65 (meeting
parents at least three times a year).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sendocs.documents.attainment import assess_view
from sendocs.documents.base import SCHOOL_FILE_COPY, DocumentKind, RenderOptions
from sendocs.documents.letters import (
    addressees,
    is_young_person,
    letter_recipients,
    salutation,
)
from sendocs.documents.parent_notification import meet_separately
from sendocs.documents.plan_request import plan_request
from sendocs.documents.views import (
    need_rows,
    needs_by_area,
    outcome_rows,
    provision_rows,
    suspected_prefix,
)
from sendocs.formatting import format_date, format_list, mid_sentence, plural
from sendocs.models import AppealType, Case, ParentCarer, ReviewCycle


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    """Everything the SEN support plan template may use (see docs/templates.md)."""
    cycle = case.current_cycle
    locale = options.locale
    previous = case.previous_cycles[-1] if case.previous_cycles else None
    reader = copy_reader(case, options)
    provision = provision_rows(case, options)
    withheld = parent_views_withheld(case, options.document_date)
    updated = plan_updated_on(case, options.document_date)
    return {
        "case": case,
        "child": case.child,
        "parents": case.parents,
        # who signs this copy: a parent's own copy has only their own row (s18, Elena)
        "signers": reader or case.parents,
        # "Parents and carers:" in a parent's own copy lists only that parent: naming the
        # other parent there tells a restricted parent who else the school deals with
        "listed_parents": reader or case.parents,
        # the school's full copy when each parent has their own: marked never to be sent
        "school_file_copy": reader is None and split_copies(case, options),
        "school": case.school,
        "la": case.local_authority,
        "document_date": options.document_date,
        "plan": {
            "number": len(case.cycles),
            "start": cycle.start,
            "review_date": cycle.review_date,
            "review_date_full": format_date(cycle.review_date, "full", locale),
            # the time and place the letter gives, in the plan's review sentence (s18 B)
            "review_time": cycle.review_time or "",
            "review_place": cycle.review_place or "",
            "assess": assess_view(cycle, case.child.date_of_birth),
            "pupil_views": cycle.pupil_views or "",
            # a young person's plan holds their parents' views only with their agreement
            "parent_views": "" if withheld else (cycle.parent_views or ""),
            "parent_views_each": [] if withheld else views_for(cycle, case, reader, options),
            "agreed_on": format_date(cycle.agreed_on, "long", locale) if cycle.agreed_on else "",
            "updated_on": format_date(updated, "long", locale) if updated else "",
            "outcomes": steps_towards_section_e(outcome_rows(cycle, locale), case),
            # support additional to, or different from, what others get; ordinary class
            # teaching adapted for the child under its own heading, with no time or cost
            # (Ella's Makaton signing sat under "additional to, or different from": s18 H)
            "provision": provision,  # every line (custom templates rely on it)
            "additional": [r for r in provision if not r["class_teaching"]],
            "class_teaching": [r for r in provision if r["class_teaching"]],
            "strategies": cycle.strategies_for_all_adults,
            "help_at_home": cycle.help_at_home,
            "parent_requests": request_rows(cycle),
        },
        "ehc": ehc_context(case, options),
        "request": plan_request(case, options),
        "title": plan_title(case),
        "parent_views_withheld": withheld,
        "parent_views_by": parent_views_by(case, options.document_date),
        # needs in the young person's own words: the column says "for me" (s18 I)
        "needs_first_person": is_young_person(case.child, options.document_date)
        and any(n.in_my_words for n in case.needs),
        "class_teaching_heading": class_teaching_heading(case),
        "appeal_note": appeal_note(case, options),
        "header_title": header_title(case),
        "reference_line": plan_reference(case),
        "words": setting_words(case, options.document_date),
        "age_text": age_text(case.child.date_of_birth, options.document_date),
        "previous": (
            {
                "start": previous.start,
                "review_date": previous.review.held_on if previous.review else previous.review_date,
                "outcomes": outcome_rows(previous, locale),
                "effectiveness": (previous.review.effectiveness or "") if previous.review else "",
                "next_steps": (previous.review.next_steps or "") if previous.review else "",
                "since": since_review(case, options),
            }
            if previous
            else None
        ),
        "needs": own_words(need_rows(case), case, options.document_date),
        "needs_by_area": needs_by_area(case),
        "strengths": case.strengths,
        "diagnoses": case.diagnoses,
        "professionals": case.professionals,
        "exam_access_arrangements": case.exam_access_arrangements,
        "sen_status": case.sen_status.label,
        "has_ehc_plan": case.has_ehc_plan,
        "class_teacher": teacher_name(case),
        "meeting": meeting_words(case, options),
    }


def split_copies(case: Case, options: RenderOptions) -> bool:
    """Whether each parent gets a copy of the plan of their own: a parent's details are
    restricted (``share_details: false``: a court order, a safeguarding concern) and the
    parents get separate letters, each enclosing the plan. The plan quotes each parent's
    own words and has a signature row for each; a copy that carries one parent's words
    to the other is what the restriction forbids (a DPO's read of Elena's, s18)."""
    restricted = any(not p.share_details for p in case.parents)
    return restricted and len(letter_recipients(case, options.document_date)) > 1


def recipients(case: Case, options: RenderOptions) -> list[str]:
    """The copies to make: one, or (:func:`split_copies`) the school's full copy (label
    :data:`SCHOOL_FILE_COPY`: ``…_school_file_copy.docx``, so nobody sends it by its
    name) and one per letter recipient ("Dr ap Gwilym"), each enclosed with that parent's
    letter. ``options.extra["recipient"]`` is the copy's position in this list."""
    if not split_copies(case, options):
        return [""]
    return [
        SCHOOL_FILE_COPY,
        *(r.label for r in letter_recipients(case, options.document_date)),
    ]


def copy_reader(case: Case, options: RenderOptions) -> list[ParentCarer] | None:
    """The parents whose own copy this is (None: the school's full copy)."""
    index = int(options.extra.get("recipient", 0))
    if index < 1 or not split_copies(case, options):
        return None
    everyone = letter_recipients(case, options.document_date)
    return list(everyone[min(index, len(everyone)) - 1].parents)


def views_for(
    cycle: ReviewCycle, case: Case, reader: list[ParentCarer] | None, options: RenderOptions
) -> list[dict[str, str]]:
    """Each parent's own words by name. In a parent's own copy (``reader``) another
    parent's words are left out and nothing is said of them: not even "Ms de la Cruz's
    views were recorded separately", which tells a restricted parent that the other is
    in touch with the school (a DPO's read of Elena's, s18 A1). Words whose name matches
    no parent in the case are kept.

    One joint ``parent_views`` is said to be the parents' the letter writes to ("Ms
    Baxter", "Mr and Mrs Ahmed"): a plan never quotes views without saying whose they
    are (s19 #6). Not in a young person's plan (:func:`parent_views_by` says whose,
    and on what footing) nor where each parent has a copy of their own (naming both
    would tell a restricted parent who else the school deals with)."""
    if not cycle.parent_views_each:
        if (
            not cycle.parent_views
            or not case.parents
            or is_young_person(case.child, options.document_date)
            or split_copies(case, options)
            or joint_views_unattributed(case, options)
        ):
            return []
        said_by = salutation(addressees(case)).removeprefix("Dear ")
        return [{"name": said_by, "views": cycle.parent_views}]
    rows = []
    for view in cycle.parent_views_each:
        others = [] if reader is None else [p for p in case.parents if p not in reader]
        if any(p.answers_to(view.name) for p in others) and not any(
            p.answers_to(view.name) for p in reader or []
        ):
            continue
        rows.append({"name": view.name, "views": view.views})
    return rows


def joint_views_unattributed(case: Case, options: RenderOptions) -> bool:
    """One joint ``parent_views`` while the parents live apart (a letter each): the case
    does not say which parent gave it, so the plan names neither ("Mr and Mrs O'Connor:
    We'd like …" gave Mr O'Connor words the case never recorded from him, s19 A3) and
    the render warns (:func:`plan_warnings`). ``parent_views_each`` says whose they are."""
    cycle = case.current_cycle
    return (
        bool(cycle.parent_views)
        and not cycle.parent_views_each
        and not is_young_person(case.child, options.document_date)
        and len(letter_recipients(case, options.document_date)) > 1
    )


def plan_warnings(case: Case, options: RenderOptions) -> list[str]:
    """What to check before sending the plan (printed by ``render``)."""
    if not joint_views_unattributed(case, options):
        return []
    return [
        f"{case.child.known_as}’s parents live apart and the plan’s parent_views "
        "does not say which parent gave them, so the plan prints them without a name; "
        "record them under parent_views_each (name: the parent who gave them) so the plan "
        "says whose they are"
    ]


def since_review(case: Case, options: RenderOptions) -> str:
    """What has happened since the last plan's review that its next steps planned or
    awaited, in date order: the assessment request made after it, the council's refusal
    of an assessment and the appeal against it. Leo's plan said "Parent to ask the
    council for an EHC needs assessment" (17 July) and nothing of the refusal of
    21 August or the appeal of 16 November (s19 A3). Only what happened by the plan's
    date is said; "" when nothing did."""
    previous = case.previous_cycles[-1] if case.previous_cycles else None
    if previous is None:
        return ""
    on = options.document_date
    reviewed = previous.review.held_on if previous.review else previous.review_date
    parts = []
    request = plan_request(case, options)
    if request is not None and request["after_review"]:
        parts.append(
            f"An EHC needs assessment was requested on {request['sent']} (see "
            "\u201cRequest for an EHC needs assessment\u201d)."
        )
    appeal = case.appeal
    decision = appeal.decision if appeal is not None else None
    if (
        appeal is not None
        and appeal.appeal_type is AppealType.REFUSAL_TO_ASSESS
        and decision is not None
        and reviewed < decision.date_sent <= on
    ):
        from sendocs.documents.appeal_reasons import appellants

        refused = format_date(decision.date_sent, "long", options.locale)
        sentence = f"The council refused the assessment on {refused}"
        if appeal.lodged_on and appeal.lodged_on <= on:
            lodged = format_date(appeal.lodged_on, "long", options.locale)
            sentence += f"; {appellants(case).noun} appealed on {lodged}"
        parts.append(sentence + ".")
    return " ".join(parts)


def meeting_words(case: Case, options: RenderOptions) -> dict[str, Any]:
    """Whether the parents meet the school separately, by the letter's own rule
    (restricted details and separate households), so plan and letter never disagree: the
    letter offers separate meetings in the review's week, the plan says the same and never
    "together" (s17 E1)."""
    review = case.current_cycle.review_date
    week_of = review - dt.timedelta(days=review.weekday())
    everyone = letter_recipients(case, options.document_date)
    return {
        "separate": meet_separately(case, everyone),
        "week_of": format_date(week_of, "full", options.locale),
        # the details table's "Week of 7 December 2026", beside its other dates
        "week_of_date": format_date(week_of, "long", options.locale),
    }


def own_words(rows: list[dict[str, Any]], case: Case, on: dt.date) -> list[dict[str, Any]]:
    """A plan addressed to a young person (past compulsory school age) describes their
    needs in their own words (``needs[].in_my_words``) where the case gives them, as the
    rest of the plan speaks to them (expert read A17: "Jordan is autistic" beside
    "listen to your views")."""
    if not is_young_person(case.child, on):
        return rows
    ranked = sorted(case.needs, key=lambda n: n.rank or 3)
    for row, need in zip(rows, ranked, strict=True):
        if need.in_my_words:
            words = " ".join(need.in_my_words.split())
            row["description"] = suspected_prefix(need.suspected, words) + words
    return rows


def teacher_name(case: Case) -> str:
    """The class teacher or tutor as the plan prints them beside its "Tutor" label: a
    bracketed role that repeats the label ("Mrs Ellen Shaw (personal tutor)") is left
    off, so the plan never says "Tutor: … (personal tutor)"."""
    name = case.class_teacher or ""
    if case.school.setting_type.is_college:
        name = re.sub(r"\s*\((?:personal )?tutor\)\s*$", "", name, flags=re.IGNORECASE)
    elif _secondary(case):
        # "Form tutor: Mr David Osei", never "Class teacher: Mr David Osei (form tutor)"
        name = re.sub(r"\s*\(form tutor\)\s*$", "", name, flags=re.IGNORECASE)
    return name


def tutor_label(case: Case) -> str:
    """A college's label for the tutor: the role the case gives in brackets after their
    name ("Mrs Ellen Shaw (personal tutor)" → "Personal tutor"), else "Tutor"."""
    role = re.search(r"\((personal tutor|tutor)\)\s*$", case.class_teacher or "", re.IGNORECASE)
    return role.group(1).capitalize() if role else "Tutor"


def _secondary(case: Case) -> bool:
    """Year 7 and up at a school: subject teachers and a form tutor, not a class teacher."""
    return not case.school.setting_type.is_college and case.child.year_group >= 7


def plan_title(case: Case) -> str:
    """A pupil with an EHC plan is not on SEN support: their school plan says so, in
    words. The EHC plan's reference is a line of its own under the title
    (:func:`plan_reference`): in the title it wrapped the title and the page header
    badly (Sami, Ella, s18)."""
    if not case.has_ehc_plan:
        return "SEN support plan"
    # short enough for one line: "plan" stood alone on line 2 of the longer title (s18 H)
    return "Support plan for a pupil with an EHC plan"


def class_teaching_heading(case: Case) -> str:
    """ "How Ella's class teaching is adapted for her": the child's recorded pronouns,
    else the name again ("… adapted for Ella")."""
    name = case.child.known_as
    first = (case.child.pronouns or "").split("/")[0].strip().casefold()
    them = {"she": "her", "he": "him", "they": "them"}.get(first, name)
    return f"How {name}\u2019s class teaching is adapted for {them}"


def plan_updated_on(case: Case, on: dt.date) -> dt.date | None:
    """The date written on the plan as "updated" (the document's date), when the plan
    reports something that happened after it was agreed (or began): a request sent or
    followed up, an appeal lodged, support started or asked for. Jordan's "Plan 1, from
    7 September 2026" reported a follow-up of 10 November (s18 I); None otherwise."""
    cycle = case.current_cycle
    since = cycle.agreed_on or cycle.start
    dates: list[dt.date | None] = [p.start for p in cycle.provision]
    dates += [p.requested_on for p in cycle.provision]
    request = case.assessment_request
    if request is not None:
        dates += [request.sent_on, request.followed_up_on]
    if case.appeal is not None:
        dates.append(case.appeal.lodged_on)
    later = any(d is not None and since < d <= on for d in dates)
    return on if later and on > since else None


def parent_views_withheld(case: Case, on: dt.date) -> bool:
    """Past compulsory school age the plan is the young person's: their parents' views
    go in only when the case records that they agreed
    (``child.young_person_agreed_to_share_parent_views_on``; ``validate`` warns).
    Jordan's mother's views were printed with no record of his agreement (s18 I)."""
    child = case.child
    return is_young_person(child, on) and not child.young_person_agreed_to_share_parent_views_on


def parent_views_by(case: Case, on: dt.date) -> str:
    """Whose views they are and on what footing, in a young person's plan: "Jordan's
    mother, Ms Karen Mills (her views are included with Jordan's agreement)" ("" for a
    child's plan, or when the views are left out)."""
    child = case.child
    if not is_young_person(child, on) or parent_views_withheld(case, on) or not case.parents:
        return ""
    name = child.known_as
    if len(case.parents) == 1:
        parent = case.parents[0]
        role = parent.relationship.casefold()
        their = {"mother": "her", "father": "his"}.get(role, "their")
        who = f"{name}\u2019s {role}, {parent.formal_name}"
    else:
        their = "their"
        who = f"{name}\u2019s parents, {format_list(p.formal_name for p in case.parents)}"
    return f"{who} ({their} views are included with {name}\u2019s agreement)"


def appeal_note(case: Case, options: RenderOptions) -> str:
    """What the plan says of an appeal against the EHC plan's contents ("" when none):
    the school named in Section I and the school the parents ask for, whether the
    appeal is lodged (``appeal.lodged_on``) or being prepared. Ella's plan never said
    that Section I names Hillcrest while Ms Owusu appeals for St Mark's (s18 H). It
    says nothing of what happens while the appeal is heard: the case records no
    decision, and the plan is no place to state the law on it."""
    appeal = case.appeal
    if not case.has_ehc_plan or appeal is None or appeal.appeal_type is not AppealType.CONTENTS:
        return ""
    from sendocs.documents.appeal_reasons import appellants, sections_phrase

    who = appellants(case)
    name = case.child.known_as
    tribunal = "the First-tier Tribunal (Special Educational Needs and Disability)"
    if appeal.lodged_on and appeal.lodged_on <= options.document_date:
        lead = f"On {format_date(appeal.lodged_on, 'long', options.locale)} {who.noun} appealed"
    else:
        lead = f"{who.noun} {who.verb('are', 'is')} appealing"
    # the plan's own Section I text, from the working document's first I paragraph
    named = next(
        (
            a.original.strip().rstrip(".")
            for a in appeal.amendments
            if a.section.value == "I" and a.original
        ),
        "",
    )
    wanted = appeal.preferred_school.name if appeal.preferred_school else ""
    parts = []
    if named:
        parts.append(f"Section I of {name}\u2019s EHC plan names {named}.")
    sections = sections_phrase(list(appeal.sections))
    if wanted and appeal.challenges_section_i:
        also = [s for s in appeal.sections if s.value != "I"]
        against = f" against {sections_phrase(also)} of the plan, and" if also else ""
        parts.append(f"{lead} to {tribunal}{against} for {wanted} to be named instead.")
    elif sections:
        parts.append(f"{lead} to {tribunal} against {sections} of {name}\u2019s EHC plan.")
    else:
        parts.append(f"{lead} to {tribunal} against {name}\u2019s EHC plan.")
    parts.append("The appeal has not yet been decided.")
    # where the child is meanwhile, when the plan's own school is neither the one named
    # nor the one asked for (Ella's: Section I names Hillcrest, she is at Northam, s19 A3)
    school = case.school.name
    if (
        appeal.challenges_section_i
        and named
        and wanted
        and school.casefold() not in named.casefold()
        and school.casefold() != wanted.casefold()
    ):
        parts.append(f"{name} stays at {school} while the appeal is decided.")
    return " ".join(parts)


def header_title(case: Case) -> str:
    """The page header's short name for the plan, which keeps the header one line."""
    return "School support plan (EHC plan)" if case.has_ehc_plan else "SEN support plan"


def plan_reference(case: Case) -> str:
    """ "EHC plan reference: ANY/EHC/2026/0417" under the title ("" without one)."""
    ref = case.ehc_plan.reference if case.has_ehc_plan and case.ehc_plan else None
    return f"EHC plan reference: {ref}" if ref else ""


def setting_words(case: Case, on: dt.date) -> dict[str, Any]:
    """Words for where the plan is written: a school's pupils, SENCO and class teacher, or
    a college's students, its staff role (``school.senco.role``) and tutor. A college
    plan cites no Code chapter 6 paragraph (chapter 6 is written for schools). Past
    compulsory school age on ``on`` the young person agrees their own plan (CAFA 2014
    Part 3, domain brief §11): parents sign only when ``child.parents_involved``."""
    college = case.school.setting_type.is_college
    young_person = is_young_person(case.child, on)
    return {
        "college": college,
        "young_person": young_person,
        "parents_sign": not young_person or case.child.parents_involved,
        "senco": (case.school.senco.role or "SENCO") if college else "SENCO",
        # the role mid-sentence ("please contact Mr Tom Bright, additional learning support
        # manager, by email …"); an acronym (SENCO) keeps its capitals (s19 #9)
        "senco_in_sentence": mid_sentence(case.school.senco.role or "SENCO"),
        "setting": "college" if college else "school",
        "learner": "student" if college else "pupil",
        "learners": "students" if college else "pupils",
        # a secondary pupil has a form tutor, not a class teacher (s18 read); a college
        # tutor by the role the case gives them, so the row and "Who leads" agree
        # ("Personal tutor" in both, never "Tutor" beside "Personal tutor": s19 A3)
        "teacher": tutor_label(case)
        if college
        else ("Form tutor" if _secondary(case) else "Class teacher"),
        # Year 7 and up: subject teachers, not one class teacher, answer for progress
        "secondary": _secondary(case),
    }


def steps_towards_section_e(rows: list[dict[str, Any]], case: Case) -> list[dict[str, Any]]:
    """Each outcome row with the Section E outcome it is a step towards (``towards``), when
    the case links one that exists (``validate`` warns about one that does not)."""
    section_e = case.ehc_plan.section_e if case.has_ehc_plan and case.ehc_plan else []
    outcomes = case.current_cycle.outcomes
    for row, outcome in zip(rows, outcomes, strict=True):
        n = outcome.ehc_outcome
        row["ehc_outcome"] = n if n and n <= len(section_e) else None
        row["towards"] = section_e[n - 1] if n and n <= len(section_e) else ""
    return rows


def ehc_context(case: Case, options: RenderOptions) -> dict[str, Any] | None:
    """The EHC plan's dates and Section E outcomes, for pupils who have one."""
    if not case.has_ehc_plan:
        return None
    plan = case.ehc_plan
    locale = options.locale
    if plan is None:
        return {
            "issued": "",
            "last_review": "",
            "review_due": "",
            "section_e": [],
            "section_f": [],
            "section_f_rows": [],
            "ref": "",
        }
    due = plan.annual_review_due
    return {
        "issued": format_date(plan.issued, "long", locale),
        "last_review": format_date(plan.last_review, "long", locale) if plan.last_review else "",
        "review_due": format_date(due, "full", locale),
        "review_due_passed": due < options.document_date,
        "section_e": plan.section_e,
        "section_f": [text for _, text in plan.section_f_items],
        "section_f_rows": section_f_rows(case),
        "links_text": section_e_links_text(case),
        "ref": plan.reference or "",
    }


def section_e_links_text(case: Case) -> str:
    """Which of this plan's outcomes are steps towards which Section E outcome, and which
    are the school's own targets: "In this plan, outcome 1 is a step towards E1;
    outcomes 2 and 3 are additional school targets." (never "all are steps towards
    them", and the school's own targets said once, not once per outcome: Ella, s18 H)."""
    section_e = case.ehc_plan.section_e if case.ehc_plan else []
    parts = []
    own = []
    for i, o in enumerate(case.current_cycle.outcomes, start=1):
        n = o.ehc_outcome
        if n and n <= len(section_e):
            # Section E's own label (E2): "outcome 1 … Section E outcome 2" cross-numbered
            # the two lists (Sami, s18)
            parts.append(f"outcome {i} is a step towards E{n}")
        else:
            own.append(str(i))
    if len(own) == 1:
        parts.append(f"outcome {own[0]} is an additional school target")
    elif own:
        parts.append(f"outcomes {format_list(own)} are additional school targets")
    if not parts:
        return ""
    return "In this plan, " + "; ".join(parts) + "."


def section_f_rows(case: Case) -> list[dict[str, Any]]:
    """Each Section F item with the support rows of this plan that deliver it (the case's
    ``provision[].section_f``), so no item is listed without saying how it is delivered;
    ``rows`` is empty for an item no support delivers (``validate`` warns). Each keeps the
    EHC plan's own number (``label`` "F3"), never its place in this list."""
    plan = case.ehc_plan
    if plan is None:
        return []
    provision = case.current_cycle.provision
    return [
        {
            "number": n,
            "label": f"F{n}",
            "text": text,
            "rows": [p.intervention for p in provision if n in p.section_f],
        }
        for n, text in plan.section_f_items
    ]


def request_rows(cycle: ReviewCycle) -> list[dict[str, Any]]:
    """What the parents asked for, answered by an outcome or provision, or shown as open."""
    rows = []
    for r in cycle.parent_requests:
        answers = []
        if r.outcome is not None:
            answers.append(f"Outcome {r.outcome}: {cycle.outcomes[r.outcome - 1].outcome}")
        if r.provision:
            answers.append(f"Support: {r.provision}")
        if r.response:
            answers.append(r.response)
        rows.append(
            {
                "request": r.request,
                "answer": " ".join(answers) if answers else "Still open: to discuss at the review.",
                "open": not answers,
            }
        )
    return rows


def age_text(born: dt.date, on: dt.date) -> str:
    """ "11 years 3 months": chronological age, computed, never typed; a whole number of
    years is said alone ("16", read "age 16 on 30 November 2026", not "16 years 0
    months")."""
    months = (on.year - born.year) * 12 + on.month - born.month - (1 if on.day < born.day else 0)
    years, months = divmod(max(months, 0), 12)
    if months == 0:
        return str(years)
    return f"{plural(years, 'year')} {plural(months, 'month')}"


def _plan_date(case: Case, options: RenderOptions) -> dt.date:
    return case.current_cycle.start


IEP = DocumentKind(
    name="iep",
    title="SEN support plan",
    description="SEN support plan (IEP) for the current assess-plan-do-review cycle.",
    template="sen_support_plan.docx",
    build_context=build_context,
    file_label="SEN_support_plan",
    case_file_label=lambda case: "School_support_plan" if case.has_ehc_plan else "SEN_support_plan",
    file_date=_plan_date,
    recipients=recipients,
    warnings=plan_warnings,
)
