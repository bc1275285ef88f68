"""The DPO's second read of the consent forms, continued (#10 s18 items 5, 8, 9): no
UPN/ULN box when the number is unknown; the pupil's own page always on its own sheet,
saying to whom, where and by when it goes back, naming the school, with a short privacy
box and, when both parents are asked, that either parent's different answer matters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from sendocs.forms import fill_form, load_map
from sendocs.forms.consent import CONSENT_FORMS, PUPIL_FORM, consent_form_for, consent_jobs
from sendocs.forms.fill import ANNOT_HIDDEN
from sendocs.loading import load_case
from sendocs.models import Case

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"
ON = dt.date(2026, 11, 23)


def _case(name: str) -> Case:
    return load_case(CASES / f"{name}.yaml").case


def _jobs(case: Case, out: Path, flatten: bool = False) -> list[Path]:
    form, form_map = consent_form_for(case, ON)
    targets = []
    for job in consent_jobs(case, load_map(form_map), out / "consent.pdf", form):
        fill_form(
            job.form, case, job.form_map, job.target, today=ON, parent=job.parent, flatten=flatten
        )
        targets.append(job.target)
    return targets


def _text(pdf: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


def _widget_flags(pdf: Path, name: str) -> int:
    for page in PdfReader(pdf).pages:
        for ref in page.get("/Annots", []) or []:
            widget = ref.get_object()
            if widget.get("/T") == name:
                return int(widget.get("/F", 0))
    raise AssertionError(f"no widget {name}")


def test_no_upn_box_when_the_number_is_unknown(tmp_path: Path) -> None:
    ruby = _case("ruby-clarke")
    assert ruby.child.upn is None
    pdf = _jobs(ruby, tmp_path)[0]
    for name in ("child_number", "child_number_label"):
        assert _widget_flags(pdf, name) & ANNOT_HIDDEN
    fields = PdfReader(pdf).get_fields() or {}
    assert fields["child_number_label"].get("/V") == ""
    flat = tmp_path / "flat.pdf"
    form, form_map = consent_form_for(ruby, ON)
    fill_form(form, ruby, load_map(form_map), flat, today=ON, flatten=True)
    assert "UPN" not in _text(flat)[0] and "Unique Pupil Number" not in _text(flat)[0]
    # a known number is shown, labelled, and not hidden
    (kai,) = [p for p in _jobs(_case("kai-thompson"), tmp_path / "k") if "pupil" not in p.name]
    assert not _widget_flags(kai, "child_number") & ANNOT_HIDDEN
    kai_fields = PdfReader(kai).get_fields() or {}
    assert kai_fields["child_number_label"].get("/V") == "Unique Pupil Number (UPN)"
    assert kai_fields["child_number"].get("/V") == "P207000016049"


def test_pupil_page_always_on_its_own_sheet(tmp_path: Path) -> None:
    """Maya and Kai (one parent each): the parent's form says 'Please return page 1' and
    the pupil's page is a separate sheet, not 'pages 1 and 3'."""
    for name, known in (("maya-kowalczyk-oneill", "Maya"), ("kai-thompson", "KJ")):
        case = _case(name)
        parent, pupil = _jobs(case, tmp_path / name, flatten=True)
        assert PdfReader(parent).metadata is not None
        first = _text(parent)[0]
        assert "Please return page 1 to" in first and "pages 1 and 3" not in first
        assert len(PdfReader(parent).pages) == 2
        assert pupil.name == f"consent_pupil_{known}.pdf"
        assert "Your parent or carer has been asked too." in _text(pupil)[0]


def test_standalone_pupil_page_says_where_by_when_and_privacy(tmp_path: Path) -> None:
    niamh = _case("niamh-oconnor")
    *parents, pupil = _jobs(niamh, tmp_path)
    assert len(parents) == 2 and all(p.name != pupil.name for p in parents)
    page = _text(_jobs(niamh, tmp_path / "flat", flatten=True)[-1])[0]
    assert (
        "Please give this page to Mrs Joanna Price (SENCO) at St Anne\u2019s Church of England "
        "High School by Monday 7 December 2026. You can hand it in yourself" in page
    )
    assert "Both your parents have been asked too, each on their own form." in page
    assert (
        "If your answer and either parent’s answer for a service are different, we will not "
        "share with that service until we have talked with you all." in page
    )
    assert (
        "St Anne\u2019s Church of England High School (run by Southmead Diocesan Schools " in page
    )
    assert "Our data protection officer, Ms Ruth Ellery" in page
    assert "We keep this page until you are 25." in page
    assert "Our privacy notice says more: https://stannes.example.sch.uk/privacy." in page
    assert "you can complain to the Information Commissioner’s Office (ico.org.uk)" in page
    fields = PdfReader(pupil).get_fields() or {}
    for name in ("pupil_intro", "pupil_return_note", "pupil_privacy"):
        assert int(fields[name].get("/Ff", 0)) & 1, name


def test_pupil_page_not_separate_when_one_copy_asked_for(tmp_path: Path) -> None:
    maya = _case("maya-kowalczyk-oneill")
    form, form_map = consent_form_for(maya, ON)
    assert form.name == CONSENT_FORMS["with_pupil"]
    jobs = consent_jobs(maya, load_map(form_map), tmp_path / "c.pdf", form, per_parent=False)
    assert [j.form.name for j in jobs] == [CONSENT_FORMS["with_pupil"]]
    assert PUPIL_FORM not in [j.form.name for j in jobs]


def _rects_at(page: object, rect: list[float]) -> int:
    """How many rectangles (``re``) the page's own content draws at ``rect``."""
    from pypdf.generic import ContentStream

    content = ContentStream(page.get_contents(), None)  # type: ignore[attr-defined]
    x0, y0 = float(rect[0]), float(rect[1])
    return sum(
        1
        for operands, op in content.operations
        if op == b"re" and abs(float(operands[0]) - x0) < 1.5 and abs(float(operands[1]) - y0) < 1.5
    )


def test_unknown_number_leaves_no_box_on_the_page(tmp_path: Path) -> None:
    """The number's box is drawn only by its widget, never on the page as well, so hiding
    the widget leaves no empty rectangle; the other boxes are still drawn on the page."""
    form, _ = consent_form_for(_case("ruby-clarke"), ON)
    page = PdfReader(form).pages[0]
    widgets = {
        ref.get_object().get("/T"): [float(v) for v in ref.get_object()["/Rect"]]
        for ref in page.get("/Annots", []) or []
    }
    assert _rects_at(page, widgets["child_number"]) == 0
    assert _rects_at(page, widgets["child_year_group"]) >= 1


def test_spanish_offer_where_ms_de_la_cruz_reads_it_first(tmp_path: Path) -> None:
    elena = _case("elena-ap-gwilym")
    mother, father, _pupil = _jobs(elena, tmp_path, flatten=True)
    assert "de_la_Cruz" in mother.name and "ap_Gwilym" in father.name
    first, second = _text(mother)
    assert "¿Desea este formulario en español o un intérprete? Vea la página 2." in first
    assert second.index("Si desea este formulario en español o un intérprete, indíquenoslo y") < (
        second.index("If you would like this form in Spanish, or an interpreter")
    )
    assert "lo organizaremos de forma gratuita." in second
    # Dr ap Gwilym reads English: no offer, no pointer
    f_first, f_second = _text(father)
    assert "español" not in f_first + f_second and "Spanish" not in f_second
