"""People and organisations in a case: the child, parents and carers, the
school and its SENCO, the local authority, and professionals involved."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator

from sendocs.models.base import CaseModel
from sendocs.models.identifiers import LAESTAB, UPN, URN

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

    legal_forename: str = Field(min_length=1)
    legal_surname: str = Field(min_length=1)
    middle_names: str | None = None
    preferred_name: str | None = Field(
        default=None, description="The name the child likes to be called, if different."
    )
    date_of_birth: dt.date
    upn: UPN | None = Field(default=None, description="Unique Pupil Number with check letter.")
    year_group: Annotated[int, BeforeValidator(_year_group)] = Field(
        ge=-1, le=14, description="National Curriculum year: 0 = Reception, -1 = Nursery."
    )
    first_language: str = "English"
    pronouns: str | None = None
    about_me: str | None = Field(
        default=None, description="One-page-profile text in the child's own words."
    )

    @property
    def known_as(self) -> str:
        """Preferred name, else legal forename: what letters call the child."""
        return self.preferred_name or self.legal_forename

    @property
    def full_name(self) -> str:
        return f"{self.legal_forename} {self.legal_surname}"

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
    """A parent or carer (CAFA s.576 Education Act 1996 meaning of parent)."""

    name: str = Field(min_length=1)
    title: str | None = Field(default=None, description="Mr, Ms, Dr … for letters.")
    relationship: str = Field(default="parent", description="Mother, father, foster carer …")
    parental_responsibility: bool = True
    address: PostalAddress | None = None
    phone: str | None = None
    email: Email | None = None

    @property
    def salutation(self) -> str:
        if self.title:
            return f"{self.title} {self.name.split()[-1]}"
        return self.name


class Contact(CaseModel):
    """A named person with a role and ways to reach them."""

    name: str = Field(min_length=1)
    role: str | None = None
    email: Email | None = None
    phone: str | None = None


class Service(CaseModel):
    """A local service such as the SENDIASS."""

    name: str = Field(min_length=1)
    phone: str | None = None
    email: Email | None = None
    website: str | None = None


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
    appropriate_authority: str | None = Field(
        default=None,
        description=(
            "Who must inform parents under s.68 CAFA 2014: the governing body "
            "(maintained school), the proprietor (academy) or the PRU management committee. "
            "Defaults to 'The Governing Body of <school>'."
        ),
    )
    sen_information_report_url: str | None = Field(
        default=None, description="Where the SEN information report (s.69) is published."
    )

    @property
    def authority(self) -> str:
        return self.appropriate_authority or f"The Governing Body of {self.name}"


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


class Recommendation(CaseModel):
    """Something a professional advised, and whether the school has put it in place."""

    text: str = Field(min_length=1)
    delivered: bool | None = Field(
        default=None, description="True if in place, False if not, omitted if unknown."
    )
    note: str | None = None


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
