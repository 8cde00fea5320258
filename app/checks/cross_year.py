"""Cross-year rules: this year's tables against last year's (T3-5 上年结转, T2-2/T2-3 现行有效, T4-3 pending cases,
Y-1 a number that changed five-fold, Y-2 表二's fee that changed a hundred-fold)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..formatdef import CellRef
from .engine import Finding, Fix, LiveChecks, fmt_number
from .registry import Rule, add, rule_group
from .tables import FEE_TIMES_LAST_YEAR


@rule_group("table:applications")
def carried_over_matches_last_year(lc: LiveChecks) -> Iterable[Finding]:
    """T3-5: this year's 上年结转 = last year's 结转下年度, column by column.

    The 总计 column is compared only when the columns could not say it: no column differs, and this
    year's row is filled in (or its total typed). So a report whose last year gave only the total still
    gets the check, and a half-filled row is not told its total is "0".
    """
    ly = lc.report.last_year
    if ly is None:
        return
    table = lc.fmt.tables["applications"]
    found_any = False
    row_filled = True
    for col in table.cols:
        ref = CellRef("applications", "carried_over", col.id)
        last = lc.last_num(CellRef("applications", "carry_next", col.id))
        if col.id == "total" and (found_any or not (row_filled or lc.report.is_override(ref))):
            continue
        if ref not in lc.report.cells and not lc.is_automatic(ref):
            row_filled = False
            continue  # blank: CELL-BLANK says so; "上年结转为0" would put words in the officer's mouth
        this = lc.num(ref)
        if last is None or this is None or last == this:
            continue
        found_any = True
        fix = Fix(lc.fix_label("T3-5", last=fmt_number(last)), ((ref, fmt_number(last)),))
        yield lc.finding("T3-5", col.id, "applications", fix, [ref], col=col.short, this=fmt_number(this),
                         last=fmt_number(last), last_year=ly.year or "上一")


@rule_group("table:active")
def valid_documents_follow_on(lc: LiveChecks) -> Iterable[Finding]:
    """T2-2 and T2-3: 现行有效 ≈ last year's 现行有效 + 制发 − 废止."""
    if lc.report.last_year is None:
        return
    for row in ("rules", "normative_docs"):
        refs = {c: CellRef("active", row, c) for c in ("issued", "repealed", "valid")}
        last = lc.last_num(refs["valid"])
        if last is None or any(r not in lc.report.cells for r in refs.values()):
            continue
        issued, repealed, valid = (lc.num(refs[c]) for c in ("issued", "repealed", "valid"))
        if None in (issued, repealed, valid):
            continue
        label = lc.fmt.tables["active"].row(row).label
        if repealed > last + issued:
            yield lc.finding("T2-3", row, "active", None, [refs["repealed"]], row=label,
                             repealed=fmt_number(repealed), last=fmt_number(last), issued=fmt_number(issued))
        expected = last + issued - repealed
        if valid != expected and expected >= 0:
            yield lc.finding("T2-2", row, "active", None, list(refs.values()), row=label, valid=fmt_number(valid),
                             last=fmt_number(last), issued=fmt_number(issued), repealed=fmt_number(repealed),
                             expected=fmt_number(expected))


@rule_group("table:review_litigation")
def pending_cases_last_year(lc: LiveChecks) -> Iterable[Finding]:
    """T4-3: cases still pending last year end this year, so this year's row should count at least that many.

    Only a prompt, and only while this year's row is smaller than last year's 尚未审结: a finding that
    stays however the officer fills the table would be noise.
    """
    ly = lc.report.last_year
    if ly is None:
        return
    table = lc.fmt.tables["review_litigation"]
    for row in table.rows:
        pending = lc.last_num(CellRef("review_litigation", row.id, "pending"))
        total_ref = CellRef("review_litigation", row.id, "total")
        this = lc.num(total_ref)
        if not pending or this is None or this >= pending:
            continue
        yield lc.finding("T4-3", row.id, "review_litigation", None, [total_ref], last_year=ly.year or "上一",
                         row=row.short, count=fmt_number(pending), this=fmt_number(this))


