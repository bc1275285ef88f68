"""Campaign part 1: a 200-pupil roster with ~5 % broken rows through ``sendocs batch``.

Builds the roster twice (CSV with outcomes.csv / provision.csv beside it, and
an XLSX workbook with Pupils / Outcomes / Provision sheets) from the example
generator in ``fixtures/roster/make_roster.py``. Every pupil's outcomes,
provision, views and summary carry tokens unique to that pupil
(``OUTC042Q``, ``PROV042Q`` …), so a document holding another child's data is
found by reading it back. Broken rows: impossible dates, wrong UPN check
letters, a blank UPN, a blank surname, an outcome row with a blank UPN, and
three pairs of pupils sharing a UPN (exactly, in another letter case, and
with spaces), whose outcome and provision rows on the other sheets must go to
no one. Two more rows carry control characters (valid once cleaned).

Checks: 0 tracebacks; every Word file opens (python-docx) and holds only its
own pupil's tokens, and all of its own outcome and provision tokens; every
broken row is named in the output with its row; the manifest lists every
pupil row; nothing staged is left.

Run: ``.venv/bin/python scripts/campaign/roster.py [--seed N] [--keep]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from common import (
    ROOT,
    campaign_env,
    leftovers,
    private_tmp,
    sendocs,
    table,
    wait_for_no_processes,
)
from lxml import etree

# common puts the checkout on sys.path: the example roster generator lives in fixtures/.
from fixtures.roster.make_roster import (
    Pupil,
    make_pupils,
    write_csv_roster,
    write_xlsx_roster,
)

PUPILS = 200
TOKEN = re.compile(r"(OUTC|PROV|VIEW|SUMM)(\d{3})Q")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Breakage:
    """A broken row and the words its error must contain."""

    index: int  # pupil index (pupil sheet row = index + 2)
    what: str
    expect: list[str] = field(default_factory=list)

    @property
    def row(self) -> int:
        return self.index + 2


def wrong_check_letter(upn: str) -> str:
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    return letters[(letters.index(upn[0]) + 1) % len(letters)] + upn[1:]


def build(seed: int) -> tuple[list[Pupil], list[Breakage], list[int], int]:
    """Pupils with tokens and breakages; also the control-character rows and the
    outcomes-sheet row whose UPN is blank."""
    pupils = make_pupils(PUPILS, seed=seed)
    for i, pupil in enumerate(pupils):
        pupil.row["Pupil Views"] += f" VIEW{i:03d}Q"
        pupil.row["Assessment Summary"] += f" SUMM{i:03d}Q"
        for outcome in pupil.outcomes:
            outcome["Outcome"] += f" OUTC{i:03d}Q"
        for provision in pupil.provision:
            provision["Intervention"] += f" PROV{i:03d}Q"
    rng = random.Random(seed)
    chosen = rng.sample(range(PUPILS), 16)
    broken: list[Breakage] = []

    def take(what: str, *expect: str) -> int:
        index = chosen.pop()
        broken.append(Breakage(index, what, list(expect)))
        return index

    pupils[take("DOB 31/02/2019", "DOB", "not a real date")].row["DOB"] = "31/02/2019"
    pupils[take("Plan Start 2026-13-01", "Plan Start")].row["Plan Start"] = "2026-13-01"
    for _ in range(2):
        pupil = pupils[take("wrong UPN check letter", "UPN", "check letter")]
        upn = wrong_check_letter(pupil.row["UPN"])
        pupil.row["UPN"] = upn
        for row in (*pupil.outcomes, *pupil.provision):
            row["UPN"] = upn
    pupils[take("blank UPN", "UPN")].row["UPN"] = ""
    pupils[take("blank Legal Surname", "Legal Surname")].row["Legal Surname"] = ""
    for how in ("exact", "lower case", "spaces"):
        first = take(f"shares a UPN ({how})", "share")
        second = take(f"shares a UPN ({how})", "share")
        upn = pupils[first].row["UPN"]
        same = {"exact": upn, "lower case": upn.lower(), "spaces": f"  {upn} "}[how]
        pupils[second].row["UPN"] = same
        for row in (*pupils[second].outcomes, *pupils[second].provision):
            row["UPN"] = same
    controls = [chosen.pop(), chosen.pop()]
    pupils[controls[0]].row["Legal Forename"] += "\x00\x07"
    pupils[controls[1]].row["Primary Need Notes"] += " \x1b[31m red \x0b\x1f"
    # An outcome row with a blank key, for a pupil who is otherwise fine.
    blank_key_pupil = chosen.pop()
    pupils[blank_key_pupil].outcomes.append(
        {**pupils[blank_key_pupil].outcomes[0], "UPN": "", "Outcome": "orphan ORPHANQ"}
    )
    row_in_outcomes = 2 + sum(len(p.outcomes) for p in pupils[: blank_key_pupil + 1]) - 1
    return pupils, broken, controls, row_in_outcomes


def excel_escaped(pupils: list[Pupil]) -> list[Pupil]:
    """A workbook cannot hold control characters; Excel writes them as ``_x001B_``."""

    def escape(value: object) -> object:
        if not isinstance(value, str):
            return value
        return CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)

    return [
        Pupil(
            {k: escape(v) for k, v in p.row.items()},
            [{k: escape(v) for k, v in o.items()} for o in p.outcomes],
            [{k: escape(v) for k, v in r.items()} for r in p.provision],
        )
        for p in pupils
    ]


def document_text(path: Path) -> str:
    """Every text node of the body, headers and footers (python-docx opens it first)."""
    docx.Document(str(path))
    parts: list[str] = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                root = etree.fromstring(package.read(name))
                parts += [node.text or "" for node in root.iter(f"{W}t")]
    return " ".join(parts)


def check_run(
    label: str,
    roster: Path,
    pupils: list[Pupil],
    broken: list[Breakage],
    outcome_row: int,
    work: Path,
) -> dict[str, object]:
    tmp = private_tmp(f"roster-{label}")
    out = work / f"out-{label}"
    result = sendocs(
        "batch",
        "iep",
        str(roster),
        "-o",
        str(out),
        "--date",
        "2026-11-30",
        "-j",
        "2",
        "--school",
        str(ROOT / "fixtures/roster/school.yaml"),
        env=campaign_env(tmp),
        timeout=1800,
    )
    output = result.output
    by_row: dict[int, dict[str, str]] = {}
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        for entry in csv.DictReader(handle):
            if not entry["source_sheet"] or entry["source_sheet"] == "Pupils":
                by_row[int(entry["source_row"])] = entry
    broken_indices = {b.index for b in broken}
    foreign = missing_own = opened = 0
    problems: list[str] = []
    for index in range(PUPILS):
        found = by_row.get(index + 2)
        if found is None:
            problems.append(f"row {index + 2} not in the manifest")
            continue
        entry = found
        if index in broken_indices:
            if entry["status"] != "failed":
                problems.append(f"broken row {index + 2} was {entry['status']}")
            continue
        if entry["status"] not in ("rendered", "warnings") or not entry["output"]:
            problems.append(f"row {index + 2}: {entry['status']} {entry['error'][:120]}")
            continue
        text = document_text(out / entry["output"])
        opened += 1
        ids = {int(m.group(2)) for m in TOKEN.finditer(text)}
        if re.search(r"_x[0-9A-Fa-f]{4}_", text):
            problems.append(f"row {index + 2}: an Excel escape printed as typed")
        if ids - {index} or "ORPHANQ" in text:
            foreign += 1
            problems.append(f"row {index + 2}: holds tokens of pupils {sorted(ids - {index})}")
        own = {f"OUTC{index:03d}Q", f"PROV{index:03d}Q", f"VIEW{index:03d}Q"}
        if any(token not in text for token in own):
            missing_own += 1
            problems.append(
                f"row {index + 2}: own tokens missing {sorted(own - set(text.split()))}"
            )
    unnamed = []
    for b in broken:
        pattern = rf"\brows? [\d, and]*\b{b.row}\b"
        lines = " ".join(ln for ln in output.splitlines() if re.search(pattern, ln))
        if not lines or not all(word in lines for word in b.expect):
            unnamed.append(f"row {b.row} ({b.what})")
    if not re.search(rf"row[s]? [^\n]*\b{outcome_row}\b", output):
        unnamed.append(f"outcomes row {outcome_row} (blank UPN)")
    _, alive = wait_for_no_processes(str(tmp), 15)
    left = leftovers(tmp, out)
    for problem in problems[:10]:
        print(f"  {label}: {problem}")
    for name in unnamed:
        print(f"  {label}: not named: {name}")
    shutil.rmtree(tmp, ignore_errors=True)
    return {
        "exit code": result.code,
        "seconds": f"{result.seconds:.1f}",
        "documents opened and checked": opened,
        "documents with another child's data": foreign,
        "documents missing their own data": missing_own,
        "tracebacks": result.tracebacks,
        "broken rows named": f"{len(broken) + 1 - len(unnamed)}/{len(broken) + 1}",
        "other problems": len(problems) - foreign - missing_own,
        "staged files left": len(left),
        "processes left after 15 s": len(alive),
        "peak RSS (largest process of the batch)": f"{result.peak_rss_mb:.0f} MB",
        "output": output,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--show", action="store_true", help="print the batch output")
    args = parser.parse_args()
    print(f"seed {args.seed}")
    pupils, broken, controls, outcome_row = build(args.seed)
    work = private_tmp("roster-work")
    csv_roster = write_csv_roster(pupils, work / "csv")
    xlsx_roster = write_xlsx_roster(excel_escaped(pupils), work / "roster.xlsx")
    print(
        f"{PUPILS} pupils; broken pupil rows {len(broken)} "
        f"({100 * len(broken) / PUPILS:.1f} %) + 1 outcome row; control-character rows "
        f"{[c + 2 for c in controls]}"
    )
    for b in broken:
        print(f"  row {b.row}: {b.what}")
    failed = False
    for label, roster in (("csv", csv_roster), ("xlsx", xlsx_roster)):
        figures = check_run(label, roster, pupils, broken, outcome_row, work)
        output = str(figures.pop("output"))
        if args.show:
            print(output)
        table(f"roster {label}", [(k, v) for k, v in figures.items()])
        failed |= bool(
            figures["tracebacks"]
            or figures["documents with another child's data"]
            or figures["staged files left"]
            or figures["documents missing their own data"]
            or figures["other problems"]
            or figures["broken rows named"] != f"{len(broken) + 1}/{len(broken) + 1}"
        )
    if args.keep:
        print(f"work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
