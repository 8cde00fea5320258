"""Word export: the report as the .docx the officer publishes, laid out by GB/T 9704-2012.

Qt-free. The text, the section titles, the three tables (labels and merges from the format's
``Table.grid``) and the numbers (``Report.value``) come from the model; the layout decisions (page,
sizes, title lines, column widths) are made in ``layout``, each citing its clause; the XML they need
lives in ``docx_xml``; the few sentences the export writes itself are jinja2 templates in
``resources/templates/export``.

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
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Twips

from .. import __version__, oserrors
from ..formatdef import ReportFormat, Table
from ..report import Report
from ..storage import atomic_write
from . import docx_xml as X
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
    signature_indents,
    table_layout,
    text_width,
    title_lines,
)
from .tables import PrintedCell, PrintedTable, printed_table

PAGE_NUMBER_MODES = ("odd_even", "center")

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


class ExportError(OSError):
    """The document could not be written; the message is for the officer, in Chinese."""


# --- templates ------------------------------------------------------------------------------------------

@cache
def _templates():
    from jinja2 import FunctionLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    folder = resources.files("resources").joinpath("templates", "export")

    def load(name: str):
        return folder.joinpath(name).read_text(encoding="utf-8")

    # Sandboxed and fed only data: the officer's text is passed as values and never compiled.
    return SandboxedEnvironment(loader=FunctionLoader(load), autoescape=False, undefined=StrictUndefined)


def _template(name: str):
    return _templates().get_template(name).module


def _msg(macro: str, **values) -> str:
    return str(getattr(_template("messages.j2"), macro)(**values))


# --- text clean-up --------------------------------------------------------------------------------------

_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# Characters XML 1.0 (hence Word) cannot store, and C1 controls that only ever arrive by pasting.
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_INDENT = " \t\u3000\u00a0"


def clean_text(text: str) -> tuple[str, int]:
    """Remove what Word cannot store; return the text and how many characters went."""
    cleaned, count = _UNSTORABLE.subn("", text)
    return cleaned, count


def text_lines(text: str) -> list[str]:
    """A text part's paragraphs: every line break ends one; indents typed by hand and blank lines dropped."""
    out = []
    for line in _LINE_BREAKS.split(text):
        line = line.strip(_INDENT).rstrip()
        if line:
            out.append(line)
    return out


# --- document building ----------------------------------------------------------------------------------

@dataclass
class _Export:
    report: Report
    fmt: ReportFormat
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def clean(self, text: str, part: str) -> str:
        cleaned, count = clean_text(text)
        if count:
            self.warn(_msg("control_chars", part=part, count=count))
        return cleaned


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


def _title_rpr():
    return _rpr(FONT_TITLE, LATIN_SERIF, SIZE_TITLE, spacing=0)


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


def _page_number_footer(footer, props) -> None:
    footer.is_linked_to_previous = False
    root = footer._element
    for child in list(root):
        root.remove(child)
    runs = [X.run("— ", _page_no_rpr()), *X.page_field_runs(_page_no_rpr), X.run(" —", _page_no_rpr())]
    root.append(X.paragraph(props, runs))


# --- text ---------------------------------------------------------------------------------------------

_LEVEL2 = re.compile("^（[一二三四五六七八九十]+）")
_SENTENCE_END = "。；;！？!?"
_RUN_IN_STOPS = "。；;"  # what ends a run-in heading; a heading line of its own has none


def _level2_split(line: str) -> tuple[str, str] | None:
    """A line the officer numbered as a 二级标题: (heading, rest), rest "" when the line is only a heading.

    “（一）主动公开情况。2024年……” is a heading run into its paragraph; the export prints every 二级标题 on
    a line of its own (see ``_body_paragraphs``), so the full stop that ran it in goes with the split.
    """
    if not _LEVEL2.match(line):
        return None
    end = min((i for i in (line.find(p) for p in _SENTENCE_END) if i >= 0), default=-1)
    if end < 0:
        return (line, "") if text_width(line) <= 30 else None
    if end == len(line) - 1 and text_width(line) <= 30:
        return line.rstrip(_RUN_IN_STOPS), ""
    if text_width(line[:end + 1]) <= 30:
        return line[:end + 1].rstrip(_RUN_IN_STOPS), line[end + 1:].lstrip(_INDENT)
    return None


def _body_paragraphs(line: str) -> list:
    """One typed line as paragraphs: a numbered 二级标题 becomes a heading line of its own (GB/T 9704 7.3.3:
    楷体), whether the officer ran it into the paragraph or not, so all of a report's sub-headings look alike."""
    split = _level2_split(line)
    if split is None:
        return [X.paragraph(None, [X.run(line, _body_rpr())])]
    heading, rest = split
    out = [_heading(heading, 2)]
    if rest:
        out.append(X.paragraph(None, [X.run(rest, _body_rpr())]))
    return out


