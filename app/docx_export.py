"""Word export: the report as the .docx the officer publishes, laid out by GB/T 9704-2012.

Qt-free. The text, the section titles, the three tables (labels and merges from the format's
``Table.grid``) and the numbers (``Report.value``) come from the model; the layout decisions are the
constants below, each citing its clause; the XML they need lives in ``app.docx_xml``; the few
sentences the export writes itself are jinja2 templates in ``resources/templates/export``.

Fonts and their fallback. The standard names 方正小标宋简体 (title), 仿宋_GB2312 (body), 黑体 (一级标题),
楷体_GB2312 (二级标题) and 宋体 (tables, page numbers) are written where Word and WPS read them
(``w:eastAsia``), with Times New Roman (Arial beside 黑体) for digits and Latin text. The font table
gives each Chinese font a ``w:altName`` (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体,
黑体 → SimHei, 宋体 → SimSun) plus panose, GB2312 charset and family, so a machine without the
GB2312-era fonts substitutes the matching Windows font rather than a Latin one.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm, Twips

from . import __version__, oserrors
from . import docx_xml as X
from .cells import format_number
from .formatdef import GridCell, ReportFormat, Table
from .report import Report
from .storage import atomic_write

PAGE_NUMBER_MODES = ("odd_even", "center")

# --- layout (GB/T 9704-2012) ----------------------------------------------------------------------------

# 5.2.1: A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, hence bottom 35 mm and right 26 mm.
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1588, 1474
TEXT_WIDTH = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 8844 twips = 156 mm
TEXT_HEIGHT = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM  # 12756 twips = 225 mm
# 5.2.2: 22 lines of 28 characters. Lines: a line grid of 22 lines plus the same pitch as exact line
# spacing, so a page holds 22 lines in Word, WPS and LibreOffice alike. Characters: 28 × 3号 (16 pt)
# is 448 pt, a little more than the 442 pt type area, so text is condensed by 0.25 pt per character.
# (Word's character grid would do the same, but LibreOffice gives each 16 pt character two cells of a
# 15.8 pt grid and prints 14 characters per line, so the PDF would not look like the document.)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH = TEXT_HEIGHT // LINES_PER_PAGE  # 579 twips ≈ 28.95 pt
CONDENSE = -5  # twips per character: 28 × (16 − 0.25) pt = 441 pt ≤ 442.2 pt
# 7.5: the dash line of the page number 7 mm below the type area; the footer's bottom edge sits about
# half a 4号 line (2.5 mm) lower, as the dash is drawn at the middle of the line.
FOOTER_DISTANCE = Mm(35 - 7 - 2.5)
HEADER_DISTANCE = Mm(15)

# Font sizes in half points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 五号 10.5 pt.
SIZE_TITLE, SIZE_BODY, SIZE_PAGE_NO, SIZE_TABLE = 44, 32, 28, 21
CHAR = SIZE_BODY * 10  # one 3号 character in twips (16 pt)

FONT_TITLE = "方正小标宋简体"  # 7.3.1
FONT_BODY = "仿宋_GB2312"  # 7.3.3 body and headings of level 3 and below
FONT_H1 = "黑体"  # 7.3.3 level 1 (一、)
FONT_H2 = "楷体_GB2312"  # 7.3.3 level 2 (（一）)
FONT_TABLE = "宋体"  # tables are not regulated; 宋体 五号 as in the 2021 template
FONT_PAGE_NO = "宋体"  # 7.5 "4号半角宋体阿拉伯数字"
LATIN_SERIF, LATIN_SANS = "Times New Roman", "Arial"

TITLE_LINE = 700  # 35 pt exact: a 2号 title needs more than the body's 28.95 pt
TITLE_CHARS_PER_LINE = 20  # 156 mm / 22 pt
TABLE_CELL_MARGIN = 57  # 1 mm: table 四 has 15 columns of 10.4 mm
TABLE_ROW_HEIGHT = 454  # 8 mm minimum, so a table of single-line rows still reads as a form

# Column widths (twips, summing to the type area) where the template's proportions do not suit a
# 156 mm type area at 五号: table 三's first column holds “三、本年度办理结果” one character per line,
# the second fits “（三）不予公开” and the third “2.其他法律行政法规禁止公开” on one line, and the
# data columns a four-digit number. Other tables scale the format's col_widths.
_COLUMN_WIDTHS = {
    "applications": (440, 1600, 2840) + (566,) * 6 + (568,),
}
MIN_TABLE_SIZE = 14  # half points: a number too wide for its column shrinks down to 7 pt, never wraps

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


def text_width(text: str) -> float:
    """Width in Chinese characters: full-width 1, half-width (digits, Latin) ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


