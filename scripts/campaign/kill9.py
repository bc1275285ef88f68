"""Campaign part 2: PDF batches killed with SIGKILL at random moments, then ``--resume``.

Each run starts ``sendocs batch iep <roster> --format pdf`` (real LibreOffice)
into a fresh output folder with its own TMPDIR, and sends SIGKILL to the
batch process at a random moment (seeded; the seed is printed) between its
start and the length of an uninterrupted run. Then it checks, as a user would
find the machine:

* within 15 seconds no process started by that run is alive (soffice,
  soffice.bin, oosplash, batch workers, the staging janitor): every process
  the run starts carries a mark in its environment, so other people's
  LibreOffice on a shared machine is never counted;
* no staged file or folder is left, in the output folder or the run's TMPDIR;
* ``sendocs batch ... --resume`` into the same folder completes the batch:
  exit 0, a manifest with one rendered row per pupil, and every PDF opens with
  pypdf and names its own child (the pupil's unique token from the roster).

Run: ``.venv/bin/python scripts/campaign/kill9.py [--runs 10] [--seed N] [--pupils 12]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pypdf
from common import (
    ROOT,
    SENDOCS,
    TRACEBACK,
    campaign_env,
    leftovers,
    private_tmp,
    sendocs,
    table,
    wait_for_no_processes,
)

from fixtures.roster.make_roster import make_pupils, write_csv_roster


def make_roster(work: Path, count: int) -> tuple[Path, dict[int, str]]:
    """A roster whose pupils each carry a unique token in their summary."""
    pupils = make_pupils(count, seed=9)
    tokens = {}
    for i, pupil in enumerate(pupils):
        token = f"KILLTOKEN{i:03d}Q"
        pupil.row["Pupil Views"] += f" {token}"
        tokens[i + 2] = token
    return write_csv_roster(pupils, work / "roster"), tokens


def batch_args(roster: Path, out: Path, *extra: str) -> list[str]:
    return [
        "batch", "iep", str(roster), "-o", str(out), "--format", "pdf", "-j", "2",
        "--date", "2026-11-30", "--school", str(ROOT / "fixtures/roster/school.yaml"), *extra,
    ]  # fmt: skip


def check_manifest(out: Path, tokens: dict[int, str]) -> tuple[int, list[str]]:
    """PDFs that open and name their own child; problems found."""
    problems: list[str] = []
    good = 0
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seen = {int(r["source_row"]) for r in rows}
    if seen != set(tokens):
        problems.append(f"manifest rows {sorted(seen ^ set(tokens))} differ from the roster")
    for row in rows:
        if row["status"] not in ("rendered", "warnings") or not row["output"].endswith(".pdf"):
            problems.append(f"row {row['source_row']}: {row['status']} {row['error'][:100]}")
            continue
        text = " ".join(
            page.extract_text() or "" for page in pypdf.PdfReader(out / row["output"]).pages
        )
        own = tokens[int(row["source_row"])]
        others = [t for r, t in tokens.items() if t in text and t != own]
        if own not in text or others:
            problems.append(f"row {row['source_row']}: own token {own in text}, others {others}")
            continue
        good += 1
    return good, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--pupils", type=int, default=12)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    print(f"seed {seed}")
    rng = random.Random(seed)
    work = private_tmp("kill9-work")
    roster, tokens = make_roster(work, args.pupils)

    # One uninterrupted run sets the window the kills are drawn from.
    tmp = private_tmp("kill9-full")
    full = sendocs(*batch_args(roster, work / "full"), env=campaign_env(tmp), timeout=900)
    window = full.seconds
    good, problems = check_manifest(work / "full", tokens)
    print(f"uninterrupted run: exit {full.code}, {window:.1f} s, {good}/{len(tokens)} PDFs good")
    shutil.rmtree(tmp, ignore_errors=True)

    rows: list[tuple[str, object]] = []
    totals = {"tracebacks": full.tracebacks, "processes left": 0, "staged left": 0, "bad": 0}
    worst_exit = 0.0
    for number in range(1, args.runs + 1):
        tmp = private_tmp(f"kill9-{number}")
        out = work / f"run{number}"
        env = campaign_env(tmp)
        delay = rng.uniform(0.3, window)
        proc = subprocess.Popen(
            [SENDOCS, *batch_args(roster, out)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # as a terminal would: the kill reaches only the batch
        )
        time.sleep(delay)
        finished_first = proc.poll() is not None
        if not finished_first:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        seconds, alive = wait_for_no_processes(str(tmp), 15)
        worst_exit = max(worst_exit, seconds)
        for pid, _, _ in alive:  # ours only (marked): clear them before the resume
            os.kill(pid, signal.SIGKILL)
        left = leftovers(tmp, out)
        before = len(list(out.glob("*.pdf"))) if out.exists() else 0
        resumed = sendocs(*batch_args(roster, out, "--resume"), env=env, timeout=900)
        good, problems = check_manifest(out, tokens) if out.exists() else (0, ["no output"])
        after = leftovers(tmp, out)
        tracebacks = resumed.tracebacks
        if resumed.code != 0:
            problems.append(f"--resume exit {resumed.code}: {resumed.output.strip()[-300:]}")
        bad = len(problems)
        totals["tracebacks"] += tracebacks
        totals["processes left"] += len(alive)
        totals["staged left"] += len(left) + len(after)
        totals["bad"] += bad
        made = len(list(out.glob("*.pdf"))) if out.exists() else 0
        rows.append(
            (
                f"run {number:2d} kill at {delay:5.1f} s",
                f"{'finished before the kill; ' if finished_first else ''}"
                f"procs gone in {seconds:4.1f} s, left {len(alive)}, staged {len(left)}; "
                f"{before} PDFs before resume; resume exit {resumed.code}, "
                f"{good}/{len(tokens)} PDFs good ({made} files), tracebacks {tracebacks}",
            )
        )
        for problem in problems[:5]:
            print(f"  run {number}: {problem}")
        for pid, name, cmd in alive:
            print(f"  run {number}: left alive {pid} {name} {cmd[:120]}")
        for path in left + after:
            print(f"  run {number}: left {path}")
        if TRACEBACK.search(resumed.output):
            print(resumed.output[-2000:])
        shutil.rmtree(tmp, ignore_errors=True)
    table(f"kill -9 campaign ({args.runs} runs, {len(tokens)} pupils, seed {seed})", rows)
    table(
        "totals",
        [
            ("runs", args.runs),
            ("PDFs checked after resume", args.runs * len(tokens) - totals["bad"]),
            ("documents wrong or missing", totals["bad"]),
            ("tracebacks", totals["tracebacks"]),
            ("processes left after 15 s", totals["processes left"]),
            ("longest wait for processes to go", f"{worst_exit:.1f} s"),
            ("staged files left", totals["staged left"]),
        ],
    )
    shutil.rmtree(work, ignore_errors=True)
    return 1 if any(totals.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