def _heading(text: str, level: int):
    if level == 1:
        return X.paragraph(X.ppr(style="Heading1"), [X.run(text, _h1_rpr())])
    return X.paragraph(X.ppr(style="Heading2"), [X.run(text, _h2_rpr())])


def _title(ex: _Export):
    report = ex.report
    name = ex.clean(report.body.name.strip(), "机关名称")
    if not name:
        ex.warn(_msg("no_name"))
    if report.year is None:
        ex.warn(_msg("no_year"))
    year = "" if report.year is None else str(report.year)
    title = ex.fmt.title_template.format(name=name, year=year)
    runs = []
    for i, line in enumerate(title_lines(title, name)):
        if i:
            runs.append(X.line_break(_title_rpr()))
        runs.append(X.run(line, _title_rpr()))
    return X.paragraph(X.ppr(style="Title", jc="center"), runs)


_NUMERALS = "一二三四五六七八九十"


def _renumbered(heading: str, n: int) -> str:
    """“（五）监督保障” printed as the fourth heading reads “（四）监督保障”: omitted parts leave no gap."""
    m = _LEVEL2.match(heading)
    if not m or not 1 <= n <= len(_NUMERALS):
        return heading
    return f"（{_NUMERALS[n - 1]}）{heading[m.end():]}"


def _text_section(ex: _Export, section) -> list:
    out = []
    if section.title:
        out.append(_heading(section.title, 1))
    printed = headings = 0
    for part in section.parts:
        key = f"{section.id}.{part.id}"
        lines = text_lines(ex.clean(ex.report.text(key), ex.fmt.part_name(key)))
        if not lines:
            continue
        printed += 1
        # the officer's own wording carried over from last year (“（四）政府信息公开平台建设情况”), else the format's
        heading = ex.report.part_heading(key)
        if heading:
            headings += 1
            heading = _renumbered(ex.clean(heading, ex.fmt.part_name(key)), headings)
            own = _LEVEL2.match(lines[0])
            # The officer typed the heading (“（一）主动公开情况。……”): theirs replaces the format's.
            if not (own and own.group(0) in (heading[:own.end()], part.heading[:own.end()])):
                out.append(_heading(heading, 2))
        for line in lines:
            out.extend(_body_paragraphs(line))
    if section.title and not printed:
        ex.warn(_msg("empty_section", title=section.title))
    return out


# --- tables ---------------------------------------------------------------------------------------------

def _value_text(ex: _Export, printed: PrintedTable, cell: PrintedCell) -> str:
    if cell.problem == "bad":
        place = printed.place(cell)
        text = ex.clean(cell.text, place).strip()
        ex.warn(_msg("bad_cell", place=place, text=text))
        return text
    if cell.problem == "unknown":
        ex.warn(_msg("total_unknown", place=printed.place(cell)))
    return cell.text


def _cell_alignment(table: Table, cell: PrintedCell) -> str:
    if cell.kind == "corner" or (cell.kind == "row_label" and cell.r >= table.header_rows):
        return "left"
    return "center"


def _table(ex: _Export, table: Table):
    printed = printed_table(ex.report, table)
    numbers = {(c.r, c.c): c.text for c in printed.cells if c.is_value and PRINTED_NUMBER.fullmatch(c.text)}
    size, widths = table_layout(table, numbers)
    rows = []
    for r, row in enumerate(printed.rows):
        cells, kinds = [], set()
        for g, continuing in row:
            width = sum(widths[g.c:g.c + g.colspan])
            if continuing:
                # the paragraph mark at the table's size too: Word sizes an empty line by it
                p = X.paragraph(X.ppr(style="TableText", run_props=_table_rpr(size)))
                tc = X.table_cell(width, [p], grid_span=g.colspan, v_merge="continue")
            else:
                kinds.add(g.kind)
                value = g.is_value
                text = _value_text(ex, printed, g) if value else g.text
                run_size, scale = fit_number(text, width, size) if value else (size, 100)
                p = X.paragraph(X.ppr(style="TableText", jc=_cell_alignment(table, g), run_props=_table_rpr(size)),
                                [X.run(text, _table_rpr(run_size, scale))] if text else [])
                # noWrap: Word, WPS and LibreOffice keep a number on one line even where it is wider than planned;
                # text the officer typed that is not a number may wrap rather than run over the next cells
                tc = X.table_cell(width, [p], grid_span=g.colspan, v_merge="restart" if g.rowspan > 1 else None,
                                  no_wrap=value and PRINTED_NUMBER.fullmatch(text) is not None)
            cells.append(tc)
        if table.header_rows == 0 and kinds & {"caption", "header"}:
            # 表二's caption and 信息内容 rows belong with the rows under them: never left at a page foot.
            for cell in cells:
                for props in cell.iter(X.qn("w:pPr")):
                    X.insert_ordered(props, X.el("w:keepNext"), X.PPR_ORDER)
        rows.append(X.table_row(cells, header=r < table.header_rows, min_height=TABLE_ROW_HEIGHT))
    return X.table(widths, rows, cell_margin=TABLE_CELL_MARGIN)


