"""Property: any text typed into any field of a case reaches every document intact.

Hypothesis puts hostile strings (XML specials, Jinja and docxtpl tag syntax,
characters XML forbids, bidi marks, emoji, very long words) into one or many
text fields of a fixture case, renders each kind that accepts the case, and
checks that

* the .docx opens (python-docx) and every XML part parses;
* no literal-text marker of the renderer is left behind;
* the text of every field the kind shows appears exactly as typed, after the
  documented cleaning (``clean_text`` removes characters XML forbids; line
  breaks and runs of spaces may re-flow; in free text that the ``paragraphs``
  filter lays out or a document collapses onto one line, the separator
  controls ``\x0b \x0c \x1c-\x1f`` print as a space rather than nothing), so
  nothing was evaluated either.

Budget: ``SENDOCS_HYPOTHESIS_EXAMPLES`` examples in all (default 200, about a
minute of CI); see docs/testing.md to run it long.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

import docx
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st
from lxml import etree

from sendocs.formatting import clean_text
from sendocs.models import Case
from tests.property.case_fields import (
    FieldPath,
    Target,
    document_text,
    get_path,
    render,
    squash,
    start_token,
    targets,
    with_text,
)

TOKENS = re.compile(r"Zq\d+x|Probe\d+qZ", re.IGNORECASE)  # some documents lower-case a field

#: Characters ``clean_text`` removes that Python counts as line breaks
#: (``str.splitlines``: ``\x0b \x0c \x1c-\x1e``) or whitespace (``str.split``:
#: also ``\x1f``), so text laid out in paragraphs or collapsed onto one line
#: (``" ".join(text.split())``) prints them as a space.
SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1f]")

EXAMPLES = max(int(os.environ.get("SENDOCS_HYPOTHESIS_EXAMPLES", "200")), 4)

PIECES = [
    "&",
    "<",
    ">",
    '"',
    "'",
    "&amp;",
    "&#x41;",
    "<w:t>",
    "</w:p>",
    "]]>",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ 7*7 }}",
    "{{7*7}}",
    "{% if x %}",
    "{%p if x %}",
    "{%tr for r in rows %}",
    "{% endfor %}",
    "{_{",
    "}_}",
    "{_%",
    "%_}",
    "{_{x}_}",
    "\x01",
    "\x00",
    "\x0b",
    "\x1f",
    "\x7f",
    "\ufffe",
    "\r\n",
    "\n\n",
    "\t",
    "\u200f",
    "\u202e",
    "\u200b",
    "\u2066",
    "\ufeff",
    "😀",
    "👩‍👩‍👧",
    "ǅ",
    "İ",
    "e\u0301",
    "ﷺ",
    "مرحبا",
    "שָׁלוֹם",
    "x" * 300,
    "_",
    "\\",
    "$",
    "%",
]

#: Any character but lone surrogates (which YAML, JSON and Word cannot carry).
CHARACTERS = st.characters(exclude_categories=["Cs"])

HOSTILE = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(CHARACTERS, min_size=1, max_size=12)),
    min_size=1,
    max_size=6,
).map("".join)

COMMON = {
    "deadline": None,
    "derandomize": os.environ.get("SENDOCS_HYPOTHESIS_RANDOM") != "1",
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much],
}

TARGETS = st.sampled_from(targets())


def accepted(target: Target, case: Case | None) -> Case:
    """The case, if the model and the kind accept it; otherwise the example is discarded."""
    if case is None:
        event("discarded: the model refuses the text")
    elif target.kind.check(case, target.options):
        event("discarded: the kind no longer accepts the case")
    assume(case is not None and not target.kind.check(case, target.options))
    assert case is not None
    return case


def check_document(target: Target, case: Case, fields: list[FieldPath]) -> None:
    data = render(target.kind, case, target.options)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                part = package.read(name)
                etree.fromstring(part)  # raises if any part is broken
                assert b"\x01" not in part, name
    docx.Document(io.BytesIO(data))
    text = squash(document_text(data))
    shown = 0
    for path in fields:
        if start_token(target.free.index(path)) not in text:
            continue  # the kind does not print this field (here)
        shown += 1
        typed = str(get_path(case, path))
        expected = squash(clean_text(typed))
        note(f"{target.label} {path}: {expected!r}")
        if expected not in text and SEPARATORS.search(typed):
            # Free text goes through the `paragraphs` filter, whose line splitting
            # treats these as line breaks, or is collapsed onto one line with
            # str.split(): either way they print as a space, not nothing.
            event("a separator control character printed as a space")
            expected = squash(clean_text(SEPARATORS.sub(" ", typed)))
        assert expected in text, (target.label, path, expected)
    event(f"fields checked verbatim: {min(shown, 3)}{'+' if shown > 3 else ''}")


@settings(max_examples=EXAMPLES * 6 // 10, **COMMON)  # type: ignore[arg-type]
@given(target=TARGETS, data=st.data(), value=HOSTILE)
def test_one_field(target: Target, data: st.DataObject, value: str) -> None:
    pool = target.shown or target.free
    path = data.draw(st.sampled_from(pool), label="field")
    case = accepted(target, with_text(target.case, {path: target.bracket(path, value)}))
    check_document(target, case, [path])


@settings(max_examples=EXAMPLES * 4 // 10, **COMMON)  # type: ignore[arg-type]
@given(target=TARGETS, data=st.data())
def test_many_fields(target: Target, data: st.DataObject) -> None:
    shown = data.draw(
        st.lists(st.sampled_from(target.shown), min_size=1, max_size=20, unique=True),
        label="fields shown",
    )
    others = data.draw(
        st.lists(st.sampled_from(target.free), max_size=20, unique=True), label="other fields"
    )
    paths = list(dict.fromkeys([*shown, *others]))
    values = data.draw(st.lists(HOSTILE, min_size=len(paths), max_size=len(paths)))
    typed = {p: target.bracket(p, v) for p, v in zip(paths, values, strict=True)}
    case = accepted(target, with_text(target.case, typed))
    check_document(target, case, paths)


def test_tags_in_every_shown_field_stay_text() -> None:
    """Every shown field of every kind at once: tag syntax printed, never evaluated."""
    typed = "{{ 7*7 }} {% if x %} {_{x}_} {#c#}"
    for target in targets():
        case = with_text(target.case, {p: target.bracket(p, typed) for p in target.shown})
        assert case is not None, target.label
        text = squash(document_text(render(target.kind, case, target.options)))
        before = squash(document_text(render(target.kind, target.case, target.options)))
        outside = TOKENS.sub("", text.replace(typed, ""))
        assert outside.count("49") <= before.count("49"), target.label
        assert text.count(typed) >= len(target.shown) // 4, target.label


@settings(max_examples=1, **COMMON)  # type: ignore[arg-type]
@given(st.just("&\x1f&"))
def test_unit_separator_in_text_collapsed_onto_one_line(value: str) -> None:
    """Found by a 10,000-example run: the assessment request collapses the attainment
    history onto one line with ``str.split()``, which counts ``\\x1f`` as a space."""
    target = next(t for t in targets() if t.label == "assessment-request:kai-thompson")
    path: FieldPath = ("cycles", 1, "assess", "attainment")
    assert path in target.shown
    case = with_text(target.case, {path: target.bracket(path, value)})
    assert case is not None
    check_document(target, case, [path])
