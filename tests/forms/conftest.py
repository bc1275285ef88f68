"""Fillable forms for the tests: ours, and two we did not design, made by other routes.

* ``odd_form``: reportlab acroform over two pages, with a checkbox whose
  on-state is renamed to /Ja, a radio group /Choice1 /Choice2, a drop-down
  and a small multi-line box;
* ``raw_form``: written with pypdf's low-level objects, the way older
  form tools do it: a hierarchical name (``applicant.surname``), a /MaxLen
  with /DA size 9, a checkbox whose on-state is /1, and a signature field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.pdfgen.canvas import Canvas

from sendocs.loading import load_case
from sendocs.models import Case

ROOT = Path(__file__).resolve().parents[2]
OUR_FORM = ROOT / "templates" / "forms" / "consent_to_share_information.pdf"
OUR_MAP = ROOT / "templates" / "forms" / "consent_to_share_information.map.yaml"
KAI = ROOT / "fixtures" / "cases" / "kai-thompson.yaml"


@pytest.fixture(scope="session")
def kai() -> Case:
    return load_case(KAI).case


def _build_odd_form(path: Path) -> None:
    c = Canvas(str(path))
    c.drawString(50, 800, "Formulier A: page one")
    form = c.acroForm
    form.textfield(name="Naam", x=50, y=740, width=200, height=20, fontSize=10, maxlen=None)
    form.checkbox(name="Akkoord", x=50, y=700, size=14, fieldFlags="")
    form.radio(name="Keuze", value="Choice1", x=50, y=660, size=14)
    form.radio(name="Keuze", value="Choice2", x=80, y=660, size=14)
    form.choice(
        name="Kleur",
        options=["Red", "Green", "Blue"],
        value="Red",
        x=50,
        y=620,
        width=120,
        height=20,
        fontSize=10,
    )
    form.textfield(
        name="Notes",
        x=50,
        y=540,
        width=200,
        height=36,
        fontSize=10,
        fieldFlags="multiline",
        maxlen=None,
    )
    c.showPage()
    c.drawString(50, 800, "Formulier A: page two")
    c.acroForm.textfield(name="Tweede", x=50, y=700, width=300, height=20, fontSize=10, maxlen=None)
    c.showPage()
    c.save()
    # Give the checkbox the odd on-state "Ja" instead of reportlab's "Yes".
    writer = PdfWriter(clone_from=str(path))
    for annot in writer.pages[0]["/Annots"]:
        annot = annot.get_object()
        if annot.get("/T") == "Akkoord":
            for key in ("/N", "/D"):
                states = annot["/AP"][key].get_object()
                states[NameObject("/Ja")] = states.pop("/Yes")
    writer.write(path)


def _stream(writer: PdfWriter, data: bytes, width: float, height: float) -> object:
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream[NameObject("/Type")] = NameObject("/XObject")
    stream[NameObject("/Subtype")] = NameObject("/Form")
    stream[NameObject("/BBox")] = ArrayObject(
        [FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]
    )
    return writer._add_object(stream)


def _rect(*values: float) -> ArrayObject:
    return ArrayObject([FloatObject(v) for v in values])


def _build_raw_form(path: Path) -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    helv = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    annots = ArrayObject()
    fields = ArrayObject()

    # A parent field "applicant" with a text kid "surname" and a postcode kid with /MaxLen 8.
    applicant = DictionaryObject(
        {NameObject("/T"): TextStringObject("applicant"), NameObject("/Kids"): ArrayObject()}
    )
    applicant_ref = writer._add_object(applicant)
    for name, rect, extra in (
        ("surname", (60, 760, 260, 778), {}),
        ("postcode", (60, 730, 160, 748), {NameObject("/MaxLen"): NumberObject(8)}),
    ):
        kid = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/T"): TextStringObject(name),
                NameObject("/TU"): TextStringObject(f"Applicant {name}"),
                NameObject("/Rect"): _rect(*rect),
                NameObject("/DA"): TextStringObject("/Helv 9 Tf 0 g"),
                NameObject("/F"): NumberObject(4),
                NameObject("/Parent"): applicant_ref,
                NameObject("/P"): page.indirect_reference,
                **extra,
            }
        )
        kid_ref = writer._add_object(kid)
        applicant["/Kids"].append(kid_ref)
        annots.append(kid_ref)
    fields.append(applicant_ref)

    on = _stream(writer, b"0 0 1 rg 2 2 10 10 re f", 14, 14)
    off = _stream(writer, b"", 14, 14)
    box = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject("/Btn"),
                NameObject("/T"): TextStringObject("consent"),
                NameObject("/Rect"): _rect(60, 690, 74, 704),
                NameObject("/F"): NumberObject(4),
                NameObject("/V"): NameObject("/Off"),
                NameObject("/AS"): NameObject("/Off"),
                NameObject("/AP"): DictionaryObject(
                    {
                        NameObject("/N"): DictionaryObject(
                            {NameObject("/1"): on, NameObject("/Off"): off}
                        )
                    }
                ),
                NameObject("/P"): page.indirect_reference,
            }
        )
    )
    annots.append(box)
    fields.append(box)

    signature = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject("/Sig"),
                NameObject("/T"): TextStringObject("signature"),
                NameObject("/Rect"): _rect(60, 620, 260, 660),
                NameObject("/F"): NumberObject(4),
                NameObject("/P"): page.indirect_reference,
            }
        )
    )
    annots.append(signature)
    fields.append(signature)

    page[NameObject("/Annots")] = annots
    writer.root_object[NameObject("/AcroForm")] = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Fields"): fields,
                NameObject("/DA"): TextStringObject("/Helv 0 Tf 0 g"),
                NameObject("/DR"): DictionaryObject(
                    {NameObject("/Font"): DictionaryObject({NameObject("/Helv"): helv})}
                ),
            }
        )
    )
    with open(path, "wb") as handle:
        writer.write(handle)


@pytest.fixture(scope="session")
def odd_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forms") / "odd_form.pdf"
    _build_odd_form(path)
    return path


@pytest.fixture(scope="session")
def raw_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forms") / "raw_form.pdf"
    _build_raw_form(path)
    return path
