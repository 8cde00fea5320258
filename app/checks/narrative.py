"""Narrative rules: numbers the text quotes against the tables (X-1, X-3, X-4).

Mentions are parsed once per text change (``mentions``); a grid keystroke only compares numbers."""

from __future__ import annotations

from collections.abc import Iterable

from ..cells import Number
from ..formatdef import CellRef
from .engine import Finding, LiveChecks, fmt_number, text_step
from .mentions import Mention
from .registry import rule_group


@rule_group("text", "table:applications", "table:review_litigation")
def narrative_matches_tables(lc: LiveChecks) -> Iterable[Finding]:
    """X-1, X-3, X-4: numbers quoted in the text against the tables (mentions are parsed per text)."""
    # The findings depend on the parsed texts and six totals only. Most cell edits change none of them, and
    # one that does changes the findings of the mentions quoting that total only: both are remembered, so a
    # text full of quoted numbers is not re-compared on every keystroke in the grid.
    totals = {ref: lc.num(ref) for ref in _QUOTED}
    inputs = (lc._mentions_version, tuple(totals.values()))
    memo = lc._memo.get("narrative")
    if memo is not None and memo[0] == inputs:
        return memo[1]
    previous = lc._memo.get("narrative_mentions", {})
    current: dict[tuple, Finding | None] = {}
    found: list[Finding] = []
    for key, mentions in lc._mentions.items():
        for m in mentions:
            values = tuple(totals[ref] for ref in _MENTION_TOTALS[m.kind])
            k = (key, m, values)
            f = previous[k] if k in previous else _mention_finding(lc, key, m, values)
            current[k] = f
            if f is not None:
                found.append(f)
    lc._memo["narrative_mentions"] = current
    lc._memo["narrative"] = (inputs, found)
    return found


def _t3(row: str) -> CellRef:
    return CellRef("applications", row, "total")


def _t4(row: str) -> CellRef:
    return CellRef("review_litigation", row, "total")


_MENTION_TOTALS: dict[str, tuple[CellRef, ...]] = {
    "new": (_t3("new_received"),), "carried": (_t3("carried_over"),), "carry_next": (_t3("carry_next"),),
    "received": (_t3("new_received"), _t3("carried_over")),
    "review": (_t4("review"),), "litigation": (_t4("lit_direct"), _t4("lit_after")),
}
_QUOTED = tuple(dict.fromkeys(ref for refs in _MENTION_TOTALS.values() for ref in refs))


def _mention_finding(lc: LiveChecks, key: str, m: Mention, values: tuple[Number | None, ...]) -> Finding | None:
    """The finding for one quoted number, given the totals it is compared with (None: it agrees)."""
    if any(v is None for v in values):
        return None  # an unreadable cell has its own finding
    fmt = lc.fmt
    common = dict(text_key=key, part=fmt.part_name(key), quote=m.quote)
    k, step = f"{key}.{m.start}", text_step(key)
    cells = list(_MENTION_TOTALS[m.kind])
    if m.kind == "received":
        new, carried = values
        if m.number in (new, new + carried):
            return None
        return lc.finding("X-3", k, step, cells=cells[:1], new=fmt_number(new), with_carried=fmt_number(new + carried),
                          **common)
    value = sum(values)
    if value == m.number:
        return None
    if m.kind in ("review", "litigation"):
        t4 = fmt.tables["review_litigation"]
        what = "与".join(f"“{t4.row(ref.row).label}”" for ref in cells)
        what += "总计" if len(cells) == 1 else "总计之和"
        return lc.finding("X-4", k, step, cells=cells, what=what, table=f"{fmt_number(value)}件", **common)
    what = f"“{fmt.tables['applications'].row(cells[0].row).short}”总计"
    return lc.finding("X-1", k, step, cells=cells, what=what, table=f"{fmt_number(value)}件", **common)
