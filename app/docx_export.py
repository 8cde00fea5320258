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

Tables. A number never wraps: column widths and the table's size are planned for the widest number the
officer can type, measured in the widest face that may draw its digits (``table_layout``), number cells
carry ``w:noWrap``, and a value wider still is set smaller rather than broken (``_fit``).
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

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

# Table sizes, largest first: 五号 10.5 pt, 小五 9 pt, 六号 7.5 pt (half points). A table prints at the
# largest size at which every number column holds the widest possible number and the label columns keep
# their minimum (see ``table_layout``).
TABLE_SIZES = (SIZE_TABLE, 18, 15)
# The widest number the officer can type: counts up to 7 digits, 万元 amounts up to 7 digits before the
# point and at least 6 after it (the format's ``decimals`` when it allows more).
NUMBER_DIGITS, AMOUNT_DECIMALS = 7, 6
# Advance widths in em of the faces a number may be drawn in, read from the fonts' hmtx tables with
# fontTools: Times New Roman, Liberation Serif and SimSun digits 0.500; Noto Serif CJK SC 0.562, Noto Sans
# CJK SC 0.555; DejaVu Serif/Sans 0.636 (what fontconfig gives LibreOffice for Times New Roman on a Linux
# machine without the Liberation fonts, as on our CI). The point: 0.25 in Times, 0.327 in Noto Serif CJK.
# Widths are planned for the widest, so a number fits whichever face draws it.
DIGIT_EM, POINT_EM = 0.64, 0.33
# Beyond the cell margins: the 0.5 pt border (10 twips) and renderers' rounding of glyph positions.
NUMBER_SLACK = 60
# A label column may wrap its text, but no label needs more than this many lines per row it spans.
MAX_LABEL_LINES = 6
# A value wider than its column even so (an 8-digit count, or more than 4 digits in table 四's 10.4 mm
# columns) is set smaller down to 7 pt, then condensed (字符缩放, down to Word's smallest preset, 33%).
MIN_TABLE_SIZE, MIN_SCALE = 14, 33

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

class TableLayout(NamedTuple):
    size: int  # the table's font size in half points
    widths: tuple[int, ...]  # twips per grid column, filling the 156 mm type area exactly


def number_width(text: str, half_points: int) -> int:
    """Twips ``text`` may take at ``half_points`` in the widest face that could draw it (``DIGIT_EM``)."""
    ems = sum(DIGIT_EM if ch in "0123456789" else POINT_EM if ch in ".," else DIGIT_EM if text_width(ch) < 1
              else 1.0 for ch in text)
    return math.ceil(ems * half_points * 10)


def widest_number(table: Table, col_id: str) -> str:
    """The widest value the officer can type into a column (all digits alike: widths are planned per digit)."""
    col = table.col(col_id)
    if col.type == "amount":
        return "8" * NUMBER_DIGITS + "." + "8" * max(col.decimals, AMOUNT_DECIMALS)
    return "8" * NUMBER_DIGITS


