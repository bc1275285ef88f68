"""Page contents wrapped in ASCII85 over Flate are unwrapped, not recompressed, on saving.

reportlab (which draws the bundle's own index and image pages, and many generated
letters and reports) and some older PDF writers store page contents as Flate
data written out in ASCII85 text (``/Filter [/ASCII85Decode /FlateDecode]``).
On saving, qpdf decodes such a stream completely and compresses it again with
Flate: inflating and deflating every page's content, about 100 µs a page, most
of the time a bundle of such pages takes to save (benchmarks/bundle.py: 66 of
the 70 ms a bare merge of 650 pages spends saving). Removing only the ASCII85
layer leaves the very Flate data the page had, which qpdf copies as it is:
the same content, a quarter smaller than in ASCII85, and no recompression.

qpdf also recompresses a stream whose filter is Flate written as a one-element
array (``/Filter [/FlateDecode]``, as reportlab writes it): that filter is simply
rewritten as the name, which changes no byte of the data.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pikepdf
from pikepdf import Array, Name

__all__ = ["unwrap_ascii85_contents"]

log = logging.getLogger(__name__)


def unwrap_ascii85_contents(pdf: pikepdf.Pdf, documents: Sequence[range] | None = None) -> int:
    """Store every page content stream of ``pdf`` filtered ``[/ASCII85Decode /FlateDecode]``
    as its Flate data alone (``/FlateDecode``, the Flate parameters kept); how many.

    ``documents``: the page ranges of the documents ``pdf`` was made from; one whose
    first page has no such stream is passed over (one program wrote all its pages),
    which spares a bundle of Word and LibreOffice documents a look at every page. A
    stream whose ASCII85 text does not decode, or whose ASCII85 filter has
    parameters, is left as it was (qpdf then handles it as before). A stream
    shared by several pages is unwrapped once.
    """
    pages = list(pdf.pages)
    runs = [range(len(pages))] if documents is None else documents
    scratch = pikepdf.Stream(pdf, b"")  # decodes the ASCII85 layer alone (qpdf's decoder)
    seen: set[tuple[int, int]] = set()
    done = 0
    for run in runs:
        if documents is not None and (
            not run or not any(_recompressed(s) for s in _streams(pages[run[0]]))
        ):
            continue
        for i in run:
            for stream in _streams(pages[i]):
                if stream.objgen in seen:
                    continue
                seen.add(stream.objgen)
                filters = _filters(stream)
                if filters == _WRAPPED and _unwrap(stream, scratch):
                    done += 1
                elif filters == _ONE_FLATE:
                    _name_flate(stream)
                    done += 1
    return done


def _streams(page: pikepdf.Page) -> list[pikepdf.Stream]:
    raw = page.obj.get("/Contents")
    if isinstance(raw, pikepdf.Stream):
        return [raw]
    if isinstance(raw, Array):
        return [s for s in raw if isinstance(s, pikepdf.Stream)]
    return []


def _filters(stream: pikepdf.Stream) -> bytes | None:
    """The stream's filter array as qpdf writes it (None: a name, or no filter)."""
    filters = stream.get("/Filter")
    return filters.unparse() if isinstance(filters, Array) else None


def _recompressed(stream: pikepdf.Stream) -> bool:
    """Whether qpdf would decode and compress ``stream`` again when saving."""
    return _filters(stream) in (_WRAPPED, _ONE_FLATE)


def _name_flate(stream: pikepdf.Stream) -> None:
    """``[/FlateDecode]`` → ``/FlateDecode`` (and a one-element ``/DecodeParms`` array
    → its element): the same filter, which qpdf copies without recompressing."""
    stream.stream_dict.Filter = _FLATE
    params = stream.get("/DecodeParms")
    if isinstance(params, Array):
        if len(params) == 1 and isinstance(params[0], pikepdf.Dictionary):
            stream.stream_dict.DecodeParms = params[0]
        else:
            del stream.stream_dict["/DecodeParms"]


def _unwrap(stream: pikepdf.Stream, scratch: pikepdf.Stream) -> bool:
    """Replace ``stream``'s data by its Flate data (whether it could be)."""
    usable, flate_params = _flate_params(stream) if "/DecodeParms" in stream else (True, None)
    if not usable:
        return False
    try:
        scratch.write(stream.read_raw_bytes(), filter=_ASCII85, type_check=False)
        flate = scratch.read_bytes()
    except (pikepdf.PdfError, ValueError) as exc:
        log.debug("ASCII85 content not unwrapped: %r", exc)
        return False
    stream.write(flate, filter=_FLATE, decode_parms=flate_params, type_check=False)
    return True


_WRAPPED = b"[ /ASCII85Decode /FlateDecode ]"  # qpdf's unparsed form of the filter array
_ONE_FLATE = b"[ /FlateDecode ]"
_ASCII85 = Name("/ASCII85Decode")
_FLATE = Name("/FlateDecode")


def _flate_params(stream: pikepdf.Stream) -> tuple[bool, pikepdf.Dictionary | None]:
    """Whether the stream's ``/DecodeParms`` can be kept, and the Flate filter's part of
    them: not when the ASCII85 filter has some, or they are not an array of two."""
    params = stream.get("/DecodeParms")
    if params is None:
        return True, None
    if not isinstance(params, Array) or len(params) != 2:
        return False, None
    first, second = params[0], params[1]
    if first is not None and not (isinstance(first, pikepdf.Dictionary) and len(first) == 0):
        return False, None
    if second is None:
        return True, None
    if isinstance(second, pikepdf.Dictionary):
        return True, second
    return False, None
