"""Narrative rules: numbers the text quotes against the tables.

X-1, X-3, X-7, X-8 (表三 counts and groups) and X-4 (表四 counts and their breakdown) are here; X-5 (表二),
X-6 (shares), X-9 (the 答复 sentence) and X-10 (claims about 表四) are in ``narrative_active``. Each kind of
mention names the cells it is compared with (``KINDS``). Mentions are parsed once per text change
(``mentions``); a grid keystroke only compares numbers, and only for the mentions whose cells changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple

from ..cells import Number
from ..formatdef import CellRef
from .engine import Finding, Fix, LiveChecks, TextEdit, fmt_number, text_step
from .mentions import Mention
from .registry import rule_group

Values = tuple[Number | None, ...]


class Kind(NamedTuple):
    refs: Callable[[str], tuple[CellRef, ...]]  # the cells a mention of this kind is compared with
    check: Callable[[LiveChecks, str, Mention, Values], Finding | None]


KINDS: dict[str, Kind] = {}  # by kind, or by the part of the kind before “:”


def kind_of(kind: str) -> Kind:
    return KINDS.get(kind) or KINDS[kind.partition(":")[0]]


@cache
def refs_of(kind: str) -> tuple[CellRef, ...]:
    return kind_of(kind).refs(kind)


@rule_group("text", "table:active", "table:applications", "table:review_litigation")
def narrative_matches_tables(lc: LiveChecks) -> Iterable[Finding]:
    """X-1 … X-10: numbers quoted in the text against the tables (mentions are parsed per text)."""
    # The findings depend on the parsed texts and the cells the mentions quote only. Most cell edits change
    # none of them, and one that does changes the findings of the mentions quoting that cell only: both are
    # remembered, so a text full of quoted numbers is not re-compared on every keystroke in the grid.
    quoted = lc._memo.get("narrative_refs")
    if quoted is None or quoted[0] != lc._mentions_version:
        refs = dict.fromkeys(r for ms in lc._mentions.values() for m in ms for r in refs_of(m.kind))
        quoted = (lc._mentions_version, tuple(refs))
        lc._memo["narrative_refs"] = quoted
    cells = {ref: lc.num(ref) for ref in quoted[1]}
    inputs = (lc._mentions_version, tuple(cells.values()))
    memo = lc._memo.get("narrative")
    if memo is not None and memo[0] == inputs:
        return memo[1]
    previous = lc._memo.get("narrative_mentions", {})
    current: dict[tuple, Finding | None] = {}
    found: list[Finding] = []
    for key, mentions in lc._mentions.items():
        for m in mentions:
            values = tuple(cells[ref] for ref in refs_of(m.kind))
            k = (key, m, values)
            if k in previous:
                f = previous[k]
            else:
                # an unreadable cell has its own finding; “约”, “近”, “100余件” are never called wrong
                f = None if m.approx or any(v is None for v in values) else kind_of(m.kind).check(lc, key, m, values)
            current[k] = f
            if f is not None:
                found.append(f)
    lc._memo["narrative_mentions"] = current
    lc._memo["narrative"] = (inputs, found)
    return found


# --- helpers for the kinds ----------------------------------------------------------------------------


def common(lc: LiveChecks, key: str, m: Mention) -> dict:
    return dict(step=text_step(key), text_key=key, part=lc.fmt.part_name(key), quote=m.quote)


def text_fix(lc: LiveChecks, rule: str, key: str, m: Mention, value: Number | str, index: int = 0) -> Fix:
    """Replace the mention's ``index``-th figure in the text by ``value`` (“把文中350改为351”)."""
    start, end = m.spans[index]
    old = m.quote[start - m.start:end - m.start]
    new = value if isinstance(value, str) else fmt_number(value)
    return Fix(lc.fix_label(rule, old=old, new=new), (), TextEdit(key, start, old, new))


def _t3(row: str, col: str = "total") -> CellRef:
    return CellRef("applications", row, col)


def _t4(row: str, col: str = "total") -> CellRef:
    return CellRef("review_litigation", row, col)


# --- 表三: single rows and result groups (X-1, X-3, X-7, X-8) ------------------------------------------

_DENY = ("deny_secret", "deny_law", "deny_3s1w", "deny_third", "deny_internal", "deny_process", "deny_casefile",
         "deny_query")
