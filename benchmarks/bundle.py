"""Benchmark: a full appeal bundle against bare pikepdf and pypdf merges of the same files.

60 generated documents, about 600 pages, mixing A4, US Letter, landscape and
pages saved with /Rotate 90/180/270. Both are timed in the same run (best of
``--repeat``), so the ratio is meaningful even where absolute times drift.

Targets (issue 12): full bundle ≤ 1.5× a bare pikepdf merge's time, output ≤
1.05× its size. The bare pypdf merge is printed for comparison.

CPU seconds (this process plus the bounded children that read the inputs) are
printed too, with the load average before and after: on a shared, loaded
machine the wall-clock ratio swings with other people's work, the CPU ratio
much less. The builder's steps are timed (wall and CPU) in the fastest run:
opening, saving and copying pages are what a bare merge does too; the rest
(vetting, turning sideways pages, index, stamps, links, bookmarks) is the excess.

The documents are drawn with reportlab, which writes page contents as Flate
data in ASCII85 text; qpdf inflates and deflates those again when saving, the
bare merge included, while the bundle unwraps the ASCII85 layer first
(:mod:`sendocs.bundle.ascii85`). ``--flate-only`` writes them as Word and
LibreOffice do (``/Filter /FlateDecode``, not reportlab's one-element array,
which qpdf also recompresses), where neither recompresses anything.

``--inputs DIR`` bundles every PDF in a folder instead, in four sections: the
real-world corpus (``scripts/corpus/fetch.py``, keeping the files a bare merge
can open: no password, no damage, not a dynamic XFA form), or sendocs' own
documents converted by LibreOffice. docs/pdf.md ("How fast") gives the figures.

The bare merge is ``pages.extend`` per document, the natural pikepdf way; it
looks up both page lists for every page it adds, so its time grows faster than
the page count. The bundle appends with qpdf's ``addPage`` (constant time per
page), so on large bundles it copies faster than the merge, and on small ones
(under about 700 pages, a merge of under 0.05 s) its fixed costs (validating the
specification, drawing the index with its embedded font, object streams) weigh
more than the 1.5 allows.

    python benchmarks/bundle.py [--repeat 3] [--documents 60] [--flate-only] [--inputs DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

import pikepdf
from pypdf import PdfReader, PdfWriter
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.pdfgen.canvas import Canvas

import sendocs.bundle.build as build_module
from sendocs.bundle import build_bundle

SIZES = [A4, A4, A4, LETTER, landscape(A4), landscape(LETTER)]
ROTATIONS = [0, 0, 0, 0, 90, 180, 270]
PARAGRAPH = (
    "The local authority has not specified the provision in section F with sufficient "
    "detail; the child requires weekly speech and language therapy delivered by a "
    "qualified therapist, reviewed each term against the outcomes in section E."
)


def make_document(path: Path, pages: int, size: tuple[float, float], rotate: int) -> None:
    """A text-heavy document of ``pages`` pages, like a typed report."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=size, pageCompression=1, invariant=True)
    for p in range(pages):
        canvas.setFont("Helvetica-Bold", 13)
        canvas.drawString(50, size[1] - 60, f"{path.stem} — page {p + 1}")
        canvas.setFont("Helvetica", 10)
        y = size[1] - 90
        line = 0
        while y > 60:
            text = PARAGRAPH[(line * 7) % 60 :][:95]
            canvas.drawString(50, y, f"{line + 1}. {text}")
            y -= 14
            line += 1
        canvas.showPage()
    canvas.save()
    data = buf.getvalue()
    if rotate:
        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter()
        for page in reader.pages:
            page.rotate(rotate)
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    if not rl_config.useA85:
        data = as_office_writes(data)
    path.write_bytes(data)


