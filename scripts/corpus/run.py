"""Build one bundle from the whole corpus (``fetch.py``) as a solicitor would, and check it.

Runs ``sendocs bundle SPEC -o OUT --skip-bad --password-file passwords.yaml``
in a child process (the real CLI, as a user runs it) and checks issue 12's
"done when":

* every file poppler opens (``pdfinfo`` with its password, ``pdftoppm`` of
  page 1) is in the bundle, with the page count poppler gives, except dynamic
  XFA forms (poppler shows only their "Please wait…" page): those must be
  refused, saying to print them to PDF from Adobe Reader;
* no Python traceback on stdout or stderr;
* at most one line on the terminal per problem file (repaired, refused, …);
* every font in the bundle embedded (``pdffonts``); with ``--pdfa`` also every
  font dictionary anywhere in the file has its program (pikepdf);
* wall-clock time and peak memory (largest resident set of the CLI and of the
  bounded readers it started).

    python scripts/corpus/run.py [--corpus /tmp/sendocs-corpus] [--pdfa] [--ocr]

Writes ``run/bundle.yaml``, ``run/bundle.pdf`` and ``run/report.json`` in the
corpus folder, prints a summary, and exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import subprocess
import sys
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
import yaml

SECTIONS = [
    ("deb-", "Documents from Debian documentation packages"),
    ("pypi-", "Test files from PyPI source distributions"),
    ("synth-", "Synthesised scans, odd pages, passwords and damage"),
]


@dataclass
class FileResult:
    """What poppler and the bundle made of one corpus file."""

    name: str
    poppler_pages: int | None  # None: poppler cannot open it
    bundle_pages: int | None = None  # None: not in the bundle
    not_included_reason: str | None = None
    terminal_lines: int = 0
    problems: list[str] = field(default_factory=list)


def poppler_pages(path: Path, password: str | None) -> int | None:
    """Pages poppler finds (pdfinfo) if it also draws page 1 (pdftoppm); else None."""
    pw = ["-upw", password] if password else []
    try:
        info = subprocess.run(
            ["pdfinfo", *pw, str(path)], capture_output=True, timeout=120, check=False
        )
        match = re.search(rb"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
        if info.returncode != 0 or match is None or int(match.group(1)) == 0:
            return None
        draw = subprocess.run(
            ["pdftoppm", *pw, "-r", "10", "-f", "1", "-l", "1", "-png", str(path)],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if draw.returncode != 0 or not draw.stdout.startswith(b"\x89PNG"):
        return None
    return int(match.group(1))


def _is_dynamic_xfa(path: Path, password: str | None) -> bool:
    """Whether the file is a dynamic XFA form (sendocs.bundle.xfa), read with pikepdf."""
    from sendocs.bundle.xfa import xfa_kind

    try:
        with warnings.catch_warnings():  # e.g. "no password was needed"
            warnings.simplefilter("ignore")
            with pikepdf.open(path, password=password or "") as pdf:
                return xfa_kind(pdf) == "dynamic"
    except Exception:  # damaged, wrong password: not a form this check can judge
        return False


def write_spec(corpus: Path, names: list[str], spec_path: Path) -> None:
    """One section per origin; dates increase so each section is chronological."""
    day = dt.date(2023, 1, 2)
    sections = []
    for prefix, title in SECTIONS:
        documents = []
        for name in sorted(n for n in names if n.startswith(prefix)):
            documents.append(
                {"path": str(corpus / "files" / name), "title": name, "date": day.isoformat()}
            )
            day += dt.timedelta(days=3)
        if documents:
            sections.append({"title": title, "documents": documents})
    spec = {"title": "Corpus bundle", "hearing_date": "2026-12-14", "sections": sections}
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")


def bundle_page_counts(bundle: Path) -> dict[str, int]:
    """Each document's pages in the bundle, from its bookmarks (title, date (p. N))."""
    counts: dict[str, int] = {}
    with pikepdf.open(bundle) as pdf:
        total = len(pdf.pages)
        page_of = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        starts: list[tuple[int, str]] = []
        with pdf.open_outline() as outline:
            for section in outline.root[1:]:
                for item in section.children:
                    dest = item.destination
                    if isinstance(dest, pikepdf.Array) and len(dest):
                        starts.append((page_of[dest[0].objgen], item.title.split(", ")[0]))
    starts.sort()
    for (first, name), nxt in zip(starts, [*starts[1:], (total, "")], strict=True):
        counts[name] = nxt[0] - first
    return counts


