"""Kinds ``assessment-request`` and ``assessment-follow-up``: asking the local
authority for an EHC needs assessment, and chasing a late decision.

The request follows the structure of domain brief §4 (modelled on IPSEA's
model letter, paraphrased): the request under s.36(1); the current setting;
the two-limb test in s.36(8) as the only legal test; limb 1 (has or may have
SEN) from needs, diagnoses and reports; limb 2 (may need provision through
a plan) from the case's own assess-plan-do-review history; the reg 5(1)
six-week decision date, computed; the right of appeal; the people to ask
for advice (reg 6(1)); the enclosures; and an evidence chronology.

The letter's wording lives in the template; this module works out the facts
and the sentences that depend on the data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sendocs.costing import NOTIONAL_SEN_BUDGET, CostPeriod, PupilCosting
from sendocs.dates import Deadline, assessment_decision_deadline
from sendocs.documents.assessment_glossary import Glossary
from sendocs.documents.assessment_support import (
    ADVISED,
    PARTLY,
    attainment_change,
    attendance_change,
    attendance_trend,
    condition_in_sentence,
    mid_sentence,
    progress_rows,
    support_picture,
    tried_and_stopped,
)
from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.letters import (
    addressees,
    compulsory_school_age_ends,
    introduced_as,
    is_young_person,
)
from sendocs.documents.pupil_costing import pupil_costing
from sendocs.documents.views import need_rows
from sendocs.formatting import format_date, format_list, format_money, plural
from sendocs.models import (
    AssessmentRequest,
    Case,
    Child,
    EvidenceDocument,
    EvidenceKind,
    OutcomeStatus,
    ParentCarer,
    Requester,
    ReviewCycle,
    SenProvision,
)

__all__ = [
    "ASSESSMENT_FOLLOW_UP",
    "ASSESSMENT_REQUEST",
    "build_context",
    "chronology",
    "cite",
    "decision_deadline",
    "enclosed_map_date",
    "enclosed_map_warnings",
    "enclosures",
    "follow_up_check",
    "follow_up_reply_by",
    "limb_two",
]


@dataclass(frozen=True)
class ChronologyRow:
    """One line of the evidence chronology appendix."""

    date: dt.date
    document: str
    author: str
    shows: str
    ref: str = ""


def chronology(
    case: Case, locale: str = "en_GB", numbers: dict[str, int] | None = None
) -> list[ChronologyRow]:
    """Every dated piece of evidence in the case, oldest first.

    Evidence documents, diagnoses, professional reports and each reviewed
    cycle of SEN support, so a reader sees the history in one table.
    Reusable in an appeal. ``numbers`` maps evidence refs to enclosure numbers
    (a letter numbers its enclosures in the order it cites them).
    """
    rows: list[ChronologyRow] = []
    # one row per event: a review held on the day the plans-and-reviews record is dated
    # is told in that record's row, not in a second row citing the same enclosure
    folded: set[int] = set()
    for doc in case.evidence:
        # a role mid-list is lower-cased: "Dr Fiona Walsh, educational psychologist" (s19 #11)
        author = ", ".join(x for x in (doc.author, mid_sentence(doc.role or "")) if x)
        shows = _shows(case, doc, locale)
        if doc.kind in (EvidenceKind.REVIEW, EvidenceKind.SEN_SUPPORT_PLAN):
            for number, cycle in enumerate(case.cycles, start=1):
                if cycle.review is not None and cycle.review.held_on == doc.date:
                    folded.add(number)
                    shows = (
                        f"{shows.rstrip('.')}. At the review of "
                        f"{format_date(cycle.review.held_on, 'long', locale)}: "
                        f"{_outcome_summary(cycle)}"
                    )
        rows.append(
            ChronologyRow(
                date=doc.date,
                document=doc.title,
                author=author or "Not stated",
                shows=shows,
                ref=str(numbers.get(doc.ref or "", "")) if numbers else doc.ref or "",
            )
        )
    documented = {(r.date, r.author.split(",")[0]) for r in rows}
    for diagnosis in case.diagnoses:
        who = diagnosis.diagnosed_by.split(",")[0]
        if (diagnosis.date, who) not in documented:
            rows.append(
                ChronologyRow(
                    date=diagnosis.date,
                    document=f"Diagnosis: {diagnosis.condition}",
                    author=diagnosis.diagnosed_by,
                    shows=_diagnosis_shows(diagnosis.condition, diagnosis.notes),
                )
            )
    # the reviews are in the enclosed plans-and-reviews document: cite it on their rows
    reviews_doc = next(
        (
            d
            for d in case.evidence
            if d.kind in (EvidenceKind.REVIEW, EvidenceKind.SEN_SUPPORT_PLAN) and d.ref
        ),
        None,
    )
    review_ref = ""
    if reviews_doc is not None and reviews_doc.ref:
        review_ref = (
            str(numbers.get(reviews_doc.ref, "")) if numbers is not None else reviews_doc.ref
        )
    for number, cycle in enumerate(case.cycles, start=1):
        if cycle.review is None or number in folded:
            continue
        rows.append(
            ChronologyRow(
                date=cycle.review.held_on,
                document=f"SEN support review (plan {number}, started "
                f"{format_date(cycle.start, 'long', locale)})",
                author=case.school.name,
                shows=_outcome_summary(cycle),
                ref=review_ref,
            )
        )
    if numbers and CURRENT_PLAN_REF in numbers:
        current = case.current_cycle
        rows.append(
            ChronologyRow(
                date=current.start,
                document=_current_plan_title(case),
                author=case.school.name,
                shows=(
                    f"The plan now in place: {_in_words(plural(len(current.outcomes), 'outcome'))}"
                    f", to be reviewed on {format_date(current.review_date, 'long', locale)}."
                ),
                ref=str(numbers[CURRENT_PLAN_REF]),
            )
        )
    rows.sort(key=lambda r: (r.date, r.document))
    return rows


CURRENT_PLAN_REF = "current-plan"
"""The enclosure ref of the current SEN support plan when the letter adds it."""


def _current_plan_title(case: Case) -> str:
    number = len(case.cycles)
    return (
        f"Current SEN support plan (plan {number}, from "
        f"{format_date(case.current_cycle.start, 'long')})"
    )


def _current_plan_enclosed(case: Case) -> bool:
    """True when the letter must enclose the current plan itself: the plans-and-reviews
    record in the evidence predates it, so without it the letter would count a plan
    ("three SEN support plans") that no enclosure holds (s18 finding 1: one count, from
    what is enclosed). With no plan or review among the evidence at all, the one plan
    the letter names is enclosed too (s18 R5 finding 6: Jordan's "one SEN support
    plan" was named and not enclosed)."""
    if not case.cycles:
        return False
    records = [
        d
        for d in case.evidence
        if d.kind in (EvidenceKind.REVIEW, EvidenceKind.SEN_SUPPORT_PLAN) and d.ref
    ]
    if not records:
        return True
    return max(d.date for d in records) < case.current_cycle.start


def _diagnosis_shows(condition: str, notes: str | None) -> str:
    """What a diagnosis shows, the condition written as recorded ("Down syndrome",
    never "down syndrome")."""
    text = f"{condition.strip().rstrip('.')} diagnosed."
    if notes and notes.strip():
        text += f" {notes.strip().rstrip('.')}."
    return text


def _shows(case: Case, doc: EvidenceDocument, locale: str) -> str:
    """What an evidence document shows, in the chronology's last column: its summary,
    else what the case itself says about it (the decision and what it left out, the
    mediation outcome, the plan's sections under appeal, the cycles a review record
    covers, the attendance trend, the grounds that cite it). Never just the document's
    kind, which the "Document" column already names."""
    if doc.summary and doc.summary.strip():
        paras = list(dict.fromkeys(doc.summary_paragraphs))
        if not paras:
            return doc.summary.strip()
        cited = ("para " if len(paras) == 1 else "paras ") + ", ".join(paras)
        return f"{doc.summary.strip().rstrip('.')} ({cited})."
    appeal = case.appeal
    kind = doc.kind
    if kind is EvidenceKind.DECISION_LETTER and appeal is not None:
        from sendocs.documents.appeal_deadline import letter_omissions

        text = f"The decision under appeal: {_lower_label(appeal.appeal_type.label)}"
        omitted = letter_omissions(appeal)
        if omitted:
            text += f"; it does not state {format_list(omitted)}"
        return text + "."
    if kind is EvidenceKind.MEDIATION_CERTIFICATE and appeal is not None:
        certificate = appeal.mediation_certificate
        if certificate and certificate.mediation_took_place:
            return "Mediation took place; the appeal can now be made (CAFA 2014 s.55)."
        return "Mediation was considered and not taken up; the appeal can now be made (s.55)."
    if kind is EvidenceKind.EHC_PLAN and appeal is not None and appeal.sections:
        from sendocs.documents.appeal_reasons import sections_phrase

        challenged = sections_phrase(list(appeal.sections))
        verb = "is" if len(appeal.sections) == 1 else "are"
        return f"The final plan under appeal; {challenged} {verb} challenged."
    if kind in (EvidenceKind.REVIEW, EvidenceKind.SEN_SUPPORT_PLAN) and case.cycles:
        return _cycles_shown(case, doc.date, locale)
    if kind is EvidenceKind.ATTENDANCE:
        trend = attendance_trend(case, locale)
        if trend:
            return trend
    cited = _cited_for(case, doc)
    if cited:
        return cited
    return (
        f"Advice about {case.child.known_as}\u2019s needs."
        if kind
        in (
            EvidenceKind.REPORT,
            EvidenceKind.EXPERT_REPORT,
        )
        else ""
    )


def _lower_label(label: str) -> str:
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _cycles_shown(case: Case, up_to: dt.date, locale: str) -> str:
    """The plans and reviews a review record covers, and the outcomes they missed."""
    cycles = [c for c in case.cycles if c.start <= up_to]
    reviewed = [c for c in cycles if c.review is not None and c.review.held_on <= up_to]
    if not cycles:
        return ""
    # counted by status: "three outcomes not met or only partly met" when none was
    # partly met told the reader less than the record (s18 R5 finding 12)
    not_met = sum(1 for c in reviewed for o in c.outcomes if o.status is OutcomeStatus.NOT_MET)
    partly = sum(1 for c in reviewed for o in c.outcomes if o.status is OutcomeStatus.PARTLY_MET)
    counted = []
    if not_met:
        counted.append(f"{_in_words(plural(not_met, 'outcome'))} not met")
    if partly:
        counted.append(
            f"{_in_words(plural(partly, 'outcome'))} partly met"
            if not counted
            else f"{_NUMBER_WORDS.get(partly, str(partly))} partly met"
        )
    text = (
        f"{_in_words(plural(len(cycles), 'SEN support plan'), capital=True)} from "
        f"{format_date(cycles[0].start, 'long', locale)}, "
        f"{_NUMBER_WORDS.get(len(reviewed), str(len(reviewed)))} reviewed"
    )
    if reviewed:
        text += f"; {' and '.join(counted)}" if counted else "; their outcomes met"
    return text + "."


def _cited_for(case: Case, doc: EvidenceDocument) -> str:
    """The grounds of appeal that rest on this document, by their titles."""
    appeal = case.appeal
    if appeal is None or not doc.ref:
        return ""
    titles = [
        g.title.strip().rstrip(".")
        for g in appeal.grounds
        if g.title and any(e.document == doc.ref for e in g.evidence)
    ]
    if not titles:
        return ""
    return "Supports: " + "; ".join(titles) + "."


def _outcome_summary(cycle: ReviewCycle) -> str:
    counts = {status: 0 for status in OutcomeStatus}
    for outcome in cycle.outcomes:
        counts[outcome.status] += 1
    parts = [
        plural(counts[s], "outcome") + " " + s.label.lower()
        for s in (OutcomeStatus.MET, OutcomeStatus.PARTLY_MET, OutcomeStatus.NOT_MET)
        if counts[s]
    ]
    return (format_list(parts) + ".") if parts else "Outcomes not recorded."


def unmet_outcomes(case: Case) -> list[dict[str, Any]]:
    """Outcomes reviewed as not met or partly met, plan by plan."""
    unmet = []
    for number, cycle in enumerate(case.cycles, start=1):
        if cycle.review is None:
            continue
        for outcome in cycle.outcomes:
            if outcome.status in (OutcomeStatus.NOT_MET, OutcomeStatus.PARTLY_MET):
                unmet.append(
                    {
                        "plan": number,
                        "outcome": outcome.outcome,
                        "status": outcome.status.label.lower(),
                        "evidence": outcome.evidence or "",
                        "review_date": cycle.review.held_on,
                    }
                )
    return unmet


def limb_two(case: Case, options: RenderOptions) -> dict[str, Any]:
    """The facts for limb 2 (it may be necessary to make provision through a plan)."""
    locale = options.locale
    reviewed = [c for c in case.cycles if c.review is not None]
    costing = pupil_costing(case, options).yearly  # the figure set against the threshold
    first = case.cycles[0].start
    count = len(case.cycles)
    plans = f"{_NUMBER_WORDS.get(count, str(count))} SEN support plan{'s' if count > 1 else ''}"
    done = len(reviewed)
    if done == count:
        review = ", which has been reviewed" if count == 1 else ", all of which have been reviewed"
    elif done == 0:
        review = ", which has not yet been reviewed" if count == 1 else ", none yet reviewed"
    else:
        words = _NUMBER_WORDS.get(done, str(done))
        review = f", of which {words} {'has' if done == 1 else 'have'} been reviewed"
    return {
        "since": first,
        "cycles": len(case.cycles),
        "reviewed_cycles": len(reviewed),
        "cycles_text": (
            f"Since {format_date(first, 'long', locale)} {_who_put_in_place(case)} put in "
            f"place {plans} under the graduated approach (assess, plan, do, review){review}."
        ),
        "long_standing": _long_standing(case) if done == 0 else "",
        "school_supports": _school_supports(case, locale),
        "unmet_outcomes": unmet_outcomes(case),
        "tried_and_stopped": tried_and_stopped(case, locale),
        "annual_cost": costing.total,
        "budget": costing.budget,
        "over_budget": costing.over_budget,
    }


_SUPPORTS_REQUEST = re.compile(
    r"\bsupport\w*\s+(?:a|an|the|this|our|her|his|their)?\s*request\b[^.;]*\bassessment",
    re.IGNORECASE,
)


def _school_supports(case: Case, locale: str) -> str:
    """A parent's or young person's request says when the last review before it
    recorded the school's support for it ("SENCO to support a request for an EHC needs
    assessment" in the review's next steps; s18 R5 finding 14). "" otherwise."""
    request = case.assessment_request or AssessmentRequest()
    if request.requester is Requester.SCHOOL:
        return ""
    sent = request.sent_on
    reviews = [
        c.review
        for c in case.cycles
        if c.review is not None and (sent is None or c.review.held_on <= sent)
    ]
    if not reviews:
        return ""
    last = max(reviews, key=lambda r: r.held_on)
    steps = last.next_steps or ""
    if not _SUPPORTS_REQUEST.search(steps):
        return ""
    who = "the SENCO" if "senco" in steps.casefold() else f"the {setting_word(case)}"
    return (
        f"At the review on {format_date(last.held_on, 'long', locale)} {who} agreed to "
        "support this request."
    )


def _long_standing(case: Case) -> str:
    """When the support is new (no plan reviewed yet) but a diagnosis is at least a year
    older than the first plan: say so, so a short graduated approach does not read as
    a new need (s18 R5 finding 4: Jordan's plan from 7 September, autism since 2019).
    "" otherwise."""
    first = case.cycles[0].start
    older = [d for d in case.diagnoses if (first - d.date).days >= 365]
    if not older:
        return ""
    diagnosis = min(older, key=lambda d: d.date)
    request = case.assessment_request or AssessmentRequest()
    whose = "my" if request.requester is Requester.YOUNG_PERSON else f"{case.child.known_as}\u2019s"
    # the sentence before gives the plan's date: this one does not repeat it
    return (
        f"That support is recent, but {whose} {condition_in_sentence(diagnosis.condition)} is "
        f"long-standing (diagnosed {diagnosis.date.year})."
    )


_NUMBER_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five",
    6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
}  # fmt: skip


