"""What the image says, read from the report's printed form (``app.export.blocks.printed_report``).

Every number drawn is a value cell's text exactly as the Word file and the web page print it; last year's come
from the same printing of ``Report.last_year``'s cells. Sums the printed tables do not carry (不予公开's eight
reasons, 诉讼's two rows) are added from those printed values, never from another reading of the cells.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from ..cells import format_number
from ..drafts import region_word
from ..export.blocks import TableBlock, clean_text, printed_report, text_lines
from ..formatdef import CellRef
from ..indicators import change_text, indicators
from ..report import Report

BLANK = "—"  # what a cell left blank in the printed table reads as in the picture


class Figure(NamedTuple):
    key: str  # e.g. "applications.granted.total": the cell (or the sum) the figure is; the SVG carries it
    label: str
    text: str  # as printed ("" for a blank cell shows as BLANK)
    unit: str
    last: str | None  # last year's as printed, None when last year's report is not known
    change: str  # "↑12", "↓3", "持平", "" (no comparison)


class Bar(NamedTuple):
    figure: Figure
    value: Decimal  # for the bar's length (0 for a blank or unreadable cell)


class Content(NamedTuple):
    title_lines: tuple[str, ...]  # year + 政府信息公开工作年度报告 (the name is apart: it may wrap)
    name: str
    scope_word: str  # 全市 / 全区 / … in a 汇总, "" for one body's own report
    units: int  # units taken into a 汇总 (0 when none recorded)
    active: tuple[tuple[str, tuple[Figure, ...]], ...]  # 表二 by group: (group title, its figures)
    fee: Figure
    applications: tuple[Figure, ...]  # received, carried over, handled, carried to next year
    results: tuple[Bar, ...]  # 办理结果 by kind
    rate: Figure  # 实质公开率
    review: tuple[tuple[str, Figure, tuple[Figure, ...]], ...]  # (row title, its 总计, 维持/纠正/其他/尚未审结)
    problems: tuple[str, ...]  # short items from 五
    measures: tuple[str, ...]
    year: str


def _printed_cells(report: Report) -> dict[CellRef, str]:
    out: dict[CellRef, str] = {}
    for block in printed_report(report).blocks:
        if isinstance(block, TableBlock):
            for row in block.rows:
                for cell in row:
                    if not cell.continuing and cell.cell.is_value:
                        out[cell.cell.ref] = cell.text
    return out


def _last_year_cells(report: Report) -> dict[CellRef, str] | None:
    ly = report.last_year
    if ly is None or not ly.cells:
        return None
    last = Report(year=ly.year, body=report.body, cells=dict(ly.cells), format_id=report.format_id)
    return _printed_cells(last)


def number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")) if text else None
    except InvalidOperation:
        return None


def _change(this: str, last: str | None) -> str:
    a, b = number(this), number(last or "")
    if a is None or b is None:
        return ""
    if a == b:
        return "持平"
    return f"{'↑' if a > b else '↓'}{format_number(abs(a - b))}"


class _Reader:
    def __init__(self, report: Report):
        self.this = _printed_cells(report)
        self.last = _last_year_cells(report)

    def figure(self, refs: tuple[CellRef, ...], label: str, unit: str = "件") -> Figure:
        key = ".".join((refs[0].table, refs[0].row, refs[0].col)) if len(refs) == 1 else \
            "+".join(f"{r.table}.{r.row}.{r.col}" for r in refs)
        this = self._sum(self.this, refs)
        last = None if self.last is None else self._sum(self.last, refs)
        return Figure(key, label, this, unit, last, _change(this, last))

    @staticmethod
    def _sum(cells: dict[CellRef, str], refs: tuple[CellRef, ...]) -> str:
        texts = [cells.get(r, "") for r in refs]
        if len(texts) == 1:
            return texts[0]
        if all(t == "" for t in texts):
            return ""
        numbers = [number(t) if t else Decimal(0) for t in texts]
        if any(n is None for n in numbers):
            return ""  # an unreadable cell: the report's own warning says so; no invented sum
        return format_number(sum(numbers))


def _apps(*rows: str) -> tuple[CellRef, ...]:
    return tuple(CellRef("applications", r, "total") for r in rows)


_RESULT_KINDS = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partial",)),
    ("不予公开", ("deny_secret", "deny_law", "deny_3s1w", "deny_third", "deny_internal", "deny_process",
                 "deny_casefile", "deny_query")),
    ("无法提供", ("na_not_held", "na_need_make", "na_unclear")),
    ("不予处理", ("np_petition", "np_repeat", "np_publication", "np_massive", "np_confirm")),
    ("其他处理", ("oth_no_fix", "oth_no_fee", "oth_other")),
)
_REVIEW_ROWS = (("行政复议", "review"), ("行政诉讼（未经复议直接起诉）", "lit_direct"),
                ("行政诉讼（复议后起诉）", "lit_after"))
_REVIEW_COLS = (("维持", "maintained"), ("纠正", "corrected"), ("其他", "other"), ("尚未审结", "pending"))


def build_content(report: Report, draft: bool = False) -> Content:
    read = _Reader(report)
    a = lambda row, col, label, unit="件": read.figure((CellRef("active", row, col),), label, unit)  # noqa: E731
    active = (
        ("规章", (a("rules", "issued", "本年制发"), a("rules", "repealed", "本年废止"),
                  a("rules", "valid", "现行有效"))),
        ("行政规范性文件", (a("normative_docs", "issued", "本年制发"), a("normative_docs", "repealed", "本年废止"),
                        a("normative_docs", "valid", "现行有效"))),
        ("行政许可、处罚、强制（本年处理决定）", (a("license", "decisions", "行政许可"),
                                            a("penalty", "decisions", "行政处罚"),
                                            a("coercion", "decisions", "行政强制"))),
    )
    fee = a("admin_fee", "amount_wanyuan", "行政事业性收费", "万元")
    applications = (read.figure(_apps("new_received"), "本年新收申请"),
                    read.figure(_apps("carried_over"), "上年结转"),
                    read.figure(_apps("result_total"), "办理总数"),
                    read.figure(_apps("carry_next"), "结转下年度"))
    results = tuple(Bar(f, number(f.text) or Decimal(0))
                    for f in (read.figure(_apps(*rows), label) for label, rows in _RESULT_KINDS))
    rate_ind = next(i for i in indicators(report) if i.name == "实质公开率")
    rate = Figure("indicator.实质公开率", "实质公开率", "" if rate_ind.this is None else format_number(rate_ind.this),
                  "%", None if rate_ind.last is None else format_number(rate_ind.last),
                  _rate_change(change_text(rate_ind)))
    review = tuple(
        (title, read.figure((CellRef("review_litigation", row, "total"),), "总计"),
         tuple(read.figure((CellRef("review_litigation", row, col),), label) for label, col in _REVIEW_COLS))
        for title, row in _REVIEW_ROWS)
    problems, measures = problem_items(clean_text(report.text("problems.body"))[0])
    # what XML cannot hold (a control character pasted into the name) goes, as in the Word file
    name = clean_text(report.body.name)[0].strip()
    summary = report.body.scope == "summary"
    year = "" if report.year is None else str(report.year)
    return Content(
        # a 征求意见稿 says so in its title: the picture is passed round as readily as the document
        title_lines=((f"{year}年" if year else "") + "政府信息公开工作年度报告" + ("（征求意见稿）" if draft else ""),
                     "一图读懂"),
        name=" ".join(name.split()),
        scope_word=region_word(name) if summary else "",
        units=sum(1 for u in report.units if u.cells) if summary else 0,  # units that have reported
        active=active, fee=fee, applications=applications, results=results, rate=rate, review=review,
        problems=problems, measures=measures, year=year)


def _rate_change(text: str) -> str:
    # indicators words it “+1.2个百分点”; the picture uses arrows like every other figure
    if text.startswith("+"):
        return "↑" + text[1:]
    if text.startswith("−"):
        return "↓" + text[1:]
    return text


# --- 五 as short numbered items -------------------------------------------------------------------------

_ENUM = re.compile(r"(?:[一二三四五六七八九十]是|（[一二三四五六七八九十]）|(?<![0-9.])[1-9][.、．])")
_SENTENCES = re.compile(r"[。；;！？!?]")
_MEASURE_WORDS = ("下一步", "改进", "措施", "针对", "将")
_LEAD_IN = re.compile(r"^(?:针对[^，]{0,12}|下一步|同时|此外|今后|\d{4}年|对此)$")
_SUBJECT = re.compile(r"^(?:我[市区县乡镇局委办厅部]|本机关|本单位|本部门|各单位)?(?:将|要|还将)?")
_PLACEHOLDER = re.compile(r"请填写|[XＸ×]{2,}")
ITEM_CHARS = 26  # an item of one line at the list's size; longer ones end at a clause and “……”
MAX_ITEMS = 5


def problem_items(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(problems, measures): short items of 五. A paragraph naming 下一步/改进/措施 holds measures; items are the
    officer's own 一是/二是 (or （一）, 1.) when numbered, else each sentence; each is cut to its first clauses."""
    problems: list[str] = []
    measures: list[str] = []
    for para in text_lines(text):
        target = measures if (problems or measures) and any(w in para[:40] for w in _MEASURE_WORDS) else problems
        if not problems and not measures and any(w in para[:12] for w in ("下一步", "针对")):
            target = measures
        pieces = _ENUM.split(para)
        pieces = pieces[1:] if len(pieces) > 1 else _SENTENCES.split(para)
        for piece in pieces:
            item = short_item(piece)
            if _PLACEHOLDER.search(piece):
                continue  # “（请填写：…）” left in the text is the officer's to finish, not the public's to read
            if item and item not in target and len(target) < MAX_ITEMS:
                target.append(item)
    return tuple(problems), tuple(measures)


def short_item(piece: str) -> str:
    piece = _SENTENCES.split(piece.strip())[0]
    if "：" in piece:
        piece = piece.rsplit("：", 1)[1]  # “……存在不足，如：主动公开意识不够强” → after the colon
    clauses = [c.strip() for c in re.split("[，,]", piece) if c.strip()]
    while len(clauses) > 1 and (_LEAD_IN.match(clauses[0]) or "存在" in clauses[0] and len(clauses[0]) <= 8
                                or "取得" in clauses[0]):
        clauses.pop(0)
    if not clauses:
        return ""
    clauses[0] = _SUBJECT.sub("", clauses[0], count=1) or clauses[0]
    item = clauses[0]
    for clause in clauses[1:]:
        if len(item) + 1 + len(clause) > ITEM_CHARS:
            break
        item += "，" + clause
    if len(item) > ITEM_CHARS + 14:
        item = item[:ITEM_CHARS + 12] + "……"
    return item
