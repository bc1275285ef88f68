"""Provenance: what made a document, stamped into the document itself.

A school asked months later "which version, which template, which case data
made this letter?" can answer from the file alone: every Word document
sendocs makes carries five custom document properties (Word: File > Info >
Properties > Advanced properties > Custom), and every PDF the same five keys
in its document information dictionary and its XMP metadata:

* ``sendocs version`` — the sendocs release that made it;
* ``sendocs kind`` — the document kind (``iep``, ``parent-notification`` …);
* ``sendocs template SHA-256`` — the exact bytes of the Word template used;
* ``sendocs case SHA-256`` — the case data as read (canonical JSON of the
  case, so re-indenting a YAML file does not change it; a roster row gets
  one too);
* ``sendocs document date`` — the date the document carries.

No personal data is stamped: hashes only. The stamp is deterministic (no
clock, no random ids), so rendering the same case twice gives the same bytes
and the batch/render byte-identity guarantees hold. ``sendocs inspect FILE``
prints the stamp.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

__all__ = [
    "PROPERTY_NAMES",
    "Provenance",
    "carry_to_pdf",
    "case_sha256",
    "file_sha256",
    "for_document",
    "read_provenance",
    "stamp_docx",
    "stamp_pdf",
    "stamp_pdf_bytes",
]

PROPERTY_NAMES = {
    "version": "sendocs version",
    "kind": "sendocs kind",
    "template_sha256": "sendocs template SHA-256",
    "case_sha256": "sendocs case SHA-256",
    "document_date": "sendocs document date",
}
"""Field → the property name a reader sees in Word, Acrobat or ``sendocs inspect``."""

_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one Word uses for user properties
_PDF_KEYS = {
    field: "/Sendocs" + "".join(w.title() for w in name.split()[1:]).replace("-", "")
    for field, name in PROPERTY_NAMES.items()
}
_XMP_NS = "urn:sendocs:provenance:1.0:"


@dataclass(frozen=True)
class Provenance:
    """The five facts stamped into a document."""

    version: str
    kind: str
    template_sha256: str
    case_sha256: str
    document_date: dt.date

    def as_strings(self) -> dict[str, str]:
        """Property name → value, in a fixed order."""
        return {
            PROPERTY_NAMES["version"]: self.version,
            PROPERTY_NAMES["kind"]: self.kind,
            PROPERTY_NAMES["template_sha256"]: self.template_sha256,
            PROPERTY_NAMES["case_sha256"]: self.case_sha256,
            PROPERTY_NAMES["document_date"]: self.document_date.isoformat(),
        }


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def case_sha256(case: Any) -> str:
    """SHA-256 of the case as read: canonical JSON of the model (sorted keys, no spaces)."""
    data = case.model_dump(mode="json") if hasattr(case, "model_dump") else case
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- Word ---------------------------------------------------------------------------------


def _custom_xml(props: Mapping[str, str], keep: str | None) -> bytes:
    """The custom properties part: the document's own properties kept, ours replaced."""
    entries: list[tuple[str, str]] = []
    if keep:
        for match in re.finditer(
            r"<property\b[^>]*\bname=\"([^\"]*)\"[^>]*>(.*?)</property>", keep, re.S
        ):
            name = match.group(1)
            if name not in props:
                entries.append((name, match.group(2)))
    entries += [
        (escape(name, {'"': "&quot;"}), f"<vt:lpwstr>{escape(value)}</vt:lpwstr>")
        for name, value in props.items()
    ]
    body = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{name}">{value}</property>'
        for pid, (name, value) in enumerate(entries, start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{body}</Properties>'
    ).encode()


