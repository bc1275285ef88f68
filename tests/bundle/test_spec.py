"""Loading bundle specifications: validation with file:line:field locations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sendocs.bundle import (
    BundleSpec,
    Numbering,
    SectionRole,
    load_bundle_spec,
)
from sendocs.errors import CaseDataError
from sendocs.models import EvidenceKind

GOOD = """\
title: Appeal bundle — Ahmed v Anyshire County Council
hearing_date: 2026-11-23
numbering: section
limits:
  evidence_per_party: 75
sections:
  - title: Appeal documents
    documents:
      - path: b.pdf
        title: Later letter
        date: 2026-05-01
      - path: a.pdf
        title: Earlier letter
        date: 2026-01-01
        kind: decision_letter
  - title: Parent's evidence
    label: P
    party: parent
    order: as_listed
    documents:
      - path: sub/c.pdf
        title: Report
        date: 2026-06-01
      - path: d.pdf
        title: Statement
        date: 2026-02-01
"""


def test_loads_a_valid_spec(tmp_path: Path) -> None:
    path = tmp_path / "bundle.yaml"
    path.write_text(GOOD, encoding="utf-8")
    spec = load_bundle_spec(path)
    assert spec.title.startswith("Appeal bundle — Ahmed")
    assert spec.hearing_date == dt.date(2026, 11, 23)
    assert spec.numbering is Numbering.SECTION
    assert spec.limits.evidence_per_party == 75
    assert spec.limits.core_bundle == 100  # default kept
    assert spec.section_labels() == ["A", "P"]
    first, second = spec.sections
    assert [d.title for d in first.ordered_documents()] == ["Earlier letter", "Later letter"]
    assert [d.title for d in second.ordered_documents()] == ["Report", "Statement"]
    assert first.documents[1].kind is EvidenceKind.DECISION_LETTER
    assert first.effective_role is SectionRole.CORE
    assert second.effective_role is SectionRole.EVIDENCE
    assert spec.resolve(second.documents[0]) == tmp_path.resolve() / "sub" / "c.pdf"


def test_unknown_field_is_located_by_line(tmp_path: Path) -> None:
    path = tmp_path / "bundle.yaml"
    path.write_text(GOOD.replace("        kind: decision_letter", "        knd: x"), "utf-8")
    with pytest.raises(CaseDataError) as info:
        load_bundle_spec(path)
    problems = info.value.problems
    assert len(problems) == 1
    assert problems[0].location.line == 15
    assert problems[0].location.field_text == "sections[0].documents[1].knd"
    assert f"{path}:15: sections[0].documents[1].knd: unknown field" in str(info.value)


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("date: 2026-06-01", "date: 31/06/2026").replace(
        "numbering: section", "numbering: pages"
    )
    path = tmp_path / "bundle.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseDataError) as info:
        load_bundle_spec(path)
    located = {(p.location.line, p.location.field_text) for p in info.value.problems}
    assert located == {(3, "numbering"), (23, "sections[1].documents[0].date")}


def test_missing_field_points_at_its_parent(tmp_path: Path) -> None:
    path = tmp_path / "bundle.yaml"
    path.write_text(GOOD.replace("        title: Statement\n", ""), encoding="utf-8")
    with pytest.raises(CaseDataError) as info:
        load_bundle_spec(path)
    (problem,) = info.value.problems
    assert problem.location.field_text == "sections[1].documents[1].title"
    assert problem.location.line == 24  # the "- path: d.pdf" item
    assert "Field required" in problem.message


def test_duplicate_labels_and_bad_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bundle.yaml"
    path.write_text(GOOD.replace("label: P", "label: A"), encoding="utf-8")
    with pytest.raises(CaseDataError, match="section label 'A' is used twice"):
        load_bundle_spec(path)
    path.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(CaseDataError, match="not valid YAML"):
        load_bundle_spec(path)
    with pytest.raises(CaseDataError, match="not found"):
        load_bundle_spec(tmp_path / "nope.yaml")


def test_labels_default_to_letters() -> None:
    spec = BundleSpec.model_validate(
        {"title": "T", "sections": [{"title": f"S{i}"} for i in range(28)]}
    )
    labels = spec.section_labels()
    assert labels[:3] == ["A", "B", "C"]
    assert labels[25:] == ["Z", "AA", "AB"]