def _who_put_in_place(case: Case) -> str:
    """ "we have" in the school's own request; "the school has" when a parent or young
    person writes."""
    request = case.assessment_request or AssessmentRequest()
    if request.requester is Requester.SCHOOL:
        return "we have"
    return f"the {setting_word(case)} has"


def _map_to_make(case: Case) -> bool:
    """True when the letter encloses a costed provision map the user makes with
    sendocs (none is among the evidence). A young person's own request never does:
    the map is the college's costing, and the young person cannot enclose it as
    theirs (a map the college gave them is evidence and is enclosed as such)."""
    request = case.assessment_request or AssessmentRequest()
    if request.requester is Requester.YOUNG_PERSON:
        return False
    return not any(d.kind is EvidenceKind.PROVISION_MAP for d in case.evidence)


def enclosed_map_date(case: Case, options: RenderOptions) -> dt.date | None:
    """The date a costed provision map the request encloses carries: the letter's (the
    enclosure list gives it), so the map is never dated after the letter it goes with
    (s19 #11: Ruby's list said 20 November, the map 23 November). ``None`` when the
    request encloses no map sendocs makes."""
    return _letter_date(case, options) if _map_to_make(case) else None


def enclosed_map_warnings(case: Case, options: RenderOptions) -> list[str]:
    """For a provision map being made (``options`` its date): when the case's EHC needs
    assessment request encloses a costed provision map sendocs makes, and the letter
    (``assessment_request.sent_on``) is dated before this map, say so, naming the
    field: the enclosure list gives the map the letter's date, so a map dated after the
    letter is not the one it says it encloses (s19 #11). A map made on or before the
    letter's date, or for a request not yet dated, is not warned; a later map that is
    not the enclosure may keep its date, which the message says.

    Meant for the provision map kind's render warnings (every user's ``sendocs render
    provision-map``, not only the demo, which dates the map by
    :func:`enclosed_map_date`)."""
    request = case.assessment_request
    if request is None or request.sent_on is None or not _map_to_make(case):
        return []
    made_on = options.document_date
    if made_on <= request.sent_on:
        return []
    locale = options.locale
    sent = request.sent_on
    return [
        f"this provision map is dated {format_date(made_on, 'long', locale)}, after the EHC "
        "needs assessment request that encloses it (assessment_request.sent_on: "
        f"{format_date(sent, 'long', locale)}): the map sent with the letter must not be "
        f"dated after it; make that map with '--date {sent.isoformat()}' (a later map "
        "that is not the enclosure can keep its date)"
    ]


