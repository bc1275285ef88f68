"""Document kinds: what each document needs and how its context is built."""

from sendocs.documents.base import (
    DocumentCopy,
    DocumentKind,
    RenderOptions,
    safe_filename_part,
    with_recipient,
)
from sendocs.documents.registry import (
    ENTRY_POINT_GROUP,
    all_kinds,
    get_kind,
    register,
    reload_kinds,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "DocumentCopy",
    "DocumentKind",
    "RenderOptions",
    "all_kinds",
    "get_kind",
    "register",
    "reload_kinds",
    "safe_filename_part",
    "with_recipient",
]