def as_office_writes(data: bytes) -> bytes:
    """``data`` with each ``/Filter [/FlateDecode]`` written ``/Filter /FlateDecode``.

    reportlab writes a one-element filter array; Word and LibreOffice write the
    name. qpdf decodes and recompresses array-filtered streams when saving (a
    bare merge of reportlab files spends most of its save doing that), so
    without this the merge would be timed on work no real evidence asks of it.
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                value = obj.get("/Filter")
                if isinstance(value, pikepdf.Array) and len(value) == 1:
                    obj.Filter = value[0]
        out = io.BytesIO()
        pdf.save(out, compress_streams=False)
    return out.getvalue()


Entry = tuple[Path, dt.date]


def write_spec(folder: Path, sections: list[list[Entry]]) -> Path:
    """``bundle.yaml`` in ``folder``: each section's documents, numbered in order."""
    lines = ["title: Benchmark bundle", "hearing_date: 2026-11-23", "sections:"]
    n = 0
    for s, documents in enumerate(sections):
        lines += [f"  - title: Section {s + 1}", "    documents:"]
        for path, day in documents:
            n += 1
            lines += [
                f"      - path: {json.dumps(str(path.resolve()))}",
                f"        title: Document {n}",
                f"        date: {day.isoformat()}",
            ]
    spec = folder / "bundle.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spec


def make_inputs(folder: Path, documents: int) -> tuple[Path, list[Path]]:
    """Generate the documents and a bundle specification referring to them."""
    rng = random.Random(2025)
    per_section = documents // 4
    sections: list[list[Entry]] = []
    for s in range(4):
        sections.append([])
        for d in range(per_section):
            path = folder / f"doc{s * per_section + d:03d}.pdf"
            make_document(path, rng.randint(4, 16), rng.choice(SIZES), rng.choice(ROTATIONS))
            day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
            sections[-1].append((path, day))
    return write_spec(folder, sections), [path for section in sections for path, _ in section]