def cost_sentences(case: Case, options: RenderOptions, map_number: int | None) -> list[str]:
    """The cost of the current support and the £6,000 threshold, as domain brief §2 says.

    The threshold is framed for mainstream schools (domain brief §2), so a request
    from or about a student at a college (``school.setting_type``, never guessed from
    the setting's name) gives the cost alone. A young person writing for themselves
    says "my support".
    """
    locale = options.locale
    # the enclosed map's own costing: the plan's period and its school year, so each
    # figure the letter gives is one the map prints, named with its period (s19 #11:
    # the letter gave the school year's projection alone, as if it were the map's total)
    costing = pupil_costing(case, options)
    year = costing.yearly
    request = case.assessment_request or AssessmentRequest()
    own = request.requester is Requester.YOUNG_PERSON
    # no costing is enclosed for a young person's own request: give no figures, only
    # (at a school) the threshold and that it is not the test
    costed = not (own and map_number is None)
    name = case.child.known_as
    whose = "my" if own else f"{name}\u2019s"
    line = format_money(costing.budget, locale).removesuffix(".00")
    where = f" (enclosure {map_number})" if map_number else ""
    first = (
        f"The costed provision map{where} sets out each part of {whose} current support "
        f"with its cost{_cost_periods(costing, locale)}." + _cost_scope(case, options, whose)
    )
    if case.school.setting_type.is_college:
        return [first] if costed else []
    threshold = (
        f"A mainstream school is expected to meet the first {line} a year of a pupil\u2019s "
        "additional support from its notional SEN budget; above that, the local authority "
        "may add high-needs top-up funding."
    )
    if costing.over_budget and costed and year.period is not None:
        # the figure set against the threshold is the school year's projection, named
        # as that, never the plan's total or money already spent
        threshold += (
            f" {'My' if own else whose} current support costs more than {line} a year "
            f"({format_money(year.total, locale)} over {year.period.name})."
        )
    test = (
        f"The {line} is a funding threshold, not a condition for an assessment: the local "
        f"authority must not require the {setting_word(case)} to have spent {line} on "
        f"{'me' if own else name} before it agrees to assess. The only test is the one in "
        "section 36(8)."
    )
    return [first, threshold, test] if costed else [threshold, test]