# --- title ----------------------------------------------------------------------------------------------

# Where a long body name may wrap: after an administrative unit (哈密市｜伊州区｜天山乡人民政府), never
# inside a unit (杭州市, 市场), and never between a place and its organ (天山乡｜人民政府).
_NAME_CUT_AFTER = ("委员会", "办公室", "办公厅", "自治区", "自治州", "自治县", "省", "市", "区", "县", "州", "盟",
                   "旗", "乡", "镇", "街道", "局", "厅")
_UNIT_CHARS = "省市区县州盟旗乡镇"
_NO_CUT = ("市场", "市政", "市容", "区域", "县域", "局长")
_ORGANS = ("人民政府", "政府", "人民代表大会", "委员会", "办公室", "办公厅", "办事处", "管理委员会")


def _name_pieces(name: str) -> list[str]:
    cuts = []
    for i in range(2, len(name) - 1):
        head, tail = name[:i], name[i:]
        if (any(head.endswith(s) for s in _NAME_CUT_AFTER) and tail[0] not in _UNIT_CHARS
                and name[i - 1:i + 1] not in _NO_CUT and not tail.startswith(_ORGANS)):
            cuts.append(i)
    pieces, start = [], 0
    for i in cuts:
        pieces.append(name[start:i])
        start = i
    pieces.append(name[start:])
    return pieces


MAX_TITLE_PIECES = 12  # 2 ** 11 ways to break the title


