"""Cross-year rules: this year's tables against last year's (T3-5 上年结转, T2-2/T2-3 现行有效, T4-3 pending cases)."""

from __future__ import annotations

from collections.abc import Iterable

from ..formatdef import CellRef
from .engine import Finding, Fix, LiveChecks, fmt_number
from .registry import rule_group


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