def _cost_periods(costing: PupilCosting, locale: str) -> str:
    """ ": £2,135.94 for this plan (7 September 2026 to 14 December 2026) and, if it
    continues as planned, £5,691.72 over the school year 2026/27 (3 September 2026 to
    20 July 2027)": each figure with the period it costs, as the map prints them."""

    def span(period: CostPeriod) -> str:
        return (
            f"{format_date(period.start, 'long', locale)} to "
            f"{format_date(period.end, 'long', locale)}"
        )

    plan = format_money(costing.total, locale)
    year = costing.yearly
    if costing.period is None or year is costing or year.period is None:
        return f" over the weeks it runs: {plan} in all"
    text = f": {plan} for {costing.period.name} ({span(costing.period)})"
    if year.total == costing.total:
        return f"{text}, which is also its cost over {year.period.name}"
    total = format_money(year.total, locale)
    if not year.planned_to_end:
        return (
            f"{text}, and {total} for the support planned so far in {year.period.name} "
            f"({span(year.period)}; none is planned after it yet)"
        )
    return (
        f"{text} and, if it continues as planned, {total} over {year.period.name} "
        f"({span(year.period)})"
    )


_SHARES = {2: "one half", 3: "one third", 4: "one quarter", 5: "one fifth", 6: "one sixth"}


def _cost_scope(case: Case, options: RenderOptions, whose: str) -> str:
    """What the figure counts and leaves out (s18 R5 finding 9): group support at the
    pupil's share, and no cost for support advised but not (or only partly) in place,
    so the reader does not take the total for the cost of what was advised."""
    sizes = sorted({p.group_size for p in case.current_cycle.provision if p.group_size > 1})
    text = ""
    if sizes:
        shares = format_list([f"{_SHARES.get(n, f'one {n}th')} of a group of {n}" for n in sizes])
        text += f" Support given to a group is counted at {whose} share ({shares})."
    picture = support_picture(case, options.locale, options.terms, options.weeks_per_year)
    left_out = [mid_sentence(line.name) for line in picture.with_status(ADVISED)]
    left_out += [
        f"the part of {mid_sentence(line.name)} not yet in place"
        for line in picture.with_status(PARTLY)
        if any("not yet" in n.casefold() or "not able" in n.casefold() for n in line.notes)
    ]
    if left_out:
        # items with commas of their own are separated by semicolons
        listed = (
            "; ".join(left_out[:-1]) + "; and " + left_out[-1]
            if len(left_out) > 1 and any("," in x for x in left_out)
            else format_list(left_out)
        )
        text += f" It does not include support advised but not in place: {listed}."
    return text


def setting_word(case: Case) -> str:
    """ "college" for an FE or sixth-form college (``school.setting_type``), else
    "school": the letter names the setting as its reader knows it."""
    return "college" if case.school.setting_type.is_college else "school"


def as_sent(case: Case, options: RenderOptions) -> Case:
    """The case as it stood on the letter's date: evidence dated later cannot be enclosed
    with, or described in, a letter sent before it existed."""
    sent = _letter_date(case, options)
    kept = [d for d in case.evidence if d.date <= sent]
    if len(kept) == len(case.evidence):
        return case
    return case.model_copy(update={"evidence": kept})


def later_evidence(case: Case, options: RenderOptions) -> list[EvidenceDocument]:
    """Evidence dated after the letter (left out of it; the user is told)."""
    sent = _letter_date(case, options)
    return [d for d in case.evidence_by_date if d.date > sent]


def decision_deadline(case: Case, options: RenderOptions) -> Deadline:
    """The reg 5(1) date, from the request's receipt (known or deemed)."""
    request = case.assessment_request or AssessmentRequest()
    if request.received_on:
        return assessment_decision_deadline(
            request.received_on, exception=request.decision_exception, locale=options.locale
        )
    return assessment_decision_deadline(
        sent=request.sent_on or options.document_date,
        delivery=request.delivery.value,
        after_5pm=request.sent_after_5pm,
        exception=request.decision_exception,
        locale=options.locale,
    )


@dataclass(frozen=True)
class Enclosure:
    """One enclosed document, numbered in the order the letter first cites it."""

    number: int
    title: str
    author: str
    date: dt.date
    ref: str = ""
    """The case's evidence ref (E1 …), "" for a document the letter adds."""


_GROUPS: tuple[tuple[str, tuple[EvidenceKind, ...]], ...] = (
    ("views", (EvidenceKind.VIEWS,)),
    ("progress", (EvidenceKind.ATTAINMENT, EvidenceKind.ATTENDANCE, EvidenceKind.EXCLUSIONS)),
    ("plans", (EvidenceKind.SEN_SUPPORT_PLAN, EvidenceKind.REVIEW)),
    ("reports", (EvidenceKind.DIAGNOSIS, EvidenceKind.REPORT, EvidenceKind.EXPERT_REPORT)),
    ("map", (EvidenceKind.PROVISION_MAP,)),
)
"""Evidence in the order the request cites it: views (sections 1-2), progress and
attendance, plans and reviews (section 3), reports (section 5), the costed
provision map (section 6); anything else is listed last."""