def spec_for_folder(folder: Path, source: Path) -> tuple[Path, list[Path]]:
    """A bundle specification of every PDF in ``source`` (sorted), in four sections."""
    paths = sorted(source.glob("*.pdf"))
    if not paths:
        raise SystemExit(f"no PDF files in {source}")
    per_section = -(-len(paths) // 4)
    sections = [
        [(path, dt.date(2025, s + 1, n % 28 + 1)) for n, path in enumerate(chunk)]
        for s in range(4)
        if (chunk := paths[s * per_section : (s + 1) * per_section])
    ]
    return write_spec(folder, sections), paths


def bare_pikepdf_merge(paths: list[Path], out: Path) -> None:
    with pikepdf.new() as merged:
        sources = [pikepdf.open(path) for path in paths]
        for source in sources:
            merged.pages.extend(source.pages)
        merged.save(out)
        for source in sources:
            source.close()


def bare_pypdf_merge(paths: list[Path], out: Path) -> None:
    writer = PdfWriter()
    for path in paths:
        writer.append(str(path))
    with out.open("wb") as fh:
        writer.write(fh)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the input readers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


PHASES = {
    "load_documents": "opening and vetting the inputs",
    "straighten_documents": "finding and turning sideways pages",
    "_lay_out": "laying out and drawing the index",
    "_append_documents": "copying the pages",
    "unwrap_ascii85_contents": "unwrapping ASCII85 page contents",
    "stamp_pages": "stamping page numbers",
    "_add_links": "index links",
    "_add_outline": "bookmarks",
    "_write_atomically": "saving",
}
"""The builder's steps timed (wall and CPU seconds), to show where the excess over a merge is."""

_PHASE_TIMES: dict[str, tuple[float, float]] = {}


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        t0, c0 = time.perf_counter(), cpu_seconds()
        try:
            return fn(*args, **kwargs)
        finally:
            wall, cpu = _PHASE_TIMES.get(name, (0.0, 0.0))
            _PHASE_TIMES[name] = (wall + time.perf_counter() - t0, cpu + cpu_seconds() - c0)

    return run


for _name in PHASES:
    setattr(build_module, _name, _timed(_name, getattr(build_module, _name)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument(
        "--flate-only",
        action="store_true",
        help="page contents in Flate alone (as Word and LibreOffice write), not ASCII85 over Flate",
    )
    parser.add_argument(
        "--inputs",
        type=Path,
        help="bundle every PDF in this folder instead of generated documents",
    )
    args = parser.parse_args(argv)
    if not hasattr(pikepdf.Pdf, "_add_page"):
        print("note: this pikepdf has no Pdf._add_page; the bundle appends with pages.extend")
    if args.flate_only:
        rl_config.useA85 = 0
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.inputs is not None:
            spec, paths = spec_for_folder(folder, args.inputs)
        else:
            spec, paths = make_inputs(folder, args.documents)
        pages = sum(len(PdfReader(p).pages) for p in paths)
        in_size = sum(p.stat().st_size for p in paths)
        pike_times, pypdf_times, bundle_times = [], [], []
        pike_cpu, bundle_cpu = [], []
        phase_times: list[dict[str, tuple[float, float]]] = []
        for _ in range(args.repeat):
            # each timed run starts with no garbage left by the one before (pypdf's
            # merge leaves many objects; collecting them would be charged to the next)
            gc.collect()
            t0, c0 = time.perf_counter(), cpu_seconds()
            bare_pikepdf_merge(paths, folder / "pike.pdf")
            pike_times.append(time.perf_counter() - t0)
            pike_cpu.append(cpu_seconds() - c0)
            gc.collect()
            t0 = time.perf_counter()
            bare_pypdf_merge(paths, folder / "pypdf.pdf")
            pypdf_times.append(time.perf_counter() - t0)
            _PHASE_TIMES.clear()
            gc.collect()
            t0, c0 = time.perf_counter(), cpu_seconds()
            report = build_bundle(spec, folder / "bundle.pdf", force=True)
            bundle_times.append(time.perf_counter() - t0)
            bundle_cpu.append(cpu_seconds() - c0)
            phase_times.append(dict(_PHASE_TIMES))
        pike_t, pypdf_t, bundle_t = min(pike_times), min(pypdf_times), min(bundle_times)
        sizes = {
            name: (folder / f"{name}.pdf").stat().st_size for name in ("pike", "pypdf", "bundle")
        }
        print(f"documents: {len(paths)}, input pages: {pages}, bundle pages: {report.pages}")
        print(f"inputs:             {in_size / 1024:8.0f} KiB")
        print(f"bare pikepdf merge: {pike_t:6.3f} s {sizes['pike'] / 1024:8.0f} KiB")
        print(f"bare pypdf merge:   {pypdf_t:6.3f} s {sizes['pypdf'] / 1024:8.0f} KiB")
        print(f"full bundle:        {bundle_t:6.3f} s {sizes['bundle'] / 1024:8.0f} KiB")
        best = bundle_times.index(bundle_t)
        phases = phase_times[best]
        opening_t = phases["load_documents"][0]
        print("  of which (wall s, CPU s, in the fastest run):")
        for name, what in PHASES.items():
            wall, cpu = phases.get(name, (0.0, 0.0))
            print(f"    {what:36s} {wall:6.3f} {cpu:6.3f}")
        rest_wall = bundle_t - sum(w for w, _ in phases.values())
        rest_cpu = bundle_cpu[best] - sum(c for _, c in phases.values())
        # mostly qpdf freeing the opened documents (~25 ms CPU: the bare merge pays it too)
        print(f"    {'everything else, freeing the PDFs':36s} {rest_wall:6.3f} {rest_cpu:6.3f}")
        print(
            f"CPU seconds: bare pikepdf merge {min(pike_cpu):.3f}, full bundle "
            f"{min(bundle_cpu):.3f}; ratio {min(bundle_cpu) / min(pike_cpu):.2f}"
        )
        load = ", ".join(f"{a:.2f}" for a in load_before)
        load_after = ", ".join(f"{a:.2f}" for a in os.getloadavg())
        cores = os.cpu_count()
        print(f"load average (1, 5, 15 min): {load} before, {load_after} after; {cores} cores")
        time_ratio = bundle_t / pike_t
        size_ratio = sizes["bundle"] / sizes["pike"]
        print(f"time  bundle / pikepdf merge: {time_ratio:.2f} (target ≤ 1.50)")
        print(f"size  bundle / pikepdf merge: {size_ratio:.3f} (target ≤ 1.05)")
        print(f"time  bundle / pypdf merge:   {bundle_t / pypdf_t:.2f}")
        print(
            f"time  bundle without opening the inputs / pikepdf merge: "
            f"{(bundle_t - opening_t) / pike_t:.2f}"
        )
        return 0 if time_ratio <= 1.5 and size_ratio <= 1.05 else 1


if __name__ == "__main__":
    sys.exit(main())
