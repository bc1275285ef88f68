"""Test doubles for code that uses sendocs, like ``httpx.MockTransport``.

:class:`FakeConverter` satisfies :class:`sendocs.Converter` without
LibreOffice: each PDF is one page listing the source's file name and text,
so a test can check that the right content reached the right PDF in
milliseconds::

    from sendocs.testing import FakeConverter

    with FakeConverter() as fake:
        sendocs.render_document("iep", case, out, fmt="pdf", converter=fake)
    assert fake.calls[0].sources[0].name.endswith(".docx")

Tests that claim real PDF output works must use LibreOffice instead (they are
marked ``libreoffice`` in sendocs' own suite).
"""

from __future__ import annotations

from sendocs.render.convert import ConversionCall, FakeConverter

__all__ = ["ConversionCall", "FakeConverter"]
