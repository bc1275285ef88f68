"""Benchmark: DOCX → PDF, one ``soffice`` per file versus sendocs' converter, in one run.

Generates N one-page letters with python-docx in a temporary folder (styles
trimmed like sendocs' shipped templates unless ``--python-docx-styles``), then times

  (a) one ``soffice --headless --convert-to pdf`` process per file (one private
      profile, created by the first call and reused: the fairest per-file case);
  (b) ``LibreOfficeConverter`` in its default (UNO worker pool) mode, start-up
      and shutdown included;
  (c) ``LibreOfficeConverter(mode="batch")``: one soffice call for all files;
  (d) one plain ``soffice --headless --convert-to pdf`` call for all files with
      a fresh private profile: the reference the UNO pool must beat (>= 1.6x on
      2 cores),

running (b), (c) and (d) alternately ``--repeat`` times and keeping the median,
so a burst of other work on the machine does not decide the result. Prints
seconds, documents per second, the speed-up over (a) and over (d), the peak
resident memory of this run's LibreOffice processes (Linux: summed RSS of
every ``soffice.bin`` descended from this process, sampled every 100 ms) and
the load average before the run. (b) starts from sendocs' ready-made
LibreOffice profile, made once per machine before timing.

``--breakdown`` also times the parts of (b) separately: starting the workers
(:meth:`LibreOfficeConverter.start`), then converting, with 1 and 2 workers.

    python benchmarks/convert.py            # 50 letters
    python benchmarks/convert.py -n 20 --skip-batch --breakdown
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from common import CpuMeter, load_average, soffice_convert
from lxml import etree

from sendocs.render.libreoffice import LibreOfficeConverter, find_soffice
from sendocs.render.libreoffice.profile import cached_profile

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

PARAGRAPH = (
    "Following our meeting, the school has decided to make special educational provision "
    "for your child. This letter sets out the support we will put in place, who will "
    "provide it and when we will review it together with you. "
)


def make_letters(folder: Path, count: int, *, lean: bool = True) -> list[Path]:
    """N one-page letters, as a SENCO's notification letter might look.

    python-docx's default template carries ~790 KB of style XML that LibreOffice
    parses for every document; sendocs' shipped templates are saved lean (a few
    KB of styles), so by default the letters are trimmed the same way.
    """
    paths = []
    for i in range(count):
        document = docx.Document()
        document.add_heading("Notification of SEN support", level=1)
        document.add_paragraph(f"Dear Parent of Pupil {i:03d},")
        for _ in range(4):
            document.add_paragraph(PARAGRAPH)
        document.add_paragraph("Zoë O'Brien & co — £6,000.00")
        document.add_paragraph("Yours sincerely,\nSENCo")
        path = folder / f"letter-{i:03d}.docx"
        document.save(str(path))
        if lean:
            _trim_styles(path)
        paths.append(path)
    return paths


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_USED_STYLES = {"Normal", "Heading1", "Heading1Char", "DefaultParagraphFont", "TableNormal"}
_DROPPED_PARTS = re.compile(
    rb"<(?:Override|Relationship)[^>]*(?:stylesWithEffects|thumbnail|customXml)[^>]*/>"
)


def _trim_styles(path: Path) -> None:
    """Drop unused styles, latent styles, the thumbnail and stylesWithEffects.xml."""
    with zipfile.ZipFile(path) as source:
        parts = [(item, source.read(item.filename)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in parts:
            name = item.filename
            if name in ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"):
                continue
            if name.startswith("customXml/"):
                continue
            if name == "word/styles.xml":
                root = etree.fromstring(data)
                for element in list(root):
                    unused = element.tag == f"{_W}style" and (
                        element.get(f"{_W}styleId") not in _USED_STYLES
                    )
                    if unused or element.tag == f"{_W}latentStyles":
                        root.remove(element)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif name.endswith(".rels") or name == "[Content_Types].xml":
                data = _DROPPED_PARTS.sub(b"", data)
            target.writestr(item, data)


class RssSampler:
    """Peak summed RSS (bytes) of our soffice.bin processes while it runs (Linux only)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        # Cheap enough not to slow what it measures: look for soffice.bin by
        # /proc/<pid>/comm every 0.5 s, read only those processes' RSS every 0.1 s.
        pids: list[Path] = []
        next_scan = 0.0
        while not self._stop.wait(0.1):
            now = time.monotonic()
            if now >= next_scan:
                pids = [
                    p.parent
                    for p in Path("/proc").glob("[0-9]*/comm")
                    if _is_soffice(p) and _descends_from(p.parent, os.getpid())
                ]
                next_scan = now + 0.5
            self.peak = max(self.peak, sum(_rss(pid) for pid in pids))