def title_lines(title: str, name: str, max_width: float = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break the title into balanced lines (GB/T 9704 7.3.1: words whole, lines symmetric).

    A title that fits stays on one line; otherwise the break goes between the body name and the year,
    and a name too long for one line wraps after an administrative unit, as evenly as possible.
    """
    if text_width(title) <= max_width:
        return [title]
    if name and title.startswith(name):
        pieces = _name_pieces(name) + [title[len(name):]]
        name_count = len(pieces) - 1
    else:
        pieces = list(title)
        name_count = len(pieces)
    best: tuple | None = None
    n = len(pieces)
    # A name has a handful of units, so trying every set of break points is cheap; a name with dozens of
    # units (pasted text) would make it take hours, and is cut evenly below instead.
    for mask in range(1 << (n - 1)) if n <= MAX_TITLE_PIECES else ():
        lines, current = [], pieces[0]
        for i in range(1, n):
            if mask >> (i - 1) & 1:
                lines.append(current)
                current = pieces[i]
            else:
                current += pieces[i]
        lines.append(current)
        widths = [text_width(s) for s in lines]
        if max(widths) > max_width:
            continue
        # The year starts a line of its own (the name and the report's kind read apart), then fewest lines.
        breaks_at_year = name_count < n and (name_count == 0 or (mask >> (name_count - 1)) & 1)
        score = (not breaks_at_year, len(lines), max(widths) - min(widths))
        if best is None or score < best[0]:
            best = (score, lines)
    if best is None:  # nothing fits whole: cut evenly by width
        lines, current = [], ""
        for ch in title:
            if text_width(current + ch) > max_width:
                lines.append(current)
                current = ""
            current += ch
        return lines + [current]
    return best[1]


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


def _table_rpr(half_points: int = SIZE_TABLE):
    return _rpr(FONT_TABLE, LATIN_SERIF, half_points, spacing=0)


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


def _level2_split(line: str) -> tuple[str, str] | None:
    """A line the officer numbered as a 二级标题: (heading, rest), rest "" when the line is only a heading.

    “（一）主动公开情况。2024年……” keeps its run-in heading in 楷体 and the rest in 仿宋, as offices do.
    """
    if not _LEVEL2.match(line):
        return None
    end = min((i for i in (line.find(p) for p in _SENTENCE_END) if i >= 0), default=-1)
    if end < 0:
        return (line, "") if text_width(line) <= 30 else None
    if end == len(line) - 1 and text_width(line) <= 30:
        return line, ""
    if text_width(line[:end + 1]) <= 30:
        return line[:end + 1], line[end + 1:]
    return None


def _body_paragraph(line: str):
    split = _level2_split(line)
    if split is None:
        return X.paragraph(None, [X.run(line, _body_rpr())])
    heading, rest = split
    if not rest:
        return _heading(heading, 2)
    return X.paragraph(None, [X.run(heading, _h2_rpr()), X.run(rest, _body_rpr())])


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
        if part.heading:
            headings += 1
            heading = _renumbered(part.heading, headings)
            own = _LEVEL2.match(lines[0])
            # The officer typed the heading (“（一）主动公开情况。……”): theirs replaces the format's.
            if not (own and own.group(0) in (heading[:own.end()], part.heading[:own.end()])):
                out.append(_heading(heading, 2))
        out.extend(_body_paragraph(line) for line in lines)
    if section.title and not printed:
        ex.warn(_msg("empty_section", title=section.title))
    return out


# --- tables ---------------------------------------------------------------------------------------------

def column_widths(table: Table) -> list[int]:
    """Grid widths in twips, filling the 156 mm type area exactly."""
    fixed = _COLUMN_WIDTHS.get(table.id)
    if fixed and len(fixed) == table.columns and sum(fixed) == TEXT_WIDTH:
        return list(fixed)
    total = sum(table.col_widths)
    widths = [TEXT_WIDTH * w // total for w in table.col_widths]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


def _value_text(ex: _Export, table: Table, cell: GridCell) -> str:
    ref = cell.ref
    parsed = ex.report.cells.get(ref)
    place = f"{ex.fmt.table_name(table.id)}“{table.place(ref)}”"
    if parsed is not None and parsed.error is not None:
        text = ex.clean(parsed.text, place).strip()
        ex.warn(_msg("bad_cell", place=place, text=text))
        return text
    value = ex.report.value(ref)
    if value is None and ex.fmt.is_total(ref) and parsed is None:
        ex.warn(_msg("total_unknown", place=place))
    return format_number(value)


def _fitting_size(text: str, width: int) -> int:
    """The table font size (half points) at which ``text`` fits on one line of a cell ``width`` twips wide."""
    needed = text_width(text)
    usable = width - 2 * TABLE_CELL_MARGIN
    if not needed or needed * SIZE_TABLE * 10 <= usable:
        return SIZE_TABLE
    return max(MIN_TABLE_SIZE, int(usable / (needed * 10)))


def _cell_alignment(table: Table, cell: GridCell) -> str:
    if cell.kind == "corner" or (cell.kind == "row_label" and cell.r >= table.header_rows):
        return "left"
    return "center"


def _table(ex: _Export, table: Table):
    widths = column_widths(table)
    starts = {(g.r, g.c): g for g in table.grid}
    below: dict[tuple[int, int], GridCell] = {}
    for g in table.grid:
        for dr in range(1, g.rowspan):
            below[(g.r + dr, g.c)] = g
    rows = []
    for r in range(table.grid_rows):
        cells, c, kinds = [], 0, set()
        while c < table.columns:
            g = starts.get((r, c))
            continuing = g is None
            if continuing:
                g = below.get((r, c))
                if g is None:
                    raise ValueError(f"format grid of table {table.id}: nothing at row {r}, column {c}")
            width = sum(widths[c:c + g.colspan])
            if continuing:
                tc = X.table_cell(width, [X.paragraph(X.ppr(style="TableText"))], grid_span=g.colspan,
                                  v_merge="continue")
            else:
                kinds.add(g.kind)
                text = _value_text(ex, table, g) if g.kind == "value" else g.text
                size = _fitting_size(text, width) if g.kind == "value" else SIZE_TABLE
                p = X.paragraph(X.ppr(style="TableText", jc=_cell_alignment(table, g)),
                                [X.run(text, _table_rpr(size))] if text else [])
                tc = X.table_cell(width, [p], grid_span=g.colspan, v_merge="restart" if g.rowspan > 1 else None)
            cells.append(tc)
            c += g.colspan
        if table.header_rows == 0 and kinds & {"caption", "header"}:
            # 表二's caption and 信息内容 rows belong with the rows under them: never left at a page foot.
            for cell in cells:
                for props in cell.iter(X.qn("w:pPr")):
                    X.insert_ordered(props, X.el("w:keepNext"), X.PPR_ORDER)
        rows.append(X.table_row(cells, header=r < table.header_rows, min_height=TABLE_ROW_HEIGHT))
    return X.table(widths, rows, cell_margin=TABLE_CELL_MARGIN)


# --- signature ------------------------------------------------------------------------------------------

def signature_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of the 署名 and the 成文日期 without a seal (GB/T 9704 7.3.5.2).

    The signature is 右空二字; the date's first character sits two characters right of the
    signature's first character. When that would bring the date closer than two characters to the
    margin (a date longer than the signature), the date is 右空二字 and the signature moves left.
    """
    s, d = text_width(signature), text_width(date)
    date_right = s - d
    if date_right >= 2 or not signature:
        return 2.0, (date_right if signature else 2.0)
    return 4 - s + d, 2.0


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
