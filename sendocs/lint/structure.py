"""Checks on the Word structure around tags, which Jinja itself cannot see.

A plain ``{% for %}`` spread over table cells corrupts the table (it must be
``{%tr for %}``); one spread over paragraphs leaves empty paragraphs (it should
be ``{%p for %}``). Tags in hidden text, deleted tracked changes or field codes
are invisible in Word but still rendered.
"""

from __future__ import annotations

import re

from sendocs.lint.docx_parts import Part, shorten, xml_text
from sendocs.lint.problems import LintProblem

BLOCK = re.compile(r"\{%-?\s*(\w+)")
OPENERS = {"for": "endfor", "if": "endif"}


def _last(text: str, pattern: re.Pattern[str], end: int) -> int:
    last = -1
    for m in pattern.finditer(text, 0, end):
        last = m.start()
    return last


_P_OPEN = re.compile(r"<w:p[ >]")
_P_CLOSE = re.compile(r"</w:p>")
_TC_OPEN = re.compile(r"<w:tc[ >]")
_TC_CLOSE = re.compile(r"</w:tc>")


def _paragraph_at(xml: str, pos: int) -> int | None:
    """Start of the paragraph containing ``pos``, or None if ``pos`` is between paragraphs."""
    start = _last(xml, _P_OPEN, pos)
    return start if start > _last(xml, _P_CLOSE, pos) else None


def _in_cell(xml: str, pos: int) -> bool:
    return _last(xml, _TC_OPEN, pos) > _last(xml, _TC_CLOSE, pos)


def structure_problems(part: Part) -> list[LintProblem]:
    """Block tags that open in one paragraph (or cell) and close in another."""
    xml = part.source
    problems: list[LintProblem] = []
    stack: list[tuple[str, int]] = []
    for m in BLOCK.finditer(xml):
        word = m.group(1)
        if word in OPENERS:
            stack.append((word, m.start()))
        elif word in ("endfor", "endif") and stack:
            opener, start = stack.pop()
            if OPENERS.get(opener) != word:
                continue  # Jinja's own syntax check reports the mismatch
            first, second = _paragraph_at(xml, start), _paragraph_at(xml, m.start())
            if first is None or second is None or first == second:
                continue
            if _in_cell(xml, start) or _in_cell(xml, m.start()):
                problems.append(
                    LintProblem(
                        f"a plain {{% {opener} %}} inside a table ends in another cell or row; "
                        f"in tables write {{%tr {opener} … %}} and {{%tr {word} %}}, each in "
                        "a row of its own (a plain one corrupts the table)",
                        part=part.name,
                        near=part.near_offset(start),
                    )
                )
            else:
                problems.append(
                    LintProblem(
                        f"{{% {opener} %}} and {{% {word} %}} are in different paragraphs, "
                        f"which leaves empty paragraphs behind; write {{%p {opener} … %}} and "
                        f"{{%p {word} %}}, each in a paragraph of its own",
                        severity="warning",
                        part=part.name,
                        near=part.near_offset(start),
                    )
                )
    return problems


_HIDDEN_RUN = re.compile(r"<w:r[ >](?:(?!</w:r>).)*?<w:vanish/>(?:(?!</w:r>).)*?</w:r>", re.S)
_DELETED = re.compile(r"<w:delText[^>]*>([^<]*)</w:delText>")
_INSTR = re.compile(r"<w:instrText[^>]*>([^<]*)</w:instrText>")
_TAG_START = re.compile(r"\{\{|\{%|\}\}|%\}")


def hidden_tag_problems(part: Part) -> list[LintProblem]:
    """Tags the school cannot see in Word but that would still be rendered."""
    problems = []
    checks = (
        (_HIDDEN_RUN, "is formatted as hidden text"),
        (_DELETED, "is in deleted text of a tracked change (accept or reject all changes)"),
        (_INSTR, "is inside a Word field code (press Alt+F9 in Word to see it)"),
    )
    for pattern, why in checks:
        for m in pattern.finditer(part.raw):
            if _TAG_START.search(xml_text(m.group(0))):
                problems.append(
                    LintProblem(
                        f"a template tag {why}; the school cannot see it in Word but it "
                        "will still be filled in",
                        severity="warning",
                        part=part.name,
                        near=shorten(xml_text(m.group(0))),
                    )
                )
    return problems
