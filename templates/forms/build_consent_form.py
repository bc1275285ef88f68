"""Build ``consent_to_share_information.pdf``, sendocs's own fillable consent form.

A parent's written consent for a school to share information about their
child with named agencies (educational psychology, speech and language
therapy, CAMHS, the school nursing service and children's social care).
The PDF is generated, not drawn by hand, so it can be rebuilt identically;
run from the repository root::

    python templates/forms/build_consent_form.py

Field names are plain words with underscores; each field also carries a
description (/TU) that screen readers announce and ``sendocs form fields``
prints. The companion map ``consent_to_share_information.map.yaml`` fills
it from a case file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).parent))
from form_fonts import BOLD, REGULAR, embed_field_font, register

OUT = Path(__file__).with_name("consent_to_share_information.pdf")
VARIANTS = {
    "parent": OUT,
    "with_pupil": OUT.with_name("consent_to_share_information_with_pupil.pdf"),
    "young_person": OUT.with_name("consent_to_share_information_young_person.pdf"),
    "pupil": OUT.with_name("consent_to_share_information_pupil.pdf"),
}
"""Which form for whom (``sendocs.forms.consent.consent_form_for`` chooses by age):
the parent's consent; the parent's consent with a page for the pupil's own view and
consent (from the age in the school's settings, 12 by default); and the young
person's own consent once past compulsory school age; and the pupil's page on its own,
given to the pupil once when each parent gets their own copy (the parent's form then)."""

INK = HexColor("#1a1a1a")
ACCENT = HexColor("#1f4e79")
SOFT = HexColor("#eaf1f8")
LINE = HexColor("#8a9bb0")
MUTED = HexColor("#555555")
FIELD_BG = HexColor("#f7f9fc")

PAGE_W, PAGE_H = A4
LEFT = 18 * mm
RIGHT = PAGE_W - 18 * mm
WIDTH = RIGHT - LEFT
ROW = 11.5 * mm  # label, box and gap of one row of text boxes

AGENCIES = [
    (
        "service_1",
        "Educational psychology service (EP)",
        "Assessment and advice on learning, development and wellbeing.",
    ),
    (
        "service_2",
        "Speech and language therapy (SaLT)",
        "Assessment and therapy for speech, language and communication.",
    ),
    (
        "service_3",
        "Child and adolescent mental health services (CAMHS)",
        "Support for emotional wellbeing and mental health.",
    ),
    (
        "service_4",
        "School nursing service",
        "Health assessments, medical needs and health care plans.",
    ),
    (
        "service_5",
        # a field's default value: reportlab writes it in Latin-1, which has no ’ (the
        # filled form holds consent.SERVICES' "children’s services")
        "Early help: family support from children's services",
        "Support your family asks for. Not safeguarding: that does not depend on this form.",
    ),
]
"""The service rows: numbered fields, each naming the service it holds in its
``service_N_title`` field (filled from the case, the case's own services first; see
``sendocs.forms.consent.service_rows``). The defaults are the generic services, so a
blank form printed unfilled still reads right. Never named after a service: a row's
field name must not claim a service the row does not hold."""


def _section(c: Canvas, y: float, number: int, title: str) -> float:
    c.setFillColor(ACCENT)
    c.roundRect(LEFT, y - 7 * mm, WIDTH, 7 * mm, 1.2 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(BOLD, 10.5)
    c.drawString(LEFT + 3 * mm, y - 4.9 * mm, f"{number}.  {title}")
    return float(y - 7 * mm - 3 * mm)


def _label(c: Canvas, x: float, y: float, text: str) -> None:
    c.setFillColor(MUTED)
    c.setFont(REGULAR, 8)
    c.drawString(x, y, text)


def _text(
    c: Canvas,
    name: str,
    tooltip: str,
    label: str,
    x: float,
    y: float,
    w: float,
    h: float = 6.5 * mm,
    multiline: bool = False,
    maxlen: int | None = None,
    on_page: bool = True,
) -> None:
    """A labelled text box whose top edge is at ``y``. ``on_page=False`` draws the box only
    in the widget's own appearance (not on the page as well), so hiding the widget when
    the case has nothing for it (map ``hide_if_empty``) leaves no empty box."""
    _label(c, x, y - 3 * mm, label)
    c.acroForm.textfield(
        name=name,
        tooltip=tooltip,
        x=x,
        y=y - 4 * mm - h,
        width=w,
        height=h,
        fontName="Helvetica",
        fontSize=10,
        borderWidth=0.8,
        borderColor=LINE,
        fillColor=FIELD_BG,
        textColor=INK,
        fieldFlags="multiline" if multiline else "",
        maxlen=maxlen,
        forceBorder=on_page,
    )


def _paragraph(c: Canvas, x: float, y: float, text: str, size: float = 9.2) -> float:
    c.setFillColor(INK)
    c.setFont(REGULAR, size)
    for line in simpleSplit(text, REGULAR, size, WIDTH):
        c.drawString(x, y, line)
        y -= size * 1.38
    return y


def build(path: Path = OUT, variant: str = "parent") -> Path:
    young = variant == "young_person"
    register()
    c = Canvas(str(path), pagesize=A4, initialFontName=REGULAR, invariant=True)
    c.setTitle("Consent to share information")
    c.setAuthor("sendocs")
    if variant == "pupil":
        c.setSubject("A pupil’s own view and consent for a school to share SEND information")
        _pupil_page(c, first=1)
        _footer(c, 1, 1, keep=False)
        c.showPage()
        c.save()
        embed_field_font(path)
        _no_default_service_names(path)
        return path
    c.setSubject(
        # the blank form's own subject: it is the same file for a school and a college,
        # so it names neither rather than saying "a school or college" (review s20)
        "A young person’s consent to share SEND information with other agencies"
        if young
        else "Parental consent for a school to share SEND information with other agencies"
    )

    # Heading band
    c.setFillColor(ACCENT)
    c.rect(0, PAGE_H - 26 * mm, PAGE_W, 26 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(BOLD, 19)
    c.drawString(LEFT, PAGE_H - 13 * mm, "Consent to share information")
    c.setFont(REGULAR, 10)
    c.drawString(
        LEFT,
        PAGE_H - 19 * mm,
        "Special educational needs and disabilities (SEND): working with other services",
    )
    _confidential(c)
    # one line in the family's language pointing to the offer at the top of page 2 (the
    # page they keep), filled from the case (consent.language_offer; empty for English)
    c.acroForm.textfield(
        name="language_pointer",
        tooltip="Where this form offers it in the family’s language",
        value="",
        x=LEFT - 2,
        y=PAGE_H - 25.5 * mm,
        width=WIDTH + 2,
        height=4.6 * mm,
        fontName="Helvetica",
        fontSize=9,
        borderWidth=0,
        fillColor=ACCENT,
        textColor=white,
        forceBorder=False,
        maxlen=None,
    )
    y = PAGE_H - 33 * mm
    y = _paragraph(
        c,
        LEFT,
        y,
        (
            "We would like to share information about you with the services you tick below, so "
            "that they can understand your needs and work with us. Because you are past "
            "compulsory school age, this is your decision, not your parents’. We share only what "
            "each service needs, keep it securely, and you can change your mind at any time: "
            "page 2 says who holds your information and whom to tell."
        )
        if young
        else (
            "We would like to share information about your child with the services you tick "
            "below, so that they can understand your child’s needs and work with us. We share "
            "only what each service needs, keep it securely, and you can change your mind at any "
            "time: page 2 says who holds your information and whom to tell."
        ),
    )
    # "Please return pages 1 and 3 to … by …. Keep page 2." (filled from the case)
    _statement(
        c, "return_note", "Whom to return the form to, where, and by when", y + 2 * mm, 10 * mm
    )
    y -= 10 * mm

    # 1. Child
    y = _section(c, y, 1, "About you" if young else "About your child")
    half = (WIDTH - 6 * mm) / 2
    third = (WIDTH - 12 * mm) / 3
    # a young person's own form speaks to them ("Your full legal name"), #10 s19
    _text(
        c,
        "child_full_name",
        "Your full legal name" if young else "Child’s full legal name",
        "Full legal name",
        LEFT,
        y,
        half,
    )
    _text(
        c,
        "child_preferred_name",
        "The name you like to be called" if young else "Name the child likes to be called",
        "Preferred name",
        LEFT + half + 6 * mm,
        y,
        half,
    )
    y -= ROW
    _text(
        c,
        "child_date_of_birth",
        "Your date of birth (dd/mm/yyyy)" if young else "Child’s date of birth (dd/mm/yyyy)",
        "Date of birth",
        LEFT,
        y,
        third,
        maxlen=10,
    )
    _text(
        c,
        "child_year_group",
        "Your year group" if young else "Child’s year group",
        "Year group",
        LEFT + third + 6 * mm,
        y,
        third,
    )
    # "Unique Pupil Number (UPN)" at a school, "Unique Learner Number (ULN)" at a college
    # (colleges do not use UPNs): the label is filled from the case with the number.
    number_x = LEFT + 2 * (third + 6 * mm)
    _heading_field(
        c,
        "child_number_label",
        "Which pupil or learner number this is",
        number_x - 2,
        y - 4.4 * mm,
        third,
        size=8,
        color=MUTED,
        value="Unique Pupil Number (UPN)",
    )
    _text(
        c,
        "child_number",
        "Your Unique Pupil Number (or, at a college, Unique Learner Number)"
        if young
        else "The child’s Unique Pupil Number (or, at a college, Unique Learner Number)",
        "",
        number_x,
        y,
        third,
        maxlen=13,
        on_page=False,  # hidden with its label when the case has no number
    )
    y -= ROW
    _text(c, "school_name", "School or setting", "School or setting", LEFT, y, WIDTH)
    y -= ROW + 1.5 * mm
    y = _young_person_contact(c, y, half) if young else _parent_section(c, y, half)
    y = _agencies(c, y, 2 if young else 3)
    y = _declaration(c, y, young)
    _school_use(c, y, half, young)
    total = 3 if variant == "with_pupil" else 2
    _footer(c, 1, total, keep=False)
    c.showPage()
    _information_page(c, young)
    _footer(c, 2, total, keep=True)
    c.showPage()
    if variant == "with_pupil":
        _pupil_page(c)
        _footer(c, 3, total, keep=False)
        c.showPage()
    c.save()
    embed_field_font(path)
    _describe_contact_buttons(path)
    _no_default_service_names(path)
    return path


def _no_default_service_names(path: Path) -> None:
    """Drop the default value (/DV) of each service row's name and note, which the fill
    replaces from the case and locks: the filled form's stored value is then only the
    service its page shows (a DPO reading field values saw the generic defaults, review
    s20). The blank form still shows and holds the generic services as its values (/V)."""
    import re

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    row = re.compile(r"(pupil_)?service_\d+_(title|note)")
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            widget = ref.get_object()
            field = widget if "/T" in widget else widget.get("/Parent", widget).get_object()
            if row.fullmatch(str(field.get("/T", ""))) and NameObject("/DV") in field:
                del field[NameObject("/DV")]
    with path.open("wb") as handle:
        writer.write(handle)


CONTACT_CAPTIONS = {"Email": "email", "Phone": "telephone", "Letter": "letter"}
"""``preferred_contact``'s export values and the words each button is read out with."""


def _describe_contact_buttons(path: Path) -> None:
    """Give each ``preferred_contact`` button its own description ("Contact me by
    email"), read out by a screen reader as the button gets focus, and the group its
    question; reportlab gives the whole group only the first button's."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            widget = ref.get_object()
            parent = widget.get("/Parent")
            if parent is None or parent.get_object().get("/T") != "preferred_contact":
                continue
            parent.get_object()[NameObject("/TU")] = TextStringObject(
                "How would you like us to contact you?"
            )
            states = [str(k).lstrip("/") for k in widget["/AP"]["/N"] if k != "/Off"]
            if states and states[0] in CONTACT_CAPTIONS:
                widget[NameObject("/TU")] = TextStringObject(
                    f"Contact me by {CONTACT_CAPTIONS[states[0]]}"
                )
    with path.open("wb") as handle:
        writer.write(handle)


def _footer(c: Canvas, page: int, total: int, keep: bool) -> None:
    """Form name, "Page X of Y" (so a missing page is noticed), and whether the page goes
    back or is the family's to keep. No tool name: provenance is in the metadata."""
    c.setFillColor(Color(0.4, 0.4, 0.4))
    c.setFont(REGULAR, 7.5)
    c.drawString(
        LEFT,
        7 * mm,
        "Consent to share information (SEND)"
        + ("" if keep else "  |  Confidential when completed"),
    )
    c.drawCentredString(PAGE_W / 2, 7 * mm, f"Page {page} of {total}")
    c.drawRightString(
        RIGHT, 7 * mm, "Keep this page for your records" if keep else "Please return this page"
    )


def _confidential(c: Canvas) -> None:
    """The marking in the heading band of every page."""
    c.setFillColor(white)
    c.setFont(BOLD, 9)
    c.drawRightString(RIGHT, PAGE_H - 8 * mm, "CONFIDENTIAL WHEN COMPLETED")


def _contact_choice(c: Canvas, y: float) -> float:
    _label(c, LEFT, y - 3 * mm, "How would you like us to contact you?")
    x = LEFT + 58 * mm
    for export, caption in (("Email", "Email"), ("Phone", "Telephone"), ("Letter", "Letter")):
        c.acroForm.radio(
            name="preferred_contact",
            value=export,
            tooltip=f"Contact me by {caption.lower()}",
            x=x,
            y=y - 4.6 * mm,
            size=4.2 * mm,
            buttonStyle="circle",
            shape="square",
            borderColor=LINE,
            fillColor=white,
            textColor=ACCENT,
            borderWidth=0.8,
            fieldFlags="noToggleToOff radio",
            forceBorder=True,
        )
        c.setFillColor(INK)
        c.setFont(REGULAR, 9.5)
        c.drawString(x + 5.6 * mm, y - 3.5 * mm, caption)
        x += 30 * mm
    return float(y - 9 * mm)


def _young_person_contact(c: Canvas, y: float, half: float) -> float:
    _text(
        c,
        "young_person_address",
        "Your postal address",
        "Your address",
        LEFT,
        y,
        WIDTH,
        h=11 * mm,
        multiline=True,
    )
    y -= 16 * mm
    _text(c, "young_person_phone", "Your telephone number", "Telephone", LEFT, y, half)
    _text(c, "young_person_email", "Your email address", "Email", LEFT + half + 6 * mm, y, half)
    y -= ROW
    return float(_contact_choice(c, y) - 1.5 * mm)


def _parent_section(c: Canvas, y: float, half: float) -> float:
    # 2. Parent
    y = _section(c, y, 2, "About you (parent or carer with parental responsibility)")
    _text(c, "parent_name", "Parent or carer’s full name", "Your full name", LEFT, y, half)
    _text(
        c,
        "parent_relationship",
        "Relationship to the child",
        "Relationship to the child",
        LEFT + half + 6 * mm,
        y,
        half,
    )
    y -= ROW
    _text(
        c,
        "parent_address",
        "Parent or carer’s postal address",
        "Address",
        LEFT,
        y,
        WIDTH,
        h=11 * mm,
        multiline=True,
    )
    y -= 16 * mm
    _text(c, "parent_phone", "Parent or carer’s telephone number", "Telephone", LEFT, y, half)
    _text(
        c, "parent_email", "Parent or carer’s email address", "Email", LEFT + half + 6 * mm, y, half
    )
    y -= ROW
    return _contact_choice(c, y)


def _agencies(c: Canvas, y: float, number: int, prefix: str = "") -> float:
    y = _section(c, y, number, "Who may we share information with?  Tick each service you agree to")
    for name, title, note in AGENCIES:
        c.setFillColor(SOFT)
        c.rect(LEFT, y - 8.4 * mm, WIDTH, 8.4 * mm, stroke=0, fill=1)
        # each row is a slot the map names from the case (its own services first), so
        # the tick's description points at the row, not at a fixed service
        c.acroForm.checkbox(
            name=prefix + name,
            # the form fill names the row's service here (sendocs.forms.consent
            # .tick_descriptions); a blank form names its default service
            tooltip=f"I agree to the school sharing information {'about me ' if prefix else ''}"
            f"with {title[:1].lower() + title[1:]}".replace("'", "\u2019"),
            x=LEFT + 2.5 * mm,
            y=y - 6.7 * mm,
            size=5 * mm,
            buttonStyle="check",
            borderColor=LINE,
            fillColor=white,
            textColor=ACCENT,
            borderWidth=0.8,
            fieldFlags="",
            forceBorder=True,
        )
        # the service's name, filled from the case ("Westshire CAMHS"); generic by default
        row = name.rsplit("_", 1)[1]
        _row_text(
            c,
            prefix + name + "_title",
            f"The service on row {row}",
            title,
            y - 4.6 * mm,
            4.4 * mm,
            9.5,
            INK,
        )
        _row_text(
            c,
            prefix + name + "_note",
            f"What the service on row {row} does",
            note,
            y - 8.2 * mm,
            3.6 * mm,
            8.2,
            MUTED,
        )
        y -= 9.4 * mm
    _text(
        c,
        prefix + "service_other",
        "Any other service (name it)",
        "Any other service (name it)",
        LEFT,
        y,
        WIDTH,
    )
    return float(y - ROW - 0.5 * mm)


def _row_text(
    c: Canvas, name: str, tooltip: str, value: str, y: float, h: float, size: float, color: Color
) -> None:
    """A borderless line of a service row (its name or what it does), filled from the case."""
    c.acroForm.textfield(
        name=name,
        tooltip=tooltip,
        value=value,
        x=LEFT + 9.2 * mm,
        y=y,
        width=WIDTH - 10 * mm,
        height=h,
        fontName="Helvetica",
        fontSize=size,
        borderWidth=0,
        fillColor=SOFT,
        textColor=color,
        forceBorder=False,
        maxlen=None,
    )


def _declaration(c: Canvas, y: float, young: bool) -> float:
    # Declaration and signature
    y = _section(c, y, 3 if young else 4, "Your consent")
    # Filled from the case, so a college's form says "the college" (school.setting_type).
    _statement(
        c,
        "consent_statement",
        "What you agree to by signing"
        if young
        else "What the parent or carer agrees to by signing",
        y + 2.5 * mm,
        14 * mm,  # three lines; the return note above takes two
    )
    y -= 15 * mm
    _signature(
        c,
        y,
        "Your signature" if young else "Signature of parent or carer",
        "date_signed",
        "Date signed (dd/mm/yyyy)",
    )
    return float(y - 16 * mm)


def _signature(c: Canvas, y: float, label: str, date_field: str, date_tooltip: str) -> None:
    """A signature line (signed by hand, never filled) and a date box beside it: one
    block for the parent's, the young person's and the pupil's pages."""
    sig_w = WIDTH * 0.55
    c.setStrokeColor(INK)
    c.setLineWidth(0.7)
    c.line(LEFT, y - 10 * mm, LEFT + sig_w, y - 10 * mm)
    _label(c, LEFT, y - 13.5 * mm, label)
    date_x = LEFT + sig_w + 8 * mm
    _text(c, date_field, date_tooltip, "Date", date_x, y - 0.5 * mm, RIGHT - date_x, maxlen=10)


def _school_use(c: Canvas, y: float, half: float, young: bool = False) -> None:
    c.setStrokeColor(LINE)
    c.setLineWidth(0.6)
    c.setDash(2, 2)
    c.line(LEFT, y, RIGHT, y)
    c.setDash()
    y -= 2 * mm
    # "For school use" / "For college use", from the case (school.setting_type)
    _heading_field(c, "setting_use_heading", "Who this part is for", LEFT, y - 4.2 * mm, 40 * mm)
    # Routing for staff ("send pages 1-2 only to …") is never printed on a page the family
    # receives: `sendocs form fill` says it on the command line instead.
    y -= 3.5 * mm
    _text(
        c,
        "school_contact",
        "Member of staff handling the consent (usually the SENCO)",
        "Member of staff handling this form",
        LEFT,
        y,
        WIDTH - 46 * mm,
    )
    _text(
        c,
        "date_prepared",
        # the map names the setting from the case (wording.date_prepared_tip)
        "Date the school or college prepared this form"
        if young
        else "Date the school prepared this form",
        "Form prepared on",
        RIGHT - 40 * mm,
        y,
        40 * mm,
        maxlen=10,
    )


def _heading_field(
    c: Canvas,
    name: str,
    tooltip: str,
    x: float,
    y: float,
    w: float,
    size: float = 9.5,
    color: Color = ACCENT,
    value: str = "",
) -> None:
    """A small heading or label filled from the case (its bottom edge at ``y``)."""
    c.acroForm.textfield(
        name=name,
        tooltip=tooltip,
        value=value,
        x=x,
        y=y,
        width=w,
        height=size * 0.55 * mm,
        # a standard font name here; embed_field_font points it at embedded Carlito
        fontName="Helvetica",
        fontSize=size,
        borderWidth=0,
        fillColor=white,
        textColor=color,
        forceBorder=False,
        maxlen=None,
    )


def _statement(c: Canvas, name: str, tooltip: str, y: float, h: float = 18 * mm) -> None:
    """A multi-line box the map fills with printed wording (no border). The box starts
    2 pt left of the margin so its text, drawn 2 pt inside the box, lines up with the
    printed paragraphs above (no apparent leading space)."""
    c.acroForm.textfield(
        name=name,
        tooltip=tooltip,
        x=LEFT - 2,
        y=y - h,
        width=WIDTH + 2,
        height=h,
        fontName="Helvetica",
        fontSize=9.2,
        borderWidth=0,
        fillColor=white,
        textColor=INK,
        fieldFlags="multiline",
        forceBorder=False,
        maxlen=None,
    )


def _information_page(c: Canvas, young: bool) -> None:
    """Who holds the information and how to withdraw (UK GDPR arts. 7(3), 13): the
    controller is the school, with its DPO, privacy notice and the person to tell."""
    c.setFillColor(ACCENT)
    c.rect(0, PAGE_H - 26 * mm, PAGE_W, 26 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(BOLD, 19)
    c.drawString(LEFT, PAGE_H - 13 * mm, "Your information and your rights")
    c.setFont(REGULAR, 10)
    c.drawString(LEFT, PAGE_H - 20 * mm, "Keep this page: it says who to contact")
    # no "confidential" marking: this page is the family's to keep, and holds only
    # the school's details
    y = PAGE_H - 30 * mm
    # the same offer the letter makes, in the case's language (empty for English)
    # in the family's language first, then in English (up to four lines)
    _statement(
        c, "language_offer", "This form in the family’s language, free of charge", y, 17 * mm
    )
    y -= 18 * mm
    y = _section(c, y, 5 if not young else 4, "What we share")
    # only what ticked services need; that safeguarding sharing does not rest on this
    # form; the council's public task for an assessment request (consent.what_we_share)
    _statement(
        c,
        "what_we_share",
        "What we share, and what does not depend on consent",
        y + 1 * mm,
        58 * mm,  # with an assessment request, its public task and Art 9 condition too
    )
    y -= 58 * mm
    y = _section(c, y, 6 if not young else 5, "Who holds it, and whom to tell")
    _statement(
        c,
        "data_protection",
        "Data controller, data protection officer, privacy notice and whom to tell to withdraw",
        y + 1 * mm,
        h=106 * mm,  # a blank line between items (the map's wording), so none runs on
    )


def _pupil_page(c: Canvas, first: int = 7) -> None:
    """The pupil's own view and consent, asked beside the parent's (Gillick; domain §11).
    Its sections follow the parent's (7 on) on the same form, and start at 1 on their own."""
    c.setFillColor(ACCENT)
    c.rect(0, PAGE_H - 26 * mm, PAGE_W, 26 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(BOLD, 19)
    # the ticks are the pupil's consent, as each tick's description says ("I agree …")
    c.drawString(LEFT, PAGE_H - 13 * mm, "Your consent: sharing information about you")
    c.setFont(REGULAR, 10)
    c.drawString(LEFT, PAGE_H - 20 * mm, "For the pupil to fill in, with help if they want it")
    _confidential(c)
    y = PAGE_H - 33 * mm
    standalone = first == 1
    if standalone:
        # given to the pupil on its own sheet: who else was asked (both parents, each on
        # their own form), where the page goes back and by when, filled from the case
        # (sendocs.forms.consent.pupil_intro, the map's pupil_return_note)
        # six lines: the intro says the ticks are the pupil's consent (from 16, that their
        # own agreement is needed) and, for separated parents, how differences are settled
        _statement(c, "pupil_intro", "Why the pupil is asked, and who else", y + 3 * mm, 24 * mm)
        y -= 23 * mm
        _statement(
            c,
            "pupil_return_note",
            "Whom the pupil gives this page to, where, and by when",
            y + 2 * mm,
            10 * mm,
        )
        y -= 9 * mm
    else:
        y = _paragraph(
            c,
            LEFT,
            y,
            (
                "You are old enough to have a say in who we talk to about you. Your parent or "
                "carer has been asked too. Tick each service you agree to us sharing information "
                "with: your ticks are your consent. You can ask us about any of them first, "
                "you do not have to tick any, and you can change your mind at any time. "
                "If your answer and your parent’s answer for a service are different, we will "
                "not share with that service until we have talked with you both."
            ),
        )
    _statement(
        c,
        "pupil_withdraw",
        "Whom the pupil can tell to change their mind",
        y + 1 * mm,
        9 * mm if standalone else 14 * mm,
    )
    y -= 11 * mm if standalone else 16 * mm
    y = _section(c, y, first, "About you")
    half = (WIDTH - 6 * mm) / 2
    _text(c, "pupil_name", "The pupil’s name", "Your name", LEFT, y, half)
    _text(
        c,
        "pupil_year_group",
        "The pupil’s year group",
        "Year group",
        LEFT + half + 6 * mm,
        y,
        half,
    )
    y -= ROW + 1.5 * mm
    y = _agencies(c, y, first + 1, prefix="pupil_")
    y = _section(c, y, first + 2, "Anything you want to tell us")
    _text(
        c,
        "pupil_views",
        "What the pupil wants the school to know about sharing their information",
        "What you think about us sharing information, or questions you have",
        LEFT,
        y,
        WIDTH,
        # shorter on the pupil's own sheet, which has room for what we share and why
        h=14 * mm if standalone else 24 * mm,
        multiline=True,
    )
    y -= 20 * mm if standalone else 30 * mm
    _signature(c, y, "Your signature", "pupil_date_signed", "Date the pupil signed (dd/mm/yyyy)")
    if standalone:
        # a short privacy box in the pupil's words (consent.pupil_privacy): who looks after
        # the page, the DPO, how long it is kept, the privacy notice, the ICO
        y -= 18 * mm
        c.setFillColor(SOFT)
        c.roundRect(LEFT, y - 48 * mm, WIDTH, 48 * mm, 1.2 * mm, stroke=0, fill=1)
        c.setFillColor(ACCENT)
        c.setFont(BOLD, 9.5)
        c.drawString(LEFT + 3 * mm, y - 5 * mm, "What we share, and your information")
        c.acroForm.textfield(
            name="pupil_privacy",
            tooltip="Who looks after this page, how long we keep it, and whom to ask or tell",
            x=LEFT + 1 * mm,
            y=y - 47 * mm,
            width=WIDTH - 2 * mm,
            height=40 * mm,
            fontName="Helvetica",
            fontSize=8.6,
            borderWidth=0,
            fillColor=SOFT,
            textColor=INK,
            fieldFlags="multiline",
            forceBorder=False,
            maxlen=None,
        )


if __name__ == "__main__":
    if len(sys.argv) > 1:  # one variant to a given path: build_consent_form.py OUT [VARIANT]
        print(build(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "parent"))
    else:
        for name, target in VARIANTS.items():
            print(build(target, name))
