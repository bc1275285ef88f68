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

Prints documents per second for both, the ratio (target >= 20x on 2 cores),
the pages of the first PDF, and the load average before the run (other work on
the machine slows both, LibreOffice's parallel workers more).

    python benchmarks/batch_pdf.py [--pupils 100] [--naive-sample 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from sendocs.batch import read_batch_inputs, render_batch  # noqa: E402
from sendocs.dates import default_term_calendar  # noqa: E402
from sendocs.documents import RenderOptions, get_kind  # noqa: E402
from sendocs.render.environment import SendocsEnvironment  # noqa: E402
from sendocs.render.libreoffice import find_soffice  # noqa: E402
from sendocs.render.libreoffice.profile import cached_profile  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=100)
    parser.add_argument("--naive-sample", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=None, help="render workers (default: all)")
    args = parser.parse_args()
    load = os.getloadavg()

    work = Path(tempfile.mkdtemp(prefix="sendocs-bench-pdf-"))
    generator = _generator()
    roster = generator.write_csv_roster(generator.make_pupils(args.pupils, seed=1), work / "in")
    options = RenderOptions(date=TODAY)
    settings = load_school_settings(ROOT / "fixtures" / "roster" / "school.yaml")
    items, _ = read_batch_inputs(
        roster, settings=settings, review_calendar=default_term_calendar(), options=options
    )
    good = [i for i in items if i.loaded]
    kind = get_kind("iep")
    template = kind.template_path(options)
    soffice = find_soffice()
    cached_profile(soffice)  # once per machine; not part of either timing

    # (a) naive: docxtpl + one soffice per file
    sample = good[: args.naive_sample]
    naive_dir = work / "naive"
    naive_dir.mkdir()
    environment = SendocsEnvironment()
    profile = work / "naive-profile"
    started = time.perf_counter()
    for n, item in enumerate(sample):
        assert item.loaded is not None
        environment.cache.clear()  # type: ignore[union-attr]
        document = DocxTemplate(template)
        document.render(kind.build_context(item.loaded.case, options), jinja_env=environment)
        path = naive_dir / f"{n}.docx"
        document.save(path)
        subprocess.run(
            [
                str(soffice),
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(naive_dir),
                str(path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            timeout=300,
        )
    naive_seconds = time.perf_counter() - started
    naive_rate = len(sample) / naive_seconds
    made = len(list(naive_dir.glob("*.pdf")))
    if made != len(sample):
        sys.exit(f"(a) expected {len(sample)} PDFs, found {made}")

    # (b) render_batch --format pdf
    started = time.perf_counter()
    report = render_batch("iep", good, work / "batch", options=options, fmt="pdf", jobs=args.jobs)
    seconds = time.perf_counter() - started
    pdfs = [p for p in report.outputs if p.suffix == ".pdf"]
    if report.failed or len(pdfs) != len(good):
        sys.exit(f"(b) {len(report.failed)} rows failed; {len(pdfs)} PDFs for {len(good)} pupils")
    batch_rate = len(pdfs) / seconds
    pages = len(PdfReader(pdfs[0]).pages)

    print(
        f"{len(good)} SEN support plans ({pages} pages each, template {template.name}), "
        f"LibreOffice at {soffice}, {os.cpu_count()} CPUs, "
        f"load average before the run {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
    )
    print(
        f"(a) naive loop (docxtpl + one soffice per file): {naive_rate:6.2f} docs/s "
        f"({len(sample)} documents in {naive_seconds:.1f} s; "
        f"{len(good) / naive_rate:.0f} s projected for {len(good)})"
    )
    print(
        f"(b) render_batch(fmt='pdf'):                      {batch_rate:6.2f} docs/s "
        f"({len(pdfs)} documents in {seconds:.1f} s, start-up included)"
    )
    print(f"ratio (b)/(a): {batch_rate / naive_rate:.1f}x  (target >= 20x on 2 cores)")
    print(f"outputs in {work}")


if __name__ == "__main__":
    main()
