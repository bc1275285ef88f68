"""render_batch: bad rows don't stop good ones, manifest, zip, jobs, PDFs, review dates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from types import ModuleType

import docx
import pytest

from sendocs.batch import MANIFEST_COLUMNS, read_batch_inputs, render_batch
from sendocs.dates import default_term_calendar
from sendocs.documents import RenderOptions
from sendocs.errors import OutputExistsError
from sendocs.render.convert import FakeConverter
from sendocs.roster import SchoolSettings

from .conftest import ROOT, ROSTER, TODAY, document_text


def options(template: Path | None = None) -> RenderOptions:
    return RenderOptions(date=TODAY, template=template)


def read_manifest(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_bad_rows_are_named_and_good_rows_render(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    source = ROSTER / "roster-with-bad-rows.csv"
    report = render_batch(
        "iep",
        source,
        tmp_path,
        options=options(plan_template),
        school=settings,
        set_review_dates=True,
        jobs=2,
    )
    assert report.exit_code == 1
    assert [r.location.row for r in report.rendered] == [2, 4, 7]
    assert [r.location.row for r in report.failed] == [3, 5, 6]
    reasons = [str(r.error.problems[0]) for r in report.failed]  # type: ignore[union-attr]
    assert 'row 3: column "UPN": check letter is wrong' in reasons[0]
    assert "row 5: column \"DOB\": '31/02/2019' is not a real date" in reasons[1]
    assert 'row 6: column "Legal Surname": this field is required but missing' in reasons[2]
    first = report.rendered[0].outputs[0]
    assert first.name == "Adeyemi_Amelia_SEN_support_plan_2026-09-14.docx"
    text = document_text(first)
    assert text[0] == "SEN support plan for Amelia Adeyemi"
    assert "Amelia will move between activities using a visual timetable" in "\n".join(text)
    assert "Plan for Amelia Adeyemi" in text and "Brookfield Primary School" in text


def test_manifest_lists_every_row_with_stable_hashes(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    source = ROSTER / "roster-with-bad-rows.csv"
    runs = []
    for _ in range(2):
        report = render_batch(
            "iep",
            source,
            tmp_path,
            options=options(plan_template),
            school=settings,
            set_review_dates=True,
            jobs=1,
            force=True,
        )
        runs.append(read_manifest(report.manifest))
    first, second = runs
    assert first == second
    assert list(first[0]) == list(MANIFEST_COLUMNS)
    assert [(r["source_row"], r["status"]) for r in first] == [
        ("2", "rendered"),
        ("3", "failed"),
        ("4", "rendered"),
        ("5", "failed"),
        ("6", "failed"),
        ("7", "rendered"),
    ]
    ok = first[0]
    assert ok["source_file"] == str(source) and ok["kind"] == "iep"
    assert ok["upn"] == "G801200026001"
    assert ok["output"] == "Adeyemi_Amelia_SEN_support_plan_2026-09-14.docx"
    assert len(ok["input_sha256"]) == 64 and len(ok["template_sha256"]) == 64
    assert ok["template"] == "plan.docx"
    assert "check letter is wrong" in first[1]["error"] and first[1]["output"] == ""


def test_input_hash_is_the_same_from_csv_and_xlsx(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    hashes = []
    for name in ("roster.csv", "roster.xlsx"):
        report = render_batch(
            "iep",
            ROSTER / name,
            tmp_path / name,
            options=options(plan_template),
            school=settings,
            set_review_dates=True,
            jobs=2,
        )
        assert report.exit_code == 0 and len(report.rendered) == 30
        hashes.append([r["input_sha256"] for r in read_manifest(report.manifest)])
    assert hashes[0] == hashes[1]
    assert len(set(hashes[0])) == 30


def test_zip_holds_every_document_and_the_manifest(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    target = tmp_path / "plans.zip"
    report = render_batch(
        "iep",
        ROSTER / "roster-with-bad-rows.csv",
        tmp_path / "out",
        options=options(plan_template),
        school=settings,
        set_review_dates=True,
        zip_path=target,
        jobs=1,
    )
    with zipfile.ZipFile(target) as archive:
        names = sorted(archive.namelist())
        assert names == sorted([p.name for p in report.outputs] + ["manifest.csv"])
        inner = docx.Document(io.BytesIO(archive.read(report.outputs[1].name)))
        assert inner.paragraphs[0].text == "SEN support plan for Aisha Williams"
        assert archive.read("manifest.csv") == report.manifest.read_bytes()
    assert not list(tmp_path.glob("*.part"))
    with pytest.raises(OutputExistsError):
        render_batch(
            "iep",
            ROSTER / "roster-with-bad-rows.csv",
            tmp_path / "other",
            options=options(plan_template),
            school=settings,
            set_review_dates=True,
            zip_path=target,
        )


def test_one_and_two_jobs_make_the_same_documents(tmp_path: Path, settings: SchoolSettings) -> None:
    """With the shipped SEN support plan template."""
    texts = []
    for jobs in (1, 2):
        report = render_batch(
            "iep",
            ROSTER / "roster.xlsx",
            tmp_path / f"jobs{jobs}",
            options=options(),
            school=settings,
            set_review_dates=True,
            jobs=jobs,
        )
        assert report.exit_code == 0
        texts.append({p.name: document_text(p) for p in report.outputs})
    assert texts[0] == texts[1]
    assert len(texts[0]) == 30
    plan = "\n".join(texts[0]["Wright_Mohammed_SEN_support_plan_2026-09-14.docx"])
    assert "Mohammed" in plan and "One-to-one teaching assistant support" in plan
    review = default_term_calendar().next_review_date(dt.date(2026, 9, 14))
    assert f"{review.day} {review:%B %Y}" in plan


def test_pdf_uses_one_converter_in_chunks_and_keeps_docx_only_for_both(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    converter = FakeConverter()
    report = render_batch(
        "iep",
        ROSTER / "roster.csv",
        tmp_path / "pdf",
        options=options(plan_template),
        school=settings,
        set_review_dates=True,
        fmt="pdf",
        converter=converter,
        jobs=1,
    )
    assert report.exit_code == 0
    # groups of at most 25, sent as rendering goes on (how many depends on timing)
    sizes = [len(call.sources) for call in converter.calls]
    assert sum(sizes) == 30 and max(sizes) <= 25
    assert converter.closed
    assert all(p.suffix == ".pdf" for p in report.outputs) and len(report.outputs) == 30
    assert sorted(f.name for f in (tmp_path / "pdf").iterdir()) == sorted(
        [p.name for p in report.outputs] + ["manifest.csv"]
    )
    from pypdf import PdfReader

    assert (
        "SEN support plan for Amelia Adeyemi"
        in PdfReader(report.outputs[0]).pages[0].extract_text()
    )

    both = render_batch(
        "iep",
        ROSTER / "roster-with-bad-rows.csv",
        tmp_path / "both",
        options=options(plan_template),
        school=settings,
        set_review_dates=True,
        fmt="both",
        converter=FakeConverter(fail_on=["Williams_Aisha_SEN_support_plan_2026-09-14.docx"]),
    )
    assert [[p.suffix for p in r.outputs] for r in both.rendered] == [[".docx", ".pdf"]] * 2
    failed = [r for r in both.failed if r.location.row == 4]
    assert "FakeConverter told to fail" in str(failed[0].error)


def test_a_folder_of_case_files(tmp_path: Path, plan_template: Path) -> None:
    report = render_batch(
        "iep", ROOT / "fixtures" / "cases", tmp_path, options=options(plan_template)
    )
    assert report.exit_code == 0
    # one manifest row per document made (a plan with parents' own copies makes several)
    assert sorted(r.upn or "" for r in report.rendered for _ in r.outputs) == sorted(
        r["upn"] for r in read_manifest(report.manifest)
    )
    assert sum(len(r.outputs) > 1 for r in report.rendered) == 1  # Elena's three copies
    assert any("Amara Okafor" in line for p in report.outputs for line in document_text(p))


def test_same_name_and_date_do_not_overwrite(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType, plan_template: Path
) -> None:
    pupils = generator.make_pupils(2)
    pupils[1].row.update({k: pupils[0].row[k] for k in ("Legal Surname", "Legal Forename")})
    path = generator.write_csv_roster(pupils, tmp_path / "in")
    items, _ = read_batch_inputs(
        path,
        settings=settings,
        review_calendar=default_term_calendar(),
        options=options(plan_template),
    )
    report = render_batch("iep", items, tmp_path / "out", options=options(plan_template))
    names = [p.name for p in report.outputs]
    assert names[0] == "Adeyemi_Amelia_SEN_support_plan_2026-09-14.docx"
    assert names[1] == f"Adeyemi_Amelia_SEN_support_plan_2026-09-14_{pupils[1].row['UPN']}.docx"


def test_existing_outputs_need_force(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    kwargs = dict(options=options(plan_template), school=settings, set_review_dates=True)
    render_batch("iep", ROSTER / "roster-with-bad-rows.csv", tmp_path, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(
        OutputExistsError,
        match=r"^3 documents already exist in .*; use --resume to skip them or --force to replace",
    ):
        render_batch("iep", ROSTER / "roster-with-bad-rows.csv", tmp_path, **kwargs)  # type: ignore[arg-type]
