"""XFA (Adobe LiveCycle) forms: what a bundle can show of them.

Councils' older forms are often XFA. A *static* XFA form also carries
ordinary AcroForm fields and page content drawn the same way, so the bundle
keeps that and drops the /XFA layer: every viewer (and every printer) then
shows the same thing, instead of Adobe Reader alone re-drawing the pages from
XFA data the other viewers ignore. A *dynamic* XFA form has no usable pages:
anything but Adobe Reader shows only "Please wait…", so the bundle refuses it
with what the solicitor can do (print it to PDF from Adobe Reader).
"""

from __future__ import annotations

from typing import Literal

import pikepdf
from pikepdf import Array, Dictionary

__all__ = ["DYNAMIC_XFA_REASON", "XFA_DROPPED_NOTE", "drop_xfa", "xfa_kind"]

DYNAMIC_XFA_REASON = (
    "this is a dynamic XFA form (Adobe LiveCycle), whose pages other PDF viewers show only as "
    "“Please wait…”: open it in Adobe Reader and print it to PDF, then add the printed copy"
)
XFA_DROPPED_NOTE = (
    "it is an XFA (LiveCycle) form: its ordinary form pages are included, "
    "so every viewer shows what it prints"
)

XfaKind = Literal["static", "dynamic"]


def xfa_kind(pdf: pikepdf.Pdf) -> XfaKind | None:
    """``"dynamic"``, ``"static"`` or None (no XFA) for an opened document.

    Dynamic: the catalogue says it needs rendering (/NeedsRendering true), or
    its AcroForm has the /XFA layer and no fields at all (LiveCycle's dynamic
    forms keep nothing else). Static: an /XFA layer beside AcroForm fields.
    """
    root = pdf.Root
    form = root.get("/AcroForm")
    if not isinstance(form, Dictionary) or "/XFA" not in form:
        return None
    needs_rendering = root.get("/NeedsRendering")
    if isinstance(needs_rendering, bool) and needs_rendering:
        return "dynamic"
    fields = form.get("/Fields")
    if not isinstance(fields, Array) or len(fields) == 0:
        return "dynamic"
    return "static"


def drop_xfa(pdf: pikepdf.Pdf) -> bool:
    """Remove the /XFA layer (and /NeedsRendering) in memory; True if there was one."""
    root = pdf.Root
    form = root.get("/AcroForm")
    dropped = False
    if isinstance(form, Dictionary) and "/XFA" in form:
        del form["/XFA"]
        dropped = True
    if "/NeedsRendering" in root:
        del root["/NeedsRendering"]
    return dropped