T3_ROWS: dict[str, tuple[str, ...]] = {
    "new": ("new_received",), "carried": ("carried_over",), "carry_next": ("carry_next",),
    "group:granted": ("granted",), "group:partial": ("partial",), "group:granted_partial": ("granted", "partial"),
    "group:deny": _DENY, "group:na": ("na_not_held", "na_need_make", "na_unclear"),
    "group:np": ("np_petition", "np_repeat", "np_publication", "np_massive", "np_confirm"),
    "group:oth": ("oth_no_fix", "oth_no_fee", "oth_other"), "group:result_total": ("result_total",),
}
# one sub-row named by its own words (“因本机关不掌握相关政府信息无法提供1件”, “4件由于重复申请不予处理”)
T3_ROWS.update({f"row:{r}": (r,) for r in _DENY + ("na_not_held", "na_need_make", "na_unclear", "np_petition",
                                                   "np_repeat", "np_publication", "np_massive", "np_confirm",
                                                   "oth_no_fix", "oth_no_fee", "oth_other")})
# What the text names, in the table's words (evaluators E2: the group is the sum of its sub-rows' 总计)
_GROUP_NAMES = {"group:granted_partial": "“（一）予以公开”与“（二）部分公开”总计之和",
                "group:deny": "“（三）不予公开”各项总计之和", "group:na": "“（四）无法提供”各项总计之和",
                "group:np": "“（五）不予处理”各项总计之和", "group:oth": "“（六）其他处理”各项总计之和",
                "group:result_total": "“（七）总计”"}
_APPLICANT_COLS = ("natural", "commercial", "research", "social", "legal", "other_org")


def _t3_refs(kind: str) -> tuple[CellRef, ...]:
    rows = T3_ROWS[kind]
    return tuple(_t3(r) for r in rows) + tuple(_t3(r, c) for c in _APPLICANT_COLS for r in rows)


def _sub_cell(lc: LiveChecks, kind: str, number: Number, values: Values) -> str | None:
    """Which part of the group the quoted number equals (evaluators E3): one applicant column (“自然人”一栏)
    or, for a group of several rows, one sub-row's 总计; None when it equals none of them."""
    table = lc.fmt.tables["applications"]
    rows = T3_ROWS[kind]
    n = len(rows)
    for i, col in enumerate(_APPLICANT_COLS):
        part = sum(values[n + i * n:n + (i + 1) * n])
        if part == number and part:
            return f"“{table.col(col).label}”一栏"
    if n > 1:
        for row, value in zip(rows, values[:n], strict=True):
            if value == number and value:
                return f"“{table.row(row).label}”一项"
    return None


def _t3_check(lc: LiveChecks, key: str, m: Mention, values: Values) -> Finding | None:
    rows = T3_ROWS[m.kind]
    value = sum(values[:len(rows)])
    if value == m.number:
        return None
    table = lc.fmt.tables["applications"]
    what = _GROUP_NAMES.get(m.kind) or f"“{table.row(rows[0]).short}”总计"
    rule = "X-1" if m.kind in ("new", "carried", "carry_next") else "X-7"
    sub = _sub_cell(lc, m.kind, m.number, values)
    if sub is not None:
        rule, extra = "X-8", {"sub": sub, "n": fmt_number(m.number)}
    else:
        extra = {}
    cells = [_t3(r) for r in rows]
    return lc.finding(rule, f"{key}.{m.start}", fix=text_fix(lc, rule, key, m, value), cells=cells, what=what,
                      table=f"{fmt_number(value)}件", **extra, **common(lc, key, m))


def _received_check(lc: LiveChecks, key: str, m: Mention, values: Values) -> Finding | None:
    new, carried = values
    if m.number in (new, new + carried):
        return None
    return lc.finding("X-3", f"{key}.{m.start}", cells=[_t3("new_received")], new=fmt_number(new),
                      with_carried=fmt_number(new + carried), **common(lc, key, m))


def _handled_check(lc: LiveChecks, key: str, m: Mention, values: Values) -> Finding | None:
    """“共办理/处理政府信息公开申请N件”: the year's new ones, with last year's, or those answered."""
    new, carried, done = values
    if m.number in (new, new + carried, done):
        return None
    return _received_check(lc, key, m, (new, carried))


