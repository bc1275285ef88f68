"""People and organisations in a case: the child, parents and carers, the
school and its SENCO, the local authority, and professionals involved."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from sendocs.models.base import CaseModel
from sendocs.models.evidence import EvidenceRef
from sendocs.models.identifiers import LAESTAB, UPN, URN
from sendocs.models.phrases import mid_sentence
from sendocs.models.vocabulary import SettingType

# EmailStr needs the optional email-validator package; a plain string is
# enough here (we never send mail) and keeps the dependency list short.
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


def _address_from_text(value: object) -> object:
    """Accept an address written as one string ("1 High St, Town, AB1 2CD")
    or as lines; keep it as lines so letters can print an address block."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace("\n", ",").split(",") if p.strip()]
        if not parts:
            return {"lines": []}
        return {"lines": parts[:-1], "postcode": parts[-1]} if len(parts) > 1 else {"lines": parts}
    return value


class Address(CaseModel):
    """A postal address as lines plus postcode."""

    lines: list[str] = Field(default_factory=list, description="Street, town, county.")
    postcode: str | None = None

    @property
    def all_lines(self) -> list[str]:
        """Every printed line, postcode last."""
        return [*self.lines, *([self.postcode] if self.postcode else [])]

    @property
    def one_line(self) -> str:
        return ", ".join(self.all_lines)


PostalAddress = Annotated[Address, BeforeValidator(_address_from_text)]


def _visible(value: str | None) -> str | None:
    """Refuse a name part made only of spaces, control or formatting characters.

    Such a value cannot be printed or greeted ("Dear \\x07") and once crashed the
    old surname guess; it is a typing or export error the user must fix.
    """
    if value is None:
        return None
    if not any(unicodedata.category(c)[0] not in ("C", "Z") for c in value):
        raise ValueError(
            "is empty or made only of spaces or control characters; type the name, "
            "or leave the field out"
        )
    return value


NamePart = Annotated[str, AfterValidator(_visible)]
"""One part of a person's name, kept exactly as typed (after trimming spaces)."""


def _strip_dear(value: object) -> object:
    """``salutation: "Dear Dr ap Gwilym"`` and ``salutation: "Dr ap Gwilym"`` mean the same."""
    if isinstance(value, str):
        text = value.strip()
        if text[:5].casefold() == "dear ":
            text = text[5:].strip()
        return text.rstrip(",").strip()
    return value


def _year_group(value: object) -> object:
    if isinstance(value, str):
        text = value.strip().lower().removeprefix("year").strip()
        if text in ("r", "reception", "rec", "yr"):
            return 0
        if text in ("n", "nursery", "n1", "n2"):
            return -1
        return text
    return value