# --- signature ------------------------------------------------------------------------------------------

def _signature_block(ex: _Export) -> list:
    body = ex.report.body
    signature = ex.clean((body.signature or body.name).strip(), "落款")
    date_text = ""
    if body.date:
        d = body.date_value()
        if d is None:
            ex.warn(_msg("bad_date", text=body.date))
        else:
            date_text = str(_template("document.j2").date(d))
    else:
        ex.warn(_msg("no_date"))
    if not signature and not date_text:
        return []
    sig_right, date_right = signature_indents(signature, date_text)
    out = [X.paragraph(X.ppr(keep_next=True))]  # 7.3.5.2: one blank line below the text
    lines = [(signature, sig_right, bool(date_text)), (date_text, date_right, False)]
    for text, right, keep in lines:
        if text:
            out.append(X.paragraph(
                X.ppr(keep_next=keep, right_chars=round(right * 100), right=round(right * CHAR),
                      first_line_chars=0, first_line=0, jc="right"),
                [X.run(text, _body_rpr())]))
    return out


# --- the whole document -------------------------------------------------------------------------------

def build_document(report: Report, *, page_numbers: str = "odd_even"):
    """The python-docx ``Document`` for ``report`` and the warnings for the officer."""
    if page_numbers not in PAGE_NUMBER_MODES:
        raise ValueError(f"page_numbers must be one of {PAGE_NUMBER_MODES}, not {page_numbers!r}")
    fmt = report.fmt
    ex = _Export(report, fmt)
    doc = _new_document()
    _setup_section(doc, page_numbers)
    blocks = [_title(ex)]
    for section in fmt.sections:
        if section.kind == "table":
            blocks.append(_heading(section.title, 1))
            blocks.append(_table(ex, fmt.tables[section.table]))
        else:
            blocks.extend(_text_section(ex, section))
    ending = _signature_block(ex)
    if ending and blocks[-1].tag == X.qn("w:p"):
        # Keep the last lines of text with the 落款 so it never stands alone on a page (7.3.5.5).
        props = blocks[-1].find(X.qn("w:pPr"))
        if props is None:
            props = X.ppr()
            blocks[-1].insert(0, props)
        X.insert_ordered(props, X.el("w:keepNext"), X.PPR_ORDER)
    blocks.extend(ending)
    sect_pr = doc.element.body.find(X.qn("w:sectPr"))
    for block in blocks:
        sect_pr.addprevious(block)
    _set_properties(doc, report, fmt)
    return doc, ex.warnings


def _set_properties(doc, report: Report, fmt: ReportFormat) -> None:
    props = doc.core_properties
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    # properties are XML too, and python-docx refuses one longer than 255 characters (a pasted name can be)
    clean = lambda s: clean_text(s)[0][:255]  # noqa: E731
    props.title = clean(report.title())
    props.author = clean(report.body.signature or report.body.name)
    props.subject = fmt.name
    props.keywords = str(_template("document.j2").keywords())
    props.comments = str(_template("document.j2").comments(format_name=fmt.name, version=__version__))
    props.last_modified_by = props.author
    props.language = "zh-CN"
    props.category = ""
    props.created = props.modified = now
    props.revision = 1


def export_docx(report: Report, path: str | os.PathLike, *, page_numbers: str = "odd_even") -> list[str]:
    """Write ``report`` as a .docx at ``path`` (atomically) and return warnings for the officer, in Chinese.

    ``page_numbers``: "odd_even" (GB/T 9704 7.5: odd pages right, even pages left) or "center".
    Raises ``ExportError`` (an ``OSError``) with a Chinese message when the file cannot be written.
    """
    doc, warnings = build_document(report, page_numbers=page_numbers)
    _atomic_save(doc, Path(path))
    return warnings


def _atomic_save(doc, path: Path) -> None:
    try:
        atomic_write(path, doc.save)
    except OSError as e:
        # Latin words stand apart from Chinese text: “正在 Word/WPS 中打开”
        raise ExportError(oserrors.cannot_write(path, e, "Word 文档", " Word/WPS ")) from None
