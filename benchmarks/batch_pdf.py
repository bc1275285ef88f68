"""Benchmark: 100 SEN support plans to PDF, a naive loop versus ``sendocs batch --format pdf``.

Compares, in one run and with the same generated pupils:

(a) the naive loop — for each pupil ``DocxTemplate(path).render(ctx)``,
    ``save()``, then one ``soffice --headless --convert-to pdf`` process for
    that file (one private profile, made by the first call and reused: the
    fairest per-file case). Timed on ``--naive-sample`` documents (default
    10: each costs a LibreOffice start) and counted per document;
(b) ``sendocs.render_batch(..., fmt="pdf")`` for all ``--pupils`` (default 100):
    render workers on every core, LibreOffice started as the run begins and
    fed while later plans still render, PDFs published as they come. Start-up
    and shutdown included. LibreOffice's ready-made profile
    (:mod:`sendocs.render.libreoffice.profile`) is made before timing, as it is
    once per machine.

The workload is issue #9's "100 two-page plans": ``--pages 2`` (the default)
keeps each generated pupil's first two outcomes and first provision row
(:data:`benchmarks.common.PAGE_LIMITS`), which makes every plan two pages with
today's template; ``--pages full`` uses the pupils as generated (a third of
their plans two pages, the rest three). The template and the plans' wording are
the real ones either way; only the number of rows per plan differs.

Prints documents per second for both, the ratio (target >= 20x on 2 cores),
how many plans have how many pages (checked, not assumed), and beside each
figure the load average it was measured under
and the CPU seconds it took (this process and every process it started,
LibreOffice included: :class:`benchmarks.common.CpuMeter`). On a
machine shared with other work, wall-clock ratios move with the load; the CPU
ratio much less.

    python benchmarks/batch_pdf.py [--pupils 100] [--naive-sample 10] [--pages 2|full]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import TODAY, CpuMeter, generated_pupils, load_average, soffice_convert
from docxtpl import DocxTemplate
from pypdf import PdfReader

from sendocs.batch import render_batch
from sendocs.documents import RenderOptions, get_kind
from sendocs.render.environment import SendocsEnvironment
from sendocs.render.libreoffice import find_soffice
from sendocs.render.libreoffice.profile import cached_profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=100)
    parser.add_argument("--naive-sample", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=None, help="render workers (default: all)")
    parser.add_argument(
        "--pages",
        choices=["2", "full"],
        default="2",
        help="2: fewer rows per pupil so every plan is two pages (issue #9); full: as generated",
    )
    args = parser.parse_args()
    pages = None if args.pages == "full" else int(args.pages)

    work = Path(tempfile.mkdtemp(prefix="sendocs-bench-pdf-"))
    options = RenderOptions(date=TODAY)
    good = generated_pupils(args.pupils, work / "in", options, pages=pages)
    kind = get_kind("iep")
    template = kind.template_path(options)
    soffice = find_soffice()
    cached_profile(soffice)  # once per machine; not part of either timing

    # (a) naive: docxtpl + one soffice per file
    sample = good[: args.naive_sample]
    naive_dir = work / "naive"
    naive_dir.mkdir()
    environment = SendocsEnvironment()
    naive_load = load_average()
    started = time.perf_counter()
    with CpuMeter() as naive_cpu:
        for n, item in enumerate(sample):
            assert item.loaded is not None
            environment.cache.clear()  # type: ignore[union-attr]
            document = DocxTemplate(template)
            document.render(kind.build_context(item.loaded.case, options), jinja_env=environment)
            path = naive_dir / f"{n}.docx"
            document.save(path)
            soffice_convert(soffice, [path], naive_dir, work / "naive-profile")
    naive_seconds = time.perf_counter() - started
    naive_rate = len(sample) / naive_seconds
    made = len(list(naive_dir.glob("*.pdf")))
    if made != len(sample):
        sys.exit(f"(a) expected {len(sample)} PDFs, found {made}")

    # (b) render_batch --format pdf
    batch_load = load_average()
    started = time.perf_counter()
    with CpuMeter() as batch_cpu:
        report = render_batch(
            "iep", good, work / "batch", options=options, fmt="pdf", jobs=args.jobs
        )
    seconds = time.perf_counter() - started
    pdfs = [p for p in report.outputs if p.suffix == ".pdf"]
    if report.failed or len(pdfs) != len(good):
        sys.exit(f"(b) {len(report.failed)} rows failed; {len(pdfs)} PDFs for {len(good)} pupils")
    batch_rate = len(pdfs) / seconds
    page_counts = Counter(len(PdfReader(pdf).pages) for pdf in pdfs)
    page_mix = ", ".join(f"{n} of {p} pages" for p, n in sorted(page_counts.items()))
    naive_per_doc = naive_cpu.seconds / len(sample)
    batch_per_doc = batch_cpu.seconds / len(pdfs)

    rows = "as generated" if pages is None else "rows trimmed for two pages: --pages 2"
    print(
        f"{len(good)} SEN support plans ({page_mix}; {rows}; template {template.name}), "
        f"LibreOffice at {soffice}, {os.cpu_count()} CPUs"
    )
    print(
        f"(a) naive loop (docxtpl + one soffice per file): {naive_rate:6.2f} docs/s "
        f"({len(sample)} documents in {naive_seconds:.1f} s; {naive_per_doc:.2f} CPU s per "
        f"document; {naive_load} before)"
    )
    print(
        f"(b) render_batch(fmt='pdf'):                      {batch_rate:6.2f} docs/s "
        f"({len(pdfs)} documents in {seconds:.1f} s, start-up included; "
        f"{batch_per_doc:.2f} CPU s per document; {batch_load} before)"
    )
    print(
        f"ratio (b)/(a): {batch_rate / naive_rate:.1f}x wall-clock (target >= 20x on 2 cores), "
        f"{naive_per_doc / batch_per_doc:.1f}x in CPU seconds per document; "
        f"{load_average()} after"
    )
    print(f"outputs in {work}")


if __name__ == "__main__":
    main()
