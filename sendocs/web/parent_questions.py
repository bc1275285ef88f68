"""The parent's questions, one thing per page, each answer placed in the case data.

Plain English, with help drawn from the parent's guide (docs/parent-guide.md).
Each page's fields carry their path in the case file, so the answers *are* a
case file, and one uploaded from the command line fills these pages in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sendocs.models import AreaOfNeed, DeliveryMethod, EvidenceKind
from sendocs.web.forms import Field, Option, Path

__all__ = ["LISTS", "PAGES", "ListPage", "Page", "page_for_field"]

AREAS = tuple(Option(a.value, a.label) for a in AreaOfNeed)
CURRENT = ("cycles", -1)


@dataclass(frozen=True)
class Page:
    """One page of questions."""

    slug: str
    title: str
    fields: tuple[Field, ...]
    intro: str = ""
    owns: tuple[str, ...] = ()  # case-file field prefixes whose problems this page fixes


@dataclass(frozen=True)
class ListPage:
    """A list the parent adds to one item at a time (GOV.UK "add another")."""

    slug: str
    title: str
    path: Path
    item_fields: tuple[Field, ...]
    noun: str
    add_title: str
    intro: str = ""
    minimum: int = 0
    minimum_message: str = ""
    owns: tuple[str, ...] = ()

    def summary(self, item: dict[str, object]) -> str:
        first = self.item_fields[0]
        value = item.get(str(first.path[-1]))
        return str(value) if value else f"(no {first.label.lower()})"


PAGES: dict[str, Page] = {}
LISTS: dict[str, ListPage] = {}


def _page(page: Page) -> Page:
    PAGES[page.slug] = page
    return page


def _list(page: ListPage) -> ListPage:
    LISTS[page.slug] = page
    return page


_page(
    Page(
        "child-name",
        "What is your child's name?",
        (
            Field(
                "forename",
                "First name",
                ("child", "legal_forename"),
                required="Enter your child's first name",
                width="20",
                autocomplete="off",
            ),
            Field(
                "surname",
                "Last name",
                ("child", "legal_surname"),
                required="Enter your child's last name",
                width="20",
                autocomplete="off",
            ),
            Field(
                "preferred",
                "The name they like to be called (optional)",
                ("child", "preferred_name"),
                width="20",
                autocomplete="off",
                hint="Leave this blank if it is their first name.",
            ),
        ),
        owns=(
            "child.legal_forename",
            "child.legal_surname",
            "child.preferred_name",
            "child.middle_names",
        ),
    )
)
_page(
    Page(
        "child-birth",
        "Your child's date of birth and school year",
        (
            Field(
                "dob",
                "Date of birth",
                ("child", "date_of_birth"),
                kind="date",
                required="Enter your child's date of birth",
                hint="For example, 27 3 2016",
            ),
            Field(
                "year",
                "School year",
                ("child", "year_group"),
                width="3",
                required="Enter your child's school year",
                hint="For example, 5 for Year 5. Write R for Reception.",
            ),
        ),
        owns=("child.date_of_birth", "child.year_group", "child"),
    )
)
_page(
    Page(
        "you",
        "Your details",
        (
            Field(
                "title",
                "Title (optional)",
                ("parents", 0, "title"),
                width="5",
                autocomplete="honorific-prefix",
                hint="For example, Ms, Mr, Mx or Dr",
            ),
            Field(
                "forenames",
                "First name",
                ("parents", 0, "forenames"),
                width="20",
                required="Enter your first name",
                autocomplete="given-name",
            ),
            Field(
                "surname",
                "Last name",
                ("parents", 0, "surname"),
                width="20",
                required="Enter your last name",
                autocomplete="family-name",
                hint="As you write it, for example de la Cruz. Letters to you use it.",
            ),
            Field(
                "relationship",
                "Your relationship to the child (optional)",
                ("parents", 0, "relationship"),
                width="20",
                hint="For example, Mother",
            ),
            Field(
                "address",
                "Your address",
                ("parents", 0, "address"),
                kind="textarea",
                rows=4,
                required="Enter your address",
                hint="The council will reply to this address. Put the postcode on the last line.",
            ),
            Field(
                "email",
                "Email address (optional)",
                ("parents", 0, "email"),
                kind="email",
                autocomplete="email",
            ),
            Field(
                "phone",
                "Phone number (optional)",
                ("parents", 0, "phone"),
                kind="tel",
                width="20",
                autocomplete="tel",
            ),
        ),
        owns=("parents",),
    )
)
_page(
    Page(
        "school",
        "Your child's school",
        (
            Field(
                "school",
                "Name of the school",
                ("school", "name"),
                required="Enter the name of your child's school",
            ),
            Field(
                "senco",
                "Name of the school's SENCO",
                ("school", "senco", "name"),
                required="Enter the SENCO's name, or write The SENCO",
                hint="The special educational needs co-ordinator. "
                "If you do not know their name, write The SENCO.",
            ),
        ),
        owns=("school",),
    )
)
_page(
    Page(
        "council",
        "Which council will you send the request to?",
        (
            Field(
                "council",
                "Which council will you send the request to?",
                ("local_authority", "name"),
                required="Enter the name of the council",
                hint="The council (local authority) for the area where your child lives, "
                "for example Westshire Council.",
            ),
        ),
        owns=("local_authority",),
    )
)
_list(
    ListPage(
        "needs",
        "Your child's needs",
        ("needs",),
        (
            Field(
                "description",
                "What does this need look like for your child?",
                ("description",),
                kind="textarea",
                required="Describe what this need looks like for your child",
                hint="In your own words, for example: Finds it very hard to follow spoken "
                "instructions in a busy classroom.",
            ),
            Field(
                "area",
                "Which area of need is it closest to?",
                ("area",),
                kind="radios",
                options=AREAS,
                required="Select the area of need it is closest to",
                hint="The Code of Practice groups needs into four broad areas.",
            ),
            Field(
                "suspected",
                "Has it been assessed?",
                ("suspected",),
                kind="checkbox",
                options=(
                    Option(
                        "yes",
                        "Not yet assessed or diagnosed",
                        "Your child does not need a diagnosis: the test is whether "
                        "they have or may have special educational needs.",
                    ),
                ),
            ),
        ),
        noun="need",
        add_title="Add a need",
        intro="Describe each difficulty your child has at school, one at a time. "
        "The letter uses these to show that your child has or may have special educational "
        "needs (the first part of the legal test).",
        minimum=1,
        minimum_message="Add at least one of your child's needs",
        owns=("needs",),
    )
)
_page(
    Page(
        "support-dates",
        "Extra help from the school",
        (
            Field(
                "start",
                "When did the school start giving your child extra help?",
                (*CURRENT, "start"),
                kind="date",
                required="Enter the date the school started extra help",
                hint="The start of the current SEN support plan. For example, 7 9 2026",
            ),
            Field(
                "review",
                "When will the school next review it?",
                (*CURRENT, "review_date"),
                kind="date",
                required="Enter the date of the next review",
                hint="It is on your child's SEN support plan, or ask the SENCO.",
            ),
        ),
        intro="Schools give extra help in cycles: they assess, plan, do and review.",
        owns=("cycles",),
    )
)
_list(
    ListPage(
        "support",
        "What the school does to help",
        (*CURRENT, "provision"),
        (
            Field(
                "intervention",
                "What is the help?",
                ("intervention",),
                required="Enter what the help is",
                hint="For example, Reading group or Time with a teaching assistant",
            ),
            Field(
                "area",
                "Which need does it help with?",
                ("area",),
                kind="radios",
                options=AREAS,
                required="Select which need it helps with",
            ),
            Field(
                "by",
                "Who gives it?",
                ("delivered_by",),
                width="20",
                required="Enter who gives the help",
                hint="For example, Teaching assistant",
            ),
            Field(
                "sessions",
                "How many times a week?",
                ("sessions_per_week",),
                kind="number",
                width="3",
                required="Enter how many times a week",
                minimum=0.1,
                maximum=50,
            ),
            Field(
                "minutes",
                "How many minutes each time?",
                ("minutes_per_session",),
                kind="number",
                width="3",
                required="Enter how many minutes each time",
                integer=True,
                minimum=1,
                maximum=600,
            ),
        ),
        noun="kind of help",
        add_title="Add help the school gives",
        intro="List the help the school gives now. The letter uses it to show what has "
        "been tried (the second part of the legal test). Leave this empty if you do not know.",
        owns=("cycles[*].provision",),
    )
)
_list(
    ListPage(
        "reports",
        "Reports and letters about your child",
        ("evidence",),
        (
            Field(
                "title",
                "What is the document called?",
                ("title",),
                required="Enter what the document is called",
                hint="For example, Educational psychology report",
            ),
            Field(
                "author",
                "Who wrote it? (optional)",
                ("author",),
                hint="For example, Dr Fiona Walsh",
            ),
            Field(
                "date",
                "Date of the document",
                ("date",),
                kind="date",
                required="Enter the date of the document",
            ),
            Field(
                "kind",
                "What kind of document is it?",
                ("kind",),
                kind="select",
                options=tuple(Option(k.value, k.label) for k in EvidenceKind),
                required="Select what kind of document it is",
            ),
            Field(
                "summary",
                "What does it show? (optional)",
                ("summary",),
                kind="textarea",
                rows=3,
                hint="One sentence, for example: Recommends one-to-one support.",
            ),
        ),
        noun="document",
        add_title="Add a report or letter",
        intro="Reports from professionals, diagnosis letters, the school's plans and records. "
        "They become the list of enclosures and the evidence chronology.",
        owns=("evidence",),
    )
)
_list(
    ListPage(
        "diagnoses",
        "Diagnoses",
        ("diagnoses",),
        (
            Field(
                "condition",
                "What is the diagnosis?",
                ("condition",),
                required="Enter the diagnosis",
                hint="As the letter or report gives it, for example Autism spectrum disorder "
                "or Dyslexia.",
            ),
            Field(
                "diagnosed_by",
                "Who made the diagnosis?",
                ("diagnosed_by",),
                required="Enter who made the diagnosis",
                hint="Their name and role, for example Dr A Khan, paediatrician.",
            ),
            Field(
                "date",
                "When was it made?",
                ("date",),
                kind="date",
                required="Enter the date of the diagnosis",
                hint="The date on the diagnosis letter or report. For example, 14 6 2025",
            ),
        ),
        noun="diagnosis",
        add_title="Add a diagnosis",
        intro="Add any formal diagnosis your child has. Your child does not need a "
        "diagnosis: the test is only whether they have or may have special educational "
        "needs. Leave this empty if there is none, or if you are still waiting.",
        owns=("diagnoses",),
    )
)
_list(
    ListPage(
        "professionals",
        "Professionals who know your child",
        ("professionals",),
        (
            Field(
                "name",
                "What is their name?",
                ("name",),
                required="Enter the professional's name",
                width="20",
                hint="For example, Dr Fiona Walsh",
            ),
            Field(
                "role",
                "What is their job?",
                ("role",),
                required="Enter the professional's job",
                width="20",
                hint="For example, Educational psychologist, Speech and language therapist, "
                "Occupational therapist or Paediatrician.",
            ),
            Field(
                "organisation",
                "Where do they work? (optional)",
                ("organisation",),
                hint="For example, Westshire Educational Psychology Service",
            ),
            Field(
                "report",
                "Date of their latest report (optional)",
                ("report_dates", 0),
                kind="date",
                hint="Leave blank if they have not written a report.",
            ),
        ),
        noun="professional",
        add_title="Add a professional",
        intro="People outside the school who have seen or assessed your child, such as an "
        "educational psychologist or a speech and language therapist. Their reports show "
        "what your child needs. Leave this empty if there is nobody yet.",
        owns=("professionals",),
    )
)
_list(
    ListPage(
        "consult",
        "People you want the council to ask for advice",
        ("assessment_request", "consult"),
        (
            Field(
                "name",
                "What is their name?",
                ("name",),
                required="Enter the person's name",
                width="20",
                hint="For example, Dr Fiona Walsh",
            ),
            Field(
                "role",
                "What is their job?",
                ("role",),
                required="Enter the person's job",
                width="20",
                hint="For example, Educational psychologist",
            ),
            Field(
                "organisation",
                "Where do they work? (optional)",
                ("organisation",),
            ),
        ),
        noun="person",
        add_title="Add a person for the council to ask",
        intro="During the assessment the council must ask for advice from anyone you "
        "reasonably ask it to (regulation 6(1)(h) of the SEND Regulations 2014), for "
        "example a therapist who already knows your child. The letter names them. Leave "
        "this empty if there is nobody to add.",
        owns=("assessment_request.consult",),
    )
)
_page(
    Page(
        "views",
        "Your views and your child's views",
        (
            Field(
                "parent_views",
                "What do you think about your child's needs and support?",
                (*CURRENT, "parent_views"),
                kind="textarea",
                rows=6,
                required="Enter your views",
                hint="What you see at home, what worries you, and what you think would help.",
            ),
            Field(
                "pupil_views",
                "What does your child say? (optional)",
                (*CURRENT, "pupil_views"),
                kind="textarea",
                rows=4,
                hint="In their own words if you can.",
            ),
            Field(
                "more",
                "Is there anything else the council should know? (optional)",
                ("assessment_request", "additional_reasons"),
                kind="textarea",
                rows=4,
            ),
        ),
        owns=(
            "cycles[*].parent_views",
            "cycles[*].pupil_views",
            "assessment_request.additional_reasons",
        ),
    )
)
_page(
    Page(
        "sending",
        "Sending the request",
        (
            Field(
                "sent_on",
                "When will you send it?",
                ("assessment_request", "sent_on"),
                kind="date",
                required="Enter the date you will send the request",
                hint="The date on the letter. The council's 6 weeks start when it receives it.",
            ),
            Field(
                "delivery",
                "How will you send it?",
                ("assessment_request", "delivery"),
                kind="radios",
                required="Select how you will send the request",
                options=tuple(
                    Option(d.value, d.label[0].upper() + d.label[1:], hint)
                    for d, hint in zip(
                        DeliveryMethod,
                        (
                            "Keep a note of who you gave it to.",
                            "Keep proof of posting.",
                            "An email keeps its own record of when it was sent.",
                        ),
                        strict=True,
                    )
                ),
            ),
        ),
        owns=("assessment_request",),
    )
)

ORDER: tuple[str, ...] = (
    "child-name",
    "child-birth",
    "you",
    "school",
    "council",
    "needs",
    "diagnoses",
    "support-dates",
    "support",
    "reports",
    "professionals",
    "consult",
    "views",
    "sending",
)


def page_for_field(field: str | None) -> str:
    """The page that fixes a problem reported at case-file ``field``."""
    best, length = ORDER[0], -1
    field = re.sub(r"\[\d+\]", "[*]", field) if field else field
    for slug in ORDER:
        page = PAGES.get(slug) or LISTS[slug]
        for prefix in page.owns:
            matches = field and (field == prefix or field.startswith((prefix + ".", prefix + "[")))
            if matches and len(prefix) > length:
                best, length = slug, len(prefix)
    return best
