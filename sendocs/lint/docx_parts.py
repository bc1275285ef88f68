"""The template's body, headers and footers, prepared exactly as rendering prepares them.

docxtpl's ``patch_xml`` joins tags Word split across runs and straightens curly
quotes; linting the patched XML judges a Word-typed template the way it will be
rendered. Each part also maps a Jinja line number back to the document text
around it, so messages quote what the school sees rather than XML.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from docxtpl import DocxTemplate

from sendocs.errors import TemplateError


@dataclass
class Part:
    name: str
    source: str  # patched XML with a line break before each paragraph, as docxtpl renders it
    raw: str  # the XML before patching

    def text_of_line(self, lineno: int) -> str:
        lines = self.source.splitlines()
        if not 1 <= lineno <= len(lines):
            return ""
        return xml_text(lines[lineno - 1])

    def near(self, lineno: int) -> str:
        """The document text of the paragraph with ``lineno``, or the nearest one with text."""
        for offset in (0, -1, 1, -2, 2):
            text = self.text_of_line(lineno + offset)
            if text:
                return shorten(text)
        return ""

    def near_offset(self, offset: int) -> str:
        return self.near(self.source.count("\n", 0, offset) + 1)


def xml_text(xml: str) -> str:
    text = re.sub(r"<w:tab/>|</w:p>|<w:br/>", " ", xml)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    text = text.replace("&apos;", "'").replace("&amp;", "&")
    return re.sub(r"\s+", " ", text).strip()


def shorten(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def prepare_parts(template_path: Path) -> list[Part]:
    try:
        data = template_path.read_bytes()
    except OSError as exc:
        raise TemplateError(
            f"cannot read the template ({exc.strerror})", str(template_path)
        ) from None
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        parts = [_make_part("document", tpl.get_xml(), tpl)]
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                name = str(part.partname).rsplit("/", 1)[-1].removesuffix(".xml")
                parts.append(_make_part(name, tpl.get_part_xml(part), tpl))
    except (KeyError, ValueError, OSError) as exc:
        raise TemplateError(
            f"not a Word .docx file that can be read ({exc}); save it from Word as "
            "'Word Document (*.docx)'",
            str(template_path),
        ) from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors, python-docx package errors
        raise TemplateError(
            "not a Word .docx file (save it from Word as 'Word Document (*.docx)')"
            f" [{type(exc).__name__}]",
            str(template_path),
        ) from None
    return parts


def _make_part(name: str, raw: str, tpl: DocxTemplate) -> Part:
    patched = tpl.patch_xml(raw)
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
    return Part(name=name, source=source, raw=raw)
