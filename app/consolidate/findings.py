"""The findings of a 汇总: its tables' own, identities that name the units failing them, and its unit list.

The rule ids HZ-1 … HZ-4 are the 汇总's, not the official format's: they are about how the sum was made
(a unit's cell not counted, a unit's total not taken, units missing or left out), which the format's
rules for one report cannot see. A finding about the unit list has the step "units" (the 汇总 step).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..cells import format_number
from ..checks import Finding
from ..formatdef import CellRef
from ..report import Report, effective_value

if TYPE_CHECKING:
    from . import Consolidation, Entry

UNITS_STEP = "units"
MAX_NAMED = 10  # a message names at most this many units, then says how many more


def _names(entries: list[Entry]) -> str:
    shown = "、".join(f"“{e.label}”" for e in entries[:MAX_NAMED])
    more = len(entries) - MAX_NAMED
    return shown + (f"等{len(entries)}个单位" if more > 0 else "")


def _left_out_message(left_out: list[Entry]) -> str:
    """Each unit's own reason (another year is not a duplicate), grouped by state when there are several."""
    if len(left_out) == 1:
        e = left_out[0]
        return f"“{e.label}”未计入汇总：{e.why()}；请移除，或换成正确的文件"
    groups: dict[str, list[Entry]] = {}
    for e in left_out:
        groups.setdefault(e.state_text(), []).append(e)
    parts = "；".join(f"{state}{len(entries)}个：{_names(entries)}" for state, entries in groups.items())
    return f"{len(left_out)}个单位未计入汇总（{parts}），请移除，或换成正确的文件"


def consolidation_findings(con: Consolidation, report: Report) -> list[Finding]:
    from . import tables_findings

    return annotate(con, report, tables_findings(report))


def annotate(con: Consolidation, report: Report, findings: list[Finding]) -> list[Finding]:
    """``findings`` of the summed report (its tables', or all of them from the app's live checks) with the
    汇总's: each failing identity names the units whose own tables fail it, then HZ-1 … HZ-4."""
    from . import identity_failures

    fmt = con.fmt
    out = []
    identities = {f"{eq.rule}:{eq.table}.{eq.row or eq.col}": eq for eq in fmt.equations if eq.target is None}
    inputs: dict[int, dict] = {}
    for f in findings:
        eq = identities.get(f.key)
        if eq is not None:
            failing = identity_failures(con, eq, inputs)
            if failing:
                f = f._replace(message=f"{f.message}；该式在{_names(failing)}的表中不成立")
        out.append(f)
    out += _invalid_cells(con)
    out += _totals_not_taken(con, report)
    left_out = [e for e in con.entries if e.state in ("unreadable", "wrong_year", "duplicate")]
    if left_out:
        out.append(Finding("HZ-4:left-out", "HZ-4", "error", _left_out_message(left_out), UNITS_STEP))
    missing = con.missing()
    if missing:
        out.append(Finding("HZ-3:missing", "HZ-3", "warning",
                           f"与上年相比缺报：{_names(missing)}尚未报送，汇总数不含这些单位", UNITS_STEP))
    return out


def _invalid_cells(con: Consolidation) -> list[Finding]:
    """A unit's input cell that is not a number is left out of the sum: say which, so nothing is silent."""
    fmt = con.fmt
    out = []
    for e in con.taken():
        for ref, parsed in e.unit.cells.items():
            if parsed.value is None and ref not in fmt.totals:
                table = fmt.tables[ref.table]
                out.append(Finding(
                    f"HZ-1:{e.unit.path}:{ref.table}.{ref.row}.{ref.col}", "HZ-1", "error",
                    f"“{e.label}”{table.name}“{table.place(ref)}”填的是“{parsed.text.strip()}”，不是数字，"
                    "未计入汇总", table.section, (ref,)))
    return out


def _totals_not_taken(con: Consolidation, report: Report) -> list[Finding]:
    """Totals a unit typed that differ from its own terms: the sum computes its totals, so say whose differ."""
    fmt = con.fmt
    wrong: dict[CellRef, list[tuple[Entry, str]]] = {}
    for e in con.taken():
        overrides = [ref for ref in e.unit.cells if ref in fmt.totals]
        if not overrides:
            continue
        inputs = {ref: p for ref, p in e.unit.cells.items() if ref not in fmt.totals and p.value is not None}
        for ref in overrides:
            typed = e.unit.cells[ref].value
            if typed is not None and typed != effective_value(fmt, inputs, ref):
                wrong.setdefault(ref, []).append((e, format_number(typed)))
    out = []
    for ref in fmt.all_cells():
        if ref not in wrong:
            continue
        table = fmt.tables[ref.table]
        units = "、".join(f"“{e.label}”填{typed}" for e, typed in wrong[ref][:MAX_NAMED])
        more = len(wrong[ref]) - MAX_NAMED
        if more > 0:
            units += f"等{len(wrong[ref])}个单位"
        out.append(Finding(
            f"HZ-2:{ref.table}.{ref.row}.{ref.col}", "HZ-2", "warning",
            f"{table.name}“{table.place(ref)}”：汇总数按分项计算为{format_number(report.value(ref))}；"
            f"{units}，与其分项之和不符，未采用", table.section, (ref,)))
    return out