def stamp_docx(data: bytes, info: Provenance) -> bytes:
    """``data`` (a .docx) with ``info`` as custom document properties.

    Every other part is copied byte for byte, in the same order, with the
    same timestamps; the result depends only on ``data`` and ``info``.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    existing = source.read(_CUSTOM_PART).decode("utf-8") if _CUSTOM_PART in names else None
    custom = _custom_xml(info.as_strings(), existing)
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == _CUSTOM_PART:
                part = custom
            elif item.filename == "[Content_Types].xml" and _CUSTOM_TYPE.encode() not in part:
                part = part.replace(
                    b"</Types>",
                    f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/>'
                    "</Types>".encode(),
                )
            elif item.filename == "_rels/.rels" and _CUSTOM_REL.encode() not in part:
                part = part.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdSendocsProvenance" Type="{_CUSTOM_REL}" '
                    f'Target="{_CUSTOM_PART}"/></Relationships>'.encode(),
                )
            target.writestr(_copy_info(item), part)
        if existing is None:
            target.writestr(
                _copy_info(zipfile.ZipInfo(_CUSTOM_PART, (1980, 1, 1, 0, 0, 0))), custom
            )
    return out.getvalue()


def _copy_info(item: zipfile.ZipInfo) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(item.filename, item.date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = item.external_attr
    return info


def _read_docx(path: Path) -> dict[str, str]:
    """The stamp in a .docx (or an .xlsx: the same custom properties part)."""
    with zipfile.ZipFile(path) as z:
        if _CUSTOM_PART not in z.namelist():
            return {}
        xml = z.read(_CUSTOM_PART).decode("utf-8")
    import xml.etree.ElementTree as ET

    found = {}
    for prop in ET.fromstring(xml):
        name = prop.get("name", "")
        if name.startswith("sendocs ") and len(prop):
            found[name] = prop[0].text or ""
    return found


# -- PDF ----------------------------------------------------------------------------------


def stamp_pdf(path: str | Path, info: Provenance, *, xmp: bool = True) -> None:
    """Add ``info`` to a PDF's information dictionary and XMP metadata, in place.

    pikepdf keeps the PDF otherwise as LibreOffice wrote it (a PDF/A file
    stays PDF/A: the XMP is updated with the same keys, under sendocs' own
    namespace). Written with a fixed document id, so the same input gives the
    same bytes. ``xmp=False`` (PDF/A output) leaves the XMP alone: PDF/A
    allows custom XMP properties only with an extension schema.
    """
    import pikepdf

    path = Path(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        values = info.as_strings()
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta.register_xml_namespace(_XMP_NS, "sendocs")
            for field, name in PROPERTY_NAMES.items():
                meta[f"{{{_XMP_NS}}}{_PDF_KEYS[field][len('/Sendocs') :]}"] = values[name]
        for field, name in PROPERTY_NAMES.items():
            pdf.docinfo[pikepdf.Name(_PDF_KEYS[field])] = values[name]
        pdf.save(path, deterministic_id=True)


def stamp_pdf_bytes(data: bytes, info: Provenance) -> bytes:
    """``data`` (a PDF, e.g. a filled form) with ``info`` in its information dictionary and
    XMP metadata, as :func:`stamp_pdf` writes them; for outputs written atomically from
    memory rather than converted to a file first."""
    import pikepdf

    values = info.as_strings()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta.register_xml_namespace(_XMP_NS, "sendocs")
            for field, name in PROPERTY_NAMES.items():
                meta[f"{{{_XMP_NS}}}{_PDF_KEYS[field][len('/Sendocs') :]}"] = values[name]
        for field, name in PROPERTY_NAMES.items():
            pdf.docinfo[pikepdf.Name(_PDF_KEYS[field])] = values[name]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def carry_to_pdf(docx: str | Path, pdf: str | Path, *, pdfa: bool = False) -> None:
    """Stamp ``pdf`` with the provenance of the Word file it was converted from.

    LibreOffice does not carry custom document properties into a PDF, so the
    conversion step calls this for every PDF it makes. Nothing happens for a
    Word file without a stamp (a user's own file).
    """
    found = _read_docx(Path(docx))
    if len(found) != len(PROPERTY_NAMES):
        return
    names = {name: field for field, name in PROPERTY_NAMES.items()}
    values: dict[str, Any] = {names[name]: value for name, value in found.items()}
    values["document_date"] = dt.date.fromisoformat(values["document_date"])
    stamp_pdf(pdf, Provenance(**values), xmp=not pdfa)


def for_document(kind: str, template: str | Path, case: Any, date: dt.date) -> Provenance:
    """The provenance of one document of ``kind`` made from ``template`` for ``case``."""
    from sendocs.version import __version__

    return Provenance(
        version=__version__,
        kind=kind,
        template_sha256=file_sha256(template),
        case_sha256=case_sha256(case),
        document_date=date,
    )


def _read_pdf(path: Path) -> dict[str, str]:
    from pypdf import PdfReader

    info: Mapping[str, Any] = PdfReader(path).metadata or {}
    found = {}
    for field, name in PROPERTY_NAMES.items():
        value = info.get(_PDF_KEYS[field])
        if value is not None:
            found[name] = str(value)
    return found


def read_provenance(path: str | Path) -> dict[str, str]:
    """The sendocs properties stamped in a .docx or .pdf (empty if none)."""
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(5)
    if head.startswith(b"%PDF"):
        return _read_pdf(path)
    if head.startswith(b"PK"):
        return _read_docx(path)
    return {}