def _scaled(weights, total: int) -> list[int]:
    whole = sum(weights)
    out = [total * w // whole for w in weights]
    for i in range(total - sum(out)):  # the rounding left-over, a twip each from the left
        out[i] += 1
    return out


def _needs(table: Table, size: int) -> tuple[list[int], set[int]]:
    """Each grid column's minimum width at ``size``, and which columns hold numbers."""
    values = [g for g in table.grid if g.kind == "value"]
    numbers = {g.c for g in values if g.colspan == 1}
    margins = 2 * TABLE_CELL_MARGIN
    need = [0 if c in numbers else size * 10 + margins for c in range(table.columns)]
    for g in table.grid:
        if g.kind == "value":
            want = number_width(widest_number(table, g.ref.col), size) + margins + NUMBER_SLACK
        elif g.colspan == 1 and g.c not in numbers:
            # a label wraps between any two characters, into at most MAX_LABEL_LINES per row it spans
            chars = math.ceil(text_width(g.text) / (MAX_LABEL_LINES * g.rowspan)) or 1
            want = chars * size * 10 + margins
        else:
            continue  # a header over number columns wraps inside their width
        last = g.c + g.colspan - 1
        need[last] += max(0, want - sum(need[g.c:last + 1]))
    return need, numbers


def table_layout(table: Table) -> TableLayout:
    """The font size and column widths of a table: the same for every report, planned for the widest number.

    Widths come from the widest *possible* value (``widest_number``), not the report's own: a township's
    zeros and a city's thousands print in the same layout, and a draft and its final version alike. The
    table takes the largest of ``TABLE_SIZES`` at which every number column holds that value and every label
    column its minimum; width beyond that is shared as in the format's ``col_widths``, label columns giving
    up theirs first (their text wraps). Where even 六号 is not enough (table 四: 15 number columns), the
    table prints at 六号, labels at their minimum, and a value too wide for its cell is set smaller (``_fit``).
    """
    base = _scaled(table.col_widths, TEXT_WIDTH)
    for size in TABLE_SIZES:
        need, _ = _needs(table, size)
        if sum(need) <= TEXT_WIDTH:
            widths = [max(b, n) for b, n in zip(base, need, strict=True)]
            excess = sum(widths) - TEXT_WIDTH
            spare = [w - n for w, n in zip(widths, need, strict=True)]
            if excess:  # taken from the columns wider than they need, in proportion to what they can give
                cuts = [excess * s // sum(spare) for s in spare]
                widths = [w - c for w, c in zip(widths, cuts, strict=True)]
                widest = max(range(table.columns), key=lambda c: widths[c] - need[c])
                widths[widest] -= sum(widths) - TEXT_WIDTH
            return TableLayout(size, tuple(widths))
    size = TABLE_SIZES[-1]
    need, numbers = _needs(table, size)
    widths = [need[c] if c not in numbers else 0 for c in range(table.columns)]
    rest = TEXT_WIDTH - sum(widths)
    if rest <= 0 or not numbers:
        return TableLayout(size, tuple(base))
    cols = sorted(numbers)
    for c, w in zip(cols, _scaled([base[c] for c in cols], rest), strict=True):
        widths[c] = w
    return TableLayout(size, tuple(widths))


_PRINTED_NUMBER = re.compile("[0-9]+(\\.[0-9]+)?")


def _fit(text: str, width: int, size: int) -> tuple[int, int]:
    """(half points, width scale in %) at which ``text`` stays on one line of a cell ``width`` twips wide.

    The table's size when it fits (always so up to the widest possible number, except in table 四); else
    smaller down to ``MIN_TABLE_SIZE``, then condensed (``w:w``, Word's 字符缩放) down to ``MIN_SCALE``.
    """
    usable = width - 2 * TABLE_CELL_MARGIN - NUMBER_SLACK
    for half_points in range(size, MIN_TABLE_SIZE - 1, -1):
        if number_width(text, half_points) <= usable:
            return half_points, 100
    need = number_width(text, MIN_TABLE_SIZE)
    return MIN_TABLE_SIZE, max(MIN_SCALE, 100 * usable // need)


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


def _cell_alignment(table: Table, cell: GridCell) -> str:
    if cell.kind == "corner" or (cell.kind == "row_label" and cell.r >= table.header_rows):
        return "left"
    return "center"


def _table(ex: _Export, table: Table):
    size, widths = table_layout(table)
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
                # the paragraph mark at the table's size too: Word sizes an empty line by it
                p = X.paragraph(X.ppr(style="TableText", run_props=_table_rpr(size)))
                tc = X.table_cell(width, [p], grid_span=g.colspan, v_merge="continue")
            else:
                kinds.add(g.kind)
                value = g.kind == "value"
                text = _value_text(ex, table, g) if value else g.text
                run_size, scale = _fit(text, width, size) if value else (size, 100)
                p = X.paragraph(X.ppr(style="TableText", jc=_cell_alignment(table, g), run_props=_table_rpr(size)),
                                [X.run(text, _table_rpr(run_size, scale))] if text else [])
                # noWrap: Word, WPS and LibreOffice keep a number on one line even where it is wider than planned;
                # text the officer typed that is not a number may wrap rather than run over the next cells
                tc = X.table_cell(width, [p], grid_span=g.colspan, v_merge="restart" if g.rowspan > 1 else None,
                                  no_wrap=value and _PRINTED_NUMBER.fullmatch(text) is not None)
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
