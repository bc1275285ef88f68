"""The plan and the s.68 letter cost every line as the pupil's provision map does.

Both documents' ``provision`` rows carry the line's hours and cost for templates
that print them (docs/templates.md); a figure that differs from the map's for the
same line would put two prices for one piece of support in front of a parent. For
every fixture, a template printing those fields is rendered and read back beside
the map's Word file.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from sendocs.documents import RenderOptions, get_kind
from sendocs.documents.provision_map import PROVISION_MAP
from sendocs.render.docx import DocxRenderer

from .helpers import CASES, DOCUMENT_DATE, all_text, load, open_docx, render_case, render_kind
from .test_provision_map import rows

FIXTURES = sorted(p.stem for p in CASES.glob("*.yaml"))
MONEY = re.compile(r"£[\d,]+\.\d\d")


def _template(tmp_path: Path, loop: str) -> Path:
    """A user's template that prints each line's intervention, cost and hours."""
    document = docx.Document()
    document.add_paragraph(f"{{%p for row in {loop} %}}")
    document.add_paragraph(
        "LINE|{{ row.intervention }}|{{ row.annual_cost|money }}|{{ row.hours_text }}"
        "|{{ row.hours_per_year_text }}"
    )
    document.add_paragraph("{%p endfor %}")
    path = tmp_path / f"{loop.replace('.', '_')}.docx"
    document.save(str(path))
    return path


def _printed_lines(data: bytes) -> list[tuple[str, str, str]]:
    out = []
    for p in open_docx(data).paragraphs:
        if p.text.startswith("LINE|"):
            _, name, cost, hours, hours_again = p.text.split("|")
            assert hours == hours_again
            out.append((name, cost, hours))
    return out


def _map_lines(data: bytes) -> list[tuple[str, str, str]]:
    """(intervention, pupil's share, hours) for every costed row of the map, and for each
    line listed apart as ordinary class teaching (no cost, no extra time)."""
    tables = open_docx(data).tables
    table = rows(tables[1])
    header = table[0]
    hours_at = header.index("Hours")
    out = []
    for row in table[1:]:
        if len(row) != len(header):
            continue  # area headings, subtotals
        out.append((row[0].split("\n")[0], row[-1].split("\n")[0], row[hours_at]))
    apart = rows(tables[2])
    if apart[0][0] == "What the class teacher does":
        out += [
            (row[0].split("\n")[0], "£0.00", "Part of class teaching: no extra time")
            for row in apart[1:]
        ]
    return out


@pytest.mark.parametrize("name", FIXTURES)
def test_plan_and_letter_lines_cost_what_the_map_costs(name: str, tmp_path: Path) -> None:
    case = load(name)
    expected = sorted(_map_lines(render_kind(case, PROVISION_MAP)))
    assert expected, f"{name}: the map prints no costed rows"
    assert all(MONEY.fullmatch(cost) for _, cost, _ in expected), expected

    plan = render_case(case, "iep", _template(tmp_path, "plan.provision"))
    assert sorted(_printed_lines(plan)) == expected

    kind = get_kind("parent-notification")
    if kind.check is None or not kind.check(case, RenderOptions(date=DOCUMENT_DATE)):
        options = RenderOptions(date=DOCUMENT_DATE, template=_template(tmp_path, "provision"))
        letter = DocxRenderer().render_bytes(
            kind.template_path(options), kind.build_context(case, options)
        )
        assert sorted(_printed_lines(letter)) == expected


@pytest.mark.parametrize("name", FIXTURES)
def test_built_in_plan_and_letter_print_no_other_figure(name: str) -> None:
    """Whatever money the built-in plan and letter print is a figure of the map."""
    case = load(name)
    map_figures = set(MONEY.findall(all_text(render_kind(case, PROVISION_MAP))))
    for kind in ("iep", "parent-notification"):
        check = get_kind(kind).check
        if check is not None and check(case, RenderOptions(date=DOCUMENT_DATE)):
            continue
        printed = set(MONEY.findall(all_text(render_case(case, kind))))
        assert printed <= map_figures, (kind, printed - map_figures)
