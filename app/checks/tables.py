"""Table rules beyond the format's equations: the 万元 fee that looks like 元 (T2-4), fee notices and 六 (T3-6),
cases decided against the body and 五 (T4-4)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..cells import yuan_to_wanyuan
from ..formatdef import CellRef
from .engine import Finding, Fix, LiveChecks, fmt_number
from .registry import rule_group

# Above these 万元 figures an amount with nothing to compare it with (no last-year figure, or 0) is asked
# about; with one, the ratio decides, so a large body whose fee is like last year's published one is not
# warned every year. Typed in 元, a fee comes out 10,000 times too large, so a limit far above real amounts
# still catches the slip:
# - "own", one body's own fees: a city department rarely exceeds tens of thousands of 万元; 100,000 万元
#   (10亿元) leaves that a margin and still catches any fee of 10万元 or more typed in 元.
# - "summary", a whole area: 淮安市人民政府 2024, a city of 4.5 million, published 96171.6 万元, and a
#   province sums many such cities; 1,000,000 万元 (100亿元) is ten times 淮安 and still catches any
#   area's fees of 100万元 or more typed in 元 (淮安's in 元 would read 961,716,000).
# Both are warnings, and a correct published figure (4166.241619, 96171.6) stays well below them.
_FEE_LIMITS = {"own": 100_000, "summary": 1_000_000}
FEE_TIMES_LAST_YEAR = 1000  # 元 for 万元 multiplies by 10,000; a real year-on-year rise of 1000× is rare


@rule_group("table:active", "body")
def fee_looks_like_yuan(lc: LiveChecks) -> Iterable[Finding]:
    """T2-4: an amount that looks typed in 元 although the unit is 万元."""
    ref = CellRef("active", "admin_fee", "amount_wanyuan")
    amount = lc.num(ref) if ref in lc.report.cells else None
    if not amount:
        return
    params = lc.fmt.rules["T2-4"].params
    scope = lc.report.body.scope if lc.report.body.scope in _FEE_LIMITS else "own"
    why = None
    last = lc.last_num(ref)
    if last:
        if amount / last >= FEE_TIMES_LAST_YEAR:
            why = params["why_last_year"].format(last=fmt_number(last), times=int(amount / last))
    elif amount > _FEE_LIMITS[scope]:
        why = params["why_large"][scope].format(limit=_FEE_LIMITS[scope] // 10_000)
    if why:
        decimals = lc.fmt.tables["active"].col(ref.col).decimals
        wanyuan = yuan_to_wanyuan(amount, decimals)
        fix = None
        if wanyuan is not None:
            fix = Fix(lc.fix_label("T2-4", value=fmt_number(wanyuan)), ((ref, fmt_number(wanyuan)),))
        yield lc.finding("T2-4", "admin_fee", "active", fix, [ref], amount=fmt_number(amount), why=why)


@rule_group("table:applications", "text:other.body")
def fee_notices_reported(lc: LiveChecks) -> Iterable[Finding]:
    """T3-6: applications dropped for unpaid fees mean fee notices went out: 六 must speak of them."""
    ref = CellRef("applications", "oth_no_fee", "total")
    count = lc.num(ref)
    if count and "处理费" not in lc.report.text("other.body"):
        yield lc.finding("T3-6", "fee", "applications", None, [ref], text_key="other.body", count=fmt_number(count))


_SENTENCE = re.compile(r"[^。！？；!?;\n]+")


@rule_group("table:review_litigation", "text:problems.body")
def corrections_explained(lc: LiveChecks) -> Iterable[Finding]:
    """T4-4: cases with 结果纠正 in 表四 ask 五 for their causes and the measures taken.

    Evaluators deduct per case (宿迁 SQ-DEP-B-048: “被行政复议纠错或行政诉讼败诉…每出现1例…扣2分”), so the
    officer is prompted to say why and what changes. 五 answers it when one sentence names 纠错, 纠正 or 败诉
    and that sentence or the next names a cause or a measure (“原因”, “整改”, “规范” …): “有效降低行政复议、
    行政诉讼发生率和纠错率” (洪泽区 2024) does, a 五 that never names the cases does not.
    """
    table = lc.fmt.tables["review_litigation"]
    cases = []
    for row in table.rows:
        count = lc.num(CellRef("review_litigation", row.id, "corrected"))
        if count:
            cases.append(f"“{row.short}”结果纠正{fmt_number(count)}件")
    if not cases:
        return
    params = lc.fmt.rules["T4-4"].params
    text = lc.report.text("problems.body")
    # sentence by sentence only when the part names the cases at all (most do not: a batch check of 1,000)
    sentences = _SENTENCE.findall(text) if any(n in text for n in params["names"]) else []
    for i, sentence in enumerate(sentences):
        if any(n in sentence for n in params["names"]):
            near = sentence + (sentences[i + 1] if i + 1 < len(sentences) else "")
            if any(r in near for r in params["reasons"]):
                return
    yield lc.finding("T4-4", "problems", "problems", text_key="problems.body", cases="、".join(cases))
