"""The support a child has, described once: what is in place, what is partly in
place, and what professionals advised that is not in place.

Why a module: an EHC needs assessment request that lists the same support as
"in place" and again as "advised but not in place" hands the local authority
a reason to doubt the whole letter. Here each piece of support in the current
plan becomes one line with its hours and its one status, and each
professional's recommendation is attached to the provision that carries it
out (``Recommendation.provision``, or failing that the provision whose name
shares most of its words, which the user is told about). A recommendation
marked not delivered whose provision is in place is *partly* in place; the
letter says so and the user is warned to check the case. Nothing uncertain
is written into the letter: the warnings go to the user.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from sendocs.costing import cost_provision
from sendocs.dates.terms import TermCalendar
from sendocs.documents.views import describe_frequency, describe_group, weekly_time
from sendocs.formatting import format_date, format_list, mid_sentence
from sendocs.models import Case, Provision
from sendocs.models.people import Professional, Recommendation
from sendocs.models.vocabulary import ProvisionStatus

__all__ = [
    "AttendanceRecord",
    "SupportLine",
    "SupportPicture",
    "attainment_change",
    "attendance_change",
    "attendance_records",
    "attendance_trend",
    "condition_in_sentence",
    "mid_sentence",
    "progress_rows",
    "support_picture",
    "tried_and_stopped",
]

IN_PLACE = "in_place"
PARTLY = "partly_in_place"
PLANNED = "planned"
ADVISED = "advised_not_in_place"
STOPPED = "stopped"

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "each",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "per",
        "the",
        "their",
        "to",
        "up",
        "with",
        "within",
        "weekly",
        "daily",
        "week",
        "day",
        "days",
        "least",
        "two",
        "three",
    ]
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9'-]*", text.casefold()) if w not in _STOPWORDS}


@dataclass
class SupportLine:
    """One piece of support, once, with its status and the advice behind it."""

    name: str
    detail: str
    status: str
    status_text: str
    advice: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cost: Decimal = Decimal(0)
    since: dt.date | None = None


_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
_WORDS.update({1: "one", 9: "nine", 10: "ten"})
"""Small counts in words, as prose writes them ("two in place")."""


@dataclass
class SupportPicture:
    """Every support line, and what the user should check in the case."""

    lines: list[SupportLine]
    warnings: list[str]

    def with_status(self, *statuses: str) -> list[SupportLine]:
        return [line for line in self.lines if line.status in statuses]

    @property
    def summary(self) -> str:
        """ "3 are in place, 2 are partly in place and 1 was advised but is not in place"."""
        counts = [
            (len(self.with_status(IN_PLACE)), "in place"),
            (len(self.with_status(PARTLY)), "partly in place"),
            (len(self.with_status(PLANNED)), "planned"),
            (len(self.with_status(STOPPED)), "stopped"),
            (len(self.with_status(ADVISED)), "advised by a professional but not in place"),
        ]
        return format_list([f"{_WORDS.get(n, str(n))} {what}" for n, what in counts if n])


def _detail(p: Provision) -> str:
    role = p.delivered_by
    if len(role) > 1 and role[1].islower():
        role = role[0].lower() + role[1:]
    who = role + (f" ({p.staff_name})" if p.staff_name else "")
    if p.schedule:
        # a schedule ("a room to use at any time") says when the pupil has it; the
        # costed minutes are the adult's time, and said as that they do not contradict
        # it ("at any time ... (50 minutes a week)", s18 R5 finding 5)
        daily = p.sessions_per_week == 5
        staff = (
            f"about {weekly_time(p.minutes_per_session)} a day"
            if daily
            else f"about {weekly_time(p.weekly_minutes)} a week"
        )
        return f"{p.schedule.strip().rstrip('.')} ({who}, {staff})"
    often = describe_frequency(p)
    weekly = f"{weekly_time(p.weekly_minutes)} a week"
    # "1 session of 30 minutes a week" already says the weekly time: no bracket repeating it
    tail = "" if often.endswith(weekly) else f" ({weekly})"
    return f"{describe_group(p)}, {who}: {often}{tail}"


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _first_start(case: Case, p: Provision) -> dt.date:
    """When this support first started: the earliest plan that ran it unbroken to now."""
    since = p.start or case.current_cycle.start
    for cycle in reversed(case.cycles[:-1]):
        earlier = next((q for q in cycle.provision if _same(q.intervention, p.intervention)), None)
        if earlier is None:
            break
        since = earlier.start or cycle.start
    return since


def _match(rec: Recommendation, provisions: list[Provision]) -> tuple[Provision | None, bool]:
    """The provision a recommendation is carried out by, and whether that was guessed."""
    if rec.provision:
        found = next((p for p in provisions if _same(p.intervention, rec.provision)), None)
        return found, False
    wanted = _words(rec.text)
    best: tuple[int, Provision | None] = (0, None)
    for p in provisions:
        have = _words(p.intervention)
        shared = len(wanted & have)
        if shared >= 2 and shared * 2 >= len(have) and shared > best[0]:
            best = (shared, p)
    return best[1], best[1] is not None


def _setting(case: Case) -> str:
    return "college" if case.school.setting_type.is_college else "school"


def _advice_text(prof: Professional, rec: Recommendation, locale: str) -> str:
    when = (
        f", report of {format_date(prof.latest_report, 'long', locale)}"
        if prof.latest_report
        else ""
    )
    first = rec.text.split()[0]
    acronym = len(first) > 1 and first.isupper()
    text = rec.text if acronym else rec.text[0].lower() + rec.text[1:]
    return f"{prof.name} ({prof.role.lower()}{when}) advised {text.rstrip('.')}."


def _ran_before(case: Case, p: Provision, locale: str) -> str:
    """ "In place from 17 November 2025 in plans 1 and 2; paused in this plan" when
    earlier plans ran this support, else ""."""
    plans = [
        (number, q)
        for number, cycle in enumerate(case.cycles[:-1], start=1)
        for q in cycle.provision
        if _same(q.intervention, p.intervention)
    ]
    if not plans:
        return ""
    first_number, first = plans[0]
    since = first.start or case.cycles[first_number - 1].start
    numbers = format_list([str(n) for n, _ in plans])
    word = "plan" if len(plans) == 1 else "plans"
    return (
        f"In place from {format_date(since, 'long', locale)} in {word} {numbers}; "
        "paused in this plan"
    )


def _involved_before(prof: Professional, since: dt.date) -> bool:
    """True when the professional was involved, or reported, before the support began."""
    earliest = [d for d in (prof.involved_since, *prof.report_dates) if d is not None]
    return any(d <= since for d in earliest)


def _their(name: str) -> str:
    """ "her" / "his" from a recorded title, else "the" (never guessed from a first name)."""
    title = name.split()[0].rstrip(".").casefold() if name.split() else ""
    return {"ms": "her", "mrs": "her", "miss": "her", "mr": "his"}.get(title, "the")


def support_picture(
    case: Case,
    locale: str = "en_GB",
    terms: TermCalendar | None = None,
    weeks_per_year: int = 38,
) -> SupportPicture:
    """The current plan's support and the professionals' advice, reconciled."""
    cycle = case.current_cycle
    provisions = list(cycle.provision)
    lines: dict[int, SupportLine] = {}
    warnings: list[str] = []
    for p in provisions:
        status = p.status_on(cycle.start)
        since = _first_start(case, p)
        if status is ProvisionStatus.PLANNED:
            code = PLANNED
            text = f"Planned, from {format_date(p.start, 'long', locale)}" if p.start else "Planned"
            ran = _ran_before(case, p, locale)
            if ran:
                # support that ran before, paused and resumes says so: "Planned" alone hid
                # Kai's lunchtime quiet base in plans 1 and 2 (s18 R5 finding 8)
                text = ran + (
                    f"; planned to resume on {format_date(p.start, 'long', locale)}"
                    if p.start
                    else "; planned to resume"
                )
        elif status is ProvisionStatus.STOPPED:
            code = STOPPED
            text = f"Stopped on {format_date(p.end, 'long', locale)}" if p.end else "Stopped"
        else:
            code = IN_PLACE
            text = f"In place since {format_date(since, 'long', locale)}"
        lines[id(p)] = SupportLine(
            name=p.intervention,
            detail=_detail(p),
            status=code,
            status_text=text,
            cost=cost_provision(p, terms, weeks_per_year).pupil_share,
            since=since,
        )
    advised: list[SupportLine] = []
    for i, prof in enumerate(case.professionals):
        for r, rec in enumerate(prof.recommendations):
            where = f"professionals[{i + 1}].recommendations[{r + 1}]"
            found, guessed = _match(rec, provisions)
            advice = _advice_text(prof, rec, locale)
            if rec.provision and found is None:
                warnings.append(
                    f"{where}: provision {rec.provision!r} is not in the current plan; the "
                    "request treats the recommendation on its own"
                )
            if found is None:
                if rec.delivered is False:
                    advised.append(
                        SupportLine(
                            name=rec.text,
                            detail="",
                            status=ADVISED,
                            status_text="Advised, not in place",
                            advice=[advice],
                            notes=[rec.note] if rec.note else [],
                        )
                    )
                elif rec.delivered in (True, "partly"):
                    warnings.append(
                        f"{where}: {prof.name}'s recommendation {rec.text!r} is marked delivered "
                        "but no provision in the current plan carries it out; the request "
                        "leaves it out of the support in place. Add it to the plan's provision "
                        "(with its hours) or link it with 'provision:'"
                    )
                else:
                    warnings.append(
                        f"{where}: whether {prof.name}'s recommendation {rec.text!r} is in "
                        "place is not recorded (delivered: true or false); the request leaves "
                        "it out"
                    )
                continue
            line = lines[id(found)]
            if guessed:
                warnings.append(
                    f"{where}: {prof.name}'s recommendation {rec.text!r} is taken to be "
                    f"carried out by {found.intervention!r} (their names share words); add "
                    f"'provision: {found.intervention}' to the recommendation to confirm it"
                )
            report = prof.latest_report
            if (
                report is not None
                and line.since is not None
                and report > line.since
                and line.status in (IN_PLACE, PARTLY)
            ):
                # support that ran before the advice is the setting's own: crediting it
                # to a later report tells the authority the school only acted when told;
                # unless the same professional was involved before it started, when the
                # support is theirs and the later report says to keep it (s18 R5 #3)
                if _involved_before(prof, line.since):
                    advice = (
                        f"Advised by {prof.name} ({prof.role.lower()}); in place since "
                        f"{format_date(line.since, 'long', locale)}; {_their(prof.name)} "
                        f"report of {format_date(report, 'long', locale)} advises that it "
                        "continue."
                    )
                else:
                    advice = (
                        f"The {_setting(case)}\u2019s own support, in place before "
                        f"{prof.name}\u2019s report of {format_date(report, 'long', locale)}, "
                        "which advised the same."
                    )
            line.advice.append(advice)
            if rec.note:
                line.notes.append(rec.note[:1].upper() + rec.note[1:])  # its own sentence
            if line.status == IN_PLACE and rec.delivered in (False, "partly"):
                line.status = PARTLY
                line.status_text = "Partly in place since " + line.status_text.removeprefix(
                    "In place since "
                )
                if rec.delivered is False:
                    warnings.append(
                        f"{where}: {prof.name}'s recommendation {rec.text!r} is marked not "
                        f"delivered, but {found.intervention!r} is in place; the request calls "
                        "it partly in place. Set 'delivered: partly' and say what is missing "
                        "in 'note:', or 'delivered: true' if it is fully in place"
                    )
            elif line.status == PLANNED:
                line.status_text = "Advised; " + line.status_text[0].lower() + line.status_text[1:]
    ordered = [lines[id(p)] for p in provisions]
    order = {IN_PLACE: 0, PARTLY: 1, PLANNED: 2, STOPPED: 3}
    ordered.sort(key=lambda line: order[line.status])
    return SupportPicture(lines=[*ordered, *advised], warnings=warnings)


def tried_and_stopped(case: Case, locale: str = "en_GB") -> list[str]:
    """Support in earlier plans that the current plan no longer has."""
    current = {" ".join(p.intervention.split()).casefold() for p in case.current_cycle.provision}
    seen: dict[str, tuple[str, dt.date, dt.date]] = {}
    for index, cycle in enumerate(case.cycles[:-1]):
        following = case.cycles[index + 1]
        for p in cycle.provision:
            key = " ".join(p.intervention.split()).casefold()
            if key in current:
                continue
            first = seen.get(key, (p.intervention, p.start or cycle.start, cycle.start))[1]
            seen[key] = (p.intervention, first, p.end or following.start)
    return [
        f"{name} ({format_date(start, 'long', locale)} to {format_date(end, 'long', locale)})"
        for name, start, end in seen.values()
    ]


_PERCENT = re.compile(r"attendance([^.%\d]*?)(\d{1,3}(?:\.\d+)?)\s*%", re.IGNORECASE)
_SEASON = re.compile(r"\b(autumn|spring|summer)\b", re.IGNORECASE)


def progress_rows(case: Case, locale: str = "en_GB") -> list[dict[str, str]]:
    """Attainment and attendance as recorded for each plan (oldest first)."""
    rows = []
    for number, cycle in enumerate(case.cycles, start=1):
        if cycle.assess.attainment:
            rows.append(
                {
                    "plan": str(number),
                    "date": format_date(cycle.start, "long", locale),
                    "attainment": " ".join(cycle.assess.attainment.split()),
                }
            )
    return rows


@dataclass(frozen=True)
class AttendanceRecord:
    """One attendance figure as the school recorded it, with the period it covers."""

    on: dt.date
    percent: float
    text: str
    """The figure as written: "81"."""
    period: str
    """ "autumn 2025", "autumn 2026" or, for a figure with no term named, "May 2026"."""
    to_date: bool = False
    """The term was not over when it was recorded ("autumn term to date")."""
    term: bool = True
    """The period is a named term (else the month the figure was recorded in)."""
    half_term: bool = False
    """The figure covers the half-term ending when it was recorded ("Attendance 78%
    in the half-term"): ``period`` is then that day, written out."""

    @property
    def phrase(self) -> str:
        """ "81% in autumn 2025", "76% so far in autumn 2026", "71% by May 2026"."""
        if self.half_term:
            return f"{self.text}% in the half-term to {self.period}"
        if not self.term:
            return f"{self.text}% by {self.period}"
        return f"{self.text}% {'so far ' if self.to_date else ''}in {self.period}"

    @property
    def label(self) -> str:
        """ "autumn 2025", "autumn 2026 to date", "by May 2026"."""
        if self.half_term:
            return f"half-term to {self.period}"
        if not self.term:
            return f"by {self.period}"
        return self.period + (" to date" if self.to_date else "")


def _record(on: dt.date, text: str, locale: str) -> AttendanceRecord | None:
    found = _PERCENT.search(text)
    if not found:
        return None
    between, figure = found.group(1), found.group(2)
    season = _SEASON.search(between)
    if season is None and re.search(r"half[- ]term", text, re.IGNORECASE):
        # a half-term's figure says so, never "by February" (a year-to-date reading)
        return AttendanceRecord(
            on, float(figure), figure, format_date(on, "long", locale), term=False, half_term=True
        )
    if season is None:
        return AttendanceRecord(
            on, float(figure), figure, format_date(on, "month", locale), term=False
        )
    name = season.group(1).lower()
    # an autumn term recorded in the new calendar year (a plan starting in January)
    year = on.year - 1 if name == "autumn" and on.month <= 8 else on.year
    return AttendanceRecord(
        on, float(figure), figure, f"{name} {year}", to_date="to date" in between.lower()
    )


def attendance_records(case: Case, locale: str = "en_GB") -> list[AttendanceRecord]:
    """Every attendance figure in the case's history, oldest first: each plan's own
    (``assess.attainment``, "Attendance autumn term 81%"), labelled with the term it
    names, and each review's evidence for an outcome ("Attendance 71%"), labelled
    with the month of the review. A letter that gives only the first and the last
    hides the lowest figure and what period each covers."""
    records: list[AttendanceRecord] = []
    for cycle in case.cycles:
        found = _record(cycle.start, cycle.assess.attainment or "", locale)
        if found:
            records.append(found)
        if cycle.review is not None:
            for outcome in cycle.outcomes:
                found = _record(cycle.review.held_on, outcome.evidence or "", locale)
                if found:
                    records.append(found)
                    break  # one figure per review
    records.sort(key=lambda r: r.on)
    return records


def attendance_trend(case: Case, locale: str = "en_GB") -> str:
    """ "Attendance recorded: 81% (autumn 2025), 78% (by February 2026) …", for a
    chronology row."""
    records = attendance_records(case, locale)
    if len(records) < 2:
        return ""
    return "Attendance recorded: " + format_list([f"{r.text}% ({r.label})" for r in records]) + "."


def _reduced_timetable(case: Case) -> Provision | None:
    """The current plan's reduced or part-time timetable, if one is running."""
    cycle = case.current_cycle
    for p in cycle.provision:
        words = f"{p.intervention} {p.schedule or ''}".casefold()
        if ("reduced timetable" in words or "part-time timetable" in words) and p.status_on(
            cycle.start
        ) is not ProvisionStatus.STOPPED:
            return p
    return None


_COMMON_SUBJECTS = frozenset(
    ["reading", "writing", "spelling", "phonics", "maths", "mathematics", "science",
     "computing", "history", "geography", "art", "music", "numeracy", "literacy"]
)  # fmt: skip
_SUBJECT = re.compile(r"^\s*([A-Z][A-Za-z &/-]{1,40}):\s*(.+?)\s*$")


def attainment_change(case: Case) -> str:
    """How each subject's recorded attainment moved across the plans, in one sentence
    ("Across the three plans, reading stayed at \u2018working towards Year 2\u2019 and
    maths went from \u2018expected\u2019 to \u2018working towards Year 4\u2019."), read from
    each plan's ``assess.attainment`` written as "Subject: level." Only subjects
    recorded in every plan are compared; attendance is said separately."""
    levels: dict[str, list[str]] = {}
    recorded = [c for c in case.cycles if c.assess.attainment]
    if len(recorded) < 2 or len(recorded) != len(case.cycles):
        return ""
    for cycle in recorded:
        for part in re.split(r"(?<=\.)\s+", " ".join((cycle.assess.attainment or "").split())):
            found = _SUBJECT.match(part.rstrip("."))
            if found and not found.group(1).casefold().startswith("attendance"):
                levels.setdefault(found.group(1), []).append(found.group(2))
    parts = []
    for subject, seen in levels.items():
        if len(seen) != len(recorded):
            continue
        # "reading", "maths"; a language keeps its capital ("English Language")
        name = subject.lower() if subject.lower() in _COMMON_SUBJECTS else subject
        if all(_same(level, seen[0]) for level in seen):
            parts.append(f"{name} stayed at \u2018{mid_sentence(seen[0])}\u2019")
        else:
            # a fall from 'expected' to 'working towards' is a fall below age-related
            # expectations: the reader outside teaching is told so (s18 R5 finding 11)
            fell = seen[-1].casefold().startswith("working towards") and not seen[
                0
            ].casefold().startswith("working towards")
            parts.append(
                f"{name} went from \u2018{mid_sentence(seen[0])}\u2019 to "
                f"\u2018{mid_sentence(seen[-1])}\u2019"
                + (" (below age-related expectations)" if fell else "")
            )
    if not parts:
        return ""
    count = {2: "two", 3: "three", 4: "four", 5: "five"}.get(len(recorded), str(len(recorded)))
    return f"Across the {count} plans, {format_list(parts)}."


def attendance_change(case: Case, locale: str = "en_GB") -> str:
    """Attendance over every record, each with its own period, for the letter
    ("Attendance has fallen each time it was recorded: 96% in autumn 2025, 93% in spring
    2026 and 91% so far in autumn 2026."), and, when this term's figure is on a reduced
    timetable, since when: a reader must not take a part-time figure for a full one."""
    records = attendance_records(case, locale)
    if len(records) < 2:
        return ""
    values = [r.percent for r in records]
    pairs = list(itertools.pairwise(values))
    if all(b < a for a, b in pairs):
        lead = "Attendance has fallen each time it was recorded: "
    elif all(b > a for a, b in pairs):
        lead = "Attendance has risen each time it was recorded: "
    else:
        lead = "Attendance was "
    text = lead + format_list([r.phrase for r in records]) + "."
    reduced = _reduced_timetable(case)
    if reduced is not None and records[-1].on >= case.current_cycle.start:
        since = reduced.start or case.current_cycle.start
        text += (
            f" {case.child.known_as} has been on a reduced timetable since "
            f"{format_date(since, 'long', locale)}, so this term\u2019s "
            f"{records[-1].text}% is of a part-time timetable."
        )
    return text


# Words that begin a condition's name and are ordinary words, lower-cased when the
# name runs on mid-sentence ("a diagnosis of dyslexia"). Anything else keeps the
# case it was recorded in: "Down syndrome", "Tourette syndrome", "ADHD" and a
# condition nobody listed here are never lower-cased into "down syndrome".
_COMMON_CONDITION_WORDS = frozenset(
    [
        "anxiety",
        "attention",
        "autism",
        "autistic",
        "behaviour",
        "cerebral",
        "childhood",
        "chronic",
        "complex",
        "developmental",
        "dyscalculia",
        "dysgraphia",
        "dyslexia",
        "dyspraxia",
        "emotional",
        "epilepsy",
        "foetal",
        "fetal",
        "general",
        "generalised",
        "global",
        "hearing",
        "hypermobility",
        "language",
        "learning",
        "mild",
        "moderate",
        "multi-sensory",
        "multiple",
        "obsessive",
        "oppositional",
        "physical",
        "pathological",
        "profound",
        "selective",
        "sensory",
        "severe",
        "social",
        "specific",
        "speech",
        "visual",
    ]
)


def condition_in_sentence(condition: str) -> str:
    """A diagnosis's name as it reads mid-sentence, keeping the condition's own case.

    Only a first word that is an ordinary word ("Dyslexia", "Autism spectrum
    condition") is lower-cased; a proper name ("Down syndrome"), an acronym
    ("ADHD") or anything unknown stays exactly as recorded.
    """
    text = condition.strip()
    first = text.split(" ", 1)[0]
    if first.lower() in _COMMON_CONDITION_WORDS and first[:1].isupper() and first[1:].islower():
        return text[:1].lower() + text[1:]
    return text
