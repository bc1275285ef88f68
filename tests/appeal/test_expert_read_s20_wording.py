"""The s20 expert read of the appeals (IPSEA-trained adviser, SEND solicitor): the grounds
box gives a part's paragraph numbers once; a job title keeps its capitals mid-sentence;
an evidence item's author is not repeated after a title that names them; a recorded
sentence after "Access needs:" runs on in lower case; the school's reply is cited."""

from __future__ import annotations

from sendocs.loading import load_case
from sendocs.models import Case
from sendocs.models.phrases import mid_sentence

from .conftest import APPEAL, DOCUMENT_DATE, ROOT, render, text_of

CASES = ROOT / "fixtures" / "cases"


def _text(name: str) -> str:
    case: Case = load_case(CASES / f"{name}.yaml", today=DOCUMENT_DATE).case
    return text_of(render(APPEAL, case))


def test_leo_grounds_box_gives_the_paragraph_numbers_once() -> None:
    text = _text("leo-baxter")
    assert (
        "The local authority\u2019s reasons, answered (paragraphs 11 to 12). Each of the local "
        "authority\u2019s two reasons is answered: the school has used" in text
    )
    assert "is answered (paragraphs" not in text


def test_a_job_title_keeps_its_capitals_mid_sentence() -> None:
    text = _text("leo-baxter")
    assert "Mr Richard Vale, Assessment Team Manager, Eastshire Council" in text
    assert "assessment Team Manager" not in text
    # typed in title case, a title; typed as a phrase, lower-cased as before
    assert mid_sentence("Assessment Team Manager, Eastshire Council") == (
        "Assessment Team Manager, Eastshire Council"
    )
    assert mid_sentence("Head of Year") == "Head of Year"
    assert mid_sentence("Additional learning support manager") == (
        "additional learning support manager"
    )
    assert mid_sentence("Educational psychologist") == "educational psychologist"
    assert mid_sentence("Daily one-to-one with Miss Green") == "daily one-to-one with Miss Green"
    assert mid_sentence("Weekly SALT sessions") == "weekly SALT sessions"


def test_sami_witness_statement_names_its_author_once() -> None:
    text = _text("sami-ahmed")
    assert "E9: Witness statement of Mrs Farida Ahmed, 20 November 2026 (2 pages)" in text
    assert "Mrs Farida Ahmed, Mrs Farida Ahmed" not in text


def test_sami_access_needs_run_on_after_the_label() -> None:
    text = _text("sami-ahmed")
    assert "Access needs: step-free access for Mr Ahmed, who uses a wheelchair." in text


def test_ella_school_reply_is_cited_to_its_letter() -> None:
    text = _text("ella-owusu")
    assert (
        "that the school can meet Ella\u2019s needs with the support set out in Section F. "
        "(E3 p.1 \u2014 Letter from St Mark\u2019s CE Primary School, Mr David Ansah, "
        "10 November 2026)" in text
    )


def test_the_parents_words_quoted_under_the_reviews_come_from_reviewed_plans() -> None:
    """Leo's current plan (7 September 2026, not reviewed) is not in E2, the reviews of
    July: its parent view must not be quoted under that citation (s20 IPSEA read)."""
    text = " ".join(_text("leo-baxter").split())
    assert "In Ms Baxter\u2019s own words, as the school\u2019s plans record them:" in text
    for earlier in (
        "Leo cries about reading homework every night.",
        "He is starting to say he is stupid.",
        "We need someone who knows about dyslexia to teach him.",
    ):
        assert f"\u201c{earlier}\u201d" in text, earlier
    assert "He needs specialist teaching, not more of the same." not in text
