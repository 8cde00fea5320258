"""Word export: the report as the .docx the officer publishes, laid out by GB/T 9704-2012.

Qt-free. What is printed — title, headings, paragraphs, the three tables, 落款 and date — and the warnings
are decided once for every exporter in ``blocks.printed_report``; this module only renders those blocks.
The layout decisions (page, sizes, title lines, column widths) are made in ``layout``, each citing its
clause; the XML they need lives in ``docx_xml``; the few sentences the export writes itself are jinja2
templates in ``resources/templates/export`` (``blocks.template``).

Fonts and their fallback. The standard names 方正小标宋简体 (title), 仿宋_GB2312 (body), 黑体 (一级标题),
楷体_GB2312 (二级标题) and 宋体 (tables, page numbers) are written where Word and WPS read them
(``w:eastAsia``), with Times New Roman (Arial beside 黑体) for digits and Latin text. The font table
gives each Chinese font a ``w:altName`` (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体,
黑体 → SimHei, 宋体 → SimSun) plus panose, GB2312 charset and family, so a machine without the
GB2312-era fonts substitutes the matching Windows font rather than a Latin one.

Tables. A number never wraps: column widths and the table's size are planned for the widest number of each
column (at least four digits), measured in the widest face that may draw its digits (``table_layout``), number cells
carry ``w:noWrap``, and a value wider still is set smaller rather than broken (``layout.fit_number``).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from functools import cache
from pathlib import Path
from typing import NamedTuple

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Twips

from .. import __version__, oserrors
from ..checks.placeholders import find_placeholders
from ..formatdef import ReportFormat
from ..report import Report
from ..storage import atomic_write
from . import docx_xml as X
from .blocks import (
    Heading1,
    Heading2,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    clean_text,
    printed_report,
    template,
    templates,
)
from .layout import (
    CHAR,
    CONDENSE,
    FONT_BODY,
    FONT_H1,
    FONT_H2,
    FONT_PAGE_NO,
    FONT_TABLE,
    FONT_TITLE,
    FOOTER_DISTANCE,
    HEADER_DISTANCE,
    LATIN_SANS,
    LATIN_SERIF,
    LINE_PITCH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_H,
    PAGE_W,
    PRINTED_NUMBER,
    SIZE_BODY,
    SIZE_PAGE_NO,
    SIZE_TABLE,
    SIZE_TITLE,
    TABLE_CELL_MARGIN,
    TABLE_ROW_HEIGHT,
    TITLE_LINE,
    fit_number,
    signature_indents,  # noqa: F401 (imported from here by callers)
    table_layout,
    text_width,  # noqa: F401 (imported from here by callers)
    title_lines,
)
from .publishing import DRAFT_MARK, ExportError, require_final  # noqa: F401 (ExportError: imported from here)

PAGE_NUMBER_MODES = ("odd_even", "center")
_KEPT_GROUP = 10  # rows: a row group up to this long is never split across pages (a third of a page)
_KEPT_START = 10  # body rows a table begins with on its first page (a third of a page)

# Fonts as the font table describes them (see the module docstring for why).
_FONT_TABLE = (
    {"name": LATIN_SERIF, "alt": None, "panose": "02020603050405020304", "charset": "00", "family": "roman",
     "pitch": "variable"},
    {"name": LATIN_SANS, "alt": None, "panose": "020B0604020202020204", "charset": "00", "family": "swiss",
     "pitch": "variable"},
    {"name": FONT_TABLE, "alt": "SimSun", "panose": "02010600030101010101", "charset": "86", "family": "auto",
     "pitch": "variable"},
    {"name": FONT_BODY, "alt": "仿宋", "panose": "02010609030101010101", "charset": "86", "family": "modern",
     "pitch": "fixed"},
    {"name": FONT_H2, "alt": "楷体", "panose": "02010609030101010101", "charset": "86", "family": "modern",
     "pitch": "fixed"},
    {"name": FONT_H1, "alt": "SimHei", "panose": "02010609060101010101", "charset": "86", "family": "modern",
     "pitch": "fixed"},
    {"name": FONT_TITLE, "alt": "宋体", "panose": "02000000000000000000", "charset": "86", "family": "script",
     "pitch": "variable"},
)


_templates = templates  # the export's jinja2 environment, sandboxed (tests/test_hostile_text.py looks here)


# --- document building ----------------------------------------------------------------------------------

@cache
def _prototype(*args, **kwargs):
    return X.rpr(*args, **kwargs)


def _rpr(*args, **kwargs):
    """A fresh copy of a run-properties element: copying is ten times faster than building it again."""
    return copy.deepcopy(_prototype(*args, **kwargs))


def _body_rpr():
    return _rpr(FONT_BODY, LATIN_SERIF, SIZE_BODY, spacing=CONDENSE)


def _h1_rpr():
    return _rpr(FONT_H1, LATIN_SANS, SIZE_BODY, spacing=CONDENSE)


def _h2_rpr():
    return _rpr(FONT_H2, LATIN_SERIF, SIZE_BODY, spacing=CONDENSE)


def _title_rpr(bold: bool = False):
    return _rpr(FONT_TITLE, LATIN_SERIF, SIZE_TITLE, spacing=0, bold=True if bold else None)


def _table_rpr(half_points: int = SIZE_TABLE, scale: int = 100):
    return _rpr(FONT_TABLE, LATIN_SERIF, half_points, spacing=0, scale=scale)


def _page_no_rpr():
    return _rpr(FONT_PAGE_NO, FONT_PAGE_NO, SIZE_PAGE_NO, spacing=0)


def _styles():
    """Styles named as Word's built-ins (so Word and WPS show 标题 1, 标题 2, 页脚 in Chinese)."""
    no_indent = {"first_line_chars": 0, "first_line": 0}
    return [
        X.style("Normal", "Normal", default=True, qformat=True,
                paragraph_props=X.ppr(widow_control=False, line=LINE_PITCH, first_line_chars=200,
                                      first_line=2 * CHAR, jc="both"),
                run_props=_body_rpr()),
        X.style("DefaultParagraphFont", "Default Paragraph Font", kind="character", default=True,
                ui_priority=1),
        X.style("TableNormal", "Normal Table", kind="table", default=True, ui_priority=99,
                table_props=X.el("w:tblPr", None, [
                    X.el("w:tblInd", {"w:w": 0, "w:type": "dxa"}),
                    X.el("w:tblCellMar", None, [
                        X.el("w:top", {"w:w": 0, "w:type": "dxa"}),
                        X.el("w:left", {"w:w": 108, "w:type": "dxa"}),
                        X.el("w:bottom", {"w:w": 0, "w:type": "dxa"}),
                        X.el("w:right", {"w:w": 108, "w:type": "dxa"})])])),
        X.style("NoList", "No List", kind="numbering", default=True, ui_priority=99),
        X.style("Title", "Title", based_on="Normal", next_style="Normal", qformat=True, ui_priority=10,
                paragraph_props=X.ppr(keep_next=True, snap_to_grid=False, after=LINE_PITCH, line=TITLE_LINE,
                                      jc="center", **no_indent),
                run_props=_title_rpr()),
        X.style("Heading1", "heading 1", based_on="Normal", next_style="Normal", qformat=True, ui_priority=9,
                paragraph_props=X.ppr(keep_next=True, outline=0),
                run_props=X.rpr(FONT_H1, LATIN_SANS, bold=False, color="000000")),
        X.style("Heading2", "heading 2", based_on="Normal", next_style="Normal", qformat=True, ui_priority=9,
                paragraph_props=X.ppr(keep_next=True, outline=1),
                run_props=X.rpr(FONT_H2, LATIN_SERIF, bold=False, color="000000")),
        X.style("TableText", "表格文字", based_on="Normal", qformat=True,
                paragraph_props=X.ppr(snap_to_grid=False, line=240, line_rule="auto", jc="center", **no_indent),
                run_props=_table_rpr()),
        X.style("Header", "header", based_on="Normal",
                paragraph_props=X.ppr(snap_to_grid=False, line=240, line_rule="auto", jc="center", **no_indent)),
        X.style("Footer", "footer", based_on="Normal",
                paragraph_props=X.ppr(snap_to_grid=False, line=240, line_rule="auto", **no_indent),
                run_props=_page_no_rpr()),
    ]


