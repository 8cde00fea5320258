"""Reading the three tables from a stream of tokens, by their labels.

Every source ends up here the same way: the part of the report between “二、” and “五、” becomes a
stream of label fragments and values. Flattened text (the seed's ``|`` cells, a PDF's text layer)
gives only that; a Word or web table also marks where each of its rows ends and keeps its empty cells.

A row is found by its label from the format definition, compared with punctuation, spaces and line
breaks removed; a label cut in two by a PDF's layout is still found by its longest prefix that no
other row shares. Each value then belongs to the last row label that starts before it (a PDF puts a
row's numbers in the middle of a label that wraps over several lines). Values are never guessed: a
row with fewer values than columns is left out and reported, and a blank or “/” stays blank.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..formatdef import CellRef, ReportFormat, Table
from .variants import RowWording

_UNITS = ("万元", "件", "个", "条", "项", "次", "元")  # printed after numbers in some reports' cells
_VALUE = re.compile(rf"^[+-]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:{'|'.join(_UNITS)})?$")
_BLANK_MARKS = frozenset("/-—–―─ー") | {"--", "——", "──", "无", "空"}
_GLUED = re.compile(r"^(.*[\u3400-\u9fff）”])(\d+(?:\.\d+)?)$")  # 规章0: a label and its value without a space
_SPLIT = re.compile(r"[\s|｜]+")
MIN_PREFIX = 5  # shortest label prefix accepted for a label cut in two (“社会公”-style cuts are for headers only)


@dataclass(frozen=True)
class Token:
    kind: str  # "text", "value", "blank" (an empty cell or a “/”), "end" (end of a table row)
    text: str


def norm_label(text: str) -> str:
    """A label as compared: NFKC, with everything but letters, digits and Chinese characters removed."""
    s = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in s if ch.isalnum())


def _classify(piece: str, structured: bool) -> Token:
    s = unicodedata.normalize("NFKC", piece).strip()
    if not s:
        return Token("blank", "")
    compact = re.sub(r"\s+", "", s)
    if _VALUE.match(compact):
        return Token("value", compact)
    # A lone 无/空 is a blank only as a whole table cell; inside flattened text it may be half a label.
    if compact in _BLANK_MARKS and (structured or compact not in ("无", "空")):
        return Token("blank", compact)
    return Token("text", s)


def tokens_from_line(line: str) -> list[Token]:
    """A line of flattened text: cells and words split at spaces and ``|``; an empty cell says nothing."""
    out: list[Token] = []
    for piece in _SPLIT.split(line):
        if not piece:
            continue
        tok = _classify(piece, structured=False)
        if tok.kind == "text":
            m = _GLUED.match(unicodedata.normalize("NFKC", piece))
            if m:
                out += [Token("text", m.group(1)), Token("value", m.group(2))]
                continue
        out.append(tok)
    return out


def tokens_from_rows(rows: list[list[str]]) -> list[Token]:
    """A structured table: one token per cell, empty cells kept as blanks, an end token after each row."""
    out: list[Token] = []
    for row in rows:
        out += [_classify(cell, structured=True) for cell in row]
        out.append(Token("end", ""))
    return out


# --- locating labels ------------------------------------------------------------------------------

class Stream:
    """The label text of a token stream, concatenated, with each token's position in it."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.pos: list[int] = []
        parts: list[str] = []
        n = 0
        for tok in tokens:
            self.pos.append(n)
            if tok.kind == "text":
                s = norm_label(tok.text)
                parts.append(s)
                n += len(s)
        self.text = "".join(parts)

    def find(self, needle: str, start: int = 0, end: int | None = None) -> int:
        return self.text.find(needle, start, len(self.text) if end is None else end)


def strip_numbering(label: str) -> str:
    """“（三）不予公开” -> “不予公开”, “1.属于国家秘密” -> “属于国家秘密” (already normalised)."""
    return re.sub(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})", "", label)


def locate(stream: Stream, label: str, others: list[str], start: int, end: int | None = None) -> int | None:
    """Where a row label starts, searching from ``start``: whole label, label without its numbering,
    then the longest prefix that no other label shares (a label cut by a page layout)."""
    span = locate_span(stream, label, others, start, end)
    return None if span is None else span[0]


