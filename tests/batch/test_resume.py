"""Interrupted batches, reruns, --resume and the output-folder lock, read from the manifest."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import docx
import pytest

from sendocs.batch import render_batch
from sendocs.batch_lock import LOCK_NAME, BatchLockedError, output_lock
from sendocs.documents import RenderOptions
from sendocs.errors import OutputExistsError
from sendocs.roster import SchoolSettings

from .conftest import ROSTER, TODAY, make_plan_template

STOP_AFTER = 10


def read_manifest(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def run(out: Path, settings: SchoolSettings, template: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    return render_batch(
        "iep",
        ROSTER / "roster.csv",
        out,
        options=RenderOptions(date=TODAY, template=template),
        school=settings,
        set_review_dates=True,
        jobs=1,
        **kwargs,  # type: ignore[arg-type]
    )


def interrupted_run(out: Path, settings: SchoolSettings, template: Path) -> None:
    """A run stopped by Ctrl-C after STOP_AFTER documents."""

    def progress(phase: str, done: int, total: int) -> None:
        if done == STOP_AFTER:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(out, settings, template, progress=progress)


def test_interrupted_run_writes_its_manifest_and_a_rerun_names_what_exists(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    out = tmp_path / "out"
    interrupted_run(out, settings, plan_template)
    rows = read_manifest(out / "manifest.csv")
    assert len(rows) == 30
    statuses = [r["status"] for r in rows]
    assert statuses == ["rendered"] * STOP_AFTER + ["interrupted"] * (30 - STOP_AFTER)
    assert rows[-1]["output"] == ""
    assert rows[-1]["error"] == "the run was interrupted before this document was made"
    made = sorted(out.glob("*.docx"))
    assert sorted(r["output"] for r in rows if r["status"] == "rendered") == [p.name for p in made]
    assert all(len(r["input_sha256"]) == 64 for r in rows[:STOP_AFTER])
    assert not (out / LOCK_NAME).exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [p.name for p in made] + ["manifest.csv"]
    )

    with pytest.raises(OutputExistsError) as refused:
        run(out, settings, plan_template)
    assert str(refused.value) == (
        f"{STOP_AFTER} documents already exist in {out} (from an earlier run); "
        "use --resume to skip them or --force to replace them"
    )
    assert read_manifest(out / "manifest.csv") == rows  # untouched by the refused run


def test_resume_keeps_what_was_made_and_makes_the_rest(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    out = tmp_path / "out"
    interrupted_run(out, settings, plan_template)
    first = read_manifest(out / "manifest.csv")
    kept = {r["output"]: (out / r["output"]).stat() for r in first if r["status"] == "rendered"}

    report = run(out, settings, plan_template, resume=True)
    assert report.exit_code == 0
    assert len(report.unchanged) == STOP_AFTER and len(report.rendered) == 30
    rows = read_manifest(out / "manifest.csv")
    assert [r["status"] for r in rows] == ["unchanged"] * STOP_AFTER + ["rendered"] * 20
    for before, after in zip(first[:STOP_AFTER], rows, strict=False):
        assert (after["output"], after["input_sha256"], after["template_sha256"]) == (
            before["output"],
            before["input_sha256"],
            before["template_sha256"],
        )
    for name, stat in kept.items():  # the earlier files were kept, not written again
        now = (out / name).stat()
        assert (now.st_ino, now.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)
    assert len(list(out.glob("*.docx"))) == 30
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []

    again = run(out, settings, plan_template, resume=True)  # nothing left to do
    assert len(again.unchanged) == 30
    assert {r["status"] for r in read_manifest(out / "manifest.csv")} == {"unchanged"}


def test_resume_remakes_a_deleted_document_and_refuses_a_changed_template_without_force(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    out = tmp_path / "out"
    run(out, settings, plan_template)
    first = read_manifest(out / "manifest.csv")
    (out / first[3]["output"]).unlink()
    report = run(out, settings, plan_template, resume=True)
    assert [r["status"] for r in read_manifest(out / "manifest.csv")] == (
        ["unchanged"] * 3 + ["rendered"] + ["unchanged"] * 26
    )
    assert report.rows[3].outputs == [out / first[3]["output"]]

    changed = make_plan_template(tmp_path / "changed.docx")
    document = docx.Document(str(changed))
    document.add_paragraph("Version 2 of the plan template")
    document.save(str(changed))
    report = run(out, settings, changed, resume=True)
    rows = read_manifest(out / "manifest.csv")
    assert {r["status"] for r in rows} == {"failed"}
    assert "already exists; use --force to replace it" in rows[0]["error"]
    assert rows[0]["template_sha256"] != first[0]["template_sha256"]

    report = run(out, settings, changed, resume=True, force=True)
    assert report.exit_code == 0 and not report.unchanged
    assert {r["status"] for r in read_manifest(out / "manifest.csv")} == {"rendered"}


def test_a_second_batch_into_the_same_folder_is_refused_naming_the_first(
    tmp_path: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with output_lock(out):
        assert (out / LOCK_NAME).read_text().strip() == str(os.getpid())
        with pytest.raises(BatchLockedError) as refused:
            run(out, settings, plan_template)
    assert str(refused.value) == (
        f"another sendocs batch is writing to {out} (pid {os.getpid()}); wait for it to "
        "finish, or choose another output folder"
    )
    assert refused.value.pid == os.getpid()
    assert sorted(p.name for p in out.iterdir()) == []  # nothing written, lock released

    (out / LOCK_NAME).write_text("2147483646\n")  # a dead run's lock: taken over
    report = run(out, settings, plan_template)
    assert report.exit_code == 0
    assert not (out / LOCK_NAME).exists()
