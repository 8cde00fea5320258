"""The indicators analysts compute from tables 三 and 四, this year beside last year.

The set is the one a city's analysis of its bodies' reports computes (淮安市 2025 AI 辅助决策报告 in
KIROGOVCOMPARE, evaluators' notes §1.4, E13): 新收申请 and its 同比, 实质公开率 (予以公开 + 部分公开 over
（七）总计), 无法提供占比, 本机关不掌握 as a share of 无法提供, 复议 and 诉讼 纠错率 (结果纠正 over 总计) and
结转占比 (结转下年度 over everything to handle: 新收 + 上年结转, which gives that report's 1.7 %). The 检查与导出
page shows them so the officer writing 五 sees what an evaluator will see; the drafts may quote them.

A value is None when it cannot be computed: its base is 0, or the cells it reads were never filled in (last
year's report unknown, or imported without that table), or one of them is unreadable. Shares are Decimal
percentages rounded half up to 0.1, as the analysts print them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .cells import Number, Parsed, format_number
from .formatdef import CellRef, ReportFormat
from .report import Report, effective_value


class Indicator(NamedTuple):
    name: str
    this: Number | None
    last: Number | None
    unit: str  # "件" for a count, "%" for a share
    formula_text: str  # how it is computed, in the officer's words (the panel's tooltip)


def A(row: str) -> CellRef:  # noqa: N802 - the 总计 column of 表三, short so the table below reads
    return CellRef("applications", row, "total")


def R(row: str, col: str) -> CellRef:  # noqa: N802 - a cell of 表四
    return CellRef("review_litigation", row, col)


_NOT_AVAILABLE = (A("na_not_held"), A("na_need_make"), A("na_unclear"))
_LITIGATION = ("lit_direct", "lit_after")

# name, numerator cells, base cells (None: a count, not a share), formula
_DEFINITIONS: tuple[tuple[str, tuple[CellRef, ...], tuple[CellRef, ...] | None, str], ...] = (
    ("新收申请", (A("new_received"),), None, "表三“一、本年新收政府信息公开申请数量”总计"),
    ("实质公开率", (A("granted"), A("partial")), (A("result_total"),),
     "表三（（一）予以公开＋（二）部分公开）÷（七）总计"),
    ("无法提供占比", _NOT_AVAILABLE, (A("result_total"),), "表三（四）无法提供三项之和 ÷（七）总计"),
    ("本机关不掌握占无法提供比", (A("na_not_held"),), _NOT_AVAILABLE,
     "表三“本机关不掌握相关政府信息” ÷（四）无法提供三项之和"),
    ("复议纠错率", (R("review", "corrected"),), (R("review", "total"),), "表四行政复议“结果纠正” ÷ 总计"),
    ("诉讼纠错率", tuple(R(g, "corrected") for g in _LITIGATION), tuple(R(g, "total") for g in _LITIGATION),
     "表四行政诉讼（未经复议直接起诉＋复议后起诉）“结果纠正” ÷ 总计"),
    ("结转占比", (A("carry_next"),), (A("new_received"), A("carried_over")),
     "表三“四、结转下年度继续办理”÷（一、本年新收＋二、上年结转）"),
)


def indicators(report: Report) -> list[Indicator]:
    """Every indicator, this year and last (None where it cannot be computed)."""
    fmt = report.fmt
    last_cells = report.last_year.cells if report.last_year is not None else None
    out = []
    for name, terms, base, formula in _DEFINITIONS:
        this = _compute(fmt, report.cells, terms, base)
        last = None if last_cells is None else _compute(fmt, last_cells, terms, base)
        out.append(Indicator(name, this, last, "件" if base is None else "%", formula))
    return out


def format_value(value: Number | None, unit: str) -> str:
    """How the panel prints a value: "3259件", "59.6%", "—" when it cannot be computed."""
    return "—" if value is None else f"{format_number(value)}{unit}"


def change_text(ind: Indicator) -> str:
    """This year against last: "+140件（+4.5%）" for a count, "+1.2个百分点" for a share, "持平", or "" when a side
    is unknown."""
    if ind.this is None or ind.last is None:
        return ""
    diff = ind.this - ind.last
    if diff == 0:
        return "持平"
    sign = "+" if diff > 0 else "−"
    if ind.unit == "%":
        return f"{sign}{format_number(abs(diff))}个百分点"
    text = f"{sign}{format_number(abs(diff))}{ind.unit}"
    if ind.last:
        text += f"（{sign}{format_number(_percent(abs(diff), ind.last))}%）"
    return text


def _compute(fmt: ReportFormat, cells: Mapping[CellRef, Parsed], terms: Iterable[CellRef],
             base: Iterable[CellRef] | None) -> Number | None:
    if base is None:
        (ref,) = terms
        return effective_value(fmt, cells, ref) if _filled(fmt, cells, ref) else None
    base = tuple(base)
    if not any(_filled(fmt, cells, ref) for ref in base):
        return None  # the table was never filled in: no share, not 0 %
    numbers = [effective_value(fmt, cells, ref) for ref in (*terms, *base)]
    if any(n is None for n in numbers):
        return None  # an unreadable cell: its own finding says so
    n = len(numbers) - len(base)
    total = sum(numbers[n:])
    return _percent(sum(numbers[:n]), total) if total else None


def _filled(fmt: ReportFormat, cells: Mapping[CellRef, Parsed], ref: CellRef) -> bool:
    """Whether the report says anything for this cell: typed, or a total with a term filled in."""
    if ref in cells:
        return True
    eq = fmt.totals.get(ref)
    return eq is not None and any(_filled(fmt, cells, term) for term in eq.rhs)


def _percent(part: Number, whole: Number) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
