"""Benchmark: a termly run of SEN support plans for 1,000 generated pupils.

Compares, in one run and with the same contexts:

(a) the naive loop — ``DocxTemplate(path)``, ``render(ctx)`` (autoescaping,
    sendocs' filters, nothing compiled kept between documents, as docxtpl does
    by default) and ``save()``, one document at a time;
(b) ``sendocs.render_batch`` with the default number of jobs (all cores).

Prints documents per second for both, the ratio, and peak memory: the
parent's peak RSS plus the largest child's (``getrusage``: RUSAGE_SELF and
RUSAGE_CHILDREN give maxima, not sums, so the sum across workers is bounded
by parent + jobs x largest child, which double-counts pages forked workers
share) and, on Linux, the summed proportional set size (PSS) of the parent and
its workers sampled from /proc during the batch, which counts shared pages once.
Target: (b) at least 5x (a) on 2 cores,
peak RSS at most 300 MB.

Run: ``python benchmarks/batch.py [--pupils 1000] [--naive-sample 200]``. The
naive loop is timed on a sample (default 200 documents) to keep the run short;
its rate is per document, so the comparison is fair.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from sendocs.batch import read_batch_inputs, render_batch  # noqa: E402
from sendocs.batch_pool import default_jobs  # noqa: E402
from sendocs.dates import default_term_calendar  # noqa: E402
from sendocs.documents import RenderOptions, get_kind  # noqa: E402
from sendocs.render.environment import SendocsEnvironment  # noqa: E402
from sendocs.roster import load_school_settings  # noqa: E402

TODAY = dt.date(2026, 11, 23)


def _generator():  # type: ignore[no-untyped-def]
    path = ROOT / "fixtures" / "roster" / "make_roster.py"
    spec = importlib.util.spec_from_file_location("make_roster", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_roster"] = module
    spec.loader.exec_module(module)
    return module


def _max_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _pss_mb(pid: int) -> float:
    """Proportional set size: each shared page counted once across processes."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


class _PssSampler(threading.Thread):
    """Samples the summed PSS of this process and its workers every 50 ms (Linux)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.05):
            total = _pss_mb(me) + sum(_pss_mb(c) for c in _children(me))
            self.peak = max(self.peak, total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=1000)
    parser.add_argument("--naive-sample", type=int, default=200)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sendocs-bench-"))
    generator = _generator()
    roster = generator.write_csv_roster(generator.make_pupils(args.pupils, seed=1), work / "in")
    options = RenderOptions(date=TODAY)
    settings = load_school_settings(ROOT / "fixtures" / "roster" / "school.yaml")
    started = time.perf_counter()
    items, _ = read_batch_inputs(
        roster, settings=settings, review_calendar=default_term_calendar(), options=options
    )
    read_seconds = time.perf_counter() - started
    good = [i for i in items if i.loaded]
    kind = get_kind("iep")
    template = kind.template_path(options)
    print(
        f"pupils: {len(items)} ({len(good)} valid), template {template.name} "
        f"({template.stat().st_size // 1024} KB), cores: {os.cpu_count()}, "
        f"jobs: {default_jobs()}"
    )
    print(f"reading and validating the roster: {read_seconds:.2f} s")

    # (a) naive: one DocxTemplate per document, same contexts, autoescape
    sample = good[: args.naive_sample]
    contexts = [kind.build_context(i.loaded.case, options) for i in sample if i.loaded]
    naive_dir = work / "naive"
    naive_dir.mkdir()
    environment = SendocsEnvironment()  # the same filters; its compile cache emptied per document
    started = time.perf_counter()
    for n, context in enumerate(contexts):
        environment.cache.clear()  # type: ignore[union-attr]
        document = DocxTemplate(template)
        document.render(context, jinja_env=environment, autoescape=True)
        document.save(naive_dir / f"{n}.docx")
    naive_rate = len(contexts) / (time.perf_counter() - started)
    print(f"(a) naive loop: {naive_rate:7.1f} docs/s  ({len(contexts)} documents)")

    # (b) render_batch, default jobs
    sampler = _PssSampler()
    sampler.start()
    started = time.perf_counter()
    report = render_batch("iep", good, work / "batch", options=options)
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    batch_rate = len(report.rendered) / seconds
    print(
        f"(b) render_batch: {batch_rate:7.1f} docs/s  ({len(report.rendered)} documents, "
        f"{len(report.failed)} failed, {seconds:.1f} s incl. manifest)"
    )
    print(f"ratio (b)/(a): {batch_rate / naive_rate:.1f}x  (target >= 5x on 2 cores)")

    parent = _max_rss_mb(resource.RUSAGE_SELF)
    child = _max_rss_mb(resource.RUSAGE_CHILDREN)
    jobs = min(default_jobs(), len(good))
    print(
        f"peak RSS (getrusage maxima): parent {parent:.0f} MB, largest worker {child:.0f} MB; "
        f"estimated sum parent + {jobs} x worker = {parent + jobs * child:.0f} MB "
        "(an upper bound: forked workers share the parent's pages; target <= 300 MB)"
    )
    if sampler.peak:
        print(
            f"peak summed PSS of parent and workers during (b) (/proc smaps_rollup, sampled "
            f"every 50 ms): {sampler.peak:.0f} MB"
        )
    print(f"outputs in {work}")


if __name__ == "__main__":
    main()
