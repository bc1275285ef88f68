"""Rendering Word templates with docxtpl through the shared Jinja environment.

Template bytes are read once per process and kept; compiled templates are
cached by the environment. Jinja errors are translated into
:class:`~sendocs.errors.TemplateError` naming the template, the field and
the document text around the problem.

Bounds: the whole document (body, headers, footers, properties) renders
under one time budget (:mod:`sendocs.render.limits`); a template that hits a
limit, overflows a number, recurses too deeply or runs out of memory is a
:class:`~sendocs.errors.TemplateError` naming the template and the document
text near the line that did it, never a traceback.

Literal text: :class:`LiteralDocxTemplate` removes the marks the environment
puts around ``_`` in values once docxtpl has turned the template author's
``{_{`` into ``{{``, so case data reaches the document exactly as typed.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from sendocs.errors import TemplateError
from sendocs.files import atomic_write_bytes
from sendocs.formatting import DEFAULT_LOCALE
from sendocs.render.environment import get_environment, strip_literal_marks
from sendocs.render.limits import RenderLimits, TemplateLimitError, bounded, describe_failure

__all__ = ["DocxRenderer", "LiteralDocxTemplate"]


class LiteralDocxTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template with the environment's literal marks removed after each part."""

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
        xml: str = super().render_xml_part(src_xml, part, context, jinja_env)
        return strip_literal_marks(xml)

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """As docxtpl's (the text core properties are templates too), marks removed."""
        env = jinja_env or jinja2.Environment()
        properties = self.docx.core_properties
        for name in _TEXT_PROPERTIES:
            rendered = env.from_string(getattr(properties, name)).render(context)
            setattr(properties, name, strip_literal_marks(rendered))


_TEXT_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


class DocxRenderer:
    """Renders .docx templates; reuse one instance for many documents."""

    def __init__(self, locale: str = DEFAULT_LOCALE, limits: RenderLimits | None = None) -> None:
        self.environment = get_environment(locale)
        self.limits = limits
        self._templates: dict[Path, bytes] = {}

    def template_bytes(self, template: Path) -> bytes:
        """The template file's bytes, read once and checked to be a Word document."""
        template = template.resolve()
        data = self._templates.get(template)
        if data is None:
            try:
                data = template.read_bytes()
            except OSError as exc:
                raise TemplateError(
                    f"cannot read the template ({exc.strerror})", str(template)
                ) from None
            if not zipfile.is_zipfile(io.BytesIO(data)):
                raise TemplateError(
                    "not a Word .docx file (save it from Word as 'Word Document (*.docx)')",
                    str(template),
                )
            self._templates[template] = data
        return data

    def render_bytes(self, template: Path, context: dict[str, Any]) -> bytes:
        """Render ``template`` with ``context`` and return the .docx bytes."""
        doc = self.new_template(template)
        try:
            with bounded(self.limits or RenderLimits.from_env()):
                doc.render(context, jinja_env=self.environment)
        except TemplateLimitError as exc:
            raise TemplateError(
                f"the template was stopped: {exc.message}", str(template), _near(exc)
            ) from None
        except (OverflowError, MemoryError, RecursionError) as exc:
            # raised outside a Jinja render (docxtpl's own passes over a huge result)
            raise TemplateError(
                f"the template was stopped: {describe_failure(exc)}", str(template)
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"template syntax error: {exc.message}", str(template), _near(exc)
            ) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"the template uses a field that does not exist: {_undefined_name(exc)}",
                str(template),
            ) from None
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(
                f"the template tried something unsafe: {exc}", str(template)
            ) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"template error: {exc}", str(template), _near(exc)) from None
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()

    def new_template(self, template: Path) -> DocxTemplate:
        """A fresh docxtpl document for one render (subclasses may reuse prepared parts)."""
        return LiteralDocxTemplate(io.BytesIO(self.template_bytes(template)))

    def render_to(
        self, template: Path, context: dict[str, Any], output: Path, force: bool = False
    ) -> Path:
        """Render and write atomically to ``output``."""
        return atomic_write_bytes(output, self.render_bytes(template, context), force=force)


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    message = exc.message or str(exc)
    match = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", message)
    if match and match.group(2):
        return f"{match.group(2)} (on {match.group(1)})"
    if match:
        return match.group(1)
    return message


def _near(exc: jinja2.TemplateError) -> str:
    """The document text docxtpl (or the fast renderer) attached around the failing line."""
    return _shorten(" ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip()))


def _shorten(text: str, limit: int = 160) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