def bare_merge_seconds(paths: list[Path], passwords: dict[str, str], out: Path) -> float | None:
    """A bare pikepdf merge of the files the bundle included (those qpdf opens as they are):
    the yardstick for the bundle's time. Damaged files qpdf cannot copy are left out of it."""
    t0 = time.perf_counter()
    sources = []
    with pikepdf.new() as merged, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # form-field and password notices from pikepdf
        for path in paths:
            try:
                source = pikepdf.open(path, password=passwords.get(path.name, ""))
                merged.pages.extend(source.pages)
                sources.append(source)
            except Exception:  # damaged: the bundle repaired it, a bare merge cannot
                continue
        try:
            merged.save(out)
        except Exception:
            return None
        finally:
            for source in sources:
                source.close()
    return round(time.perf_counter() - t0, 2)


def unembedded_fonts(bundle: Path) -> list[str]:
    out = subprocess.run(
        ["pdffonts", str(bundle)], capture_output=True, text=True, timeout=600, check=False
    ).stdout.splitlines()[2:]
    # columns: name type encoding emb sub uni object ID; "emb" is the 4th from the end
    return [line for line in out if len(line.split()) >= 6 and line.split()[-5] == "no"]


def fonts_without_program(bundle: Path) -> list[str]:
    """Every font dictionary in the file (pages, forms' defaults, anywhere) whose font
    program is not embedded: a veraPDF-style check of what ``pdffonts`` (pages only) sees."""
    files = ("/FontFile", "/FontFile2", "/FontFile3")
    missing = []
    with pikepdf.open(bundle) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
                continue
            font: Any = obj
            if obj.get("/Subtype") == "/Type3":
                continue
            if obj.get("/Subtype") == "/Type0":
                kids = obj.get("/DescendantFonts")
                font = kids[0] if isinstance(kids, pikepdf.Array) and len(kids) else obj
            descriptor = font.get("/FontDescriptor")
            if not isinstance(descriptor, pikepdf.Dictionary) or not any(
                key in descriptor for key in files
            ):
                missing.append(str(obj.get("/BaseFont", "(unnamed)")))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/sendocs-corpus"))
    parser.add_argument("--pdfa", action="store_true", help="pass --pdfa to sendocs bundle")
    parser.add_argument("--ocr", action="store_true", help="pass --ocr to sendocs bundle")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus
    run_dir = corpus / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    passwords_file = corpus / "passwords.yaml"
    passwords: dict[str, str] = yaml.safe_load(passwords_file.read_text()) or {}
    names = sorted(p.name for p in (corpus / "files").glob("*.pdf"))
    print(f"{len(names)} files; asking poppler which it opens…")
    cache_file = run_dir / "poppler-pages.json"  # poppler's answers, kept between runs
    cache: dict[str, int | None] = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    for n in names:
        key = f"{n}:{(corpus / 'files' / n).stat().st_size}"
        if key not in cache:
            cache[key] = poppler_pages(corpus / "files" / n, passwords.get(n))
    cache_file.write_text(json.dumps(cache), encoding="utf-8")
    results = {
        n: FileResult(n, cache[f"{n}:{(corpus / 'files' / n).stat().st_size}"]) for n in names
    }
    spec_path, bundle = run_dir / "bundle.yaml", run_dir / "bundle.pdf"
    write_spec(corpus, names, spec_path)
    cmd = [
        sys.executable,
        "-m",
        "sendocs",
        "bundle",
        str(spec_path),
        "-o",
        str(bundle),
        "--skip-bad",
        "--force",
        "--password-file",
        str(passwords_file),
    ]
    cmd += ["--pdfa"] * args.pdfa + ["--ocr"] * args.ocr
    print("running:", " ".join(Path(c).name if c.startswith("/") else c for c in cmd))
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    (run_dir / "stdout.txt").write_text(done.stdout, encoding="utf-8")
    (run_dir / "stderr.txt").write_text(done.stderr, encoding="utf-8")
    failures: list[str] = []
    terminal = done.stdout + done.stderr
    tracebacks = terminal.count("Traceback (most recent call last)")
    if tracebacks:
        failures.append(f"{tracebacks} traceback(s)")
    if done.returncode != 0 or not bundle.exists():
        failures.append(f"sendocs bundle exited {done.returncode}")
        counts: dict[str, int] = {}
    else:
        counts = bundle_page_counts(bundle)
    for line in done.stderr.splitlines():
        for name, result in results.items():
            if name in line:
                result.terminal_lines += 1
        match = re.match(r"Not included: section \w+, '([^']+)' \(.*?\): (.*)$", line)
        if match and match.group(1) in results:
            results[match.group(1)].not_included_reason = match.group(2)
    for name, result in results.items():
        result.bundle_pages = counts.get(name) if result.not_included_reason is None else None
        dynamic_xfa = _is_dynamic_xfa(corpus / "files" / name, passwords.get(name))
        if dynamic_xfa and result.bundle_pages is not None:
            result.problems.append("a dynamic XFA form is in the bundle (only 'Please wait…')")
        elif dynamic_xfa:
            if "dynamic XFA form" not in (result.not_included_reason or ""):
                result.problems.append("a dynamic XFA form left out without saying so")
        elif result.poppler_pages is not None and result.bundle_pages is None:
            result.problems.append("poppler opens it but it is not in the bundle")
        elif (
            result.poppler_pages is not None
            and result.bundle_pages is not None
            and result.poppler_pages != result.bundle_pages
        ):
            result.problems.append(
                f"poppler counts {result.poppler_pages} pages, the bundle holds "
                f"{result.bundle_pages}"
            )
        if result.terminal_lines > 1:
            result.problems.append(f"{result.terminal_lines} lines on the terminal")
    missing = [r for r in results.values() if "not in the bundle" in " ".join(r.problems)]
    xfa_wrong = [r for r in results.values() if "dynamic XFA" in " ".join(r.problems)]
    if xfa_wrong:
        failures.append(f"{len(xfa_wrong)} dynamic XFA form(s) not refused in words")
    miscounted = [r for r in results.values() if "poppler counts" in " ".join(r.problems)]
    chatty = [r for r in results.values() if r.terminal_lines > 1]
    if missing:
        failures.append(f"{len(missing)} file(s) poppler opens are missing")
    if chatty:
        failures.append(f"{len(chatty)} file(s) with more than one terminal line")
    fonts = unembedded_fonts(bundle) if bundle.exists() else []
    merge_seconds = bare_merge_seconds(
        [corpus / "files" / r.name for r in results.values() if r.bundle_pages is not None],
        passwords,
        run_dir / "bare-merge.pdf",
    )
    if fonts:
        failures.append(f"{len(fonts)} unembedded font(s)")
    no_program = fonts_without_program(bundle) if bundle.exists() and args.pdfa else []
    if no_program:
        failures.append(f"{len(no_program)} font dictionaries without a font program")
    opened = sum(r.poppler_pages is not None for r in results.values())
    included = sum(r.bundle_pages is not None for r in results.values())
    summary = {
        "files": len(results),
        "poppler_opens": opened,
        "included": included,
        "not_included": len(results) - included,
        "poppler_opens_but_missing": [r.name for r in missing],
        "dynamic_xfa_refused": [
            r.name for r in results.values() if "dynamic XFA" in (r.not_included_reason or "")
        ],
        "dynamic_xfa_wrong": {r.name: r.problems for r in xfa_wrong},
        "page_count_differs": {r.name: r.problems for r in miscounted},
        "tracebacks": tracebacks,
        "stderr_lines": len(done.stderr.splitlines()),
        "files_with_more_than_one_line": [r.name for r in chatty],
        "unembedded_fonts": len(fonts),
        "unembedded_font_names": sorted({line.split()[0] for line in fonts}),
        "fonts_without_program_pdfa": sorted(set(no_program)) if args.pdfa else None,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak_mb),
        "bare_pikepdf_merge_seconds": merge_seconds,
        "time_ratio_to_bare_merge": round(seconds / merge_seconds, 2) if merge_seconds else None,
        "load_average": os.getloadavg(),
        "exit_code": done.returncode,
        "bundle_pages": sum(counts.values()),
        "bundle_mb": round(bundle.stat().st_size / 1e6, 1) if bundle.exists() else None,
        "input_mb": round(sum((corpus / "files" / n).stat().st_size for n in names) / 1e6, 1),
        "options": [o for o in ("--pdfa", "--ocr") if getattr(args, o[2:])],
        "failures": failures,
        "per_file": [asdict(r) for r in results.values()],
    }
    (run_dir / "report.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    for key, value in summary.items():
        if key != "per_file":
            print(f"{key}: {value}")
    print(f"details: {run_dir / 'report.json'}, terminal output in {run_dir}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
