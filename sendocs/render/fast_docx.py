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

Writing the file: python-docx's ``save()`` serialises and deflates every part
of the package, and the provenance stamp (:func:`sendocs.provenance.stamp_docx`)
then reads and deflates them all again. In a batch only the body, headers,
footers, core properties and the stamp differ between pupils, so
:meth:`FastDocxRenderer.render_stamped` keeps, per template, a skeleton: the
stamped package exactly as python-docx and ``stamp_docx`` write it, with the
unchanged members already deflated (:mod:`sendocs.render.zip_writer`). Per
document it renders the changing parts with python-docx's own parser and
serialiser (the same bytes ``save()`` writes) and copies the rest; the
template is not opened again. ``tests/batch/test_fast_docx.py`` requires every
member's bytes, and their order, to equal python-docx's ``save()`` followed by
``stamp_docx``. Templates with footnotes (rendered by docxtpl through the
package) take the ordinary path. Context values that add parts to the package
(docxtpl ``InlineImage``, ``Subdoc``, hyperlinked ``RichText``) need the
template object, which sendocs' context builders never have.
"""

from __future__ import annotations

import functools
import io
import os
import re
import struct
import types
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import jinja2
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate

from sendocs.formatting import DEFAULT_LOCALE
from sendocs.provenance import Provenance, stamp_docx
from sendocs.render.docx import DocxRenderer, LiteralDocxTemplate
from sendocs.render.environment import strip_literal_marks
from sendocs.render.zip_writer import ZipMember, assemble_zip, deflated_member

__all__ = ["FastDocxRenderer", "FastDocxTemplate", "make_renderer"]

_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_PARAGRAPH_MARK = re.compile(r"\n<w:p([ >])")
_LISTING_CHARACTERS = re.compile("[\t\a\n\f]")
"""What docxtpl's ``resolve_listing`` turns into tabs, paragraphs, line and page breaks;
with none of them in a part, its three nested regular-expression passes change nothing."""


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
        if _LISTING_CHARACTERS.search(xml) is None:
            return xml  # resolve_listing only rewrites text holding one of these: a no-op
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


_CORE_PART = "docProps/core.xml"
_CUSTOM_PART = "docProps/custom.xml"  # where stamp_docx puts the provenance (OOXML's name)
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


@dataclass
class _Skeleton:
    """One template's stamped package: deflated unchanged members, and what to render."""

    document: Any
    """The template opened once by python-docx; its body is replaced per document."""
    members: list[ZipMember | str]
    """Every member in python-docx's order: deflated bytes, or the name of a rendered part."""
    times: dict[str, tuple[int, int, int, int, int, int]]
    headers_footers: list[tuple[str, str, Any]]
    """(member name, prepared-part key, python-docx part), headers then footers."""
    core: bytes
    existing_custom: bytes | None


class _ZipDocxTemplate(FastDocxTemplate):
    """Renders the changing parts only and writes them into the template's skeleton."""

    def __init__(self, renderer: FastDocxRenderer, template: Path, stamp: Provenance) -> None:
        super().__init__(None, renderer.prepared_parts(template))
        self._renderer = renderer
        self._template = template
        self._stamp = stamp
        self._members: list[ZipMember] = []

    def render(
        self, context: dict[str, Any], jinja_env: Any = None, autoescape: bool = False
    ) -> None:
        """What :meth:`DocxTemplate.render` does, in the same order, on the skeleton."""
        skeleton = self._renderer.skeleton(self._template, self, jinja_env)
        document = skeleton.document
        self.docx_ids_index = 1000  # as render_init
        body = self._prepare("body", _unused, jinja_env)
        tree = self.fix_tables(self._render_prepared(body, document.part, context))
        self.fix_docpr_ids(tree)
        root = document.element
        root.replace(root.body, tree)  # docxtpl's map_tree
        rendered = {str(document.part.partname).lstrip("/"): serialize_part_xml(root)}
        for name, key, part in skeleton.headers_footers:
            prepared = self._prepare(key, _unused, jinja_env)
            xml = self._render_prepared(prepared, part, context).encode(prepared.encoding)
            rendered[name] = serialize_part_xml(parse_xml(xml))  # as XmlPart.load, then save
        core = parse_xml(skeleton.core)
        self.docx = cast(Any, types.SimpleNamespace(core_properties=CoreProperties(core)))
        self.render_properties(context, jinja_env)
        self.docx = None
        rendered[_CORE_PART] = serialize_part_xml(core)
        rendered[_CUSTOM_PART] = _stamped_custom(skeleton.existing_custom, self._stamp)
        self._members = [
            deflated_member(m, rendered[m], skeleton.times[m]) if isinstance(m, str) else m
            for m in skeleton.members
        ]
        self.is_rendered = True

    def save(self, filename: IO[bytes] | str | os.PathLike[str], *args: Any, **kwargs: Any) -> None:
        data = assemble_zip(self._members)
        if isinstance(filename, str | os.PathLike):
            Path(filename).write_bytes(data)
        else:
            filename.write(data)
        self.is_saved = True


def _unused() -> str:
    raise AssertionError("the skeleton prepares every part before a document renders")


