"""s18 read of the appeals and working documents (#11, H11a items 7, 8, 10, 11): one
time limit on one basis, the Christmas rule, no tool text and a checklist that agrees
with itself, the working document's numbering, and the notice as lodged."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from sendocs.documents import RenderOptions, get_kind
from sendocs.documents.appeal import APPEAL_AS_LODGED, attachments_checklist
from sendocs.documents.working_document import references_note
from sendocs.loading import load_case
from sendocs.models import Case

from .conftest import APPEAL, ROOT, WORKING, render, render_bytes, text_of


def _case(name: str) -> Case:
    return load_case(ROOT / "fixtures" / "cases" / f"{name}.yaml").case


def _all_parts(data: bytes) -> str:
    """Body, headers and footers: tool text must be in none of them."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = " ".join(
            z.read(n).decode("utf-8")
            for n in z.namelist()
            if n.startswith("word/") and n.endswith(".xml")
        )
    return " ".join(re.sub(r"<[^>]+>", "", xml).split())


def test_ella_christmas_deadline_moves_to_monday_4_january() -> None:
    """IPSEA FAQ (domain S14): a deadline ending 25 Dec-1 Jan moves to the next working
    day in January. Ella's letter of 30 October 2026 + 2 months = 30 December."""
    text = text_of(render(APPEAL, _case("ella-owusu"), dt.date(2026, 11, 30)))
    assert "5pm on Monday 4 January 2027" in text
    assert "Wednesday 30 December 2026 is not a tribunal working day" in text
    assert "next working day in January: Monday 4 January 2027" in text


def test_leo_late_appeal_has_one_deadline_in_every_part() -> None:
    text = text_of(render(APPEAL, _case("leo-baxter")))
    assert "Wednesday 21 October 2026" in text
    assert "2 November 2026" not in text and "either way" not in text


def test_no_tool_text_in_any_appeal_or_working_document() -> None:
    for name in ("leo-baxter", "sami-ahmed", "ella-owusu"):
        kinds = [APPEAL, APPEAL_AS_LODGED] + ([WORKING] if name != "leo-baxter" else [])
        for kind in kinds:
            text = _all_parts(render_bytes(kind, _case(name), dt.date(2026, 11, 30)))
            assert "sendocs" not in text.lower(), (name, kind.name)
            assert "render working-document" not in text, (name, kind.name)


def test_sami_checklist_does_not_contradict_itself() -> None:
    text = text_of(render(APPEAL, _case("sami-ahmed"), dt.date(2026, 11, 30)))
    part4 = text.split("Part 4. Documents to send", 1)[1].split("Part 5.", 1)[0]
    assert "Every required document is in the case evidence" in part4
    # the case holds every document: no ☐ in the case-evidence column; the "Attached"
    # column is the parent's to tick (s18 R6 #14)
    assert "Tick \u201cAttached\u201d as you attach each document." in part4
    marks = [i.mark for i in attachments_checklist(_case("sami-ahmed"))]
    assert "\u2610" not in marks
    assert "Changes sought to Sections B, F and I of the EHC plan dated 2 October 2026" in part4


def test_working_document_says_which_numbering_its_references_use() -> None:
    text = text_of(render(WORKING, _case("ella-owusu"), dt.date(2026, 11, 30)))
    assert (
        "References (E1, E2 \u2026) are to the appeal\u2019s evidence list, as numbered in "
        "the reasons for appeal and its evidence chronology." in text
    )
    bundle = references_note(RenderOptions(extra={"for_bundle": True}))
    assert bundle == "References (E1, E2 \u2026) follow the numbering of the bundle\u2019s index."


def test_appeal_as_lodged_has_no_draft_text_and_prints_the_signature() -> None:
    assert get_kind("appeal-as-lodged") is APPEAL_AS_LODGED
    leo = _case("leo-baxter")
    assert leo.appeal is not None and leo.appeal.signed_on == dt.date(2026, 11, 16)
    data = render_bytes(APPEAL_AS_LODGED, leo, dt.date(2026, 11, 30))
    text = _all_parts(data)
    for draft in (
        "check, sign and send",
        "Draft for",
        "Tick each one",
        "Part 1. Time limit",
        "to copy into form",
        "Check this draft",
        "______",
        "\u2610",
        "\u2612",
    ):
        assert draft not in text, draft
    assert "Lodged on 16 November 2026." in text
    assert "Signed: Ms Claire Baxter, appellant, 16 November 2026" in text
    assert "Signed: Ms Claire Baxter, 16 November 2026" in text
    assert "Part 1. Notice of appeal (form SEND35a)" in text
    assert "Part 2. Reasons for appeal" in text
    assert "Part 3. Documents sent with this appeal" in text
    assert "E3: Decision letter refusing an EHC needs assessment" in text
    # still the same reasons, and the lateness said once, in them
    assert "ended at 5pm on Wednesday 21 October 2026" in text
    # unsigned: not a notice as lodged at all (s18 R6 #1, tests/appeal/test_reread_fx5.py)
    sami = _case("sami-ahmed")
    assert sami.appeal is not None  # Sami's fixture records the signing: unsign a copy
    sami = sami.model_copy(update={"appeal": sami.appeal.model_copy(update={"signed_on": None})})
    problems = APPEAL_AS_LODGED.check(sami, RenderOptions(date=dt.date(2026, 11, 30)))
    assert any("record appeal.lodged_on and appeal.signed_on" in p for p in problems)


def test_the_draft_keeps_its_guidance() -> None:
    text = text_of(render(APPEAL, _case("leo-baxter")))
    assert "Draft for the appellant to check, sign and send." in text
    assert "Part 1. Time limit" in text and "Part 4. Documents to send" in text
    assert "Check this draft with an adviser (for example Eastshire SENDIASS" in text
