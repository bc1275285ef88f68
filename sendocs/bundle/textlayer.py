"""Finding pages without a text layer (scans) cheaply, without extracting text.

A page is "image only" when it draws an image and shows no text: no text-showing
operator (``Tj``, ``TJ``, ``'``, ``"``) in its content or in the forms it uses. Fonts alone
prove nothing (some generators list Helvetica on every page), and running a
full text extraction on every page would cost more than the whole merge.
"""

from __future__ import annotations

import re
from typing import Any

from pypdf import PageObject, PdfReader

__all__ = ["image_only_pages", "page_is_image_only"]

# text-showing operators: Tj and TJ after their operand, ' and " after a string
_SHOW_TEXT = re.compile(rb"[\s\)\]>]T[jJ](?![A-Za-z0-9])|\)\s*['\"]")
_MAX_DEPTH = 4


def _forms_and_images(resources: Any, depth: int = 0) -> tuple[list[Any], bool]:
    """The form XObjects reachable from ``resources`` and whether any image is."""
    forms: list[Any] = []
    has_image = False
    if resources is None or depth > _MAX_DEPTH:
        return forms, has_image
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return forms, has_image
    for ref in xobjects.get_object().values():
        xobj = ref.get_object()
        subtype = xobj.get("/Subtype")
        if subtype == "/Image":
            has_image = True
        elif subtype == "/Form":
            forms.append(xobj)
            sub_forms, sub_image = _forms_and_images(xobj.get("/Resources"), depth + 1)
            forms += sub_forms
            has_image = has_image or sub_image
    return forms, has_image


def page_is_image_only(page: PageObject) -> bool:
    """Whether the page draws an image but no text (inline images are not looked at)."""
    forms, has_image = _forms_and_images(page.get("/Resources"))
    if not has_image:
        return False
    contents = page.get_contents()
    streams = [contents.get_data()] if contents is not None else []
    streams += [form.get_data() for form in forms]
    return not any(_SHOW_TEXT.search(data) for data in streams)


def image_only_pages(reader: PdfReader) -> list[int]:
    """0-based indices of the pages of ``reader`` that are images without a text layer."""
    return [i for i, page in enumerate(reader.pages) if page_is_image_only(page)]