def _stamped_custom(existing: bytes | None, stamp: Provenance) -> bytes:
    """The custom-properties part :func:`stamp_docx` writes for ``stamp``."""
    mini = io.BytesIO()
    with zipfile.ZipFile(mini, "w") as archive:
        if existing is not None:
            archive.writestr(_CUSTOM_PART, existing)
    with zipfile.ZipFile(io.BytesIO(stamp_docx(mini.getvalue(), stamp))) as archive:
        return archive.read(_CUSTOM_PART)


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> ZipMember:
    """A member of ``data`` (written by zipfile, deflated) with its deflated bytes as stored."""
    fields = _LOCAL_HEADER.unpack_from(data, info.header_offset)
    start = info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1]
    return ZipMember(
        info.filename,
        data[start : start + info.compress_size],
        info.CRC,
        info.file_size,
        info.date_time,
        info.external_attr,
    )


class FastDocxRenderer(DocxRenderer):
    """:class:`DocxRenderer` with each template's parts prepared once per process."""

    def __init__(self, locale: str = DEFAULT_LOCALE) -> None:
        super().__init__(locale)
        self._parts: dict[Path, dict[str, _PreparedPart]] = {}
        self._skeletons: dict[Path, _Skeleton | None] = {}
        self._stamp: Provenance | None = None

    def prepared_parts(self, template: Path) -> dict[str, _PreparedPart]:
        """The compiled parts of ``template`` kept by this renderer (filled on first use)."""
        return self._parts.setdefault(template.resolve(), {})

    def new_template(self, template: Path) -> DocxTemplate:
        if self._stamp is not None:
            return _ZipDocxTemplate(self, template, self._stamp)
        return FastDocxTemplate(
            io.BytesIO(self.template_bytes(template)), self.prepared_parts(template)
        )

    def render_stamped(self, template: Path, context: dict[str, Any], stamp: Provenance) -> bytes:
        """``stamp_docx(render_bytes(template, context), stamp)``, the same bytes in every
        member, without re-opening the template or re-deflating its unchanged parts."""
        if not self._can_skeleton(template):
            return stamp_docx(self.render_bytes(template, context), stamp)
        self._stamp = stamp
        try:
            return self.render_bytes(template, context)
        finally:
            self._stamp = None

    def _can_skeleton(self, template: Path) -> bool:
        key = template.resolve()
        if key not in self._skeletons:
            try:
                document = LiteralDocxTemplate(io.BytesIO(self.template_bytes(template)))
                document.init_docx()
                parts = {str(p.partname).lstrip("/"): p for p in document.docx.part.package.parts}
                usable = _CORE_PART in parts and not any(
                    p.content_type == _FOOTNOTES_TYPE for p in parts.values()
                )
            except Exception:  # a broken template: the ordinary path reports it as before
                usable = False
            if not usable:
                self._skeletons[key] = None
        return self._skeletons.get(key, True) is not None

    def skeleton(self, template: Path, owner: FastDocxTemplate, jinja_env: Any) -> _Skeleton:
        """The template's skeleton, made on first use with ``owner``'s part cache."""
        key = template.resolve()
        made = self._skeletons.get(key)
        if made is not None:
            return made
        document = LiteralDocxTemplate(io.BytesIO(self.template_bytes(template)))
        document.init_docx()
        owner.docx = document.docx  # to prepare (patch and compile) each part once
        try:
            owner._prepare("body", owner.get_xml, jinja_env)
            headers_footers = []
            for uri in (owner.HEADER_URI, owner.FOOTER_URI):
                for _, part in owner.get_headers_footers(uri):
                    key_name = str(part.partname)
                    owner._prepare(key_name, functools.partial(owner.get_part_xml, part), jinja_env)
                    headers_footers.append((key_name.lstrip("/"), key_name, part))
        finally:
            owner.docx = None
        buffer = io.BytesIO()
        document.docx.save(buffer)
        original = document.docx.part.package
        existing = next(
            (p.blob for p in original.parts if str(p.partname).lstrip("/") == _CUSTOM_PART), None
        )
        assert self._stamp is not None
        reference = stamp_docx(buffer.getvalue(), self._stamp)
        rendered = {
            str(document.docx.part.partname).lstrip("/"),
            *(name for name, _, _ in headers_footers),
            _CORE_PART,
            _CUSTOM_PART,
        }
        with zipfile.ZipFile(io.BytesIO(reference)) as archive:
            infos = archive.infolist()
            core = archive.read(_CORE_PART)
        made = _Skeleton(
            document=document.docx,
            members=[
                i.filename if i.filename in rendered else _raw_member(reference, i) for i in infos
            ],
            times={i.filename: i.date_time for i in infos},
            headers_footers=headers_footers,
            core=core,
            existing_custom=existing,
        )
        self._skeletons[key] = made
        return made


def make_renderer(locale: str = DEFAULT_LOCALE) -> DocxRenderer:
    """The renderer batches use: the fast one, unless ``SENDOCS_PLAIN_DOCX=1``."""
    if os.environ.get("SENDOCS_PLAIN_DOCX") == "1":
        return DocxRenderer(locale)
    return FastDocxRenderer(locale)