def cite(numbers: list[int]) -> str:
    """ "enclosure 3", "enclosures 2 and 3", "enclosures 4 to 6"; "" for none."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"enclosure {numbers[0]}"
    run = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    if run and len(numbers) > 2:
        return f"enclosures {numbers[0]} to {numbers[-1]}"
    return "enclosures " + format_list([str(n) for n in numbers])


def enclosures(case: Case, options: RenderOptions) -> tuple[list[Enclosure], dict[str, list[int]]]:
    """The enclosures, numbered in citation order, and the numbers each part cites."""
    request = case.assessment_request or AssessmentRequest()
    school_request = request.requester is Requester.SCHOOL
    listed: list[Enclosure] = []
    groups: dict[str, list[int]] = {}
    used: set[str] = set()

    def add(group: str, title: str, author: str, date: dt.date, ref: str = "") -> None:
        listed.append(Enclosure(len(listed) + 1, title, author, date, ref))
        groups.setdefault(group, []).append(len(listed))

    def author_of(doc: EvidenceDocument) -> str:
        role = mid_sentence(doc.role or "")
        return ", ".join(x for x in (doc.author, role) if x) or case.school.name

    for group, kinds in _GROUPS:
        if group == "views" and school_request and request.parent_agreed_on:
            parents = format_list([p.formal_name for p in addressees(case)])
            add(
                group,
                f"Written agreement to this request, with views, from {parents}",
                parents,
                request.parent_agreed_on,
            )
        if group == "map" and _map_to_make(case):
            add(
                group,
                "Costed provision map for the current SEN support plan",
                case.school.name,
                _letter_date(case, options),
            )
        for doc in case.evidence_by_date:
            if doc.kind in kinds and (doc.ref or "") not in used:
                used.add(doc.ref or "")
                add(group, doc.title, author_of(doc), doc.date, doc.ref or "")
        if group == "plans" and _current_plan_enclosed(case):
            add(
                group,
                _current_plan_title(case),
                case.school.name,
                case.current_cycle.start,
                CURRENT_PLAN_REF,
            )
    for doc in case.evidence_by_date:
        if (doc.ref or "") not in used:
            add("other", doc.title, author_of(doc), doc.date, doc.ref or "")
    return listed, groups


def _voice(we: bool) -> dict[str, str]:
    """``I``/``We`` (``I_mid`` inside a sentence), ``me``/``us``, ``my``/``our``, ``am``/``are``."""
    words = ("We", "we", "us", "our", "are") if we else ("I", "I", "me", "my", "am")
    return dict(zip(("I", "I_mid", "me", "my", "am"), words, strict=True))


def _relation(parent: ParentCarer) -> str:
    return (parent.relationship or "parent").strip().lower() or "parent"


def _requester(case: Case, request: AssessmentRequest) -> dict[str, Any]:
    """Who signs the request, and where the LA should reply.

    Contact details given on the request itself (``requester_address``, …)
    win over those of the school or first parent: a young person may live
    elsewhere, a parent may want replies by email only. A school's request is
    signed by the SENCO and the head teacher.
    """
    kind = request.requester
    parents = addressees(case)
    first = parents[0]
    school = case.school
    if kind is Requester.SCHOOL:
        senco = school.senco
        signatories = [
            {
                "name": request.requester_name or senco.name,
                "role": f"{senco.role or 'SENCO'}, {school.name}",
            }
        ]
        if school.headteacher:
            signatories.append({"name": school.headteacher, "role": f"Head teacher, {school.name}"})
        details: dict[str, Any] = {
            "name": school.name,
            "capacity": "school",
            "address_lines": school.address.all_lines if school.address else [],
            "email": senco.email or school.email or "",
            "phone": senco.phone or school.phone or "",
            "contact": f"{senco.name}, {senco.role or 'SENCO'}",
        }
    elif kind is Requester.YOUNG_PERSON:
        child = case.child
        signatories = [{"name": request.requester_name or child.full_name, "role": ""}]
        lines = child.address.all_lines if child.address else []
        details = {
            "name": request.requester_name or child.full_name,
            "capacity": "young person",
            "address_lines": lines or (first.address.all_lines if first.address else []),
            "email": "",
            "phone": "",
            "contact": "",
        }
    else:
        signatories = (
            [{"name": request.requester_name, "role": ""}]
            if request.requester_name
            else [{"name": p.full_name, "role": ""} for p in parents]
        )
        details = {
            "name": request.requester_name or format_list([p.formal_name for p in parents]),
            "capacity": "parent" if len(signatories) == 1 else "parents",
            "address_lines": first.address.all_lines if first.address else [],
            "email": first.email or "",
            "phone": first.phone or "",
            "contact": "",
        }
    if request.requester_address:
        details["address_lines"] = request.requester_address.all_lines
    if request.requester_email:
        details["email"] = request.requester_email
    if request.requester_phone:
        details["phone"] = request.requester_phone
    return {"kind": kind.value, "signatories": signatories, **details}


def _parent_contacts(case: Case) -> list[dict[str, str]]:
    """Each parent with parental responsibility, for a school's request: where the
    local authority sends its decision (reg 5(1), 5(3)). A parent whose details must
    not be shared is named without them."""
    rows = []
    for parent in addressees(case):
        contact = ""
        if parent.share_details:
            bits = [parent.address.one_line] if parent.address and parent.address.all_lines else []
            bits += [parent.email] if parent.email else []
            contact = "; ".join(bits)
        rows.append(
            {"name": parent.formal_name, "relationship": _relation(parent), "contact": contact}
        )
    return rows


def _words(text: str | None) -> str:
    """Someone's words as one paragraph (line breaks in YAML are not theirs)."""
    return " ".join((text or "").split())


def _possessive(case: Case) -> str:
    """ "her", "his", "their" from the child's recorded pronouns; else "Ruby's"."""
    first = (case.child.pronouns or "").split("/")[0].strip().casefold()
    return {"she": "her", "he": "his", "they": "their"}.get(first, f"{case.child.known_as}\u2019s")


def views(case: Case, request: AssessmentRequest) -> dict[str, str]:
    """The child's and the parent's own words, and who is speaking."""
    cycle = case.current_cycle
    child = case.child
    parent = addressees(case)[0]
    name = child.known_as
    relation = _relation(parent)
    variant = request.requester
    parents = addressees(case)
    if variant is Requester.SCHOOL and len(parents) > 1:
        # both parents agreed the request: their words are theirs together
        pupil_intro = f"{name} told us:"
        names = format_list([p.formal_name for p in parents])
        parent_intro = f"{name}\u2019s parents, {names}, told us:"
        heading = f"The views of {name} and {_possessive(case)} parents"
    elif variant is Requester.SCHOOL:
        pupil_intro = f"{name} told us:"
        parent_intro = f"{parent.formal_name}, {name}\u2019s {relation}, told us:"
        heading = f"The views of {name} and {parent.formal_name}"
    elif variant is Requester.YOUNG_PERSON:
        pupil_intro = "In my own words:"
        parent_intro = f"My {relation}, {parent.formal_name}, says:"
        heading = f"My views and my {relation}\u2019s"
    else:
        pupil_intro = f"{name} says:"
        two = len(addressees(case)) > 1 and not request.requester_name
        parent_intro = "In our own words:" if two else "In my own words:"
        heading = f"{name}\u2019s views and {'ours' if two else 'mine'}"
    return {
        "heading": heading,
        "pupil": _words(request.pupil_views or cycle.pupil_views or child.about_me),
        "pupil_intro": pupil_intro,
        "parent": _words(request.parent_views or cycle.parent_views),
        "parent_intro": parent_intro,
    }


def _check(case: Case, options: RenderOptions) -> list[str]:
    problems = []
    if case.sen_status is SenProvision.EHC_PLAN:
        problems.append(
            "the child already has an EHC plan: ask for a review or re-assessment instead"
        )
    request = case.assessment_request
    if request is None:
        problems.append(
            "the case has no assessment_request: section; add one saying who asks and when, "
            "e.g. 'assessment_request: {requester: parent, sent_on: 2026-11-23, delivery: "
            "email}' (see docs/parent-guide.md)"
        )
    if request and request.requester is Requester.YOUNG_PERSON:
        on = _letter_date(case, options)
        age = case.child.age_on(on)
        if not is_young_person(case.child, on) or age >= 25:
            ends = format_date(compulsory_school_age_ends(case.child), "long", options.locale)
            problems.append(
                f"requester is young_person but {case.child.full_name} is not a young person "
                f"on this date: a young person is over compulsory school age (for "
                f"{case.child.known_as}, after {ends}) and under 25 (s.83 CAFA 2014); "
                "until then the parent makes the request"
            )
    if request and request.requester is Requester.SCHOOL:
        if request.parent_agrees is False:
            problems.append(
                "a school request should be made with the parent's knowledge and agreement "
                "(Code 9.8); parent_agrees is false"
            )
        if not case.school.headteacher:
            problems.append(
                "school.headteacher is needed: a school's request is signed by the SENCO "
                "and the head teacher"
            )
    return problems


