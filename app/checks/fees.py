"""六's 信息处理费 against 表二's 行政事业性收费 of the same year (S-13).

The two figures are not the same thing and are not compared for equality: 表二（八） counts every
行政事业性收费 the body charges (淮安市 2024: 96171.6万元), 六 the information-processing fee alone (淮安市
2024: 3940元). But the fee is itself a 行政事业性收费 (四川省财政厅、发展改革委 2021; see
shared/research/evaluators.md §2.2), so two things cannot both be right:
- 六 says more was charged in 信息处理费 than 表二's whole 收费 (3940元 is 0.394万元: above a 表二 of 0.2);
- 表二 holds 六's figure in 元 as if it were 万元 (六 “收取信息处理费960元”, 表二 960): 960元 is 0.096万元.
Both are asked about, not asserted (whether a body counts the fee in 表二 is not settled). A 六 saying no fee was
charged (“未收取”, “0元”) while 表二 has fees is ordinary, and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from ..cells import yuan_to_wanyuan
from ..formatdef import CellRef
from .engine import Finding, Fix, LiveChecks, fmt_number
from .numerals import DECIMAL
from .registry import rule_group

# “全年收取政府信息公开信息处理费3940元”, “收取信息处理费共计400元”, “信息处理费0.096万元”
_FEE = re.compile(rf"信息处理费(?:[^\S\n]*(?:共计|合计|总计|共|计|为|金额))*[^\S\n]*"
                  rf"(?P<n>{DECIMAL})[^\S\n]*(?P<unit>万元|元)")
_AMOUNT = CellRef("active", "admin_fee", "amount_wanyuan")


def _quoted(text: str) -> list[tuple[re.Match, Decimal]]:
    """Each fee figure 六 states, with its value in 万元."""
    out = []
    for m in _FEE.finditer(text):
        n = Decimal(m.group("n"))
        wanyuan = n if m.group("unit") == "万元" else n.scaleb(-4)
        out.append((m, Decimal(format(wanyuan.normalize(), "f"))))  # 3940元 reads 0.394万元, not 0.3940
    return out


@rule_group("table:active", "text:other.body")
def fee_against_table_two(lc: LiveChecks) -> Iterable[Finding]:
    """S-13: 六's 信息处理费 and 表二's 收费 of this year that cannot both be right."""
    if _AMOUNT not in lc.report.cells:
        return  # blank: CELL-BLANK asks for it first
    amount = lc.num(_AMOUNT)
    text = lc.report.text("other.body")
    if amount is None or "信息处理费" not in text:
        return
    quoted = _quoted(text)
    if not quoted:
        return
    params = lc.fmt.rules["S-13"].params
    decimals = lc.fmt.tables["active"].col(_AMOUNT.col).decimals
    total = sum(w for _, w in quoted)
    m = quoted[0][0]
    shown = {"quote": m.group(0).strip(), "amount": fmt_number(amount)}
    if total > amount:
        yield lc.finding("S-13", "more", "other", None, [_AMOUNT], text_key="other.body", pos=m.start(),
                         why=params["more"].format(wanyuan=fmt_number(total), **shown))
        return
    for m, _ in quoted:
        yuan = Decimal(m.group("n"))
        if m.group("unit") == "元" and yuan and yuan == amount:
            wanyuan = yuan_to_wanyuan(yuan, decimals)
            fix = None if wanyuan is None else Fix(
                lc.fix_label("S-13", value=fmt_number(wanyuan)), ((_AMOUNT, fmt_number(wanyuan)),))
            yield lc.finding("S-13", "yuan", "active", fix, [_AMOUNT], text_key="other.body", pos=m.start(),
                             why=params["yuan"].format(quote=m.group(0).strip(), amount=fmt_number(amount),
                                                       wanyuan="?" if wanyuan is None else fmt_number(wanyuan)))
            return