def locate_span(stream: Stream, label: str, others: list[str], start: int,
                end: int | None = None) -> tuple[int, int] | None:
    """As ``locate``, with where the found label (or the prefix of it that was found) ends."""
    candidates = [label]
    core = strip_numbering(label)
    if core != label and len(core) >= 4:
        candidates.append(core)
    for cand in candidates:
        i = stream.find(cand, start, end)
        if i >= 0:
            return i, i + len(cand)
    for cand in candidates:
        for k in range(len(cand) - 1, MIN_PREFIX - 1, -1):
            prefix = cand[:k]
            if any(o.startswith(prefix) or strip_numbering(o).startswith(prefix) for o in others):
                break
            i = stream.find(prefix, start, end)
            if i >= 0:
                return i, i + k
    return None


@dataclass
class RowRead:
    anchor: int | None = None  # where the label was found in the stream text
    values: list[Token] = field(default_factory=list)
    end: int | None = None  # where the found label ends
    printed: str = ""  # the label as the report printed it, when that was a known variant (variants.py)
    wording: RowWording | None = None


def read_rows(stream: Stream, labels: dict[str, str],
              alternatives: dict[str, list[tuple[str, RowWording]]] | None = None) -> dict[str, RowRead]:
    """Find each row label (searching in order, then anywhere) and give each value to the row before it.

    A row whose own label is not found is looked for by its ``alternatives`` (variants.row_alternatives)."""
    norm = {rid: norm_label(lab) for rid, lab in labels.items()}
    reads = {rid: RowRead() for rid in labels}
    cursor = 0
    previous: RowRead | None = None
    for rid, lab in norm.items():
        others = [o for r, o in norm.items() if r != rid]
        span = _find_row(stream, lab, others, cursor, reads)
        for printed, wording in (alternatives or {}).get(rid, []) if span is None else []:
            alt = norm_label(printed)
            if wording.adjacent:
                at = previous.end if previous is not None else None
                if at is not None and stream.text.startswith(alt, at):
                    span = (at, at + len(alt))
            else:
                span = _find_row(stream, alt, others, cursor, reads)
            if span is not None:
                reads[rid].printed, reads[rid].wording = printed, wording
                break
        if span is not None:
            reads[rid].anchor, reads[rid].end = span
            cursor = span[0] + 1
            previous = reads[rid]
        else:
            previous = None
    assign_values(stream, reads)
    return reads


def _find_row(stream: Stream, label: str, others: list[str], cursor: int,
              reads: dict[str, RowRead]) -> tuple[int, int] | None:
    span = locate_span(stream, label, others, cursor)
    if span is None:
        span = locate_span(stream, label, others, 0)
        if span is not None and any(r.anchor == span[0] for r in reads.values()):
            span = None
    return span


def assign_values(stream: Stream, reads: dict[str, RowRead]) -> None:
    """Give each value to the row whose label starts last before it (again, if anchors were added)."""
    for r in reads.values():
        r.values = []
    anchors = sorted((r.anchor, rid) for rid, r in reads.items() if r.anchor is not None)
    if not anchors:
        return
    current: str | None = None
    k = 0
    for i, tok in enumerate(stream.tokens):
        p = stream.pos[i]
        while k < len(anchors) and anchors[k][0] < p:
            current = anchors[k][1]
            k += 1
        if tok.kind == "end":
            current = None  # a structured row ends: later values need a label of their own
            continue
        if tok.kind in ("value", "blank") and current is not None:
            reads[current].values.append(tok)


