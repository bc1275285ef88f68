"""A faster DOCX renderer for batches: docxtpl's XML clean-up done once per template.

docxtpl prepares every part of a template (body, headers, footers) on every
``render()``: it serialises the XML, runs ``patch_xml`` (a dozen regular
expressions that join Word's split runs back into ``{{ tags }}``) and compiles
the result with Jinja. For one template all of that gives the same answer for
every pupil, and measured on the shipped SEN support plan it is most of the
time a document takes (``patch_xml`` alone about half). :class:`FastDocxTemplate`
keeps the compiled Jinja template of each part, keyed by template file and part
name, in its renderer, and does per document only what depends on the data:
render, docxtpl's own post-processing (``resolve_listing``, ``fix_tables``,
``docPr`` ids), and saving.

This leans on docxtpl internals (``build_xml``, ``build_headers_footers_xml``,
``render_xml_part``'s post-processing), so ``tests/batch/test_fast_docx.py``
renders the same contexts with both renderers and requires identical document
XML. If a docxtpl upgrade breaks that test, use :class:`DocxRenderer` (set
``SENDOCS_PLAIN_DOCX=1``) until this module is updated.
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from sendocs.formatting import DEFAULT_LOCALE
from sendocs.render.docx import DocxRenderer, LiteralDocxTemplate
from sendocs.render.environment import strip_literal_marks

__all__ = ["FastDocxRenderer", "FastDocxTemplate", "make_renderer"]

_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_PARAGRAPH_MARK = re.compile(r"\n<w:p([ >])")


@dataclass(frozen=True)
class _PreparedPart:
    """One template part, patched and compiled; ``source`` is kept for error context."""

    source: str
    template: jinja2.Template
    encoding: str


class FastDocxTemplate(LiteralDocxTemplate):
    """A :class:`DocxTemplate` that takes its prepared parts from a shared cache."""

    def __init__(self, template_file: Any, parts: dict[str, _PreparedPart]) -> None:
        super().__init__(template_file)
        self._prepared = parts

    def _prepare(self, key: str, source: Callable[[], str], jinja_env: Any) -> _PreparedPart:
        prepared = self._prepared.get(key)
        if prepared is None:
            xml = source()
            encoding = self.get_headers_footers_encoding(xml)
            patched = _PARAGRAPH_START.sub(r"\n<w:p\1", self.patch_xml(xml))
            try:
                template = jinja_env.from_string(patched) if jinja_env else jinja2.Template(patched)
            except jinja2.TemplateError as exc:
                _attach_context(exc, patched)
                raise
            prepared = _PreparedPart(patched, template, encoding)
            self._prepared[key] = prepared
        return prepared

    def _render_prepared(self, prepared: _PreparedPart, part: Any, context: dict[str, Any]) -> str:
        """What ``render_xml_part`` does after compiling, unchanged."""
        self.current_rendering_part = part
        try:
            xml: str = prepared.template.render(context)
        except jinja2.TemplateError as exc:
            _attach_context(exc, prepared.source)
            raise
        xml = _PARAGRAPH_MARK.sub(r"<w:p\1", xml)
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
        xml = strip_literal_marks(xml)
        result: str = self.resolve_listing(xml)
        return result

    def build_xml(self, context: dict[str, Any], jinja_env: Any = None) -> str:
        prepared = self._prepare("body", self.get_xml, jinja_env)
        return self._render_prepared(prepared, self.docx._part, context)

    def build_headers_footers_xml(
        self, context: dict[str, Any], uri: str, jinja_env: Any = None
    ) -> Iterator[tuple[str, bytes]]:
        for rel_key, part in self.get_headers_footers(uri):
            prepared = self._prepare(
                str(part.partname), functools.partial(self.get_part_xml, part), jinja_env
            )
            xml = self._render_prepared(prepared, part, context)
            yield rel_key, xml.encode(prepared.encoding)


def _attach_context(exc: jinja2.TemplateError, source: str) -> None:
    """The document text around a Jinja error, as docxtpl gives it (for TemplateError)."""
    lineno = getattr(exc, "lineno", None)
    if lineno is not None:
        start = max(lineno - 4, 0)
        exc.docx_context = [  # type: ignore[attr-defined]
            re.sub(r"<[^>]+>", "", line) for line in source.splitlines()[start : start + 7]
        ]


class FastDocxRenderer(DocxRenderer):
    """:class:`DocxRenderer` with each template's parts prepared once per process."""

    def __init__(self, locale: str = DEFAULT_LOCALE) -> None:
        super().__init__(locale)
        self._parts: dict[Path, dict[str, _PreparedPart]] = {}

    def new_template(self, template: Path) -> DocxTemplate:
        parts = self._parts.setdefault(template.resolve(), {})
        return FastDocxTemplate(io.BytesIO(self.template_bytes(template)), parts)


def make_renderer(locale: str = DEFAULT_LOCALE) -> DocxRenderer:
    """The renderer batches use: the fast one, unless ``SENDOCS_PLAIN_DOCX=1``."""
    if os.environ.get("SENDOCS_PLAIN_DOCX") == "1":
        return DocxRenderer(locale)
    return FastDocxRenderer(locale)
