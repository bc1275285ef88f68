"""A small toolkit for building lean docxtpl templates with python-docx.

Why it exists: every shipped template must be a real Word file that a SENCO
can open and restyle, that docxtpl renders without surprises, and that stays
small. python-docx's blank document carries about 800 KB of style XML
(styles, styles-with-effects, latent styles, a theme, a thumbnail); parsing
that on every render cost a third of the render time and most of the memory
(see ENGINEERING.md). So :func:`new_document` starts from python-docx's
blank document but replaces its styles, numbering, settings and font table
with a handful of named styles written here, and drops the parts nothing
uses. :func:`save_template` then writes a deterministic zip (fixed
timestamps), so rebuilding an unchanged template gives identical bytes and
the committed .docx files only change when the design does.

The helpers encode docxtpl's rules so template authors don't have to
remember them:

* table loops and conditions need ``{%tr ... %}`` tags in rows of their own
  (:func:`loop_table`, :class:`Detail` with ``when``/``loop``);
* paragraph-level blocks need ``{%p ... %}`` tags in paragraphs of their own
  (:func:`when`, :func:`each`, :func:`otherwise`, :func:`bullets`);
* every tag lives in a single run, so Word's run splitting never bites.

Page geometry: A4 portrait, 2 cm margins, 17 cm of text width; body text is
Carlito 11 pt (metric-compatible with Calibri: LibreOffice's PDF matches
Word's layout; the font table names Calibri as Carlito's alternative).

Run a ``build_<name>.py`` script next to this module to (re)build a template.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

__all__ = [
    "BODY_FONT",
    "CLOSINGS",
    "COLOURS",
    "LANDSCAPE_TEXT_WIDTH_CM",
    "TEXT_WIDTH_CM",
    "Column",
    "Detail",
    "Para",
    "R",
    "Signatory",
    "Span",
    "bullets",
    "details_table",
    "each",
    "grouped_table",
    "heading",
    "jinja_tags",
    "keep_previous_with_next",
    "loop_table",
    "new_document",
    "otherwise",
    "paragraph",
    "ptag",
    "save_template",
    "set_footer",
    "set_header",
    "signoff_table",
    "tag",
    "when",
]

# -- geometry, fonts and colours ---------------------------------------------------------

PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM  # 17 cm
LANDSCAPE_TEXT_WIDTH_CM = PAGE_HEIGHT_CM - 2 * MARGIN_CM  # 25.7 cm
BODY_FONT = "Carlito"
BODY_SIZE_PT = 11

COLOURS = {
    "ink": "1A1A1A",  # body text: near-black prints crisper than pure grey
    "navy": "1F3A5F",  # titles, heading bar, table header fill
    "amber": "FCE3B0",  # a figure that needs attention (e.g. over the budget line)
    "pale": "E4ECF5",  # section heading fill
    "label": "F1F4F8",  # label cells in details tables
    "rule": "9FB0C5",  # table borders and rules
    "muted": "5A6472",  # small print, header and footer
    "tag": "8A8A8A",  # template tag paragraphs (removed when rendered)
}

_TWIPS_PER_CM = 1440 / 2.54
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries: reproducible builds
_FIXED_DATETIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def twips(cm: float) -> int:
    """Centimetres to twentieths of a point, the unit of most Word XML lengths."""
    return round(cm * _TWIPS_PER_CM)


# -- styles, numbering, settings, fonts ---------------------------------------------------

_C = COLOURS


def _pstyle(
    style_id: str,
    name: str,
    *,
    based_on: str | None = "Normal",
    next_style: str | None = None,
    ppr: str = "",
    rpr: str = "",
    default: bool = False,
    ui: int = 10,
) -> str:
    default_attr = ' w:default="1"' if default else ""
    return (
        f'<w:style w:type="paragraph"{default_attr} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + (f'<w:next w:val="{next_style}"/>' if next_style else "")
        + f'<w:uiPriority w:val="{ui}"/><w:qFormat/>'
        + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
        + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
        + "</w:style>"
    )


def _tab_stops(text_width_cm: float) -> str:
    centre, right = twips(text_width_cm / 2), twips(text_width_cm)
    return (
        f'<w:tabs><w:tab w:val="center" w:pos="{centre}"/>'
        f'<w:tab w:val="right" w:pos="{right}"/></w:tabs>'
    )


def _styles_xml(text_width_cm: float = TEXT_WIDTH_CM) -> str:
    """The complete styles part: document defaults and the named styles templates use.

    Names are Word's built-in names where one exists (Title, heading 1, List
    Bullet, header, footer), so Word's navigation pane, table of contents and
    restyling by the Styles gallery work on a copy a school edits.
    """
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{_C["rule"]}"'
    cell_margins = (
        '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
    )
    styles = [
        _pstyle("Normal", "Normal", based_on=None, default=True, ui=0),
        _pstyle(
            "Title",
            "Title",
            next_style="Subtitle",
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="40"/><w:outlineLvl w:val="0"/>',
            rpr=f'<w:b/><w:color w:val="{_C["navy"]}"/><w:sz w:val="52"/><w:szCs w:val="52"/>',
        ),
        _pstyle(
            "Subtitle",
            "Subtitle",
            next_style="Normal",
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="200"/>',
            rpr=f'<w:color w:val="{_C["muted"]}"/><w:sz w:val="28"/><w:szCs w:val="28"/>',
        ),
        _pstyle(
            "Heading1",
            "heading 1",
            next_style="Normal",
            ppr=(
                "<w:keepNext/><w:keepLines/>"
                f'<w:pBdr><w:left w:val="single" w:sz="36" w:space="4" w:color="{_C["navy"]}"/>'
                "</w:pBdr>"
                f'<w:shd w:val="clear" w:color="auto" w:fill="{_C["pale"]}"/>'
                '<w:spacing w:before="320" w:after="120"/><w:ind w:left="113"/>'
                '<w:outlineLvl w:val="0"/>'
            ),
            rpr=f'<w:b/><w:color w:val="{_C["navy"]}"/><w:sz w:val="28"/><w:szCs w:val="28"/>',
        ),
        _pstyle(
            "Heading2",
            "heading 2",
            next_style="Normal",
            ppr=(
                '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/>'
                '<w:outlineLvl w:val="1"/>'
            ),
            rpr=f'<w:b/><w:color w:val="{_C["navy"]}"/><w:sz w:val="23"/><w:szCs w:val="23"/>',
        ),
        _pstyle(
            "Voice",
            "Voice",
            next_style="Voice",
            ppr=(
                f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{_C["rule"]}"/>'
                '</w:pBdr><w:spacing w:after="100"/><w:ind w:left="284" w:right="284"/>'
            ),
            ui=20,
        ),
        _pstyle(
            "Address",
            "Address",
            next_style="Address",
            ppr='<w:spacing w:before="0" w:after="0"/>',
            ui=25,
        ),
        _pstyle(
            "AddressRight",
            "Address Right",
            based_on="Address",
            next_style="AddressRight",
            ppr='<w:jc w:val="right"/>',
            ui=25,
        ),
        _pstyle(
            "Subject",
            "Subject",
            next_style="Normal",
            ppr='<w:keepNext/><w:spacing w:before="120" w:after="160"/>',
            rpr=f'<w:b/><w:color w:val="{_C["navy"]}"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
            ui=25,
        ),
        _pstyle(
            "Indented",
            "Indented",
            ppr=(
                '<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs><w:spacing w:after="60"/>'
                '<w:ind w:left="567" w:hanging="567"/>'
            ),
            ui=20,
        ),
        _pstyle(
            "ListBullet",
            "List Bullet",
            ppr=(
                '<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>'
                '<w:ind w:left="357" w:hanging="357"/>'
            ),
            ui=20,
        ),
        _pstyle(
            "TableText",
            "Table Text",
            ppr='<w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/>',
            rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>',
            ui=30,
        ),
        _pstyle(
            "TableBullet",
            "Table Bullet",
            based_on="TableText",
            ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:ind w:left="227" w:hanging="227"/>',
            ui=30,
        ),
        _pstyle(
            "TableHeading",
            "Table Heading",
            based_on="TableText",
            ppr="<w:keepNext/>",
            rpr='<w:b/><w:color w:val="FFFFFF"/>',
            ui=30,
        ),
        _pstyle(
            "TableLabel",
            "Table Label",
            based_on="TableText",
            rpr=f'<w:b/><w:color w:val="{_C["navy"]}"/>',
            ui=30,
        ),
        _pstyle(
            "SmallPrint",
            "Small Print",
            ppr='<w:spacing w:before="120" w:after="60"/>',
            rpr=f'<w:color w:val="{_C["muted"]}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
            ui=40,
        ),
        _pstyle(
            "TemplateTag",
            "Template Tag",
            ppr='<w:spacing w:before="0" w:after="0"/>',
            rpr=f'<w:color w:val="{_C["tag"]}"/><w:sz w:val="14"/><w:szCs w:val="14"/>',
            ui=90,
        ),
        _pstyle(
            "Header",
            "header",
            ppr=f'{_tab_stops(text_width_cm)}<w:spacing w:before="0" w:after="0"/>',
            rpr=f'<w:color w:val="{_C["muted"]}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
            ui=99,
        ),
        _pstyle(
            "Footer",
            "footer",
            ppr=(
                f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="{_C["rule"]}"/>'
                f'</w:pBdr>{_tab_stops(text_width_cm)}<w:spacing w:before="0" w:after="0"/>'
            ),
            rpr=f'<w:color w:val="{_C["muted"]}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
            ui=99,
        ),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style>",
        '<w:style w:type="table" w:styleId="PlanTable"><w:name w:val="Plan Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
        f"<w:tblPr><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>"
        f"<w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>"
        f"{cell_margins}</w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
    ]
    fonts = (
        f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{BODY_FONT}" '
        f'w:cs="{BODY_FONT}"/>'
    )
    size = BODY_SIZE_PT * 2
    return (
        f"<w:styles {nsdecls('w')}><w:docDefaults><w:rPrDefault><w:rPr>{fonts}"
        f'<w:color w:val="{_C["ink"]}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>" + "".join(styles) + "</w:styles>"
    )


def _numbering_xml() -> str:
    """One bullet list definition (numId 1), used by the List Bullet style."""
    return (
        f"<w:numbering {nsdecls('w')}>"
        '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}"/>'
        f'<w:color w:val="{_C["navy"]}"/></w:rPr></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def _settings_xml() -> str:
    return (
        f"<w:settings {nsdecls('w')}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def _font_table_xml() -> str:
    """Carlito, with Calibri as its alternative for Word installs that lack Carlito."""
    return (
        f"<w:fonts {nsdecls('w')}>"
        f'<w:font w:name="{BODY_FONT}"><w:altName w:val="Calibri"/>'
        '<w:panose1 w:val="020F0502020204030204"/><w:charset w:val="00"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>'
    )


_XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

_DROPPED_PART_TYPES = (
    "/stylesWithEffects",
    "/webSettings",
    "/theme",
    "/customXml",
    "/metadata/thumbnail",
)


def _replace_part_xml(doc: Document, reltype_suffix: str, xml: str) -> None:
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(reltype_suffix):
            part = rel.target_part
            if isinstance(part, XmlPart):
                part._element = parse_xml(xml)
            else:  # python-docx keeps parts it has no class for (the font table) as bytes
                part._blob = _XML_DECLARATION + xml.encode("utf-8")
            return
    raise LookupError(f"the blank document has no {reltype_suffix} part")


def _drop_unused_parts(doc: Document) -> None:
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(_DROPPED_PART_TYPES):
                del rels[r_id]


# -- the document -----------------------------------------------------------------------


def new_document(
    *, title: str, subject: str = "", keywords: str = "", landscape: bool = False
) -> Document:
    """A blank A4 document (portrait, or ``landscape``) with sendocs's styles only.

    In landscape the text is :data:`LANDSCAPE_TEXT_WIDTH_CM` wide and the
    header and footer tab stops follow it.

    ``title``/``subject`` go into the file's properties (shown by Word and used
    as the PDF title by LibreOffice). They are not templated: docxtpl would
    render them through the autoescaping environment and store entities.
    """
    doc = docx.Document()
    width = LANDSCAPE_TEXT_WIDTH_CM if landscape else TEXT_WIDTH_CM
    _replace_part_xml(doc, "/styles", _styles_xml(width))
    _replace_part_xml(doc, "/numbering", _numbering_xml())
    _replace_part_xml(doc, "/settings", _settings_xml())
    _replace_part_xml(doc, "/fontTable", _font_table_xml())
    _drop_unused_parts(doc)

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.header_distance = section.footer_distance = Cm(1.0)
    sect_pr = section._sectPr
    for attr in list(sect_pr.attrib):
        del sect_pr.attrib[attr]  # rsids from python-docx's blank document

    props = doc.core_properties
    props.title, props.subject, props.keywords = title, subject, keywords
    props.author = props.last_modified_by = "sendocs"
    # empty: a template's properties are carried into every document a school sends
    props.comments = ""
    props.created = props.modified = _FIXED_DATETIME
    props.revision = 1
    props.language = "en-GB"
    return doc


def save_template(doc: Document, path: Path) -> int:
    """Write ``doc`` to ``path`` reproducibly and return its size in bytes.

    python-docx stamps zip entries with the current time; rewriting them with
    a fixed time (and a fixed order) makes a rebuild byte-identical.
    """
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/app.xml":
                data = _APP_XML.encode()
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data, compresslevel=9)
    data = out.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>sendocs</Application><DocSecurity>0</DocSecurity>'
    "</Properties>"
)

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def jinja_tags(docx_bytes: bytes) -> list[str]:
    """Every Jinja tag in a .docx's XML parts, in part and document order.

    Tests use it to check a template (rebuilt or shipped) and a rendered
    document (which must have none left).
    """
    tags: list[str] = []
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        for name in sorted(z.namelist()):
            if name.endswith(".xml"):
                text = re.sub(r"<[^>]+>", "", z.read(name).decode("utf-8"))
                tags.extend(_TAG.findall(text))
    return tags


# -- paragraphs and runs ------------------------------------------------------------------


@dataclass(frozen=True)
class R:
    """A run of text with emphasis: ``R("{{ row.intervention }}", bold=True)``."""

    text: str
    bold: bool = False
    italic: bool = False


Runs: TypeAlias = str | R | Sequence[str | R]


@dataclass(frozen=True)
class Para:
    """One paragraph: its runs and its style id (``None`` = the container's default)."""

    content: Runs
    style: str | None = None
    keep_with_next: bool = False
    always: bool = False  # on a block tag: the block always yields a paragraph (see tag())


CellSpec: TypeAlias = str | R | Para | Sequence[Para]

# Anything that holds paragraphs: the document body, a table cell, a header or footer.
Container: TypeAlias = Any


def _runs(content: Runs) -> list[R]:
    if isinstance(content, str | R):
        content = [content]
    return [R(item) if isinstance(item, str) else item for item in content]


def _fill(p: Paragraph, content: Runs, style: str | None, keep_with_next: bool = False) -> None:
    p_pr = p._p.get_or_add_pPr()
    if style:
        p_pr.style = style
    if keep_with_next:
        p_pr.keepNext_val = True
    for r in _runs(content):
        if not r.text:
            continue
        run = p.add_run(r.text)
        if r.bold:
            run.bold = True
        if r.italic:
            run.italic = True


CLOSINGS = ("Yours sincerely", "Yours faithfully", "With best wishes", "Kind regards")
"""Letter closings: the paragraph before one is kept on its page (see :func:`paragraph`)."""


def keep_previous_with_next(container: Container) -> None:
    """Keep the last real paragraph so far on the same page as what follows.

    Used before a signature block so that "Yours sincerely" and the signature
    never stand alone on a last page: they travel with the letter's last
    paragraph. ``{%p %}`` tag paragraphs (removed by docxtpl) are skipped;
    all of them get the property too, so whichever branch renders keeps.
    """
    body = getattr(container, "_body", container)  # a Document, or a cell / header
    element = getattr(body, "_element", None)
    if element is None:
        return
    for child in reversed(list(element)):
        if child.tag == qn("w:sectPr"):
            continue
        if child.tag != qn("w:p"):
            return  # a table: its rows already keep together
        p_pr = child.get_or_add_pPr()
        p_pr.keepNext_val = True
        text = "".join(t.text or "" for t in child.iter(qn("w:t")))
        if not (text.startswith("{%p") or not text.strip()):
            return


def paragraph(
    container: Container, content: Runs = "", style: str | None = None, keep_with_next: bool = False
) -> Paragraph:
    """Add a paragraph of runs in a style (a style id such as ``"Voice"``).

    A letter closing (:data:`CLOSINGS`) also keeps the paragraph before it
    with it, so the signature block stays with the letter's last paragraph.
    """
    if isinstance(content, str) and content.startswith(CLOSINGS):
        keep_previous_with_next(container)
    p: Paragraph = container.add_paragraph()
    _fill(p, content, style, keep_with_next)
    return p


def heading(container: Container, text: Runs, level: int = 1) -> Paragraph:
    """A section heading; level 1 is the shaded bar, level 2 a plain bold heading."""
    return paragraph(container, text, f"Heading{level}")


def tag(statement: str, *, always: bool = False) -> Para:
    """A ``{%p statement %}`` paragraph for a table cell's content (see :func:`ptag`).

    ``always=True`` on an ``if``/``for`` promises the block yields at least one
    paragraph whenever the row is shown (e.g. the row itself is conditional on
    the same text), so the cell needs no guard paragraph.
    """
    return Para(f"{{%p {statement} %}}", "TemplateTag", always=always)


def ptag(container: Container, statement: str) -> Paragraph:
    """A paragraph holding only ``{%p statement %}``: docxtpl removes the paragraph."""
    return paragraph(container, f"{{%p {statement} %}}", "TemplateTag")


@contextmanager
def when(container: Container, condition: str) -> Iterator[None]:
    """Paragraphs (and tables) added inside appear only if ``condition`` is true."""
    ptag(container, f"if {condition}")
    yield
    ptag(container, "endif")


def otherwise(container: Container) -> None:
    """The ``else`` of the enclosing :func:`when`."""
    ptag(container, "else")


@contextmanager
def each(container: Container, loop: str) -> Iterator[None]:
    """Paragraphs added inside repeat ``for loop`` (e.g. ``"s in strengths"``)."""
    ptag(container, f"for {loop}")
    yield
    ptag(container, "endfor")


def bullets(container: Container, loop: str, text: Runs) -> None:
    """A bulleted list, one bullet per item: ``bullets(doc, "s in strengths", "{{ s }}")``."""
    with each(container, loop):
        paragraph(container, text, "ListBullet")


# -- low-level table XML ------------------------------------------------------------------

_TCPR_ORDER = (
    *("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd"),
    *("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"),
)


def _set_in_order(parent: Any, child: Any, order: Sequence[str]) -> None:
    """Insert ``child`` into ``parent`` where the schema wants it, replacing a namesake."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    later = order[order.index(_prefixed(tag)) + 1 :]
    for existing in parent:
        if _prefixed(existing.tag) in later:
            existing.addprevious(child)
            return
    parent.append(child)


def _prefixed(clark: str) -> str:
    return "w:" + clark.split("}", 1)[1]


def _element(name: str, **attrs: str) -> Any:
    el = OxmlElement(name)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    _set_in_order(tc_pr, _element("w:shd", val="clear", color="auto", fill=fill), _TCPR_ORDER)


def _row_props(
    row: _Row, *, header: bool = False, cant_split: bool = False, min_cm: float = 0
) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(_element("w:cantSplit"))
    if min_cm:
        tr_pr.append(_element("w:trHeight", val=str(twips(min_cm)), hRule="atLeast"))
    if header:
        tr_pr.append(_element("w:tblHeader"))


def _new_table(container: Container, rows: int, widths_cm: Sequence[float]) -> Table:
    """A fixed-layout table in the Plan Table style with exact column widths."""
    table: Table = container.add_table(rows=rows, cols=len(widths_cm))
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for child in list(tbl_pr):
        tbl_pr.remove(child)
    tbl_pr.append(_element("w:tblStyle", val="PlanTable"))
    tbl_pr.append(_element("w:tblW", w=str(sum(twips(w) for w in widths_cm)), type="dxa"))
    tbl_pr.append(_element("w:tblLayout", type="fixed"))
    tbl_pr.append(
        _element(
            "w:tblLook",
            val="04A0",
            firstRow="1",
            lastRow="0",
            firstColumn="1",
            lastColumn="0",
            noHBand="0",
            noVBand="1",
        )
    )
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        grid_col.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    return table


def _fill_cell(cell: _Cell, spec: CellSpec, default_style: str) -> None:
    """Write ``spec`` into a fresh cell (which python-docx gives one empty paragraph).

    Word refuses a cell without a paragraph, which is what a cell holding only
    ``{%p if %}`` blocks renders to when every condition is false; such a cell
    gets a tiny empty paragraph at the end as a guard.
    """
    if isinstance(spec, str | R):
        paras: list[Para] = [Para(spec)]
    elif isinstance(spec, Para):
        paras = [spec]
    else:
        paras = list(spec)
    if not _has_unconditional_paragraph(paras):
        paras.append(Para("", "TemplateTag"))
    for i, para in enumerate(paras):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _fill(p, para.content, para.style or default_style, para.keep_with_next)


_BLOCK_TAG = re.compile(r"^\{%p\s+(\w+)")


def _has_unconditional_paragraph(paras: Sequence[Para]) -> bool:
    """True if some paragraph is outside every ``{%p if/for %}`` block."""
    depth = 0
    for para in paras:
        text = para.content if isinstance(para.content, str) else ""
        match = _BLOCK_TAG.match(text) if para.style == "TemplateTag" else None
        if match:
            word = match.group(1)
            if para.always and depth == 0 and word in ("if", "for"):
                return True
            depth += 1 if word in ("if", "for") else -1 if word in ("endif", "endfor") else 0
        elif depth == 0:
            return True
    return False


def _add_row(table: Table) -> _Row:
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]
    return row


def _tag_row(table: Table, statement: str) -> None:
    """A row holding only ``{%tr statement %}``, merged across the table."""
    row = _add_row(table)
    cells = row.cells
    merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
    _fill_cell(merged, f"{{%tr {statement} %}}", "TemplateTag")


def _apply_widths(row: _Row, widths_cm: Sequence[float]) -> None:
    for cell, width in zip(row.cells, widths_cm, strict=False):
        cell.width = Cm(width)


# -- tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a loop table: header text, width and what each row's cell holds."""

    header: str
    width_cm: float
    cell: CellSpec


def loop_table(
    container: Container,
    loop: str,
    columns: Sequence[Column],
    *,
    cant_split: bool = True,
    repeat_header: bool = True,
    keep_together: bool = False,
    keep_first: int = 0,
    keep_last: int = 0,
) -> Table:
    """A header row plus ONE template row repeated ``{%tr for loop %}``.

    docxtpl needs the ``{%tr %}`` tags in rows of their own: the table is
    header, ``{%tr for … %}``, template row, ``{%tr endfor %}``. The header
    row repeats on every page; ``cant_split`` keeps each row on one page
    (a row taller than a page still breaks, in Word and LibreOffice).
    ``keep_together`` keeps the whole table on one page with what precedes it.
    ``keep_first`` (n > 0) keeps the header and the first n rows with the row after
    them, so a table never leaves a single row under its heading at the foot of a
    page; ``keep_last`` (n > 0) keeps the last n + 1 rows together, so no single row
    is carried over alone to the next page. The loop is then split into slices (the
    first items, the middle, the last ones), each with its own template row.
    """
    widths = [c.width_cm for c in columns]
    table = _new_table(container, 1, widths)
    header = table.rows[0]
    _row_props(header, header=True, cant_split=True)
    for cell, column in zip(header.cells, columns, strict=True):
        _shade(cell, COLOURS["navy"])
        _fill_cell(cell, column.header, "TableHeading")
    if (keep_first > 0 or keep_last > 0) and not keep_together:
        var, _, seq = loop.partition(" in ")
        rest = f"({seq})[{keep_first}:]" if keep_first else f"({seq})"
        slices: list[tuple[str, bool]] = []
        if keep_first:
            for p in header._tr.iter(qn("w:p")):
                p.get_or_add_pPr().keepNext_val = True
            slices.append((f"({seq})[:{keep_first}]", True))
        if keep_last:
            slices += [
                (f"{rest}[:-{keep_last + 1}]", False),
                (f"{rest}[-{keep_last + 1}:-1]", True),
                (f"{rest}[-1:]", False),
            ]
        else:
            slices.append((rest, False))
        for items, keep in slices[:-1]:
            _tag_row(table, f"for {var} in {items}")
            kept = _add_row(table)
            _apply_widths(kept, widths)
            _row_props(kept, cant_split=cant_split)
            for cell, column in zip(kept.cells, columns, strict=True):
                _fill_cell(cell, column.cell, "TableText")
            if keep:
                for p in kept._tr.iter(qn("w:p")):
                    p.get_or_add_pPr().keepNext_val = True
            _tag_row(table, "endfor")
        loop = f"{var} in {slices[-1][0]}"
    _tag_row(table, f"for {loop}")
    row = _add_row(table)
    _apply_widths(row, widths)
    _row_props(row, cant_split=cant_split)
    for cell, column in zip(row.cells, columns, strict=True):
        _fill_cell(cell, column.cell, "TableText")
    if keep_together:
        # Every row keeps with the next (the last with what follows the table), so a
        # short table such as a letter's enclosures moves to the next page whole
        # instead of leaving two rows behind; Word and LibreOffice both honour it.
        for p in [*header._tr.iter(qn("w:p")), *row._tr.iter(qn("w:p"))]:
            p.get_or_add_pPr().keepNext_val = True
    _tag_row(table, "endfor")
    return table


def keep_on_last(table: Table, tr: Any, condition: str = "loop.last") -> None:
    """Make the loop row ``tr`` ``{%tr if condition %}`` itself kept with the next row
    ``{%tr else %}`` itself ``{%tr endif %}``: only the loop's last row (or the row
    ``condition`` picks) holds on to what follows, so no chain of kept rows pushes a
    whole table to the next page."""
    last = copy.deepcopy(tr)
    for p in last.iter(qn("w:p")):
        p.get_or_add_pPr().keepNext_val = True
    for p in tr.iter(qn("w:p")):
        p.get_or_add_pPr().keepNext_val = False
    tags = []
    for statement in (f"if {condition}", "else", "endif"):
        _tag_row(table, statement)
        tags.append(table.rows[-1]._tr)
    tr.addprevious(tags[0])
    tr.addprevious(last)
    tr.addprevious(tags[1])
    tr.addnext(tags[2])


def keep_header_with_first_row(table: Table) -> None:
    """A :func:`loop_table` starts on the page when its heading, header and first row fit
    there: the header keeps with the first row and the second-last row with the last
    (rows never split, the header repeats), so a short table is not pushed whole to the
    next page leaving this one half empty, and a last page never holds one row alone."""
    for p in table.rows[0]._tr.iter(qn("w:p")):
        p.get_or_add_pPr().keepNext_val = True
    keep_on_last(table, table.rows[-2]._tr, "loop.revindex == 2")


def keep_last_row_with_total(table: Table) -> None:
    """Before a totals row is added under a :func:`loop_table`: the header keeps with the
    first row, and only the loop's last row keeps with the total, so a page never
    starts with a total cut off from its rows."""
    for p in table.rows[0]._tr.iter(qn("w:p")):
        p.get_or_add_pPr().keepNext_val = True  # the header never ends a page alone
    keep_on_last(table, table.rows[-2]._tr)


@dataclass(frozen=True)
class Span:
    """A cell of a summary row spanning ``columns`` columns (subtotals, totals)."""

    columns: int
    cell: CellSpec = ""


def _summary_row(table: Table, widths: Sequence[float], spans: Sequence[Span], fill: str) -> None:
    if sum(s.columns for s in spans) != len(widths):
        raise ValueError("summary spans must cover every column exactly once")
    row = _add_row(table)
    _apply_widths(row, widths)
    _row_props(row, cant_split=True)
    cells = row.cells
    start = 0
    for span in spans:
        first, last = cells[start], cells[start + span.columns - 1]
        cell = first.merge(last) if span.columns > 1 else first
        _shade(cell, fill)
        _fill_cell(cell, span.cell, "TableLabel")
        start += span.columns


def grouped_table(
    container: Container,
    group_loop: str,
    group_heading: CellSpec,
    row_loop: str,
    columns: Sequence[Column],
    *,
    group_footer: Sequence[Span] = (),
    footer: Sequence[Span] = (),
) -> Table:
    """A loop table in groups: a heading row per group, its rows, an optional subtotal.

    The table is header, ``{%tr for group_loop %}``, the group's heading row
    (one cell across the table), ``{%tr for row_loop %}``, the row,
    ``{%tr endfor %}``, the ``group_footer`` row, ``{%tr endfor %}``, and
    after every group the ``footer`` row (a grand total). Footer rows are
    given as :class:`Span` cells covering the columns left to right.
    """
    widths = [c.width_cm for c in columns]
    table = _new_table(container, 1, widths)
    header = table.rows[0]
    _row_props(header, header=True, cant_split=True)
    for cell, column in zip(header.cells, columns, strict=True):
        _shade(cell, COLOURS["navy"])
        _fill_cell(cell, column.header, "TableHeading")
    _tag_row(table, f"for {group_loop}")
    heading_row = _add_row(table)
    _row_props(heading_row, cant_split=True)
    cells = heading_row.cells
    merged = cells[0].merge(cells[-1])
    _shade(merged, COLOURS["pale"])
    _fill_cell(merged, group_heading, "TableLabel")
    for p in merged.paragraphs:
        p._p.get_or_add_pPr().keepNext_val = True
    _tag_row(table, f"for {row_loop}")
    row = _add_row(table)
    _apply_widths(row, widths)
    _row_props(row, cant_split=True)
    for cell, column in zip(row.cells, columns, strict=True):
        _fill_cell(cell, column.cell, "TableText")
    _tag_row(table, "endfor")
    if group_footer:
        _summary_row(table, widths, group_footer, COLOURS["label"])
    _tag_row(table, "endfor")
    if footer:
        _summary_row(table, widths, footer, COLOURS["pale"])
    return table


@dataclass(frozen=True)
class Detail:
    """A label and its value in a details table.

    ``when`` (a Jinja condition) shows the row only if true; ``loop`` (a Jinja
    for-clause such as ``"n in needs if n.rank"``) repeats it. Both produce
    ``{%tr %}`` rows around it, so they work only on full-width rows.
    """

    label: CellSpec
    value: CellSpec
    when: str | None = None
    loop: str | None = None
    fill: str | None = None  # shade the value cell (a COLOURS value) to draw the eye


def details_table(
    container: Container,
    rows: Sequence[Detail | tuple[Detail, Detail]],
    *,
    label_width_cm: float = 3.4,
    width_cm: float = TEXT_WIDTH_CM,
) -> Table:
    """Label/value rows; a ``(Detail, Detail)`` pair puts two fields side by side.

    With any pair present the table has four columns (label, value, label,
    value) and single rows span their value across the last three.
    """
    paired = any(isinstance(r, tuple) for r in rows)
    if paired:
        value_w = (width_cm - 2 * label_width_cm) / 2
        widths = [label_width_cm, value_w, label_width_cm, value_w]
    else:
        widths = [label_width_cm, width_cm - label_width_cm]
    table = _new_table(container, 0, widths)
    for spec in rows:
        if isinstance(spec, tuple):
            if any(d.when or d.loop for d in spec):
                raise ValueError("when/loop work only on full-width detail rows")
            row = _add_row(table)
            _apply_widths(row, widths)
            _row_props(row, cant_split=True)
            for i, d in enumerate(spec):
                _label_cell(row.cells[2 * i], d.label)
                _fill_cell(row.cells[2 * i + 1], d.value, "TableText")
            continue
        if spec.when and spec.loop:
            raise ValueError("give a detail row either when or loop, not both")
        if spec.when:
            _tag_row(table, f"if {spec.when}")
        if spec.loop:
            _tag_row(table, f"for {spec.loop}")
        row = _add_row(table)
        _apply_widths(row, widths)
        _row_props(row, cant_split=True)
        cells = row.cells
        _label_cell(cells[0], spec.label)
        value_cell = cells[1].merge(cells[-1]) if len(cells) > 2 else cells[1]
        if spec.fill:
            _shade(value_cell, spec.fill)
        _fill_cell(value_cell, spec.value, "TableText")
        if spec.when:
            _tag_row(table, "endif")
        if spec.loop:
            _tag_row(table, "endfor")
    return table


def _label_cell(cell: _Cell, label: CellSpec) -> None:
    _shade(cell, COLOURS["label"])
    _fill_cell(cell, label, "TableLabel")


@dataclass(frozen=True)
class Signatory:
    """A row of the sign-off block: the role, and the name if known (Jinja text).

    An empty ``name`` leaves a space to write the name by hand.
    """

    role: CellSpec
    name: CellSpec = ""
    when: str | None = None
    loop: str | None = None


def signoff_table(
    container: Container,
    signatories: Sequence[Signatory],
    *,
    widths_cm: Sequence[float] = (3.6, 5.4, 5.0, 3.0),
    row_height_cm: float = 1.1,
) -> Table:
    """Role / Name / Signature / Date rows with room to sign, kept on one page.

    Every row but the last keeps with the next, so Word moves the whole block
    to the next page rather than splitting it.
    """
    keep_previous_with_next(container)  # the heading or sentence above stays with it
    table = _new_table(container, 1, widths_cm)
    header = table.rows[0]
    _row_props(header, header=True, cant_split=True)
    for cell, text in zip(header.cells, ("Role", "Name", "Signature", "Date"), strict=True):
        _shade(cell, COLOURS["navy"])
        _fill_cell(cell, text, "TableHeading")
        for p in cell.paragraphs:
            p._p.get_or_add_pPr().keepNext_val = True
    for i, s in enumerate(signatories):
        # A looped row stands for several signatories: it keeps with the next too, so
        # two parents' rows never part (the last rendered row keeps with what follows).
        last = i == len(signatories) - 1 and not s.loop
        if s.when:
            _tag_row(table, f"if {s.when}")
        if s.loop:
            _tag_row(table, f"for {s.loop}")
        row = _add_row(table)
        _apply_widths(row, widths_cm)
        _row_props(row, cant_split=True, min_cm=row_height_cm)
        cells = row.cells
        _label_cell(cells[0], s.role)
        _fill_cell(cells[1], s.name, "TableText")
        for cell in cells[2:]:
            _fill_cell(cell, "", "TableText")
        if not last:
            for cell in cells:
                for p in cell.paragraphs:
                    p._p.get_or_add_pPr().keepNext_val = True
        if s.loop:
            _tag_row(table, "endfor")
        if s.when:
            _tag_row(table, "endif")
    return table


# -- headers and footers ------------------------------------------------------------------


def _field(p: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES): begin, instruction, separate, cached result, end."""

    def run_with(child: Any) -> None:
        run = p.add_run()
        run._r.append(child)

    run_with(_element("w:fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    run_with(_element("w:fldChar", fldCharType="separate"))
    p.add_run(shown)
    run_with(_element("w:fldChar", fldCharType="end"))


def _three_part_line(
    p: Paragraph, left: Runs, centre: Runs, right: Runs | None, pages: bool
) -> None:
    _fill(p, left, None)
    p.add_run("\t")
    _fill(p, centre, None)
    p.add_run("\t")
    if right:
        _fill(p, right, None)
    if pages:
        p.add_run("Page ")
        _field(p, "PAGE", "1")
        p.add_run(" of ")
        _field(p, "NUMPAGES", "1")


def set_header(
    doc: Document, left: Runs, right: Runs = "", *, first_page: Runs | None = None
) -> None:
    """A one-line header (left and right); ``first_page`` gives page 1 its own header.

    A different first page lets the title block carry the school name on
    page 1 (and a school add its letterhead there) while later pages keep a
    quiet running header.
    """
    section = doc.sections[0]
    p = section.header.paragraphs[0]
    p._p.get_or_add_pPr().style = "Header"
    _three_part_line(p, left, "", right, pages=False)
    if first_page is not None:
        section.different_first_page_header_footer = True
        fp = section.first_page_header.paragraphs[0]
        _fill(fp, first_page, "Header")


def footers(doc: Document) -> list[Any]:
    """The first section's footers: the default one, and the first page's when it differs."""
    section = doc.sections[0]
    found = [section.footer]
    if section.different_first_page_header_footer:
        found.append(section.first_page_footer)
    return found


def set_footer(doc: Document, left: Runs, centre: Runs = "", *, page_numbers: bool = True) -> None:
    """Footer: left text, centred text, and "Page X of Y" on the right (Word fields).

    Written to the first-page footer too when the first page is different, so
    call :func:`set_header` (which decides that) first.
    """
    for footer in footers(doc):
        p = footer.paragraphs[0]
        p._p.get_or_add_pPr().style = "Footer"
        _three_part_line(p, left, centre, None, pages=page_numbers)