def _is_soffice(comm: Path) -> bool:
    try:
        return comm.read_text().strip() == "soffice.bin"
    except OSError:
        return False


def _descends_from(proc: Path, ancestor: int) -> bool:
    """Only our own LibreOffice counts, not one another program happens to be running."""
    for _ in range(8):
        try:
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            return False
        if ppid == ancestor:
            return True
        if ppid <= 1:
            return False
        proc = Path("/proc") / str(ppid)
    return False


def _rss(proc: Path) -> int:
    try:
        fields = (proc / "statm").read_text().split()
    except OSError:
        return 0
    return int(fields[1]) * PAGE_SIZE


def per_file(soffice: Path, sources: list[Path], out: Path, profile: Path) -> None:
    for source in sources:
        soffice_convert(soffice, [source], out, profile)


def breakdown(sources: list[Path], root: Path) -> None:
    """Start-up and conversion of the UNO pool, timed apart, with 1 and 2 workers."""
    for workers in (1, 2):
        with LibreOfficeConverter(workers=workers) as converter:
            started = time.perf_counter()
            converter.start()
            up = time.perf_counter()
            converter.convert(sources[:1], root / f"warm{workers}")
            first = time.perf_counter()
            converter.convert(sources, root / f"bd{workers}")
            done = time.perf_counter()
        stopped = time.perf_counter()
        print(
            f"breakdown, {workers} worker(s): start {up - started:.2f} s, first document "
            f"{first - up:.2f} s, {len(sources)} documents {done - first:.2f} s "
            f"({(done - first) / len(sources) * workers:.3f} s per document per worker), "
            f"stop {stopped - done:.2f} s"
        )


@dataclass(frozen=True)
class Run:
    """One timed run: wall-clock and CPU seconds, peak RSS, the load average before it."""

    seconds: float
    rss: int
    cpu: float
    load: float


def timed(label: str, action: Callable[[], None], out: Path, count: int) -> Run:
    load = os.getloadavg()[0]
    with RssSampler() as sampler, CpuMeter() as cpu:
        start = time.perf_counter()
        action()
        seconds = time.perf_counter() - start
    made = len(list(out.glob("*.pdf")))
    if made != count:
        sys.exit(f"{label}: expected {count} PDFs, found {made}")
    return Run(seconds, sampler.peak, cpu.seconds, load)