def fit(values: list[Token], n: int) -> tuple[list[Token] | None, str | None]:
    """Exactly ``n`` values for a row: empty cells beyond ``n`` are dropped; too few or too many is an error
    (which value would be the extra one, or the missing one, cannot be known)."""
    vals = list(values)
    while len(vals) > n and vals[0].kind == "blank" and not vals[0].text:
        vals.pop(0)
    while len(vals) > n and vals[-1].kind == "blank" and not vals[-1].text:
        vals.pop()
    if len(vals) < n:
        got = sum(1 for v in vals if v.kind == "value")
        return None, f"只读到{got}个数字，应有{n}个，无法确定各属哪一列"
    if len(vals) > n:
        shown = " ".join(v.text or "（空）" for v in vals)
        return None, f"读到{len(vals)}个值（{shown}），多于应有的{n}个，无法确定各属哪一列"
    return vals, None


# --- the outcome ------------------------------------------------------------------------------------

@dataclass
class TablesRead:
    """Cells read from the tables (text as printed, units of count cells removed) and what to tell the officer."""

    values: dict[CellRef, str] = field(default_factory=dict)
    unread: dict[CellRef, str] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    legacy_2019: bool = False
    units: dict[str, list[str]] = field(default_factory=dict)  # table id -> cells printed with a unit

    def put(self, table: Table, row_id: str, col_id: str, tok: Token) -> None:
        ref = CellRef(table.id, row_id, col_id)
        if tok.kind == "blank":
            shown = f"“{tok.text}”" if tok.text else "空白"
            self.unread[ref] = f"原表此格为{shown}"
            return
        text = tok.text
        unit = next((u for u in _UNITS if text.endswith(u)), None)
        if unit:
            col = table.col(col_id)
            if (unit == "万元" and col.type == "amount") or (unit not in ("万元", "元") and col.type == "count"):
                text = text[: -len(unit)]
                self.units.setdefault(table.id, []).append(f"{table.place(ref)}“{tok.text}”")
        self.values[ref] = text

    def unit_lines(self, fmt: ReportFormat) -> list[str]:
        return [f"{fmt.table_name(t)}有{len(cells)}个单元格带单位（如{cells[0]}），已去掉单位，只保留数字"
                for t, cells in self.units.items()]


def put_rows(fmt: ReportFormat, table: Table, reads: dict[str, RowRead], out: TablesRead) -> None:
    """Each found row's values into its cells, in the format's column order."""
    for row in table.rows:
        read = reads.get(row.id)
        if read is None:
            continue
        if read.anchor is None:
            for col in row.cols:
                out.unread.setdefault(CellRef(table.id, row.id, col), "原表中没有找到这一行")
            continue
        vals, problem = fit(read.values, len(row.cols))
        if problem:
            out.log.append(f"{fmt.table_name(table.id)}“{row.short}”行：{problem}")
        if vals is None:
            for col in row.cols:
                out.unread[CellRef(table.id, row.id, col)] = f"这一行{problem}"
            continue
        for col, tok in zip(row.cols, vals, strict=True):
            out.put(table, row.id, col, tok)


def header_missing(stream: Stream, labels: list[str], end: int | None) -> list[str]:
    """Column labels not found in the header (compared by their first two characters: headers wrap)."""
    head = stream.text[: len(stream.text) if end is None else end]
    return [lab for lab in labels if norm_label(lab)[:2] not in head]


def read_review(fmt: ReportFormat, stream: Stream, out: TablesRead) -> None:
    """Table 四 has no row labels beside its numbers: its fifteen values follow the three headers."""
    table = fmt.tables["review_litigation"]
    tokens = stream.tokens
    rows: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.kind == "end":
            rows.append([])
        else:
            rows[-1].append(tok)
    vals: list[Token] = []
    structured = any(t.kind == "end" for t in tokens)
    for row in rows:
        cells = [t for t in row if t.kind in ("value", "blank")]
        if structured and not any(t.kind == "value" or t.text for t in cells):
            continue  # a header row's empty cells say nothing about the numbers
        vals += cells
    refs = [CellRef(table.id, r.id, c) for r in table.rows for c in r.cols]
    got, problem = fit(vals, len(refs))
    if problem:
        out.log.append(f"{fmt.table_name(table.id)}：{problem}")
    if got is None:
        for ref in refs:
            out.unread[ref] = f"{table.name}{problem}"
        return
    for ref, tok in zip(refs, got, strict=True):
        out.put(table, ref.row, ref.col, tok)
