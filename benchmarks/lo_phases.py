"""Where LibreOffice spends its time per document: opening, writing the PDF, closing.

Runs under the Python that has LibreOffice's ``uno`` bridge (Debian:
``/usr/bin/python3`` with ``python3-uno``), not the project's virtualenv::

    /usr/bin/python3 benchmarks/lo_phases.py FOLDER_OF_DOCX [--variant NAME ...] [--rounds 2]

Starts one headless ``soffice.bin`` (a private copy of sendocs' ready-made
profile if one is given with ``--profile-template``), converts every ``*.docx``
in the folder once per variant, and prints per document the wall-clock
milliseconds of ``loadComponentFromURL``, ``storeToURL`` and ``close``, and
LibreOffice's CPU milliseconds (from ``/proc/<pid>/stat``, so work LibreOffice
does between calls, in its idle handlers, is counted too). Variants run
alternately, ``--rounds`` times, so a burst of other work on the shared
machine falls on all of them; the load average is printed before and after.
PDFs are written to ``FOLDER/../phases-<variant>/`` so they can be compared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

TICK = os.sysconf("SC_CLK_TCK")

BASE_LOAD: dict[str, Any] = {
    "Hidden": True,
    "ReadOnly": True,
    "UpdateDocMode": 0,
    "FilterName": "MS Word 2007 XML",
}

VARIANTS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    # name: (extra load properties, extra PDF filter data). Measured at load 4-5, 40 plans,
    # LibreOffice CPU ms per plan: today 185, macro-off 187, silent 216, no-outline 221 (and
    # no-outline drops the PDF's bookmarks): none helps; the allocator does (--env LD_PRELOAD=).
    "today": ({}, {}),
    "macro-off": ({"MacroExecutionMode": 0, "RepairPackage": False}, {}),
    "silent": ({"Silent": True}, {}),
    "no-outline": ({}, {"ExportBookmarks": False}),
}


def props(**values: Any) -> tuple[Any, ...]:
    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        result.append(prop)
    return tuple(result)


def cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def start_office(
    profile: Path, pipe: str, extra_env: dict[str, str]
) -> tuple[subprocess.Popen[bytes], Any]:
    program = Path(os.path.realpath(shutil.which("soffice") or "soffice")).parent / "soffice.bin"
    args = [
        str(program),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]
    env = dict(os.environ, SAL_ENABLE_FILE_LOCKING="1", **extra_env)
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
            return process, desktop
        except NoConnectException:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def convert(
    desktop: Any, source: Path, target: Path, load: dict[str, Any], data: dict[str, Any]
) -> tuple[float, float, float]:
    t0 = time.perf_counter()
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(str(source)), "_blank", 0, props(**load)
    )
    t1 = time.perf_counter()
    filter_data = {"UseTaggedPDF": True, **data}
    doc.storeToURL(
        uno.systemPathToFileUrl(str(target)),
        props(
            FilterName="writer_pdf_Export",
            FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", props(**filter_data)),
            Overwrite=True,
        ),
    )
    t2 = time.perf_counter()
    doc.close(True)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="at most this many documents")
    parser.add_argument("--profile-template", type=Path)
    parser.add_argument(
        "--env", action="append", default=[], help="NAME=VALUE for LibreOffice's environment"
    )
    parser.add_argument("--perf", type=Path, help="record `perf` samples of LibreOffice here")
    args = parser.parse_args()
    variants = args.variant or ["today"]
    sources = sorted(args.folder.glob("*.docx"))
    if args.limit:
        sources = sources[: args.limit]
    home = Path(tempfile.mkdtemp(prefix="lo-phases-"))
    profile = home / "profile"
    if args.profile_template:
        shutil.copytree(args.profile_template, profile, symlinks=True)
    print(
        f"{len(sources)} documents, env {args.env}; load {os.getloadavg()[0]:.1f} before",
        flush=True,
    )
    extra_env = dict(item.split("=", 1) for item in args.env)
    process, desktop = start_office(profile, f"lo_phases_{os.getpid()}", extra_env)
    try:
        warm = sources[0]
        convert(desktop, warm, home / "warm.pdf", BASE_LOAD, {})  # first document: caches
        totals: dict[str, list[float]] = {v: [0.0, 0.0, 0.0, 0.0, 0.0] for v in variants}
        recorder = None
        if args.perf:
            recorder = subprocess.Popen(
                ["perf", "record", "-F", "999", "-o", str(args.perf), "-p", str(process.pid)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(0.5)
        for _ in range(args.rounds):
            for variant in variants:
                load_extra, data = VARIANTS[variant]
                out = args.folder.parent / f"phases-{variant}"
                out.mkdir(exist_ok=True)
                cpu0, wall0 = cpu_of(process.pid), time.perf_counter()
                for source in sources:
                    phases = convert(
                        desktop,
                        source,
                        out / f"{source.stem}.pdf",
                        {**BASE_LOAD, **load_extra},
                        data,
                    )
                    for i, value in enumerate(phases):
                        totals[variant][i] += value
                totals[variant][3] += cpu_of(process.pid) - cpu0
                totals[variant][4] += time.perf_counter() - wall0
        if recorder is not None:
            recorder.send_signal(2)
            recorder.wait()
        count = len(sources) * args.rounds
        header = ("open", "store", "close", "wall", "LO CPU")
        print(f"{'variant':18} " + " ".join(f"{h:>7}" for h in header) + "  ms/doc")
        for variant in variants:
            t = [1000 * x / count for x in totals[variant]]
            print(f"{variant:18} {t[0]:7.1f} {t[1]:7.1f} {t[2]:7.1f} {t[4]:7.1f} {t[3]:7.1f}")
        print(f"load {os.getloadavg()[0]:.1f} after", flush=True)
    finally:
        process.kill()
        process.wait()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
