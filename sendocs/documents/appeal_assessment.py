"""A refusal-to-assess appeal argued from the case: each limb of CAFA 2014 s.36(8).

The user's own grounds are kept, but an appeal that rests on a one-line ground
loses what the case already proves: the cycles of SEN support and the outcomes
they did not reach, the provision and what it costs over the weeks it ran, and
the professional advice the school has not been able to put in place. This
module writes those paragraphs from the case, and an answer to each reason the
local authority gave (``appeal.la_reasons``), so every limb and every reason is
met with the family's own evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from sendocs.costing import CostPeriod, PupilCosting, RunningWeeks, cost_cycle
from sendocs.documents.appeal_paragraphs import (
    Appellants,
    Numberer,
    ReasonParagraph,
    upper_first,
)
from sendocs.documents.assessment_support import condition_in_sentence, mid_sentence
from sendocs.documents.base import RenderOptions
from sendocs.documents.pupil_costing import hours_text
from sendocs.formatting import format_date, format_list, format_money
from sendocs.models import Case, EvidenceDocument, EvidenceRef, ReviewCycle
from sendocs.models.appeals import LaReason, LaReasonTopic
from sendocs.models.outcomes import Outcome
from sendocs.models.vocabulary import EvidenceKind, OutcomeStatus

__all__ = [
    "cycles_evidence",
    "la_reason_answers",
    "la_reasons_summary",
    "limb_one_paras",
    "limb_one_summary",
    "limb_two_paras",
    "limb_two_summary",
    "unanswered_reasons",
]

_UNMET = (OutcomeStatus.NOT_MET, OutcomeStatus.PARTLY_MET)


def _by_author(case: Case, name: str) -> EvidenceDocument | None:
    """The evidence document a professional wrote (their latest), to cite their advice."""
    docs = [d for d in case.evidence if d.author and d.author.strip() == name.strip()]
    return max(docs, key=lambda d: d.date) if docs else None


def _cite(
    docs: list[EvidenceDocument | None], locale: str, pins: Sequence[EvidenceRef] = ()
) -> str:
    """``(E1 p.7, para 5.1 — title, author, date)``: the pages and paragraphs the case
    records for what is cited (``pins``: a diagnosis's, a review's or a recommendation's
    ``evidence``), else the document alone, still named in full, as the pinpoint
    citations do, so a reader need not look the ref up (H3; #11 s19)."""
    from sendocs.documents.appeal_evidence import pinpoint

    seen: dict[str, EvidenceDocument] = {}
    for d in docs:
        if d is not None and d.ref and d.ref not in seen:
            seen[d.ref] = d
    for pin in pins:  # a pinpoint into a document not found by author or kind
        doc = next((d for d in docs if d is not None and d.ref == pin.document), None)
        if pin.document not in seen and doc is not None:
            seen[pin.document] = doc
    if not seen:
        return ""
    cited = [
        (
            pinpoint([p for p in pins if p.document == ref])
            if any(p.document == ref for p in pins)
            else ref
        )
        + " \u2014 "
        + ", ".join(
            [d.title, *([d.author] if d.author else []), format_date(d.date, "long", locale)]
        )
        for ref, d in seen.items()
    ]
    return f"({'; '.join(cited)})"


def _map_pages(maps: Sequence[EvidenceDocument]) -> list[EvidenceRef]:
    """A provision map's pages, for citing its costing: the case records no pinpoint for
    it, but the map is costed across its pages, so it is cited with them ("E5 pp.1\u20132"),
    as every other citation gives pages. A map whose page count is not recorded is cited
    alone."""
    return [
        EvidenceRef(document=d.ref, page=page)
        for d in maps
        if d.ref and d.pages
        for page in range(1, d.pages + 1)
    ]


def _review_pins(case: Case) -> list[EvidenceRef]:
    """The pages of the school's records where each review is held, in cycle order."""
    return [
        r for c in sorted(case.cycles, key=lambda c: c.start) if c.review for r in c.review.evidence
    ]


def _reviews_evidence(case: Case) -> list[EvidenceDocument | None]:
    return [
        d
        for d in case.evidence
        if d.kind.value in ("review", "attendance") or "review" in d.title.lower()
    ]


def limb_one_paras(n: Numberer, case: Case, locale: str) -> list[ReasonParagraph]:
    """Limb (a): the child has or may have SEN, from the needs and diagnoses on record."""
    child = case.child.known_as
    paras: list[ReasonParagraph] = []
    needs = [need for need in case.needs if need.description]
    if needs:
        described = " ".join(need.description.strip() for need in needs if need.description)
        areas = format_list(sorted({need.area.label.lower() for need in needs}))
        paras.append(n.para(f"{described} These needs are in the areas of {areas}.", "Needs."))
    if case.diagnoses:
        found = [
            f"{condition_in_sentence(d.condition)} ({d.diagnosed_by}, "
            f"{format_date(d.date, 'long', locale)})"
            if d.diagnosed_by
            else condition_in_sentence(d.condition)
            for d in case.diagnoses
        ]
        docs = [_by_author(case, (d.diagnosed_by or "").split(",")[0]) for d in case.diagnoses]
        paras.append(
            n.para(
                f"{child} has a diagnosis of {format_list(found)}.",
                "Diagnoses.",
                _cite(docs, locale, [r for d in case.diagnoses for r in d.evidence]),
            )
        )
    if case.cycles:
        first = min(c.start for c in case.cycles)
        paras.append(
            n.para(
                f"{case.school.name} has identified special educational needs and has provided "
                f"SEN support for {child} since {format_date(first, 'long', locale)}. "
                "Limb (a) asks only whether the child has or may have special educational "
                "needs; on this evidence there is no doubt that it is met.",
                "",
                _cite(_reviews_evidence(case), locale, _review_pins(case)),
            )
        )
    return paras


def cycles_evidence(case: Case, locale: str) -> list[str]:
    """One sentence per reviewed cycle: its dates, outcomes not met and what the review found."""
    out = []
    for cycle in sorted(case.cycles, key=lambda c: c.start):
        reviewed = cycle.review is not None
        unmet = [o for o in cycle.outcomes if o.status in _UNMET]
        ended = cycle.review.held_on if cycle.review else cycle.review_date
        span = f"{format_date(cycle.start, 'long', locale)} to {format_date(ended, 'long', locale)}"
        if not reviewed:
            continue
        text = f"Cycle {span}: "
        if unmet and len(cycle.outcomes) == 1:
            only = unmet[0]
            text += (
                f"its one outcome, \u201c{only.outcome.rstrip('.')}\u201d, was "
                + _outcome_result(only)
                + "."
            )
        elif unmet:
            text += (
                _none_met_in_full(len(unmet), len(cycle.outcomes))
                + ": "
                + "; ".join(
                    f"\u201c{o.outcome.rstrip('.')}\u201d, {_outcome_result(o)}" for o in unmet
                )
                + "."
            )
        else:
            text += "its outcomes were met."
        if cycle.review and cycle.review.effectiveness:
            text += f" The review found: \u201c{cycle.review.effectiveness.strip()}\u201d"
        out.append(text)
    return out


def _none_met_in_full(some: int, total: int) -> str:
    """``neither of its outcomes was met in full`` / ``none of its three outcomes was met
    in full`` / ``two of its three outcomes were not met in full`` (not "both … were not
    met", which reads as if neither had even been partly met)."""
    if some == total:
        if total == 2:
            return "neither of its outcomes was met in full"
        return f"none of its {_number(total)} outcomes was met in full"
    return f"{_number(some)} of its {_number(total)} outcomes were not met in full"


def _outcome_result(outcome: Outcome) -> str:
    """``partly met, “82% accuracy”``: the status, then the review's record verbatim."""
    result = outcome.status.label.lower()
    if outcome.evidence:
        result += f", \u201c{outcome.evidence.strip().rstrip('.')}\u201d"
    return result


def _not_delivered(delivered: object) -> bool:
    """Advice not (or only partly) put in place: ``delivered: false`` or ``partly``."""
    return delivered is False or delivered == "partly"


def _advice_item(text: str, note: str | None, delivered: object) -> str:
    """ "daily one-to-one phonics … (only partly in place: the school can offer three
    sessions a week)": the advice in its own words, run on mid-sentence."""
    item = mid_sentence(text.rstrip("."))
    said = mid_sentence(note.rstrip(".")) if note else ""
    if delivered == "partly":
        return item + (f" (only partly in place: {said})" if said else " (only partly in place)")
    return item + (f" ({said})" if said else "")


def _unmet_advice(case: Case, locale: str) -> tuple[list[str], list[EvidenceDocument | None]]:
    lines, docs = [], []
    for professional in case.professionals:
        missing = [r for r in professional.recommendations if _not_delivered(r.delivered)]
        if not missing:
            continue
        report = (
            f", report of {format_date(max(professional.report_dates), 'long', locale)}"
            if professional.report_dates
            else ""
        )
        items = format_list([_advice_item(r.text, r.note, r.delivered) for r in missing])
        lines.append(f"{professional.name} ({professional.role.lower()}{report}) advised {items}")
        docs.append(_by_author(case, professional.name))
    return lines, docs


def _number(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    return words[n] if n < len(words) else str(n)


def _count(n: int, noun: str) -> str:
    """ "five outcomes", "one outcome": numbers under ten in words, as prose writes them."""
    return f"{_number(n)} {noun}{'' if n == 1 else 's'}"


def _flat(basis: str) -> str:
    """A costing period without brackets of its own, to sit inside a sentence:
    "38 term-time weeks, 7 September 2026 to the end of the school year (20 July
    2027)" → "… to the end of the school year on 20 July 2027"."""
    return re.sub(r" \(([^()]*)\)", r" on \1", basis)


def _period(weeks: RunningWeeks, locale: str, open_ended: bool = False) -> str:
    """When a provision runs, in the reader's terms: "from 7 September 2026 to 20 July
    2027" (a count such as "37.6 term-time weeks" is the costing's working, not what a
    tribunal reader needs); the costing's own basis where it holds no dates. A provision
    the case gives no end for runs "from 7 September 2026, continuing": the costing's
    end of the school year is its working, not a date the case gives (s18 R6 #6)."""
    if open_ended and weeks.start is not None:
        return f"from {format_date(weeks.start, 'long', locale)}, continuing"
    if weeks.start is not None and weeks.end is not None:
        return (
            f"from {format_date(weeks.start, 'long', locale)} "
            f"to {format_date(weeks.end, 'long', locale)}"
        )
    return "over " + _flat(weeks.basis)


def _cost_to_date(
    case: Case,
    options: RenderOptions,
    cycles: list[ReviewCycle],
    costings: list[PupilCosting],
    total: Decimal,
) -> tuple[Decimal, dt.date, dt.date] | None:
    """What the support has cost up to the document date, and when the full ``total`` is
    reached, for a current cycle still running (H4): the total counts sessions not yet
    given, so the appeal must not say it has all been spent. ``None`` when there is
    nothing to split (the cycle has not started, or has already run its course)."""
    appeal = case.appeal
    today = (appeal.lodged_on if appeal else None) or options.document_date
    latest = cycles[-1]
    ends = [c.weeks.end for c in costings[-1].items if c.weeks.end is not None]
    if not ends or today < latest.start or today >= max(ends):
        return None
    part = cost_cycle(
        latest,
        options.weeks_per_year,
        options.notional_budget,
        options.terms,
        period=CostPeriod(latest.start, today, "to date"),
    )
    so_far = sum((c.total for c in costings[:-1]), Decimal(0)) + part.total
    if so_far >= total:
        return None
    return so_far, today, max(ends)


def _cost_sentence(case: Case, options: RenderOptions) -> str:
    """What the school's support has cost, over the weeks each provision ran (all cycles)."""
    cycles = [c for c in sorted(case.cycles, key=lambda c: c.start) if c.provision]
    if not cycles:
        return ""
    locale = options.locale
    costings = [
        cost_cycle(c, options.weeks_per_year, options.notional_budget, options.terms)
        for c in cycles
    ]
    total = sum((c.total for c in costings), Decimal(0))
    latest, latest_cost = cycles[-1], costings[-1]
    # the weekly time as the provision map prints it ("2 hours 20 minutes"), never a
    # decimal ("about 2.3 hours") a reader must convert to check against the map
    hours = hours_text(latest_cost.weekly_minutes)
    ongoing = latest.review is None
    open_ended = ongoing and all(c.provision.end is None for c in latest_cost.items)
    bases = list(dict.fromkeys(_period(c.weeks, locale, open_ended) for c in latest_cost.items))
    if len(bases) == 1:
        items = (
            format_list([mid_sentence(c.provision.intervention) for c in latest_cost.items])
            + f", {'each ' if len(latest_cost.items) > 1 else ''}{bases[0]}"
        )
    else:
        items = "; ".join(
            f"{mid_sentence(c.provision.intervention)} {_period(c.weeks, locale, open_ended)}"
            for c in latest_cost.items
        )
    # The start date once: the items' own periods give it when they all start with the cycle.
    started = (
        ""
        if all(c.weeks.start == latest.start for c in latest_cost.items)
        else f", from {format_date(latest.start, 'long', locale)},"
    )
    text = (
        f"In its {'current' if ongoing else 'latest'} cycle{started} the school "
        f"{'provides' if ongoing else 'provided'} {hours} of additional support a "
        f"week from its own resources: {items}."
    )
    split = _cost_to_date(case, options, cycles, costings, total) if ongoing else None
    costed_by_map = False
    if len(cycles) > 1 and split is not None and open_ended:
        # no end in the case: the cost to date, and to the plan's own review date, named
        so_far, today, _ = split
        text += (
            f" Across the {_number(len(cycles))} plans, the school\u2019s support for "
            # the provision map's exact sum, in pounds and pence: never "about" with
            # pennies (#11 s19)
            f"{case.child.known_as}, counted over the weeks each part ran, has cost "
            f"{format_money(so_far, locale)} to {format_date(today, 'long', locale)}."
        )
        if latest.review_date > today:
            to_review = cost_cycle(
                latest,
                options.weeks_per_year,
                options.notional_budget,
                options.terms,
                period=CostPeriod(latest.start, latest.review_date, "to the review"),
            )
            by_review = sum((c.total for c in costings[:-1]), Decimal(0)) + to_review.total
            # the total is all the plans; the current plan's share said apart, each
            # figure attributed to the document that shows it (#11 s19): the provision
            # map costs only the current plan, the reviews the earlier ones
            maps = [d for d in case.evidence if d.kind is EvidenceKind.PROVISION_MAP]
            map_cited = f" {_cite(list(maps), locale, _map_pages(maps))}" if maps else ""
            text += (
                f" By the review on {format_date(latest.review_date, 'long', locale)} the "
                f"{_number(len(cycles))} plans will have cost {format_money(by_review, locale)} "
                f"in all; the current plan accounts for {format_money(to_review.total, locale)} "
                f"of that{map_cited}."
            )
            earlier = [
                pin for c in cycles[:-1] if c.review is not None for pin in c.review.evidence
            ]
            if earlier:
                from sendocs.documents.appeal_evidence import short_citations

                text += f" The earlier plans are costed from {short_citations(earlier)}."
            costed_by_map = bool(maps)
    elif len(cycles) > 1 and split is not None:
        so_far, today, end = split
        text += (
            f" Across the {_number(len(cycles))} plans, the school\u2019s support for "
            f"{case.child.known_as}, counted over the weeks each part runs, has cost "
            f"{format_money(so_far, locale)} to {format_date(today, 'long', locale)}, and "
            f"will have cost {format_money(total, locale)} by {format_date(end, 'long', locale)}."
        )
    elif len(cycles) > 1:
        text += (
            f" Across the {_number(len(cycles))} plans"
            + (" (the current one counted to the end of the school year)" if ongoing else "")
            + f", the school\u2019s support for {case.child.known_as}, counted over the weeks "
            f"each part runs, costs {format_money(total, locale)}."
        )
    else:
        text += (
            f" {case.child.known_as}\u2019s share of its cost over the weeks it runs is "
            f"{format_money(total, locale)}."
        )
    if any(c.provision.group_size > 1 for costing in costings for c in costing.items):
        text += (
            f" Group sessions are counted as {case.child.known_as}\u2019s share: each "
            "session\u2019s cost divided by the number of pupils in the group."
        )
    maps = [d for d in case.evidence if d.kind is EvidenceKind.PROVISION_MAP]
    if maps and not costed_by_map:
        cited = _cite(list(maps), locale, _map_pages(maps))
        text += f" The school\u2019s provision map sets out the costing {cited}."
    if latest_cost.over_budget:
        threshold = format_money(latest_cost.budget, locale).removesuffix(".00")
        text += (
            f" That is above the {threshold} a year a mainstream school is expected to meet "
            "from its notional SEN budget for any one pupil."
        )
    return text


def _parent_words(case: Case, who: Appellants) -> str:
    """The parents' own words as the school's plans record them, quoted from the case
    in date order (s18 R6 #7): the tribunal hears the family, not only the school. Only
    the reviewed cycles', as the paragraph's citation is the reviews' evidence: Leo's
    current plan (September 2026, not yet reviewed) was quoted under the July reviews
    (E2), which cannot hold it (s20 read)."""
    said = [
        " ".join(c.parent_views.split()).rstrip()
        for c in sorted(case.cycles, key=lambda c: c.start)
        if c.parent_views and c.review is not None
    ]
    if not said:
        return ""
    quoted = " ".join(f"\u201c{words}\u201d" for words in said)
    return f" In {who.noun}\u2019s own words, as the school\u2019s plans record them: {quoted}"


def limb_two_paras(
    n: Numberer,
    case: Case,
    options: RenderOptions,
    who: Appellants,
    grounds: Callable[[], list[ReasonParagraph]] | None = None,
) -> list[ReasonParagraph]:
    """Limb (b): provision may need to be made through an EHC plan, from the case's history.

    ``grounds`` makes the appellant's own limb (b) grounds; they go in before the
    conclusion "Limb (b) is met", so the conclusion closes the argument rather than
    being followed by more of it.
    """
    locale = options.locale
    child = case.child.known_as
    paras: list[ReasonParagraph] = []
    cycles = cycles_evidence(case, locale)
    if cycles:
        unmet = sum(1 for c in case.cycles for o in c.outcomes if o.status in _UNMET)
        paras.append(
            n.para(
                f"{case.school.name} has followed the graduated approach (assess, plan, do, "
                f"review) through {_number(len(cycles))} reviewed "
                f"cycle{'s' if len(cycles) != 1 else ''} of SEN support, and "
                f"{_count(unmet, 'outcome')} "
                f"{'was' if unmet == 1 else 'were'} not met or only partly met. "
                + " ".join(cycles)
                + _parent_words(case, who),
                "Support has been tried and reviewed.",
                _cite(_reviews_evidence(case), locale, _review_pins(case)),
            )
        )
    cost = _cost_sentence(case, options)
    if cost:
        paras.append(n.para(cost, "Provision and its cost."))
    advice, docs = _unmet_advice(case, locale)
    if advice:
        paras.append(
            n.para(
                "Professionals have advised provision that the school has not been able to put "
                "in place. " + " ".join(upper_first(a) + "." for a in advice),
                "Advice not delivered.",
                _cite(
                    docs,
                    locale,
                    [
                        ref
                        for p in case.professionals
                        for r in p.recommendations
                        if _not_delivered(r.delivered)
                        for ref in r.evidence
                    ],
                ),
            )
        )
    if grounds is not None:
        paras += grounds()
    if cycles or advice:
        paras.append(
            n.para(
                # the conclusion only: the facts are in the paragraphs above (s18
                # finding 9: Leo's last paragraph repeated the advice paragraph)
                "It may therefore be necessary for special educational provision to be made "
                f"for {child} through an EHC plan, and only an EHC needs assessment can "
                f"establish what {child} needs. Limb (b) is met."
            )
        )
    return paras


def _topic_answer(reason: LaReason, case: Case, options: RenderOptions) -> str:
    locale = options.locale
    child = case.child.known_as
    topic = reason.topic
    if topic is LaReasonTopic.NOTIONAL_BUDGET:
        cost = _cost_sentence(case, options)
        over = cost.endswith("for any one pupil.")
        return (
            "The £6,000 a mainstream school is expected to meet from its notional SEN budget "
            "is a threshold for each pupil, not a sum each pupil is given, and it is not a "
            "condition of an EHC needs assessment: the only test is section 36(8), and the "
            "local authority must not require the school to have spent £6,000 first."
            + (f" In any case: {cost}" if over else "")
        )
    if topic is LaReasonTopic.NO_SEN:
        needs = format_list([need.area.label.lower() for need in case.needs])
        return (
            f"{child} has recorded special educational needs in {needs}"
            + (
                " and a diagnosis of "
                + format_list([condition_in_sentence(d.condition) for d in case.diagnoses])
                if case.diagnoses
                else ""
            )
            + ". Limb (a) requires only that the child has or may have SEN (see above)."
        )
    cycles = [c for c in case.cycles if c.review is not None]
    unmet = sum(1 for c in case.cycles for o in c.outcomes if o.status in _UNMET)
    if topic in (LaReasonTopic.ORDINARILY_AVAILABLE, LaReasonTopic.GRADUATED_APPROACH):
        text = (
            f"The school has already made and reviewed {_number(len(cycles))} "
            f"cycle{'s' if len(cycles) != 1 else ''} of SEN support since "
            f"{format_date(min(c.start for c in cycles), 'long', locale)}"
            + ("; the outcomes not met are set out under limb (b)." if unmet else ".")
            if cycles
            else ""
        )
        advisers = [
            f"{p.name} ({p.role.lower()})"
            for p in case.professionals
            if any(_not_delivered(r.delivered) for r in p.recommendations)
        ]
        if advisers:
            text += (
                f" {format_list(advisers)} {'has' if len(advisers) == 1 else 'have'} advised "
                "provision the school has not been able to put in place from its own resources "
                "(see the paragraphs on limb (b))."
            )
        return text.strip()
    if topic is LaReasonTopic.PROGRESS:
        latest = max(case.cycles, key=lambda c: c.start) if case.cycles else None
        attainment = latest.assess.attainment if latest and latest.assess.attainment else ""
        return (
            f"Across the cycles of support {_count(unmet, 'outcome')} "
            f"{'was' if unmet == 1 else 'were'} not met."
            + (f" The latest assessment records: {attainment.rstrip('.')}." if attainment else "")
            + " Some progress with support does not mean the support needed can be made without "
            "an EHC plan."
        )
    return ""


def _placement_answer(case: Case, marks: dict[str, int]) -> str:
    """The answer to "another school can meet (or best meets) the needs", citing the
    appeal's own numbered paragraphs on the Section I test (``Numberer.marks``): which
    school is best is not the test; section 39(4) is (or section 33 where no school of a
    kind in section 38(3) was asked for). "" when the appeal states no such test."""
    appeal = case.appeal
    school = appeal.preferred_school if appeal else None
    if school is None:
        return ""
    if "s39_test" in marks:
        met = marks.get("s39_met")
        return (
            f"That is not the test (paragraph {marks['s39_test']}): {school.name} must be "
            "named unless section 39(4) applies, and it does not"
            + (f" (paragraph {met})." if met else ".")
        )
    if "s33_test" in marks:
        return (
            f"That is not the test (paragraph {marks['s33_test']}): the plan must provide for "
            "mainstream education unless section 33 allows otherwise, and nothing shows it does."
        )
    return ""


def _placement_answerable(case: Case) -> bool:
    """Whether :func:`_placement_answer` has a test paragraph to cite (the same
    conditions under which :func:`section_i_paras` states one)."""
    from sendocs.documents.appeal_placement import school_kind

    school = case.appeal.preferred_school if case.appeal else None
    if school is None:
        return False
    kind = school_kind(school)
    return bool((kind is not None and kind.in_section_38) or (kind is None and school.mainstream))


def la_reason_answers(
    n: Numberer, case: Case, options: RenderOptions, who: Appellants
) -> list[ReasonParagraph]:
    """Each reason the LA gave, quoted, and the answer to it (case facts, then the user's).
    Cross-references to the appeal's own paragraphs are generated from ``n.marks``."""
    from sendocs.documents.appeal_evidence import citations

    appeal = case.appeal
    assert appeal is not None
    paras = []
    for i, reason in enumerate(appeal.la_reasons, start=1):
        generated = (
            _placement_answer(case, n.marks)
            if reason.topic is LaReasonTopic.PLACEMENT
            else _topic_answer(reason, case, options)
        )
        answer = " ".join(x for x in (generated, (reason.answer or "").strip()) if x)
        paras.append(
            n.para(
                f"The local authority said: \u201c{reason.text.strip()}\u201d {answer}",
                f"Reason {i}.",
                citations(reason.evidence, case, options.locale),
            )
        )
    return paras


def unanswered_reasons(case: Case, options: RenderOptions) -> list[int]:
    """1-based numbers of LA reasons the appeal cannot answer (no facts, no user answer)."""
    appeal = case.appeal
    if appeal is None:
        return []
    return [
        i
        for i, reason in enumerate(appeal.la_reasons, start=1)
        if not reason.answer
        and not (
            _placement_answerable(case)
            if reason.topic is LaReasonTopic.PLACEMENT
            else _topic_answer(reason, case, options)
        )
    ]


# -- one-sentence summaries for the notice's grounds box -----------------------------------


def limb_one_summary(case: Case, locale: str) -> str:
    """Limb (a) in a sentence: the diagnoses, the areas of need, SEN support since when."""
    child = case.child.known_as
    areas = sorted({need.area.label.lower() for need in case.needs})
    has = []
    if case.diagnoses:
        has.append(
            "a diagnosis of "
            + format_list([condition_in_sentence(d.condition) for d in case.diagnoses])
        )
    if areas:
        has.append(f"special educational needs ({'; '.join(areas)})")
    text = f"{child} has " + (" and ".join(has) if has else "special educational needs")
    if case.cycles:
        first = min(c.start for c in case.cycles)
        text += f", and has had SEN support since {format_date(first, 'long', locale)}"
    return text + "."


def limb_two_summary(case: Case) -> str:
    """Limb (b) in a sentence: cycles tried, outcomes missed, advice beyond the school."""
    reviewed = [c for c in case.cycles if c.review is not None]
    unmet = sum(1 for c in case.cycles for o in c.outcomes if o.status in _UNMET)
    advised = any(
        _not_delivered(r.delivered) for p in case.professionals for r in p.recommendations
    )
    bits = []
    # the gist only, without the counts the reasons give (s18 finding 9: "five
    # outcomes" was said in the summary and again in Part 3) and without restating
    # the limb, which the bullet's title already says
    if reviewed and unmet:
        bits.append(
            f"{_number(len(reviewed))} reviewed cycle{'s' if len(reviewed) != 1 else ''} of "
            f"SEN support {'has' if len(reviewed) == 1 else 'have'} not met "
            f"{'its' if len(reviewed) == 1 else 'their'} outcomes"
        )
    if advised:
        bits.append("the provision professionals advise is beyond the school\u2019s own resources")
    if not bits:
        return "The support given has not been enough."
    return upper_first(", and ".join(bits) + ".")


_TOPIC_GIST = {
    LaReasonTopic.NOTIONAL_BUDGET: "the \u00a36,000 threshold is not a condition of assessment",
    LaReasonTopic.ORDINARILY_AVAILABLE: (
        "the school has used what is ordinarily available and it has not been enough"
    ),
    LaReasonTopic.GRADUATED_APPROACH: "the graduated approach has been followed and reviewed",
    LaReasonTopic.PROGRESS: "outcomes were not met despite the support given",
    LaReasonTopic.NO_SEN: "the child\u2019s special educational needs are recorded",
    LaReasonTopic.PLACEMENT: "it applies the wrong test",
}


def la_reasons_summary(case: Case) -> str:
    """The local authority's reasons and the gist of each answer, in a sentence. One
    reason about placement that the case answers on the facts too: "… applies the wrong
    test and is wrong on the facts" (#11 s19). No paragraph numbers: the grounds summary
    gives them once, after the heading ("… answered (paragraphs 11 to 12). Each …")."""
    appeal = case.appeal
    if appeal is None or not appeal.la_reasons:
        return ""
    gists = []
    for reason in appeal.la_reasons:
        gist = _TOPIC_GIST.get(reason.topic, "")
        if not gist and reason.answer:
            gist = mid_sentence(reason.answer.strip().split(". ")[0].rstrip("."))
        if gist:
            gists.append(gist)
    count = len(appeal.la_reasons)
    only = appeal.la_reasons[0]
    if count == 1 and only.topic is LaReasonTopic.PLACEMENT:
        said = only.text.strip().rstrip(".")
        facts = " and is wrong on the facts" if (only.answer or "").strip() else ""
        return (
            f"The local authority\u2019s reason, \u201c{said}\u201d, applies the wrong test"
            f"{facts}."
        )
    if count == 1:
        said = appeal.la_reasons[0].text.strip().rstrip(".")
        lead = f"The local authority\u2019s reason, \u201c{said}\u201d, is answered"
    else:
        lead = f"Each of the local authority\u2019s {_number(count)} reasons is answered"
    gists = list(dict.fromkeys(gists))
    return lead + (f": {'; '.join(gists)}." if gists else " from the evidence.")
