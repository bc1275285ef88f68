"""A PDF batch forks its render workers before it starts any thread of its own (and
sends LibreOffice smaller groups towards the end: the last test).

Review finding (issue #9): a batch hung once when its render workers were
forked after the converter's thread had started. A process forked while
another thread holds a lock keeps that lock held forever, so a worker hangs the
first time it needs it. The order is now fixed by construction: the converter's
processes are launched before the fork (:meth:`PdfStream.__enter__`, no thread),
its threads start after it (``run_tasks(..., after_fork=PdfStream.start)``).

These tests hold a lock in the converter's thread for a while and check, in
each forked worker, that the lock is free there: with the old order the
workers inherit it held, wait for it in vain (5 s, not forever, so the test
fails instead of hanging) and leave a mark.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sendocs import batch_pool
from sendocs.batch import render_batch
from sendocs.documents import RenderOptions
from sendocs.render.convert import FakeConverter
from sendocs.roster import SchoolSettings

from .conftest import ROSTER, TODAY

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="render workers are forked only where fork exists",
)

_HELD = threading.Lock()
"""Held by the converter's thread while it starts; must never be held in a forked worker."""


class LockHoldingConverter(FakeConverter):
    """A fake converter whose ``start`` (run in the batch's converter thread) holds a lock
    for a while, as LibreOffice's start-up holds locks of its own, and which records when
    it was launched and started relative to the fork."""

    def __init__(self) -> None:
        super().__init__()
        self.threads_at_launch: list[str] = []
        self.children_at_start: int | None = None

    def launch(self) -> None:
        self.threads_at_launch = [t.name for t in threading.enumerate()]

    def start(self) -> None:
        self.children_at_start = len(multiprocessing.active_children())
        with _HELD:
            time.sleep(1.0)


@pytest.fixture
def hang_guard() -> Iterator[None]:
    """Dump every thread's stack and end the run if a test here hangs after all."""
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def test_converter_threads_start_only_after_the_render_workers_are_forked(
    tmp_path: Path,
    settings: SchoolSettings,
    plan_template: Path,
    monkeypatch: pytest.MonkeyPatch,
    hang_guard: None,
) -> None:
    marks = tmp_path / "marks"
    marks.mkdir()
    prepare = batch_pool._prepare_worker_process

    def prepare_and_check_lock() -> None:  # runs in each forked worker
        prepare()
        if _HELD.acquire(timeout=5):
            _HELD.release()
        else:
            (marks / str(os.getpid())).write_text("inherited a lock held by a thread\n")

    monkeypatch.setattr(batch_pool, "_prepare_worker_process", prepare_and_check_lock)
    converter = LockHoldingConverter()
    report = render_batch(
        "iep",
        ROSTER / "roster.csv",
        tmp_path / "out",
        options=RenderOptions(date=TODAY, template=plan_template),
        school=settings,
        set_review_dates=True,
        fmt="pdf",
        converter=converter,
        jobs=2,
    )

    assert sorted(p.name for p in marks.iterdir()) == []
    assert converter.children_at_start == 2  # started once both workers existed
    assert not any(name.startswith("sendocs-pdf") for name in converter.threads_at_launch)
    assert report.exit_code == 0
    assert len([p for p in report.outputs if p.suffix == ".pdf"]) == 30
    assert sum(len(call.sources) for call in converter.calls) == 30


def test_pdf_groups_shrink_towards_the_end(tmp_path: Path) -> None:
    """Half of what waits goes to LibreOffice at a time (4 to 25), and no tiny last group,
    so the last group's PDFs, stamped after it is converted, are few."""
    import docx

    from sendocs.batch_pdf import PdfStream

    sources = []
    for n in range(30):
        document = docx.Document()
        document.add_paragraph(f"Plan {n}")
        path = tmp_path / f"plan-{n:02d}.docx"
        document.save(str(path))
        sources.append(path)
    converter = FakeConverter()
    (tmp_path / "pdf").mkdir()
    with PdfStream[int](converter, tmp_path / "pdf", pdfa=False) as stream:
        for n, source in enumerate(sources):  # all waiting before the converter starts
            stream.submit(n, source)
        results = dict(stream.finish())
    assert [len(call.sources) for call in converter.calls] == [15, 8, 7]
    assert sorted(results) == list(range(30))
    assert all(isinstance(pdf, Path) and pdf.stem == f"plan-{n:02d}" for n, pdf in results.items())