def _new_document():
    doc = docx.Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != X.qn("w:sectPr"):
            body.remove(child)
    X.replace_styles(doc.styles.element,
                     X.doc_defaults(X.rpr(FONT_BODY, LATIN_SERIF, SIZE_BODY, lang=True), X.ppr(widow_control=False)),
                     _styles())
    # Parts of python-docx's template that describe another document: its thumbnail, a Word 2010
    # copy of its styles, a bibliography store. Dropped so nothing contradicts ours.
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in (_STYLES_WITH_EFFECTS, RT.CUSTOM_XML):
            del doc.part.rels[rid]
        elif rel.reltype == RT.FONT_TABLE:
            # A plain Part (python-docx has no class for the font table), so its bytes are replaced whole.
            rel.target_part._blob = X.font_table_xml(_FONT_TABLE)
    return doc


_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>nianbao</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _setup_section(doc, page_numbers: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    section.gutter = Twips(0)
    X.set_doc_grid(section._sectPr, LINE_PITCH)
    # 7.5: "— 1 —", odd pages right with one character's space, even pages left (奇偶页不同).
    one_char = SIZE_PAGE_NO * 10  # one 4号 character in twips
    if page_numbers == "odd_even":
        doc.settings.odd_and_even_pages_header_footer = True
        _page_number_footer(section.footer, X.ppr(style="Footer", right=one_char, jc="right"))
        _page_number_footer(section.even_page_footer, X.ppr(style="Footer", left=one_char, jc="left"))
    else:
        doc.settings.odd_and_even_pages_header_footer = False
        _page_number_footer(section.footer, X.ppr(style="Footer", jc="center"))


def _draft_header(doc, page_numbers: str) -> None:
    """“征求意见稿” at the head of every page (odd and even alike), in 黑体 3号: a draft can never pass for
    the published report, whichever page of it is printed or forwarded."""
    section = doc.sections[0]
    headers = [section.header] + ([section.even_page_header] if page_numbers == "odd_even" else [])
    for header in headers:
        header.is_linked_to_previous = False
        root = header._element
        for child in list(root):
            root.remove(child)
        root.append(X.paragraph(X.ppr(style="Header", jc="center"),
                                [X.run(DRAFT_MARK, _rpr(FONT_H1, LATIN_SANS, SIZE_BODY, spacing=0))]))


def _page_number_footer(footer, props) -> None:
    footer.is_linked_to_previous = False
    root = footer._element
    for child in list(root):
        root.remove(child)
    runs = [X.run("— ", _page_no_rpr()), *X.page_field_runs(_page_no_rpr), X.run(" —", _page_no_rpr())]
    root.append(X.paragraph(props, runs))


# --- the blocks ---------------------------------------------------------------------------------------

class _Options(NamedTuple):
    draft: bool = False  # a 征求意见稿: placeholders highlighted
    title_bold: bool = False  # the title's stand-in face drawn bold (see build_document)


def _runs(text: str, make_rpr, options: _Options) -> list:
    """The text as runs; in a 征求意见稿 each placeholder is a run of its own, highlighted, so whoever reads the
    draft sees at once what is still to be written."""
    found = find_placeholders(text) if options.draft else []
    if not found:
        return [X.run(text, make_rpr())]
    runs, at = [], 0
    for p in found:
        if p.start > at:
            runs.append(X.run(text[at:p.start], make_rpr()))
        props = make_rpr()
        X.insert_ordered(props, X.val("w:highlight", "yellow"), X.RPR_ORDER)
        runs.append(X.run(p.text, props))
        at = p.end
    if at < len(text):
        runs.append(X.run(text[at:], make_rpr()))
    return runs


def _paragraph(text: str, options: _Options):
    return X.paragraph(None, _runs(text, _body_rpr, options))


def _heading1(text: str, options: _Options, after_table: bool = False):
    # a heading right under a table gets a line of space: it reads as the table's last row otherwise
    return X.paragraph(X.ppr(style="Heading1", before=LINE_PITCH if after_table else None),
                       _runs(text, _h1_rpr, options))


def _heading2(text: str, options: _Options):
    return X.paragraph(X.ppr(style="Heading2"), _runs(text, _h2_rpr, options))


def _title(block: Title, options: _Options):
    runs = []
    make = lambda: _title_rpr(options.title_bold)  # noqa: E731
    for i, line in enumerate(title_lines(block.text, block.name)):
        if i:
            runs.append(X.line_break(make()))
        runs += _runs(line, make, options)
    return X.paragraph(X.ppr(style="Title", jc="center"), runs)


def _table(block: TableBlock):
    table = block.printed.table
    # widths planned for the numbers as printed (layout.table_layout)
    numbers = {(c.r, c.c): c.text for c in block.printed.cells if c.is_value and PRINTED_NUMBER.fullmatch(c.text)}
    size, widths = table_layout(table, numbers)
    # A row group short enough to fit a page (表三's “（三）不予公开”, 8 rows) is kept on one page: its merged
    # label is printed once, at the group's first row, and a group split by a page break would leave the rows
    # on the next page without it. Longer groups (“三、本年度办理结果”) must split; the header rows repeat.
    together = {r for cell in block.printed.cells if not cell.is_value and 1 < cell.rowspan <= _KEPT_GROUP
                for r in range(cell.r, cell.r + cell.rowspan - 1)}
    # Nor does a table begin at a page's foot with a row or two under its header (表三 did, splitting its
    # “三、本年度办理结果” label into “三、本年度办” and “理结果”): its first rows go with the header.
    together |= set(range(min(table.header_rows + _KEPT_START, len(block.rows) - 1)))
    rows = []
    for r, row in enumerate(block.rows):
        cells, kinds = [], set()
        for cell in row:
            g = cell.cell
            width = sum(widths[g.c:g.c + g.colspan])
            if cell.continuing:
                # the paragraph mark at the table's size too: Word sizes an empty line by it
                p = X.paragraph(X.ppr(style="TableText", run_props=_table_rpr(size)))
                tc = X.table_cell(width, [p], grid_span=g.colspan, v_merge="continue")
            else:
                kinds.add(g.kind)
                text = cell.text
                run_size, scale = fit_number(text, width, size) if g.is_value else (size, 100)
                p = X.paragraph(X.ppr(style="TableText", jc=cell.align, run_props=_table_rpr(size)),
                                [X.run(text, _table_rpr(run_size, scale))] if text else [])
                # noWrap: Word, WPS and LibreOffice keep a number on one line even where it is wider than planned;
                # text the officer typed that is not a number may wrap rather than run over the next cells
                tc = X.table_cell(width, [p], grid_span=g.colspan, v_merge="restart" if g.rowspan > 1 else None,
                                  no_wrap=cell.number)
            cells.append(tc)
        if r in together or (table.header_rows == 0 and kinds & {"caption", "header"}):
            # 表二's caption and 信息内容 rows belong with the rows under them: never left at a page foot;
            # a short row group's rows with each other (above).
            for cell in cells:
                for props in cell.iter(X.qn("w:pPr")):
                    X.insert_ordered(props, X.el("w:keepNext"), X.PPR_ORDER)
        rows.append(X.table_row(cells, header=r < table.header_rows, min_height=TABLE_ROW_HEIGHT))
    return X.table(widths, rows, cell_margin=TABLE_CELL_MARGIN)


def _signature(block: Signature, options: _Options) -> list:
    out = [X.paragraph(X.ppr(keep_next=True))]  # 7.3.5.2: one blank line below the text
    lines = [(block.signature, block.signature_right, bool(block.date)), (block.date, block.date_right, False)]
    for text, right, keep in lines:
        if text:
            out.append(X.paragraph(
                X.ppr(keep_next=keep, right_chars=round(right * 100), right=round(right * CHAR),
                      first_line_chars=0, first_line=0, jc="right"),
                _runs(text, _body_rpr, options)))
    return out


_RENDER = {
    Title: _title,
    Heading1: lambda block, options: _heading1(block.text, options),
    Heading2: lambda block, options: _heading2(block.text, options),
    Paragraph: lambda block, options: _paragraph(block.text, options),
    TableBlock: lambda block, options: _table(block),
}


# --- the whole document -------------------------------------------------------------------------------

def build_document(report: Report, *, page_numbers: str = "odd_even", draft: bool = False,
                   title_bold: bool = False):
    """The python-docx ``Document`` for ``report`` and the warnings for the officer.

    ``draft``: a 征求意见稿, marked so in the header of every page, its placeholders highlighted; without it a
    report that still holds placeholders is refused (``ExportError``, ``publishing.require_final``).

    ``title_bold``: the title drawn bold. GB/T 9704 7.3.1 sets the title in 2号小标宋, not bold: 方正小标宋 is a
    heavy face of its own, and bold on it is smeared synthetic emboldening. So the .docx, which is opened on
    machines that have the font (most government offices), never sets it. Where the font is missing, the
    stand-in (宋体, Noto Serif CJK) at its regular weight looks like body text; the PDF and the preview, made
    on this machine whose fonts are known, ask for bold then (``fonts.title_needs_bold``).
    """
    if page_numbers not in PAGE_NUMBER_MODES:
        raise ValueError(f"page_numbers must be one of {PAGE_NUMBER_MODES}, not {page_numbers!r}")
    require_final(report, draft)
    options = _Options(draft, title_bold)
    printed = printed_report(report)
    doc = _new_document()
    _setup_section(doc, page_numbers)
    if draft:
        _draft_header(doc, page_numbers)
    elements = []
    for block in printed.blocks:
        if isinstance(block, Heading1) and elements and elements[-1].tag == X.qn("w:tbl"):
            elements.append(_heading1(block.text, options, after_table=True))
            continue
        if not isinstance(block, Signature):
            elements.append(_RENDER[type(block)](block, options))
            continue
        if elements[-1].tag == X.qn("w:p"):
            # Keep the last lines of text with the 落款 so it never stands alone on a page (7.3.5.5).
            props = elements[-1].find(X.qn("w:pPr"))
            if props is None:
                props = X.ppr()
                elements[-1].insert(0, props)
            X.insert_ordered(props, X.el("w:keepNext"), X.PPR_ORDER)
        elements.extend(_signature(block, options))
    sect_pr = doc.element.body.find(X.qn("w:sectPr"))
    for element in elements:
        sect_pr.addprevious(element)
    _set_properties(doc, report, report.fmt)
    return doc, list(printed.warnings)


def _set_properties(doc, report: Report, fmt: ReportFormat) -> None:
    props = doc.core_properties
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    # properties are XML too, and python-docx refuses one longer than 255 characters (a pasted name can be)
    clean = lambda s: clean_text(s)[0][:255]  # noqa: E731
    props.title = clean(report.title())
    props.author = clean(report.body.signature or report.body.name)
    props.subject = fmt.name
    props.keywords = str(template("document.j2").keywords())
    props.comments = str(template("document.j2").comments(format_name=fmt.name, version=__version__))
    props.last_modified_by = props.author
    props.language = "zh-CN"
    props.category = ""
    props.created = props.modified = now
    props.revision = 1


def export_docx(report: Report, path: str | os.PathLike, *, page_numbers: str = "odd_even", draft: bool = False,
                title_bold: bool = False) -> list[str]:
    """Write ``report`` as a .docx at ``path`` (atomically) and return warnings for the officer, in Chinese.

    ``page_numbers``: "odd_even" (GB/T 9704 7.5: odd pages right, even pages left) or "center"; ``draft`` and
    ``title_bold`` as for ``build_document``. Raises ``ExportError`` (an ``OSError``) with a Chinese message
    when the file cannot be written, or would be a final version still holding placeholders.
    """
    doc, warnings = build_document(report, page_numbers=page_numbers, draft=draft, title_bold=title_bold)
    _atomic_save(doc, Path(path))
    return warnings


def _atomic_save(doc, path: Path) -> None:
    try:
        atomic_write(path, doc.save)
    except OSError as e:
        # Latin words stand apart from Chinese text: “正在 Word/WPS 中打开”
        raise ExportError(oserrors.cannot_write(path, e, "Word 文档", " Word/WPS ")) from None
