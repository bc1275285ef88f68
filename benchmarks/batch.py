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
Also times (c), the naive loop with a plain, non-sandboxed Jinja environment
(``jinja2.Environment(autoescape=True)`` and sendocs' filters): what docxtpl
costs with no sandbox at all. Targets (issue 10): (b) at least 10x (a) on 2
cores, summed PSS at most 150 MB. Every figure is printed with the load
average it was measured under and its CPU seconds (:class:`common.CpuMeter`).

(b) runs first, in a process that has only read and validated the roster, as
``sendocs batch`` does: its forked workers then inherit that process, not the
heap left behind by 400 naive documents (which added tens of MB to the PSS
figure when (b) ran last, before issue 9's start-up work).

Run: ``python benchmarks/batch.py [--pupils 1000] [--naive-sample 200]``. The
naive loop is timed on a sample (default 200 documents) to keep the run short;
its rate is per document, so the comparison is fair.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import jinja2
from common import TODAY, CpuMeter, generated_pupils, load_average
from docxtpl import DocxTemplate

from sendocs.batch import render_batch
from sendocs.batch_pool import default_jobs
from sendocs.documents import RenderOptions, get_kind
from sendocs.formatting import make_filters
from sendocs.render.environment import SendocsEnvironment


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


def _naive(template: Path, contexts: list[dict[str, Any]], out: Path, env: Any) -> float:
    """One ``DocxTemplate`` per document, nothing compiled kept between documents."""
    out.mkdir()
    started = time.perf_counter()
    for n, context in enumerate(contexts):
        env.cache.clear()  # a fresh compile per document, as docxtpl does by default
        document = DocxTemplate(template)
        document.render(context, jinja_env=env, autoescape=True)
        document.save(out / f"{n}.docx")
    return len(contexts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=1000)
    parser.add_argument("--naive-sample", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None, help="render workers (default: all)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sendocs-bench-"))
    options = RenderOptions(date=TODAY)
    started = time.perf_counter()
    good = generated_pupils(args.pupils, work / "in", options)
    read_seconds = time.perf_counter() - started
    kind = get_kind("iep")
    template = kind.template_path(options)
    jobs = args.jobs or default_jobs()
    print(
        f"pupils: {len(good)} valid, template {template.name} "
        f"({template.stat().st_size // 1024} KB), cores: {os.cpu_count()}, jobs: {jobs}"
    )
    print(f"writing, reading and validating the roster: {read_seconds:.2f} s")

    # (b) render_batch
    sampler = _PssSampler()
    sampler.start()
    load = load_average()
    started = time.perf_counter()
    with CpuMeter() as cpu:
        report = render_batch("iep", good, work / "batch", options=options, jobs=jobs)
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    batch_rate = len(report.rendered) / seconds
    batch_cpu = cpu.seconds / max(1, len(report.rendered))
    print(
        f"(b) render_batch:                    {batch_rate:7.1f} docs/s  "
        f"({len(report.rendered)} documents, {len(report.failed)} failed, {seconds:.1f} s "
        f"incl. manifest, {batch_cpu * 1000:.0f} CPU ms each; {load})"
    )

    sample = good[: args.naive_sample]
    contexts = [kind.build_context(i.loaded.case, options) for i in sample if i.loaded]

    # (a) naive: sendocs' sandboxed environment, its compile cache emptied per document
    load = load_average()
    with CpuMeter() as cpu:
        naive_rate = _naive(template, contexts, work / "naive", SendocsEnvironment())
    naive_cpu = cpu.seconds / len(contexts)
    print(
        f"(a) naive loop, sendocs environment: {naive_rate:7.1f} docs/s  ({len(contexts)} "
        f"documents, {naive_cpu * 1000:.0f} CPU ms each; {load})"
    )

    # (c) naive, plain non-sandboxed Jinja with the same filters
    plain = jinja2.Environment(autoescape=True)
    plain.filters.update(make_filters())
    load = load_average()
    with CpuMeter() as cpu:
        plain_rate = _naive(template, contexts, work / "plain", plain)
    plain_cpu = cpu.seconds / len(contexts)
    print(
        f"(c) naive loop, plain Jinja:         {plain_rate:7.1f} docs/s  ({len(contexts)} "
        f"documents, {plain_cpu * 1000:.0f} CPU ms each; {load})"
    )

    print(
        f"ratio (b)/(a): {batch_rate / naive_rate:.1f}x wall-clock, "
        f"{naive_cpu / batch_cpu:.1f}x CPU per document (target >= 10x on 2 cores); "
        f"(b)/(c): {batch_rate / plain_rate:.1f}x wall-clock, "
        f"{plain_cpu / batch_cpu:.1f}x CPU; {load_average()} after"
    )
    parent = _max_rss_mb(resource.RUSAGE_SELF)
    child = _max_rss_mb(resource.RUSAGE_CHILDREN)
    print(f"peak RSS (getrusage maxima): parent {parent:.0f} MB, largest worker {child:.0f} MB")
    if sampler.peak:
        print(
            f"peak summed PSS of parent and workers during (b) (/proc smaps_rollup, sampled "
            f"every 50 ms): {sampler.peak:.0f} MB (target <= 150 MB)"
        )
    print(f"outputs in {work}")


if __name__ == "__main__":
    main()
