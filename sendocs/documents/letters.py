"""Pieces every letter shares: who it is to, how it greets them, where it goes.

One letter goes to each household: parents with parental responsibility who
live at the same address share one letter ("Dear Mr and Mrs Okafor");
a parent living elsewhere gets their own, at their own address. No letter
ever prints another household's address or contact details. "A copy has also
been sent to …" names the other recipients only when no parent in the case is
marked ``share_details: false`` (a court order or a safeguarding concern):
then each letter stands alone. Past compulsory school age the letter goes to
the young person, who holds the rights from then on (CAFA 2014 Part 3).

Greetings come from the structured name (title and surname as recorded, or
the salutation given), never from a surname guessed out of a full name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sendocs.formatting import format_list
from sendocs.models import AppealType, Case, Child, ParentCarer, School

__all__ = [
    "Recipient",
    "addressees",
    "compulsory_school_age_ends",
    "introduced_as",
    "is_young_person",
    "letter_parts",
    "letter_recipients",
    "privacy_text",
    "salutation",
]


def addressees(case: Case) -> list[ParentCarer]:
    """Parents with parental responsibility (all parents if none is marked)."""
    with_pr = [p for p in case.parents if p.parental_responsibility]
    return with_pr or list(case.parents)


def salutation(parents: list[ParentCarer]) -> str:
    """ "Dear Dr ap Gwilym", "Dear Ms Baxter and Mr Reid"; each name as recorded, never
    guessed. A Mr and a Mrs who share a recorded surname (and give no salutation of their
    own) are greeted the usual way, "Dear Mr and Mrs Clarke", not "Dear Mrs Clarke and
    Mr Clarke" (s18 G)."""
    if (
        len(parents) == 2
        and not any(p.salutation for p in parents)
        and {(p.title or "").strip().rstrip(".").casefold() for p in parents} == {"mr", "mrs"}
        and parents[0].surname
        and parents[0].surname == parents[1].surname
    ):
        return f"Dear Mr and Mrs {parents[0].surname}"
    return "Dear " + format_list([p.addressed_as for p in parents])


def compulsory_school_age_ends(child: Child) -> dt.date:
    """The last Friday in June of the school year in which the child turns 16
    (Education Act 1996 s.8 and the School Leaving Date Order 1997)."""
    return child.compulsory_school_age_ends


def is_young_person(child: Child, on: dt.date) -> bool:
    """True once the child is over compulsory school age: a "young person" in
    CAFA 2014 Part 3, who then makes decisions and is written to directly."""
    return on > compulsory_school_age_ends(child)


@dataclass(frozen=True)
class Recipient:
    """One letter's addressee(s): a household of parents, or the young person."""

    names: str
    """Title and full name(s) for the address block: "Dr Ioan ap Gwilym"."""
    address_lines: list[str]
    greeting: str
    label: str
    """Words for the file name that tell this letter from the others: "Dr ap Gwilym"."""
    parents: list[ParentCarer] = field(default_factory=list)
    young_person: bool = False
    copy_to: list[str] = field(default_factory=list)
    """Names (never addresses) of the other recipients, when sharing is allowed."""
    languages: list[str] = field(default_factory=list)
    """Languages other than English the recipients read letters in."""
    emails: list[str] = field(default_factory=list)
    """Where a letter with no postal address goes: the recipients' email addresses."""

    @property
    def plural(self) -> bool:
        return len(self.parents) > 1


def _households(parents: list[ParentCarer]) -> list[list[ParentCarer]]:
    """Parents grouped by address, in case-file order. A parent with no address is
    never assumed to live with anyone: they get a letter of their own, sent by email
    when they have one (``validate`` warns). Nobody is grouped at all when anyone's
    details are restricted."""
    restricted = any(not p.share_details for p in parents)
    groups: list[list[ParentCarer]] = []
    for parent in parents:
        home = next(
            (
                g
                for g in groups
                if parent.address is not None
                and parent.address.all_lines
                and g[0].address == parent.address
            ),
            None,
        )
        if home is not None and not restricted:
            home.append(parent)
        else:
            groups.append([parent])
    return groups


def _language(parent: ParentCarer, child: Child) -> str | None:
    language = parent.language or child.first_language
    return None if not language or language.strip().casefold() == "english" else language