class Child(CaseModel):
    """The child or young person the case is about."""

    legal_forename: NamePart = Field(min_length=1)
    legal_surname: NamePart = Field(min_length=1)
    middle_names: NamePart | None = None
    preferred_name: NamePart | None = Field(
        default=None, description="The name the child likes to be called, if different."
    )
    date_of_birth: dt.date
    upn: UPN | None = Field(default=None, description="Unique Pupil Number with check letter.")
    uln: str | None = Field(
        default=None,
        pattern=r"^\d{10}$",
        description="Unique Learner Number (10 digits): what a college uses instead of a UPN.",
    )
    year_group: Annotated[int, BeforeValidator(_year_group)] = Field(
        ge=-1, le=14, description="National Curriculum year: 0 = Reception, -1 = Nursery."
    )
    first_language: str = "English"
    pronouns: str | None = None
    about_me: str | None = Field(
        default=None, description="One-page-profile text in the child's own words."
    )
    salutation: Annotated[NamePart | None, BeforeValidator(_strip_dear)] = Field(
        default=None,
        description=(
            "How letters to the young person greet them, the words after 'Dear' "
            "(default: the name they are known by)."
        ),
    )
    address: PostalAddress | None = Field(
        default=None,
        description="The young person's own address, where letters go to them and it differs.",
    )
    leaving_date: dt.date | None = Field(
        default=None,
        description=(
            "The day the pupil leaves this setting, if known (e.g. the end of Year 11): "
            "provision maps cost nothing after it. Left out for a Year 11 pupil, maps stop "
            "at the school leaving date (last Friday in June) and say so."
        ),
    )
    parents_involved: bool = Field(
        default=False,
        description=(
            "Past compulsory school age the young person agrees their own plan (CAFA 2014 "
            "Part 3): true when they want their parents or carers involved, so the plan "
            "keeps a sign-off row for them."
        ),
    )
    young_person_agreed_to_share_parent_views_on: dt.date | None = Field(
        default=None,
        description=(
            "Past compulsory school age: the date the young person agreed that their "
            "parents' views go in their plan. Without it the plan leaves those views out "
            "and `validate` warns (s18, Jordan)."
        ),
    )

    @property
    def compulsory_school_age_ends(self) -> dt.date:
        """The last Friday in June of the school year in which the child turns 16
        (Education Act 1996 s.8 and the School Leaving Date Order 1997)."""
        born = self.date_of_birth
        year = born.year + 16 + (1 if born.month >= 9 else 0)
        day = dt.date(year, 6, 30)
        return day - dt.timedelta(days=(day.weekday() - 4) % 7)

    @property
    def known_as(self) -> str:
        """Preferred name, else legal forename: what letters call the child."""
        return self.preferred_name or self.legal_forename

    @property
    def full_name(self) -> str:
        return f"{self.legal_forename} {self.legal_surname}"

    @property
    def greeting(self) -> str:
        """ "Dear Niamh": a school writes to a young person by the name they use."""
        return f"Dear {self.salutation or self.known_as}"

    @property
    def year_label(self) -> str:
        if self.year_group == 0:
            return "Reception"
        if self.year_group == -1:
            return "Nursery"
        return f"Year {self.year_group}"

    def age_on(self, when: dt.date) -> int:
        """Age in whole years on a date (birthdays on 29 February count on 1 March)."""
        years = when.year - self.date_of_birth.year
        if (when.month, when.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years

    @field_validator("date_of_birth")
    @classmethod
    def _born_in_the_past(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError("date of birth is in the future")
        if value.year < 1995:
            raise ValueError("date of birth is before 1995: SEND covers ages 0 to 25")
        return value


class ParentCarer(CaseModel):
    """A parent or carer (the s.576 Education Act 1996 meaning of parent).

    Names are structured, because a greeting cannot be worked out from a full
    name: "Ana de la Cruz" is "Mrs de la Cruz", "Ioan ap Gwilym" is
    "Dr ap Gwilym", and only the family knows which words are the surname.
    Every part is kept exactly as typed (particles, hyphens, apostrophes,
    accents). ``salutation`` (the words after "Dear") wins when given.

    The older single ``name`` still loads: it is printed whole, letters greet
    the person by title and full name ("Dear Mrs Ana de la Cruz"), never by a
    guessed surname, and ``sendocs validate`` warns how to split it.
    """

    title: NamePart | None = Field(default=None, description="Mr, Mrs, Ms, Mx, Dr … for letters.")
    forenames: NamePart | None = Field(
        default=None, description="Given name(s) as the person writes them, e.g. 'Ioan'."
    )
    surname: NamePart | None = Field(
        default=None,
        description=(
            "Family name exactly as written, particles and all: 'ap Gwilym', 'de la Cruz', "
            "'Kowalczyk-O'Neill', 'Ní Bhriain'. A person with a single name gives it here."
        ),
    )
    salutation: Annotated[NamePart | None, BeforeValidator(_strip_dear)] = Field(
        default=None,
        description=(
            "How letters greet this person, the words after 'Dear' (e.g. 'Dr ap Gwilym', "
            "'Ana'); wins over the title and surname."
        ),
    )
    name: NamePart | None = Field(
        default=None,
        description=(
            "Older single-field full name. Give forenames and surname instead: letters "
            "cannot tell the surname from a full name, so they greet by the full name."
        ),
    )
    relationship: str = Field(default="parent", description="Mother, father, foster carer …")
    parental_responsibility: bool = True
    address: PostalAddress | None = None
    phone: str | None = None
    email: Email | None = None
    language: str | None = Field(
        default=None,
        description=(
            "The language this parent reads letters in, if not English (letters then offer "
            "a translation or an interpreter). Defaults to the child's first language."
        ),
    )
    share_details: bool = Field(
        default=True,
        description=(
            "False where this parent's details must not reach anyone else (court order, "
            "safeguarding): no other letter names them or says a copy went to them."
        ),
    )
    restriction_reason: str | None = Field(
        default=None,
        description=(
            "Why details are not shared or letters not sent (for the school's records; "
            "never printed in a document)."
        ),
    )
    receives_letters: bool = Field(
        default=True,
        description=(
            "False where the school must not send this parent letters (e.g. a court order); "
            "a parent with parental responsibility normally gets their own copy."
        ),
    )

    @model_validator(mode="after")
    def _has_a_name(self) -> ParentCarer:
        structured = [part for part in (self.forenames, self.surname) if part]
        if not structured and not self.name:
            raise ValueError(
                "give the parent's name as forenames and surname (or the older single name)"
            )
        if structured:
            full = " ".join(structured)
            if self.name and self.name != full:
                raise ValueError(
                    f"name ({self.name!r}) and forenames/surname ({full!r}) disagree: give "
                    "forenames and surname only"
                )
            object.__setattr__(self, "name", full)
        return self

    @property
    def has_structured_name(self) -> bool:
        """True when the surname is known (not only an old single ``name``)."""
        return bool(self.forenames or self.surname)

    @property
    def full_name(self) -> str:
        """Forenames and surname, e.g. "Ioan ap Gwilym"."""
        return self.name or ""

    @property
    def formal_name(self) -> str:
        """Title and full name for an address block: "Dr Ioan ap Gwilym"."""
        return f"{self.title} {self.full_name}" if self.title else self.full_name

    @property
    def addressed_as(self) -> str:
        """The words after "Dear": the salutation if given, else title and surname
        ("Dr ap Gwilym"), else title and full name. Never a guessed surname."""
        if self.salutation:
            return self.salutation
        if self.title and self.surname:
            return f"{self.title} {self.surname}"
        return self.formal_name

    @property
    def greeting(self) -> str:
        """ "Dear Dr ap Gwilym"."""
        return f"Dear {self.addressed_as}"

    def answers_to(self, name: str) -> bool:
        """Whether ``name``, as a case records a person elsewhere (a review's attendees,
        views given, who made a request), is this parent: their full name, formal name,
        greeting name or salutation, ignoring case, spacing and which apostrophe was typed
        ("Mr O'Connor" is Mr O’Connor: a name that matched no one could carry one parent's
        words into the other's copy)."""
        known = (self.formal_name, self.full_name, self.addressed_as, self.salutation or "")
        return compared_name(name) in {compared_name(n) for n in known if n}


def compared_name(name: str) -> str:
    """A name as names are compared: case and spacing aside, one apostrophe for both."""
    return " ".join(name.casefold().replace("\u2019", "'").split())


class Contact(CaseModel):
    """A named person with a role and ways to reach them."""

    name: str = Field(min_length=1)
    addressed_as: str | None = Field(
        default=None,
        description=(
            "How a letter names them after the first mention, as recorded ('Mrs Price'); "
            "never guessed from the full name, which is used again when this is not given."
        ),
    )
    role: str | None = None
    email: Email | None = None
    phone: str | None = None


class Service(CaseModel):
    """A local service such as the SENDIASS."""

    name: str = Field(min_length=1)
    phone: str | None = None
    email: Email | None = None
    website: str | None = None


class DataProtection(CaseModel):
    """How the school keeps consent forms and what it shares (printed on consent forms)."""

    retention: str | None = Field(
        default=None,
        description=(
            "How long the signed consent form and a record of what is shared are kept, "
            "as the school's retention schedule says, in words for the family "
            "('until Kai is 25'). When not given the form points to the retention "
            "schedule and the DPO, and `validate` warns."
        ),
    )


class School(CaseModel):
    """The child's current setting."""

    name: str = Field(min_length=1)
    urn: URN | None = None
    laestab: LAESTAB | None = None
    address: PostalAddress | None = None
    phone: str | None = None
    email: Email | None = None
    headteacher: str | None = None
    senco: Contact
    setting_type: SettingType = Field(
        default=SettingType.MAINTAINED_SCHOOL,
        description=(
            "What kind of setting this is: maintained_school (default), maintained_nursery, "
            "academy (including free schools), alternative_provision_academy, "
            "pupil_referral_unit, maintained_special_school, special_academy, "
            "non_maintained_special_school, independent_school, fe_college, "
            "sixth_form_college, early_years_provider or other. Decides whether the s.68 "
            "CAFA 2014 notification applies (maintained school or nursery, Academy, AP "
            "Academy or PRU only), who the appropriate authority is, and whether letters "
            "say 'school' or 'college'."
        ),
    )
    appropriate_authority: str | None = Field(
        default=None,
        description=(
            "Who must inform parents under s.68 CAFA 2014: the governing body "
            "(maintained school), the proprietor (academy) or the PRU management committee. "
            "Defaults from setting_type: 'The Governing Body of <school>', 'The Proprietor "
            "of <academy>' or 'The Management Committee of <PRU>'."
        ),
    )
    proprietor: str | None = Field(
        default=None,
        description=(
            "The body that runs the school when it is not the school itself: for an "
            "academy, the academy trust ('Westbury Learning Trust'), which is the data "
            "controller printed on consent forms."
        ),
    )
    sen_information_report_url: str | None = Field(
        default=None, description="Where the SEN information report (s.69) is published."
    )
    data_protection_officer: Contact | None = Field(
        default=None,
        description=(
            "The school's data protection officer (UK GDPR art. 37), printed on every "
            "consent form with the school as data controller."
        ),
    )
    privacy_notice_url: str | None = Field(
        default=None, description="Where the school's privacy notice for pupils and parents is."
    )
    data_protection: DataProtection | None = Field(
        default=None, description="Retention of consent forms and of what is shared."
    )
    pupil_consent_age: int = Field(
        default=12,
        ge=5,
        le=16,
        description=(
            "From this age the consent form also asks the pupil's own view and consent "
            "(Gillick: commonly from about 12-13); past compulsory school age the young "
            "person consents for themselves."
        ),
    )

    @property
    def authority(self) -> str:
        return self.appropriate_authority or f"{self.setting_type.authority_role} of {self.name}"


class LocalAuthority(CaseModel):
    """The local authority responsible for the child (home LA)."""

    name: str = Field(min_length=1)
    sen_team: str | None = Field(default=None, description="e.g. 'SEND Statutory Assessment Team'.")
    address: PostalAddress | None = None
    email: Email | None = None
    phone: str | None = None
    sendiass: Service | None = Field(
        default=None, description="The local SEND Information, Advice and Support Service."
    )
    legal_services: Service | None = Field(
        default=None,
        description=(
            "The council's legal services (name and email): a letter before claim is "
            "copied to them ('Copy to:')."
        ),
    )


class Recommendation(CaseModel):
    """Something a professional advised, and whether the school has put it in place."""

    text: str = Field(min_length=1)
    delivered: bool | Literal["partly"] | None = Field(
        default=None,
        description=(
            "True if in place, 'partly' if only part of it runs (say what is missing in "
            "'note:'), False if not, omitted if unknown."
        ),
    )
    provision: str | None = Field(
        default=None,
        description=(
            "The intervention in the current plan that carries it out (by name), so "
            "`validate` can warn where the recommendation and the plan disagree."
        ),
    )
    note: str | None = None
    evidence: list[EvidenceRef] = Field(
        default_factory=list,
        description="Where the report gives this advice (document, page, paragraph): an "
        "appeal cites the page, not only the document.",
    )

    @property
    def status_text(self) -> str:
        """How a plan prints whether the advice is in place, never "not yet in place"
        beside the same support running: "in place", "partly in place: <what is
        missing>", "not yet in place", or "" when the case does not say."""
        # printed inside brackets after a colon: run on lower-case ("not yet in place:
        # the therapy service offers …", never ": The therapy …", s19 #4)
        note = mid_sentence((self.note or "").strip().rstrip("."))
        if self.delivered == "partly":
            return f"partly in place: {note}" if note else "partly in place"
        if self.delivered is True:
            return "in place"
        if self.delivered is False:  # why not, when the case says: the reader asks next
            return f"not yet in place: {note}" if note else "not yet in place"
        return ""


class Professional(CaseModel):
    """A professional involved with the child (EP, SaLT, OT, CAMHS …)."""

    name: str = Field(min_length=1)
    role: str = Field(min_length=1, description="e.g. Educational psychologist.")
    organisation: str | None = None
    involved_since: dt.date | None = None
    report_dates: list[dt.date] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)

    @property
    def latest_report(self) -> dt.date | None:
        return max(self.report_dates) if self.report_dates else None
