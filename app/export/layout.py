"""Layout decisions of the exported report, independent of the file format: GB/T 9704-2012 page and type
sizes, how the title breaks into lines, how wide each table column is and at which size a table prints,
and where the 落款 sits. The Word exporter renders them; pure functions, so other exporters can share them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

from docx.shared import Mm

from ..formatdef import Table

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
# largest size at which every number column holds its widest number and the label columns keep their
# minimum (see ``table_layout``).
TABLE_SIZES = (SIZE_TABLE, 18, 15)
# The widest number the officer can type: counts up to 7 digits, 万元 amounts up to 7 digits before the
# point and at least 6 after it (the format's ``decimals`` when it allows more).
NUMBER_DIGITS, AMOUNT_DECIMALS = 7, 6
# A number column is planned for its own widest number, never for fewer than this many digits; the format's
# widths (the official template's 11 mm columns) come first, so a table of zeros prints in the proportions
# of the published tables and only a wider number widens its column.
FLOOR_DIGITS = 3
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


def _planned_number(table: Table, g, values: Mapping[tuple[int, int], str] | None) -> str:
    """The number a value cell is planned for: its own (at least ``FLOOR_DIGITS`` wide), or the widest possible."""
    if values is None:
        return widest_number(table, g.ref.col)
    text = values.get((g.r, g.c), "")
    floor = "8" * FLOOR_DIGITS
    return text if number_width(text, SIZE_TABLE) > number_width(floor, SIZE_TABLE) else floor


def _needs(table: Table, size: int, printed: Mapping[tuple[int, int], str] | None = None
           ) -> tuple[list[int], set[int]]:
    """Each grid column's minimum width at ``size``, and which columns hold numbers."""
    values = [g for g in table.grid if g.kind == "value"]
    numbers = {g.c for g in values if g.colspan == 1}
    margins = 2 * TABLE_CELL_MARGIN
    need = [0 if c in numbers else size * 10 + margins for c in range(table.columns)]
    for g in table.grid:
        if g.kind == "value":
            want = number_width(_planned_number(table, g, printed), size) + margins + NUMBER_SLACK
        elif g.colspan == 1 and g.c not in numbers:
            # a label wraps between any two characters, into at most MAX_LABEL_LINES per row it spans
            chars = math.ceil(text_width(g.text) / (MAX_LABEL_LINES * g.rowspan)) or 1
            want = chars * size * 10 + margins
        else:
            continue  # a header over number columns wraps inside their width
        last = g.c + g.colspan - 1
        need[last] += max(0, want - sum(need[g.c:last + 1]))
    return need, numbers


def table_layout(table: Table, values: Mapping[tuple[int, int], str] | None = None) -> TableLayout:
    """The font size and column widths of a table, planned so that no number wraps.

    ``values`` are the numbers as printed, by grid position (r, c): widths come from the content, each number
    column as wide as its widest number (at least ``FLOOR_DIGITS`` digits), so the label columns keep the
    official proportions wherever the numbers allow — a city's seven-digit 行政处罚 count widens its column,
    a township's zeros leave the labels room. Without ``values``, every column is planned for the widest
    value the officer can type (``widest_number``). The table takes the largest of ``TABLE_SIZES`` at which
    every number column holds its number and every label column its minimum; width beyond that is shared as
    in the format's ``col_widths``, label columns giving up theirs first (their text wraps). Where even 六号
    is not enough, the table prints at 六号, labels at their minimum, and a value too wide for its cell is
    set smaller (``fit_number``).
    """
    base = _scaled(table.col_widths, TEXT_WIDTH)
    for size in TABLE_SIZES:
        need, _ = _needs(table, size, values)
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
    need, numbers = _needs(table, size, values)
    widths = [need[c] if c not in numbers else 0 for c in range(table.columns)]
    rest = TEXT_WIDTH - sum(widths)
    if rest <= 0 or not numbers:
        return TableLayout(size, tuple(base))
    cols = sorted(numbers)
    for c, w in zip(cols, _scaled([base[c] for c in cols], rest), strict=True):
        widths[c] = w
    return TableLayout(size, tuple(widths))


PRINTED_NUMBER = re.compile("[0-9]+(\\.[0-9]+)?")


def fit_number(text: str, width: int, size: int) -> tuple[int, int]:
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