def _year_on_year(table_id: str) -> Rule:
    def check(lc: LiveChecks) -> Iterable[Finding]:
        """Y-1: a cell five times last year's or below a fifth of it, both at least 10 (KIROGOVCOMPARE QR-007,
        “本年/上年 > 5 或 < 0.2 时标记”): a typo, a 汇总 that left a unit out, or a change to explain.

        One finding per cell, so a click goes to the number; only the ``shown`` largest jumps of a table, each
        saying how many there are, so a report whose whole table moved (a new 口径) is not buried in prompts.
        A total is left out when a cell it sums jumped too: that cell is the one to look at. 表二's fee is left
        to T2-4 (the 元 typed for 万元) and Y-2 (a hundred-fold either way): fees are lumpy, five-fold says little.
        """
        ly = lc.report.last_year
        if ly is None:
            return
        params = lc.fmt.rules["Y-1"].params
        floor, ratio = params["floor"], params["ratio"]
        # Last year's side is fixed until recheck_all (which clears the memo): work out once which cells
        # can jump at all, so a keystroke looks at those few.
        key = f"Y-1:{table_id}"
        candidates = lc._memo.get(key)
        if candidates is None:
            table = lc.fmt.tables[table_id]
            candidates = lc._memo[key] = [(ref, last) for ref in table.cells() if ref.row != "admin_fee"
                                          and (last := lc.last_num(ref)) is not None and last >= floor]
        cells, totals = lc.report.cells, lc.fmt.totals
        jumps: dict[CellRef, tuple] = {}
        for ref, last in candidates:
            if ref in cells:
                this = cells[ref].value
                if this is not None and this >= floor and (this > last * ratio or this * ratio < last):
                    jumps[ref] = (this, last)
        # A total is left out when a cell typed under it (directly or through a total) jumped: that cell is the
        # one to look at. Only the other totals are summed, each sum once (a whole 表三 jumping would otherwise
        # re-add its rows for every total).
        typed = set(jumps)
        under: dict[CellRef, bool] = {}
        values: dict[CellRef, object] = {}

        def jumped_under(ref: CellRef) -> bool:
            if ref not in under:
                under[ref] = any(t in typed or (t in totals and t not in cells and jumped_under(t))
                                 for t in totals[ref].rhs)
            return under[ref]

        def value(ref: CellRef):
            if ref in cells:
                return cells[ref].value
            if ref not in totals:
                return 0  # blank counts as 0 in a sum
            if ref not in values:
                terms = [value(t) for t in totals[ref].rhs]
                values[ref] = None if None in terms else sum(terms)
            return values[ref]

        shown = [ref for ref in jumps if ref not in totals or not jumped_under(ref)]
        for ref, last in candidates:
            if ref in cells or ref not in totals or jumped_under(ref):
                continue  # typed: compared above
            this = value(ref)
            if this is not None and this >= floor and (this > last * ratio or this * ratio < last):
                jumps[ref] = (this, last)
                shown.append(ref)
        if not shown:
            return
        # the largest jumps, the first in the table on a tie; a float ratio ranks well enough (the message
        # computes its figure exactly)
        order = {ref: i for i, (ref, _) in enumerate(candidates)}
        rank = {ref: (-float(max(jumps[ref])) / float(min(jumps[ref])), order[ref]) for ref in shown}
        top = heapq.nsmallest(params["shown"], shown, key=rank.__getitem__)
        more = "" if len(shown) == len(top) else params["more"].format(count=len(shown), shown=len(top))
        table = lc.fmt.tables[table_id]
        for ref in top:
            this, last = jumps[ref]
            quotient = Decimal(this) / Decimal(last)
            if this > last:
                change = params["up"].format(times=_one_decimal(quotient))
            else:
                change = params["down"].format(percent=_one_decimal(quotient * 100))
            yield lc.finding("Y-1", f"{ref.table}.{ref.row}.{ref.col}", table.section, None, [ref],
                             table=lc.fmt.table_name(table_id), place=table.place(ref), this=fmt_number(this),
                             last=fmt_number(last), last_year=ly.year or "上一", change=change, more=more)
    return check


@rule_group("table:active")
def fee_year_on_year(lc: LiveChecks) -> Iterable[Finding]:
    """Y-2: 表二's 收费 a hundredth of last year's or a hundred times it (96171.6 → 25.1万元 is −99.97 %).

    Fees are lumpy: one project more or less halves or triples them, so Y-1's five-fold would cry wolf every
    year; a hundred-fold is a slip (a unit, a 汇总 that lost most of its units) far more often than a real
    change. The larger figure must be at least ``floor`` 万元, so a small body's few hundred 元 may come and go.
    A rise of T2-4's thousand-fold is left to T2-4, which offers the 元 → 万元 fix; a fee that stopped (0) is
    a fact to report, not a figure to doubt.
    """
    ly = lc.report.last_year
    ref = CellRef("active", "admin_fee", "amount_wanyuan")
    if ly is None or ref not in lc.report.cells:
        return
    this, last = lc.num(ref), lc.last_num(ref)
    if not this or not last or max(this, last) < lc.fmt.rules["Y-2"].params["floor"]:
        return
    params = lc.fmt.rules["Y-2"].params
    ratio = params["ratio"]
    quotient = Decimal(this) / Decimal(last)
    if this * ratio < last:
        # cut, not rounded, so a fee that is still there never reads “减少100%”
        percent = format(((1 - quotient) * 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN), "f")
        change = params["down"].format(percent=percent)
    elif last * ratio < this and this < last * FEE_TIMES_LAST_YEAR:
        change = params["up"].format(times=_one_decimal(quotient))
    else:
        return
    yield lc.finding("Y-2", "admin_fee", "active", None, [ref], this=fmt_number(this), last=fmt_number(last),
                     last_year=ly.year or "上一", change=change)


def _one_decimal(value: Decimal) -> str:
    """17.248 → "17.2", 6.0 → "6": how a share or a multiple reads in a sentence."""
    text = format(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "f")
    return text.removesuffix(".0")


for _tid in ("active", "applications", "review_litigation"):
    add(f"year_on_year_{_tid}", {f"table:{_tid}"}, _year_on_year(_tid))