def letter_recipients(case: Case, on: dt.date | None = None) -> list[Recipient]:
    """Everyone who gets their own copy of a letter to the family, in case-file order."""
    child = case.child
    if is_young_person(child, on or dt.date.today()):
        lines = child.address.all_lines if child.address else []
        if not lines:
            first = next((p for p in addressees(case) if p.address), None)
            lines = first.address.all_lines if first and first.address else []
        return [
            Recipient(
                names=child.full_name,
                address_lines=lines,
                greeting=child.greeting,
                label=child.known_as,
                young_person=True,
                languages=[child.first_language]
                if child.first_language and child.first_language.casefold() != "english"
                else [],
            )
        ]
    people = [p for p in addressees(case) if p.receives_letters]
    groups = _households(people)
    share = all(p.share_details for p in case.parents)
    recipients = []
    for group in groups:
        others = [g for g in groups if g is not group]
        languages = []
        for parent in group:
            language = _language(parent, child)
            if language and language not in languages:
                languages.append(language)
        address = next((p.address for p in group if p.address and p.address.all_lines), None)
        emails = [] if address else [p.email for p in group if p.email]
        recipients.append(
            Recipient(
                names=format_list([p.formal_name for p in group]),
                address_lines=address.all_lines if address else [],
                greeting=salutation(group),
                label=format_list([p.addressed_as for p in group]),
                parents=group,
                copy_to=[format_list([p.formal_name for p in g]) for g in others] if share else [],
                languages=languages,
                emails=emails,
            )
        )
    return recipients


OFFER_IN_LANGUAGE: dict[str, str] = {
    # usted throughout (one formal register), "de forma gratuita" (understood in Spain and
    # Latin America alike; "sin ningún coste" is Spain's); "el plan de apoyo", the
    # support plan by its name (s18 J)
    "spanish": (
        "Si desea recibir esta carta o el plan de apoyo en español, o contar con un "
        "intérprete en la reunión, indíquenoslo y lo organizaremos de forma gratuita."
    ),
    # "Państwo" is the usual formal address of an official letter and is already plural;
    # "to pismo" (a formal letter), "prosimy o informację" (not the spoken "prosimy nam
    # o tym powiedzieć"), "plan wsparcia" (the support plan)
    "polish": (
        "Jeśli chcą Państwo otrzymać to pismo lub plan wsparcia w języku polskim albo "
        "skorzystać z pomocy tłumacza podczas spotkania, prosimy o informację – "
        "zorganizujemy to bezpłatnie."
    ),
    # formal "chi" forms (hoffech, rhowch); "gael" is the soft-mutated "cael" after
    # "hoffech", and "gyfieithydd" is mutated after "neu"
    "welsh": (
        "Os hoffech gael y llythyr hwn neu’r cynllun yn Gymraeg, neu gyfieithydd ar y "
        "pryd yn y cyfarfod, rhowch wybod i ni a byddwn yn trefnu hynny am ddim."
    ),
}
"""The offer of a translation or an interpreter, in the language it is offered in, so
a parent who reads little English can read that the offer is there (s17 E9). Only
languages with a string here are printed; for any other the letter keeps the English
offer alone (a school adds its own checked translation: docs/case-files.md).

These strings were written and then re-read for grammar and register (formal, plain) by
the tool's authors, who are not native speakers: a school must have each checked by a
native speaker before the first letter that prints it is sent."""

OFFER_IN_LANGUAGE_PLURAL: dict[str, str] = {
    # two recipients (ustedes): "desean", "pónganse en contacto con nosotros" (s18 J)
    "spanish": (
        "Si desean recibir esta carta o el plan de apoyo en español, o contar con un "
        "intérprete en la reunión, pónganse en contacto con nosotros y lo organizaremos "
        "de forma gratuita."
    ),
}
"""The offer to more than one recipient, for a language whose formal address changes
with the number of readers (Spanish usted/ustedes); others use :data:`OFFER_IN_LANGUAGE`."""


def translated_offers(languages: list[str], *, plural: bool = False) -> list[str]:
    """The offer in each of ``languages`` that has a string in :data:`OFFER_IN_LANGUAGE`
    (matched without case: "Spanish", "spanish"), addressed to several readers when
    ``plural``; others are left out, never guessed."""
    found = []
    for lang in languages:
        key = lang.strip().casefold()
        text = (OFFER_IN_LANGUAGE_PLURAL.get(key) if plural else None) or OFFER_IN_LANGUAGE.get(
            key
        )
        if text:
            found.append(text)
    return found


