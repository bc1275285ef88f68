"""Document kinds: what each document needs and how its context is built."""

from sendocs.documents.base import (
    DocumentKind,
    RenderOptions,
    all_kinds,
    get_kind,
    register,
    safe_filename_part,
)

__all__ = [
    "DocumentKind",
    "RenderOptions",
    "all_kinds",
    "get_kind",
    "register",
    "safe_filename_part",
]
