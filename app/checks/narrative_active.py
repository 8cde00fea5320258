"""Narrative rules X-5 (表二 figures), X-6 (shares), X-9 (the 答复 sentence) and X-10 (claims about 表四).

Registered as kinds of ``narrative``; that module's one rule function runs them with the others.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..formatdef import CellRef
from .engine import Finding, LiveChecks
from .mentions import Mention
from .narrative import KINDS, T4_ROWS, Kind, Values, common, text_fix
from .numerals import decimals_of

# --- 表二 (official-format §1.8 X-5, evaluators E8) -----------------------------------------------------


def _active_refs(kind: str) -> tuple[CellRef, ...]:
    row, _, col = kind.partition(":")[2].partition(".")
    return (CellRef("active", row, col),)


def _active_check(lc: LiveChecks, key: str, m: Mention, values: Values) -> Finding | None:
    (value,) = values
    ref = _active_refs(m.kind)[0]
    table = lc.fmt.tables["active"]
    if ref.col == "amount_wanyuan":
        # “12.5万元” for 12.4567 is the table's figure rounded as written: no finding
        places = decimals_of(m.detail)
        if abs(Decimal(value) - m.number) <= Decimal(5) / Decimal(10) ** (places + 1):
            return None
        shown = Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) if places else Decimal(value)
        return lc.finding("X-5", f"{key}.{m.start}", fix=text_fix(lc, "X-5", key, m, f"{shown.normalize():f}"),
                          cells=[ref], what=table.row(ref.row).label, table=f"{Decimal(value).normalize():f}万元",
                          **common(lc, key, m))
    if value == m.number:
        return None
    return lc.finding("X-5", f"{key}.{m.start}", fix=text_fix(lc, "X-5", key, m, value), cells=[ref],
                      what=table.place(ref), table=f"{value}件", **common(lc, key, m))


KINDS["active"] = Kind(_active_refs, _active_check)


# --- shares: “予以公开1362件，占43.67%” (evaluators E1) ------------------------------------------------

_SHARE_REFS = (CellRef("applications", "result_total", "total"), CellRef("applications", "new_received", "total"),
               CellRef("applications", "carried_over", "total"))
_NEW_WORDS = ("新收", "受理", "收到", "申请")
_DONE_WORDS = ("办结", "办理", "答复", "处理", "总计")


def _share_check(lc: LiveChecks, key: str, m: Mention, values: Values) -> Finding | None:
    base_words, _, written = m.detail.partition("|")
    if "复议" in base_words or "诉讼" in base_words:
        return None  # a share of 表四's cases, not of 表三's applications
    done, new, carried = values
    if any(w in base_words for w in _NEW_WORDS):
        bases = [("本年新收", new), ("本年新收与上年结转之和", new + carried)]
    elif any(w in base_words for w in _DONE_WORDS):
        bases = [("“（七）总计”", done)]
    else:  # no base stated: （七）总计 (the format's base), but a share of 本年新收 is as common and not wrong
        bases = [("“（七）总计”", done), ("本年新收", new), ("本年新收与上年结转之和", new + carried)]
    bases = [(name, b) for name, b in bases if b]
    if not bases:
        return None
    places = decimals_of(written)
    # 0.05 percentage points (evaluators E1), or half the last written digit: “占44%” for 43.67% is rounded, not wrong
    allowed = max(Decimal("0.05"), Decimal(5) / Decimal(10) ** (places + 1))
    percent = m.values[0]
    if any(abs(Decimal(m.number) * 100 / b - percent) <= allowed for _, b in bases):
        return None
    name, base = bases[0]
    expected = (Decimal(m.number) * 100 / base).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return lc.finding("X-6", f"{key}.{m.start}", fix=text_fix(lc, "X-6", key, m, f"{expected:f}", index=1),
                      cells=[_SHARE_REFS[0] if base == done else _SHARE_REFS[1]], base=name, total=f"{base}",
                      n=f"{m.number}", expected=f"{expected:f}", **common(lc, key, m))


KINDS["share"] = Kind(lambda kind: _SHARE_REFS, _share_check)


# --- “答复N件（含上年度结转M件，另有K件…下年度…）” (evaluators E4) ----------------------------------------

_ANSWERED_REFS = (CellRef("applications", "new_received", "total"), CellRef("applications", "carried_over", "total"),
                  CellRef("applications", "carry_next", "total"))


def _answered_check(lc: LiveChecks, key: str, m: Mention, values: Values) -> Finding | None:
    new, carried, later = values
    m_carried, k_later = m.values
    if m_carried != carried:
        return None  # the quoted 上年结转 has its own finding: the identity cannot say which figure is wrong
    params = lc.fmt.rules["X-9"].params
    if k_later != later:
        why = params["why_next"].format(table=f"{later}")
        fix = text_fix(lc, "X-9", key, m, later, index=2)
    elif new + m_carried != m.number + k_later:
        why = params["why_identity"].format(new=new, carried=m_carried, lhs=new + m_carried, answered=m.number,
                                            later=k_later, rhs=m.number + k_later)
        value = new + m_carried - k_later
        fix = text_fix(lc, "X-9", key, m, value) if value >= 0 else None
    else:
        return None
    return lc.finding("X-9", f"{key}.{m.start}", fix=fix, cells=list(_ANSWERED_REFS), why=why, **common(lc, key, m))


KINDS["answered"] = Kind(lambda kind: _ANSWERED_REFS, _answered_check)


# --- “均获维持”, “零败诉”, “未发生行政复议” against 表四 (evaluators E5) ------------------------------------

_CLAIM_COLS = {"maintained": ("corrected", "other", "pending"), "corrected": ("corrected",), "none": ("total",),
               "closed": ("pending",)}
_CARRY_NEXT = CellRef("applications", "carry_next", "total")


def _claim_refs(kind: str) -> tuple[CellRef, ...]:
    if kind == "claim:done":
        return (_CARRY_NEXT,)
    _, what, groups = kind.split(":")
    return tuple(CellRef("review_litigation", row, col) for g in groups.split("+") for row in T4_ROWS[g]
                 for col in _CLAIM_COLS[what])


def _claim_check(lc: LiveChecks, key: str, m: Mention, values: Values) -> Finding | None:
    if not any(values):
        return None
    if m.kind == "claim:done":  # “均已办结” while 表三 carries applications into next year
        label = lc.fmt.tables["applications"].row("carry_next").short
        return lc.finding("X-7", f"{key}.{m.start}", cells=[_CARRY_NEXT], what=f"“{label}”总计",
                          table=f"{values[0]}件", **common(lc, key, m))
    table = lc.fmt.tables["review_litigation"]
    parts = [f"“{table.row(ref.row).label}”{table.col(ref.col).label}{v}件"
             for ref, v in zip(_claim_refs(m.kind), values, strict=True) if v]
    cells = [ref for ref, v in zip(_claim_refs(m.kind), values, strict=True) if v]
    return lc.finding("X-10", f"{key}.{m.start}", cells=cells, what="、".join(parts), **common(lc, key, m))


KINDS["claim"] = Kind(_claim_refs, _claim_check)
