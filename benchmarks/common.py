"""What the benchmarks share: generated pupils, the naive LibreOffice call, load and CPU figures.

The machine these run on is shared, so every figure is printed with the load
average it was measured under, and CPU seconds (this process and everything it
started, LibreOffice included) beside wall-clock seconds: other work slows
wall-clock time, CPU time much less.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path
from types import ModuleType, TracebackType

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run from a checkout

from sendocs.batch import BatchItem, read_batch_inputs  # noqa: E402
from sendocs.dates import default_term_calendar  # noqa: E402
from sendocs.documents import RenderOptions  # noqa: E402
from sendocs.roster import load_school_settings  # noqa: E402

TODAY = dt.date(2026, 11, 23)
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def roster_generator() -> ModuleType:
    """``fixtures/roster/make_roster.py``, the generator of fictional pupils."""
    path = ROOT / "fixtures" / "roster" / "make_roster.py"
    spec = importlib.util.spec_from_file_location("make_roster", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_roster"] = module
    spec.loader.exec_module(module)
    return module


PAGE_LIMITS: dict[int, tuple[int, int]] = {2: (2, 1)}
"""Plan length -> (most outcomes, most provision rows) kept per generated pupil.

Issue #9 measures "100 two-page plans". The generated pupils (fixtures/roster/
make_roster.py) have 1-3 outcomes and 1-5 provision rows, and with today's
template a third of their plans are two pages and two thirds three. For a
two-page workload the benchmark keeps each pupil's first two outcomes and first
provision row: with seed 1, all 100 plans are then two pages (measured, and
printed by each run). The pupils, their other fields, the template and the
documents' wording are not changed; only fewer rows go into each plan."""


def generated_pupils(
    count: int, folder: Path, options: RenderOptions, *, pages: int | None = None
) -> list[BatchItem]:
    """``count`` generated pupils written as a CSV roster and read back: the valid rows.

    ``pages``: a plan length from :data:`PAGE_LIMITS` (2) to trim each pupil's
    outcome and provision rows to, or None for the pupils as generated.
    """
    generator = roster_generator()
    pupils = generator.make_pupils(count, seed=1)
    if pages is not None:
        outcomes, provision = PAGE_LIMITS[pages]
        for pupil in pupils:
            pupil.outcomes = pupil.outcomes[:outcomes]
            pupil.provision = pupil.provision[:provision]
    roster = generator.write_csv_roster(pupils, folder)
    settings = load_school_settings(ROOT / "fixtures" / "roster" / "school.yaml")
    items, _ = read_batch_inputs(
        roster, settings=settings, review_calendar=default_term_calendar(), options=options
    )
    return [item for item in items if item.loaded]


def soffice_convert(soffice: Path, sources: list[Path], out: Path, profile: Path) -> None:
    """One plain ``soffice --headless --convert-to pdf`` process for ``sources``."""
    subprocess.run(
        [
            str(soffice),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        timeout=120 + 10 * len(sources),
    )


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f}"


def _process_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds so far), from /proc (Linux)."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        table[int(stat.parent.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK)
    return table


class CpuMeter:
    """CPU seconds used inside a ``with`` block by this process and all it started.

    Processes that are waited for are counted by ``getrusage``. LibreOffice
    under a UNO worker is not (the worker is killed with its group, nobody
    waits for ``soffice.bin``), so on Linux those are sampled from /proc every
    ``interval`` seconds and their last reading added (under-counted by at most
    one interval each). Elsewhere: this process and its waited children only.
    """

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.seconds = 0.0
        self._offices: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> CpuMeter:
        self._start = _rusage()
        if sys.platform.startswith("linux"):
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self.seconds = _rusage() - self._start + sum(self._offices.values())

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.interval):
            table = _process_table()
            for pid, (parent, cpu) in table.items():
                grandparent = table.get(parent, (0, 0.0))[0]
                if (
                    grandparent == me
                    and _command(pid) == "soffice.bin"
                    and _command(parent).startswith("python")  # a UNO worker of ours
                ):
                    self._offices[pid] = cpu


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _rusage() -> float:
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total
