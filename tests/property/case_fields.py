"""The text fields of the case model, and which of them each document kind shows.

Fields are found by walking the model, so a field added to the model is
covered without touching the tests: every ``str`` value in a fixture case and
every empty ``str | None`` field. A field takes part only if the model
accepts free text in it (a probe value validates), and a field counts as
*shown* by a kind when a probe token put in it appears whole in that kind's
document (with every other field probed too). Whether a field is shown can
depend on other fields (a column printed only when some row has data), so
the tests put each hostile value between two tokens of its field
(:meth:`Target.bracket`) and require it verbatim wherever its first token
appears.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import types
import typing
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from pydantic import BaseModel, ValidationError

from sendocs.documents import DocumentKind, RenderOptions, all_kinds
from sendocs.loading import load_case
from sendocs.models import Case
from sendocs.render.fast_docx import FastDocxRenderer
from tests.conftest import CASES

FieldPath = tuple[str | int, ...]

#: Dates tried in turn so that each kind accepts a fixture (a follow-up letter
#: needs the authority's 6 weeks to have passed).
DATES = (dt.date(2026, 11, 2), dt.date(2027, 3, 1))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _accepts_str(annotation: Any) -> bool:
    if annotation is str:
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _accepts_str(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_accepts_str(arg) for arg in typing.get_args(annotation))
    return False


def text_paths(value: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    """Every place in a case that holds, or could hold, free text."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            item = getattr(value, name)
            if item is None and _accepts_str(info.annotation):
                yield (*path, name)
            else:
                yield from text_paths(item, (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from text_paths(item, (*path, index))
    elif isinstance(value, str) and not isinstance(value, Enum):
        yield path


def set_path(data: Any, path: FieldPath, value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def get_path(data: Any, path: FieldPath) -> Any:
    for key in path:
        data = data[key] if isinstance(key, int) else getattr(data, key)
    return data


def with_text(case: Case, values: dict[FieldPath, str]) -> Case | None:
    """``case`` with the text at each path replaced, validated; None if the model refuses it."""
    data = case.model_dump(mode="python")
    for index, parent in enumerate(data.get("parents") or []):
        # ``name`` is worked out from forenames and surname; dumped back it would
        # pin the old name and refuse every change to the structured parts.
        if (parent.get("forenames") or parent.get("surname")) and (
            "parents",
            index,
            "name",
        ) not in values:
            parent["name"] = None
    for path, value in values.items():
        set_path(data, path, value)
    try:
        return Case.model_validate(copy.deepcopy(data))
    except ValidationError:
        return None


@dataclass(frozen=True)
class Target:
    """One fixture case, one kind that accepts it, and the free-text fields it shows."""

    case_name: str
    case: Case
    kind: DocumentKind
    options: RenderOptions
    free: tuple[FieldPath, ...]
    shown: tuple[FieldPath, ...]

    @property
    def label(self) -> str:
        return f"{self.kind.name}:{self.case_name}"

    def __repr__(self) -> str:
        return f"Target({self.label})"

    def bracket(self, path: FieldPath, text: str) -> str:
        """``text`` between two tokens unique to the field, so the test can find it."""
        index = self.free.index(path)
        return f"{start_token(index)} {text} {end_token(index)}"


_RENDERER = FastDocxRenderer()


def render(kind: DocumentKind, case: Case, options: RenderOptions) -> bytes:
    return _RENDERER.render_bytes(kind.template_path(options), kind.build_context(case, options))


def document_text(data: bytes) -> str:
    """The text of the body, headers and footers, paragraph by paragraph."""
    lines: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                continue
            root = etree.fromstring(package.read(name))
            for paragraph in root.iter(f"{W}p"):
                parts = []
                for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
                    parts.append(node.text or "" if node.tag == f"{W}t" else " ")
                lines.append("".join(parts))
    return "\n".join(lines)


def squash(text: str) -> str:
    """Whitespace collapsed: docxtpl and the paragraph filter re-flow line breaks."""
    return " ".join(text.split())


def start_token(index: int) -> str:
    return f"Zq{index}x"


def end_token(index: int) -> str:
    return f"Probe{index}qZ"


def _token(index: int) -> str:
    return f"{start_token(index)} {end_token(index)}"


@cache
def targets() -> tuple[Target, ...]:
    """Every (fixture case, accepting kind) with the fields that kind shows verbatim."""
    found: list[Target] = []
    for case_file in sorted(Path(CASES).glob("*.yaml")):
        case = load_case(case_file).case
        free = [p for p in text_paths(case) if with_text(case, {p: "a & <b> {{ 7*7 }}"})]
        probe = with_text(case, {p: _token(i) for i, p in enumerate(free)})
        assert probe is not None, case_file
        for kind in all_kinds():
            options = next(
                (
                    RenderOptions(date=d)
                    for d in DATES
                    if not kind.check(case, RenderOptions(date=d))
                ),
                None,
            )
            if options is None:
                continue
            kept = free
            if kind.check(probe, options):
                # An optional field whose text changes what the kind accepts (a
                # letter before claim refuses a stated reg 5(4) exception) is left
                # out of this kind's fields, so the kind is still tested.
                kept = [
                    p
                    for i, p in enumerate(free)
                    if get_path(case, p) is not None
                    or not kind.check(with_text(case, {p: _token(i)}) or case, options)
                ]
                probe_kept = with_text(case, {p: _token(free.index(p)) for p in kept})
                if probe_kept is None or kind.check(probe_kept, options):
                    continue
                probe_for_kind = probe_kept
            else:
                probe_for_kind = probe
            text = squash(document_text(render(kind, probe_for_kind, options)))
            shown = tuple(p for i, p in enumerate(free) if p in kept and _token(i) in text)
            found.append(Target(case_file.stem, case, kind, options, tuple(kept), shown))
    return tuple(found)