def _young_person_contact_warnings(case: Case) -> list[str]:
    """A young person's own letters give the email address and phone number the case
    records for them (``assessment_request.requester_email``, ``requester_phone``), as
    a parent's give the parent's; the case has no other place for them (a parent's
    details are never used: the letter is the young person's). Tell the user when the
    email is missing, so a reply need not come by post alone."""
    request = case.assessment_request or AssessmentRequest()
    if request.requester is not Requester.YOUNG_PERSON or request.requester_email:
        return []
    return [
        "assessment_request.requester_email is not given: the young person's letters "
        "give no email address for the local authority's reply; add theirs (and "
        "requester_phone) if they have one"
    ]


def _warnings(case: Case, options: RenderOptions) -> list[str]:
    """What the user should check before sending the request (never in the letter)."""
    request = case.assessment_request or AssessmentRequest()
    picture = support_picture(case, options.locale, options.terms, options.weeks_per_year)
    notes = list(picture.warnings) + _young_person_contact_warnings(case)
    if (
        request.requester is Requester.SCHOOL
        and not request.parent_agreed_on
        and not any(d.kind is EvidenceKind.VIEWS for d in case.evidence)
    ):
        notes.append(
            "assessment_request.parent_agreed_on is not given: enclose the parent's "
            "signed agreement and views, and give the date they signed"
        )
    if _needs_in_records_words(case):
        missing = [i for i, n in enumerate(case.needs) if not n.in_my_words]
        fields = ", ".join(f"needs[{i + 1}].in_my_words" for i in missing)  # 1-based
        notes.append(
            f"{fields} not given: the young person's request quotes those needs in the "
            "school's or college's words ('as my college's records describe them'); "
            "give each need in the young person's own words (first person)"
        )
    if _map_to_make(case):
        on = _letter_date(case, options)
        notes.append(
            "the letter lists the costed provision map as an enclosure dated "
            f"{format_date(on, 'long', options.locale)}: make it with that date, "
            f"'sendocs render provision-map CASE --date {on.isoformat()}', and send it with "
            "the letter"
        )
    notes += decision_deadline(case, options).assumptions
    sent = format_date(_letter_date(case, options), "long", options.locale)

    for doc in later_evidence(case, options):
        notes.append(
            f"evidence '{doc.title}' is dated {format_date(doc.date, 'long', options.locale)}, "
            f"after the letter ({sent}): it is left out of the enclosures and the chronology"
        )
    if request.requester is Requester.SCHOOL and request.consult:
        notes.append(
            "the letter puts the people in assessment_request.consult as the parents' "
            "request under reg 6(1)(h) (only a parent or young person can make it): check "
            "the parents' signed agreement asks for them"
        )
    return notes


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    case = as_sent(case, options)
    request = case.assessment_request or AssessmentRequest()
    locale = options.locale
    deadline = decision_deadline(case, options)
    consult = [
        {"name": p.name, "role": mid_sentence(p.role), "organisation": p.organisation or ""}
        for p in request.consult
    ]
    previous = request.previous_request_on
    recent_previous = bool(
        previous and (options.document_date - previous).days < 183  # s.36(6)-(7): 6 months
    )
    listed, groups = enclosures(case, options)
    by_ref = {e.ref: e.number for e in listed if e.ref}
    requester = _requester(case, request)
    variant = request.requester.value
    we = variant == "school" or len(requester["signatories"]) > 1
    picture = support_picture(case, locale, options.terms, options.weeks_per_year)
    map_number = groups["map"][0] if groups.get("map") else None
    parent_list = addressees(case)
    context: dict[str, Any] = {
        "case": case,
        "child": case.child,
        "child_intro": _legal_intro(case.child),
        "legal_name": _legal_intro(case.child).split(" (known as ")[0],
        "school": case.school,
        "la": case.local_authority,
        "document_date": options.document_date,
        "request": request,
        "requester": requester,
        "signatories": requester["signatories"],
        "variant": variant,
        **_voice(we),
        "parents_text": format_list([p.formal_name for p in parent_list]),
        "parent_word": "parent" if len(parent_list) == 1 else "parents",
        "parent_contacts": _parent_contacts(case),
        "request_copy_to": _request_copies(case, request, variant),
        "sent_on": request.sent_on or options.document_date,
        "delivery": request.delivery.label,
        "needs": request_needs(case),
        "needs_in_records_words": _needs_in_records_words(case),
        "suspected_needs": [n for n in need_rows(case) if n["suspected"]],
        "diagnoses": diagnosis_rows(case, by_ref),
        "reports": [
            {
                "title": d.title,
                # mid-sentence: "Ms Nadia Karim, clinical psychologist, 20 August 2026"
                "author": ", ".join(x for x in (d.author, mid_sentence(d.role or "")) if x),
                "date": d.date,
                "summary": d.summary or "",
                "ref": d.ref,
                "number": by_ref.get(d.ref or "", 0),
            }
            for d in case.evidence_by_date
            if d.kind.value in ("report", "expert_report", "diagnosis")
            and d.ref not in _diagnosis_letters(case)
            # a letter a diagnosis line already cites is not listed again (s18 #6)
            and by_ref.get(d.ref or "", 0)
            not in {row.get("number") for row in diagnosis_rows(case, by_ref)} - {0}
        ],
        "views": views(case, request),
        "progress": progress_rows(case, locale),
        "attendance_trend": attendance_change(case, locale),
        "attainment_change": attainment_change(case),
        "limb2": limb_two(case, options),
        "support": _credited(case, request, [vars(x) for x in picture.lines]),
        "support_summary": picture.summary,
        "cost_sentences": cost_sentences(case, options, map_number),
        "deadline": deadline,
        "deadline_date_full": format_date(deadline.date, "full", locale),
        "consult": consult,
        # reg 6(1) advice includes preparation for adulthood for a child or young person
        # in or beyond year 9 (domain.md): the letter says so for them (s19 #11)
        "adulthood_advice": case.child.year_group >= 9,
        "enclosures": listed,
        "cite": {
            group: cite(groups.get(group, []))
            for group in (*(name for name, _ in _GROUPS), "other")
        },
        "chronology": chronology(case, locale, numbers=by_ref),
        "previous_request_on": previous,
        "recent_previous_request": recent_previous,
        "sen_support_since": case.cycles[0].start,
        "notional_budget": NOTIONAL_SEN_BUDGET,
        "receipt_text": receipt_text(case, options, deadline),
        "years_old": case.child.age_on(_letter_date(case, options)),
        "setting": setting_word(case),
        "progress_label": _progress_label(case),
    }
    return _spelled_out(context)


_LETTER_ORDER = (
    "progress",
    "needs",
    "suspected_needs",
    "diagnoses",
    "reports",
    "limb2.unmet_outcomes",
    "support",
    "limb2.tried_and_stopped",
    "cost_sentences",
)
"""The context's text in the order the letter prints it, for :class:`Glossary`."""


