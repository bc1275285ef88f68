"""Where shipped templates and example cases live, installed or in a checkout.

In a wheel they are package data under ``sendocs/_templates`` and
``sendocs/_fixtures``; in a source checkout they are the top-level
``templates/`` and ``fixtures/`` folders that SENCOs and developers edit.
"""

from __future__ import annotations

from pathlib import Path

from sendocs.errors import TemplateError

__all__ = ["fixtures_dir", "template_path", "templates_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _shipped(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / checkout


def templates_dir() -> Path:
    """The folder of shipped templates."""
    return _shipped("_templates", "templates")


def fixtures_dir() -> Path:
    """The folder of fictional example cases used by ``sendocs demo``."""
    return _shipped("_fixtures", "fixtures")


def template_path(name: str) -> Path:
    """A shipped template by file name, with a clear error if the install is broken."""
    path = templates_dir() / name
    if not path.is_file():
        raise TemplateError(
            "shipped template is missing: the installation is incomplete; reinstall sendocs",
            str(path),
        )
    return path