_ORGS = _APPLICANT_COLS[1:]


def _applicant_refs(kind: str) -> tuple[CellRef, ...]:
    col = kind.partition(":")[2]
    return tuple(_t3("new_received", c) for c in (_ORGS if col == "orgs" else (col,)))


def _applicant_check(lc: LiveChecks, key: str, m: Mention, values: Values) -> Finding | None:
    """“自然人申请89件，法人或其他组织申请6件” against 本年新收's columns (the five organisation columns summed)."""
    value = sum(values)
    if value == m.number:
        return None
    table = lc.fmt.tables["applications"]
    cells = _applicant_refs(m.kind)
    cols = "、".join(f"“{table.col(c.col).label}”" for c in cells)
    what = f"“{table.row('new_received').short}”中{cols}" + ("之和" if len(cells) > 1 else "")
    return _sum_differs(lc, "X-7", key, m, value, cells, what)


def _sum_differs(lc: LiveChecks, rule: str, key: str, m: Mention, value, cells, what: str) -> Finding:
    """The finding of a figure in the text that is not the sum of the cells it names, with the fix to the text."""
    return lc.finding(rule, f"{key}.{m.start}", fix=text_fix(lc, rule, key, m, value), cells=cells, what=what,
                      table=f"{fmt_number(value)}件", **common(lc, key, m))


for _kind in T3_ROWS:
    KINDS[_kind] = Kind(_t3_refs, _t3_check)
KINDS["received"] = Kind(lambda kind: (_t3("new_received"), _t3("carried_over")), _received_check)
KINDS["handled"] = Kind(lambda kind: (_t3("new_received"), _t3("carried_over"), _t3("result_total")),
                        _handled_check)
KINDS["applicant"] = Kind(_applicant_refs, _applicant_check)


# --- 表四: 复议 and 诉讼 counts, and their breakdown by result (X-4) --------------------------------------

T4_ROWS = {"review": ("review",), "litigation": ("lit_direct", "lit_after"), "lit_direct": ("lit_direct",),
           "lit_after": ("lit_after",), "cases": ("review", "lit_direct", "lit_after")}


def _t4_refs(kind: str) -> tuple[CellRef, ...]:
    group, _, col = kind.partition(":")
    return tuple(_t4(r, col or "total") for r in T4_ROWS[group])


def _t4_check(lc: LiveChecks, key: str, m: Mention, values: Values) -> Finding | None:
    value = sum(values)
    if value == m.number:
        return None
    table = lc.fmt.tables["review_litigation"]
    cells = refs_of(m.kind)
    what = "与".join(f"“{table.row(ref.row).label}”" for ref in cells)
    col = m.kind.partition(":")[2]
    if col:
        what += f"的“{table.col(col).label}”"
    what += ("总计" if not col else "") if len(cells) == 1 else ("总计之和" if not col else "之和")
    return _sum_differs(lc, "X-4", key, m, value, cells, what)


for _group in T4_ROWS:
    KINDS[_group] = Kind(_t4_refs, _t4_check)


def figure_cells(m: Mention) -> list[tuple[tuple[int, int], tuple[frozenset[CellRef], ...]]]:
    """For each figure of a mention, where it stands and the sets of cells whose sum it may equal without a
    finding (a 收到 count: 本年新收, or 新收 and 上年结转). What benchmarks/wording.py measures."""
    if m.kind == "answered":
        rows = ("result_total", "carried_over", "carry_next")
        return [(span, (frozenset({_t3(r)}),)) for span, r in zip(m.spans, rows, strict=False)]
    if m.kind in ("received", "handled"):
        new, carried, done = _t3("new_received"), _t3("carried_over"), _t3("result_total")
        alternatives = [frozenset({new}), frozenset({new, carried})] + ([frozenset({done})] * (m.kind == "handled"))
        return [(m.spans[0], tuple(alternatives))]
    if m.kind in T3_ROWS:
        return [(m.spans[0], (frozenset(_t3(r) for r in T3_ROWS[m.kind]),))]
    if not m.spans or m.kind.startswith(("share", "claim")):
        return []
    return [(m.spans[0], (frozenset(refs_of(m.kind)),))]
