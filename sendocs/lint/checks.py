"""The public checks of a template: ``check_template``, ``used_fields``, ``test_render``.

They tie the parts together: prepare the .docx, parse each part with the
rendering environment, run the structural checks and the field walker, and
render the template with every sample context.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from sendocs.documents import DocumentKind
from sendocs.errors import TemplateError
from sendocs.lint.docx_parts import Part, prepare_parts
from sendocs.lint.problems import LintProblem
from sendocs.lint.samples import resolve_kind, sample_contexts
from sendocs.lint.structure import (
    BLOCK,
    OPENERS,
    hidden_tag_problems,
    structure_problems,
)
from sendocs.lint.walker import Walker
from sendocs.render.environment import get_environment


def check_template(template_path: str | Path, kind: str | DocumentKind) -> list[LintProblem]:
    """Every problem in a .docx template for document kind ``kind``, errors first.

    An empty list means the template uses only fields the kind provides and
    its tags are well formed. Raises :class:`TemplateError` if the file is not
    a Word document.
    """
    path = Path(template_path)
    document_kind = resolve_kind(kind)
    contexts = sample_contexts(document_kind)
    env = get_environment()
    problems: list[LintProblem] = []
    for part in prepare_parts(path):
        problems.extend(hidden_tag_problems(part))
        try:
            tree = env.parse(part.source)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                LintProblem(
                    f"template syntax error: {exc.message}",
                    part=part.name,
                    near=_syntax_near(part, exc),
                )
            )
            continue
        problems.extend(structure_problems(part))
        walker = Walker(contexts, env, part.near, part.name)
        walker.stmts(tree.body)
        problems.extend(walker.problems)
    problems.sort(key=lambda p: p.severity != "error")
    return problems


def _syntax_near(part: Part, exc: jinja2.TemplateSyntaxError) -> str:
    """Text near a syntax error; for an unclosed block, the text where it opens."""
    message = exc.message or ""
    if "end of template" in message:
        stack: list[int] = []
        for m in BLOCK.finditer(part.source):
            word = m.group(1)
            if word in OPENERS:
                stack.append(m.start())
            elif word.startswith("end") and stack:
                stack.pop()
        if stack:
            return part.near_offset(stack[-1])
    return part.near(exc.lineno or 0)


def used_fields(template_path: str | Path, kind: str | DocumentKind) -> list[str]:
    """The field paths a template uses that the kind provides (for reports)."""
    document_kind = resolve_kind(kind)
    contexts = sample_contexts(document_kind)
    env = get_environment()
    used: set[str] = set()
    for part in prepare_parts(Path(template_path)):
        try:
            tree = env.parse(part.source)
        except jinja2.TemplateSyntaxError:
            continue
        walker = Walker(contexts, env, part.near, part.name)
        walker.stmts(tree.body)
        used |= walker.used
    return sorted(used)


def test_render(template_path: str | Path, kind: str | DocumentKind) -> list[LintProblem]:
    """Render the template with every sample context; a problem per failing example."""
    from sendocs.render.docx import DocxRenderer

    renderer = DocxRenderer()
    problems: list[LintProblem] = []
    seen: set[str] = set()
    for context in sample_contexts(kind):
        try:
            renderer.render_bytes(Path(template_path), context)
        except TemplateError as exc:
            text = str(exc).split(": ", 1)[-1] if exc.template else str(exc)
            if text not in seen:
                seen.add(text)
                problems.append(LintProblem(f"test render failed: {text}"))
        except Exception as exc:
            problems.append(LintProblem(f"test render failed: {type(exc).__name__}: {exc}"))
    return problems


test_render.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