def _median(runs: list[Run]) -> Run:
    """The run of median wall-clock time (its CPU and load), with the highest peak RSS."""
    middle = sorted(runs, key=lambda r: r.seconds)[(len(runs) - 1) // 2]
    return Run(middle.seconds, max(r.rss for r in runs), middle.cpu, middle.load)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=50)
    parser.add_argument("--workers", type=int, default=None, help="UNO workers (default 2)")
    parser.add_argument(
        "--python-docx-styles",
        action="store_true",
        help="keep python-docx's ~790 KB default styles in every letter (slower to load)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of (b) and (c); median")
    parser.add_argument("--skip-batch", action="store_true", help="do not time (c)")
    parser.add_argument("--breakdown", action="store_true", help="time (b)'s parts apart")
    parser.add_argument(
        "--skip-per-file", action="store_true", help="do not time (a) (a minute and more)"
    )
    options = parser.parse_args()
    load = load_average()
    soffice = find_soffice()
    cached_profile(soffice)  # made once per machine; not part of any timing
    linux = sys.platform.startswith("linux")

    with tempfile.TemporaryDirectory(prefix="sendocs-bench-") as tmp:
        root = Path(tmp)
        (root / "src").mkdir()
        sources = make_letters(root / "src", options.count, lean=not options.python_docx_styles)
        results: list[tuple[str, Run]] = []

        if not options.skip_per_file:
            out = root / "a"
            out.mkdir()
            run_a = timed(
                "per-file",
                lambda: per_file(soffice, sources, out, root / "profile"),
                out,
                len(sources),
            )
            results.append(("(a) one soffice per file", run_a))

        def pool(run: int) -> Callable[[], None]:
            def action() -> None:
                with LibreOfficeConverter(workers=options.workers) as converter:
                    converter.convert(sources, root / f"b{run}")

            return action

        def batch(run: int) -> Callable[[], None]:
            def action() -> None:
                with LibreOfficeConverter(mode="batch") as converter:
                    converter.convert(sources, root / f"c{run}")

            return action

        # (b) and (c) are short: run them alternately and keep the median, so a
        # burst of other work on the machine does not decide the result.
        def single(run: int) -> Callable[[], None]:
            def action() -> None:
                out = root / f"d{run}"
                out.mkdir()
                soffice_convert(soffice, sources, out, root / f"profile-d{run}")

            return action

        runs: dict[str, list[Run]] = {"b": [], "c": [], "d": []}
        for run in range(options.repeat):
            runs["b"].append(timed("sendocs", pool(run), root / f"b{run}", len(sources)))
            if not options.skip_batch:
                runs["c"].append(timed("batch", batch(run), root / f"c{run}", len(sources)))
            runs["d"].append(timed("one call", single(run), root / f"d{run}", len(sources)))
        results.append(("(b) sendocs LibreOfficeConverter", _median(runs["b"])))
        if runs["c"]:
            results.append(("(c) sendocs batch mode (one call)", _median(runs["c"])))
        results.append(("(d) one plain soffice call", _median(runs["d"])))
        for run, (b, d) in enumerate(zip(runs["b"], runs["d"], strict=True), 1):
            print(
                f"run {run}: (b) {b.seconds:.2f} s, {b.cpu:.1f} CPU s at load {b.load:.1f}; "
                f"(d) {d.seconds:.2f} s, {d.cpu:.1f} CPU s at load {d.load:.1f}; "
                f"(d)/(b) {d.seconds / b.seconds:.2f}x"
            )
        if options.breakdown:
            breakdown(sources, root)

    baseline = results[0][1].seconds if not options.skip_per_file else None
    styles = "python-docx default styles" if options.python_docx_styles else "lean styles"
    print(
        f"{options.count} one-page letters ({styles}), LibreOffice at {soffice}, "
        f"{os.cpu_count()} CPUs; "
        f"(b), (c), (d): median of {options.repeat} alternating runs"
    )
    print(f"before the run: {load}; after: {load_average()}")
    one = results[-1][1].seconds
    print(
        f"{'method':36} {'seconds':>8} {'docs/s':>7} {'vs (a)':>8} {'vs (d)':>7} "
        f"{'CPU s':>6} {'peak RSS':>9} {'load':>5}"
    )
    for label, run in results:
        memory = f"{run.rss / 2**20:.0f} MB" if linux else "n/a"
        versus_a = f"{baseline / run.seconds:7.1f}x" if baseline else "    n/a"
        print(
            f"{label:36} {run.seconds:8.2f} {options.count / run.seconds:7.2f} "
            f"{versus_a} {one / run.seconds:6.2f}x {run.cpu:6.1f} {memory:>9} {run.load:5.1f}"
        )


if __name__ == "__main__":
    main()