def _spelled_out(context: dict[str, Any]) -> dict[str, Any]:
    """Each acronym spelled out where the letter first uses it (s18 finding 4)."""
    glossary = Glossary()
    for key in _LETTER_ORDER:
        outer, _, inner = key.partition(".")
        if inner:
            holder = dict(context[outer])
            holder[inner] = glossary.walk(holder[inner])
            context[outer] = holder
        else:
            context[key] = glossary.walk(context[key])
    return context


def _credited(
    case: Case, request: AssessmentRequest, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A recommendation's ``note`` is the school's record ("we have not yet been able
    to fund that support"): in a parent's or young person's letter it is the school's
    word, quoted and credited to it, never the writer's own."""
    if request.requester is Requester.SCHOOL:
        # the school's own words: said once, so a note the letter's own reasons already
        # give is not repeated in the table (s18 R5 finding 10: Ruby's "block of four
        # sessions a year" twice, once unattributed in italics)
        said = " ".join((request.additional_reasons or "").split()).casefold()
        for row in rows:
            row["notes"] = [
                n for n in row["notes"] if " ".join(n.split()).casefold().rstrip(".") not in said
            ]
        return rows
    who = f"The {setting_word(case)} says"
    for row in rows:
        row["notes"] = [
            f"{who}: \u201c{n.strip()[:1].upper()}{n.strip()[1:]}\u201d" for n in row["notes"]
        ]
    return rows


def _request_copies(case: Case, request: AssessmentRequest, variant: str) -> list[str]:
    """Who the request is copied to: the parents when the school makes it (they agreed
    to it and the decision is theirs; s18 R5 finding 13), and SENDIASS when the writer
    wants it to have one."""
    copies: list[str] = []
    if variant == "school":
        copies.append(format_list([p.formal_name for p in addressees(case)]))
    service = case.local_authority.sendiass
    if request.copy_to_sendiass and service is not None:
        contact = service.email or service.phone
        copies.append(service.name + (f" ({contact})" if contact else ""))
    return copies


def _in_words(counted: str, *, capital: bool = False) -> str:
    """ "2 SEN support plans" -> "two SEN support plans": prose writes small counts
    in words."""
    number, _, rest = counted.partition(" ")
    if number.isdigit() and int(number) in _NUMBER_WORDS:
        word = _NUMBER_WORDS[int(number)]
        return f"{word.capitalize() if capital else word} {rest}"
    return counted


def _legal_intro(child: Child) -> str:
    """ "Kai Alexander Thompson (known as KJ)": a request names the child first by
    their whole legal name, middle names too, so the authority matches its records."""
    intro = introduced_as(child)
    if child.middle_names:
        whole = f"{child.legal_forename} {child.middle_names} {child.legal_surname}"
        intro = whole + intro.removeprefix(child.full_name)
    return intro


def _diagnosis_letter(
    case: Case, condition_date: dt.date, by: str, *, reports: bool = False
) -> EvidenceDocument | None:
    """The enclosed letter that gives a diagnosis: a diagnosis document of the same
    date from the same person ("Dr Alan Firth, consultant paediatrician" ~ "Dr Alan
    Firth")."""
    who = by.split(",")[0].strip().casefold()
    return next(
        (
            d
            for d in case.evidence
            if (
                d.kind is EvidenceKind.DIAGNOSIS
                or (reports and d.kind in (EvidenceKind.REPORT, EvidenceKind.EXPERT_REPORT))
            )
            and d.ref
            and d.date == condition_date
            and (d.author or "").split(",")[0].strip().casefold() == who
        ),
        None,
    )


def _diagnosis_letters(case: Case) -> set[str]:
    """Refs of the diagnosis letters the Diagnoses list cites (left out of Reports, so
    a diagnosis is stated once)."""
    found = (_diagnosis_letter(case, d.date, d.diagnosed_by) for d in case.diagnoses)
    return {d.ref for d in found if d is not None and d.ref}


def diagnosis_rows(case: Case, numbers: dict[str, int]) -> list[dict[str, Any]]:
    """Each diagnosis once, with the enclosure of the letter that gives it."""
    rows = []
    for diagnosis in case.diagnoses:
        letter = _diagnosis_letter(case, diagnosis.date, diagnosis.diagnosed_by, reports=True)
        rows.append(
            {
                "condition": diagnosis.condition,
                "date": diagnosis.date,
                "diagnosed_by": diagnosis.diagnosed_by,
                "number": numbers.get(letter.ref or "", 0) if letter else 0,
            }
        )
    return rows


def request_needs(case: Case) -> list[dict[str, Any]]:
    """The needs table's rows: a young person writing their own request gives each
    need in their own words (``Need.in_my_words``: "I am autistic. …"), so the letter
    says "I" throughout; otherwise, and where no own words are given, the school's or
    college's description."""
    request = case.assessment_request or AssessmentRequest()
    rows = need_rows(case)
    ranked = sorted(case.needs, key=lambda n: n.rank or 3)  # need_rows' order
    own = request.requester is Requester.YOUNG_PERSON
    for row, need in zip(rows, ranked, strict=True):
        # a need not yet assessed is marked once, in its "Type of need" cell ("Suspected,
        # not yet assessed", the words the sentence under the table quotes): its
        # description is the record's (or the young person's) words alone (s19 #11)
        words = need.in_my_words if own and need.in_my_words else need.description
        row["description"] = words.strip()
    return rows


def _needs_in_records_words(case: Case) -> bool:
    """True when a young person's request quotes a need in the records' (third-person)
    words, so the letter says whose words they are."""
    request = case.assessment_request or AssessmentRequest()
    return request.requester is Requester.YOUNG_PERSON and any(
        not n.in_my_words for n in case.needs
    )


def receipt_text(case: Case, options: RenderOptions, deadline: Deadline) -> str:
    """How the day of receipt, from which the 6 weeks run, was worked out, in one
    sentence for the local authority ("It was sent by email on …, so it reached you
    that day.")."""
    request = case.assessment_request or AssessmentRequest()
    locale = options.locale
    if request.received_on:
        return f"You received the request on {format_date(request.received_on, 'full', locale)}."
    received = deadline.date - dt.timedelta(weeks=6)
    sent = request.sent_on or options.document_date
    lead = f"The request was sent {request.delivery.label} on {format_date(sent, 'full', locale)}"
    if received == sent:
        return f"{lead}, so it reached you that day."
    return f"{lead}, so it reached you by {format_date(received, 'full', locale)}."


def _progress_label(case: Case) -> str:
    """What the progress enclosures hold, named as they are ("attendance", …)."""
    progress = dict(_GROUPS)["progress"]
    docs = [d for d in case.evidence if d.kind in progress]
    names = [
        word
        for word, kind in (
            ("attainment", EvidenceKind.ATTAINMENT),
            ("attendance", EvidenceKind.ATTENDANCE),
            ("exclusions", EvidenceKind.EXCLUSIONS),
        )
        if any(d.kind is kind or word in d.title.lower() for d in docs)
    ]

    return format_list(names) or "attainment and attendance"


def _letter_date(case: Case, options: RenderOptions) -> dt.date:
    request = case.assessment_request
    return (request.sent_on if request and request.sent_on else None) or options.document_date


ASSESSMENT_REQUEST = DocumentKind(
    name="assessment-request",
    title="EHC needs assessment request",
    description="Request to the local authority for an EHC needs assessment (s.36(1)).",
    template="assessment_request.docx",
    build_context=build_context,
    file_label="EHC_needs_assessment_request",
    file_date=_letter_date,
    check=_check,
    audience="parent",
    warnings=_warnings,
)


FOLLOW_UP_REPLY_DAYS = 14
"""The days a first follow-up gives the council to reply unless ``reply_days`` says otherwise."""

SECOND_FOLLOW_UP_REPLY_DAYS = 7
"""The days a further follow-up gives: less than the first, never more (s19 #11): the
council has already missed the decision date and the first follow-up's."""


def _earlier_follow_up(case: Case, options: RenderOptions) -> dt.date | None:
    """The date of a follow-up sent before this letter (``followed_up_on``), else ``None``."""
    request = case.assessment_request or AssessmentRequest()
    earlier = request.followed_up_on
    return earlier if earlier is not None and earlier < options.document_date else None


def _earlier_reply_by(case: Case, options: RenderOptions) -> dt.date | None:
    """The reply date an earlier follow-up gave (``assessment_request.follow_up_reply_by``)
    when it has passed by this letter's date, else ``None``. Never guessed: when the case
    does not record it the letter names no date (the user is told)."""
    request = case.assessment_request or AssessmentRequest()
    reply_by = request.follow_up_reply_by
    if _earlier_follow_up(case, options) is None or reply_by is None:
        return None
    return reply_by if reply_by < options.document_date else None


def follow_up_reply_by(case: Case, options: RenderOptions) -> dt.date:
    """The date a follow-up dated ``options.document_date`` asks for the decision by, by
    one rule: ``reply_days`` when the user gives it; the follow-up the case records
    (dated ``followed_up_on``), the date it gave (``follow_up_reply_by``); a further
    follow-up, :data:`SECOND_FOLLOW_UP_REPLY_DAYS`; else :data:`FOLLOW_UP_REPLY_DAYS`."""
    request = case.assessment_request or AssessmentRequest()
    date = options.document_date
    if "reply_days" in options.extra:
        return date + dt.timedelta(days=int(options.extra["reply_days"]))
    recorded = request.follow_up_reply_by
    if request.followed_up_on == date and recorded is not None and recorded > date:
        return recorded
    if _earlier_follow_up(case, options) is not None:
        return date + dt.timedelta(days=SECOND_FOLLOW_UP_REPLY_DAYS)
    return date + dt.timedelta(days=FOLLOW_UP_REPLY_DAYS)


def build_follow_up_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    context = build_context(case, options)
    reply_by = follow_up_reply_by(case, options)
    context["reply_by"] = reply_by
    context["reply_days"] = (reply_by - options.document_date).days
    context["days_late"] = (options.document_date - context["deadline"].date).days
    earlier = _earlier_follow_up(case, options)
    # a second follow-up refers to the first ("Further to my letter of ..."), so the
    # council sees the request has been chased before (s18 R5 finding 2), and says
    # plainly that a letter before claim follows without further notice (s19 #11)
    context["earlier_follow_up"] = (
        format_date(earlier, "long", options.locale) if earlier is not None else ""
    )
    # ... and, when the case records the first one's reply date and it has passed,
    # quotes that date (never a guessed one: s19 #11)
    passed = _earlier_reply_by(case, options)
    context["earlier_reply_by"] = (
        format_date(passed, "full", options.locale) if passed is not None else ""
    )
    return context


def _follow_up_warnings(case: Case, options: RenderOptions) -> list[str]:
    """What the user should know before sending a follow-up (never in the letter): a
    further follow-up after the first one's reply date has passed is not the next step;
    a letter before claim is. When the case does not record that reply date, the letter
    names none and the user is told so."""
    contact = _young_person_contact_warnings(case)
    earlier = _earlier_follow_up(case, options)
    if earlier is None:
        return contact
    request = case.assessment_request or AssessmentRequest()
    when = format_date(earlier, "long", options.locale)
    who = (
        f"{case.child.known_as}\u2019s parents can send"
        if request.requester is Requester.SCHOOL
        else "you can send"
    )
    escalate = (
        f"the next step is escalation, a letter before claim, which {who} "
        "with 'sendocs render letter-before-claim CASE'; SENDIASS or IPSEA can advise"
    )
    if request.follow_up_reply_by is None:
        return [
            *contact,
            f"the case does not record the date your follow-up of {when} asked for a reply "
            "by (assessment_request.follow_up_reply_by), so this letter names none "
            "(\u2018to which I have had no reply\u2019); if that date has passed, " + escalate,
        ]
    passed = _earlier_reply_by(case, options)
    if passed is None:
        return contact
    return [
        *contact,
        f"your follow-up of {when} asked for a reply by "
        f"{format_date(passed, 'long', options.locale)}, and that date has passed: " + escalate,
    ]


def _follow_up_kind_check(case: Case, options: RenderOptions) -> list[str]:
    """The follow-up's own reasons to refuse: beside :func:`follow_up_check`, a letter
    before claim already sent (a follow-up after it would step the escalation back,
    promising the letter before claim that has gone)."""
    problems = follow_up_check(case, options)
    request = case.assessment_request
    sent = request.letter_before_claim_sent_on if request else None
    if sent is not None and sent < options.document_date:
        problems.append(
            "a letter before claim was already sent on "
            f"{format_date(sent, 'full', options.locale)} "
            "(assessment_request.letter_before_claim_sent_on): a follow-up after it would "
            "step back; make a further letter before claim instead "
            "(sendocs render letter-before-claim ...), which refers to the first"
        )
    return problems


def follow_up_check(
    case: Case, options: RenderOptions, what: str = "a follow-up letter"
) -> list[str]:
    """Reasons a letter chasing the decision cannot be made yet: the request's date is
    unknown, or the local authority still has time (the date it is due is named)."""
    problems = _check(case, options)
    request = case.assessment_request
    if request is None or (request.sent_on is None and request.received_on is None):
        problems.append(
            f"assessment_request.sent_on (or received_on) is needed: {what} counts the "
            "6 weeks from the original request"
        )
        return problems
    deadline = decision_deadline(case, options)
    if options.document_date <= deadline.date:
        due = format_date(deadline.date, "full", options.locale)
        problems.append(
            f"the local authority still has time: its decision is due by {due} "
            f"(reg 5(1)); {what} can be sent after that date"
        )
    return problems


ASSESSMENT_FOLLOW_UP = DocumentKind(
    name="assessment-follow-up",
    title="Follow-up: late decision on an EHC needs assessment request",
    description="Letter chasing a decision not made within 6 weeks (reg 5(1)).",
    template="assessment_follow_up.docx",
    build_context=build_follow_up_context,
    file_label="EHC_assessment_follow_up",
    file_date=lambda case, options: options.document_date,
    check=_follow_up_kind_check,
    audience="parent",
    warnings=_follow_up_warnings,
)