def letter_parts(recipient: Recipient) -> dict[str, Any]:
    """The template's ``letter``: addressee names, address block, greeting, copies."""
    return {
        "to_names": recipient.names,
        "address_lines": recipient.address_lines,
        "salutation": recipient.greeting,
        "copy_to": recipient.copy_to,
        "plural": recipient.plural,
        "young_person": recipient.young_person,
        "languages": recipient.languages,
        "language_text": format_list(recipient.languages),
        # the offer in the recipient's own language, where one is written here
        "offer_translated": " ".join(
            translated_offers(recipient.languages, plural=recipient.plural)
        ),
        # a recipient with no postal address: "By email to …" in place of an address
        "email_to": format_list(recipient.emails),
    }


def introduced_as(child: Child) -> str:
    """ "Kai Thompson (known as KJ)": the legal name, then the name the child uses,
    the first time a letter names the child (afterwards, ``child.known_as``)."""
    if child.preferred_name and child.preferred_name != child.legal_forename:
        return f"{child.full_name} (known as {child.preferred_name})"
    return child.full_name


_COUNTS = {2: "two", 3: "three", 4: "four"}


def areas_help_text(areas: list[str]) -> str:
    """The words after "needs extra help": "with communication and interaction" for
    one area; "in two areas: communication and interaction, and social, emotional and
    mental health" for two: area names hold "and" themselves, so the count comes first
    and the last area takes ", and" (a plain list, "… interaction and social, …", reads
    as one muddled area); three or more are parted by semicolons."""
    if not areas:
        return ""
    if len(areas) == 1:
        return f"with {areas[0]}"
    count = _COUNTS.get(len(areas), str(len(areas)))
    if len(areas) == 2:
        return f"in two areas: {areas[0]}, and {areas[1]}"
    # three or more: commas inside "social, emotional and mental health" would blur
    # where one area ends, so semicolons part them
    return f"in {count} areas: " + "; ".join(areas[:-1]) + f"; and {areas[-1]}"


def assessment_refused_on(case: Case, on: dt.date) -> dt.date | None:
    """The date the local authority refused an EHC needs assessment, if it had by
    ``on``: a letter then says so and points to the appeal, instead of telling the
    parent of a right to ask that they have already used (Leo's letter did)."""
    appeal = case.appeal
    if appeal is None or appeal.appeal_type is not AppealType.REFUSAL_TO_ASSESS:
        return None
    sent = appeal.decision.date_sent
    return sent if sent <= on else None


def privacy_text(school: School, learner: str) -> str:
    """The letter's one data-protection line (a DPO's read, s18): how the school uses
    the family's information (its privacy notice, ``school.privacy_notice_url``, else
    "ask us for a copy") and who its data protection officer is, with their contact,
    falling back as the consent form does ("ask <school> for their contact details").
    Only the school's own people are named: never another parent."""
    setting = "college" if school.setting_type.is_college else "school"
    # every address on a line of its own ("\n": docxtpl makes it a <w:br/>), so none
    # wraps at its hyphen and loses it in text extraction (s19 F2)
    if school.privacy_notice_url:
        notice = (
            f"Our privacy notice explains how the {setting} uses information about "
            f"{learner} and your family. You can read it at:\n{school.privacy_notice_url}"
        )
    else:
        notice = (
            f"Our privacy notice explains how the {setting} uses information about "
            f"{learner} and your family; please ask us for a copy."
        )
    after = "\n" if school.privacy_notice_url else " "  # a sentence never follows a URL
    dpo = school.data_protection_officer
    if dpo is None:
        office = f" on {school.phone}" if school.phone else ""
        return (
            f"{notice}{after}To ask about your information, contact the {setting} office{office} "
            "and ask for our data protection officer."
        )
    reach = (f"\nEmail: {dpo.email}" if dpo.email else "") + (
        f"\nTelephone: {dpo.phone}" if dpo.phone else ""
    )
    return f"{notice}{after}Our data protection officer is {dpo.name}.{reach}"
