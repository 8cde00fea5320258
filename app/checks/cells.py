"""Cell rules: blank cells (CELL-BLANK), one finding per table with a fill-0 fix.

Unreadable cells (CELL-INVALID) are built into the engine: they are re-checked per cell, not per table."""

from __future__ import annotations

from collections.abc import Iterable

from .engine import Finding, Fix, LiveChecks
from .registry import Rule, add


def _blank_group(table_id: str) -> Rule:
    def check(lc: LiveChecks) -> Iterable[Finding]:
        cells = lc.report.cells
        blanks = [ref for ref in lc.inputs(table_id) if ref not in cells]
        if blanks:
            table = lc.fmt.tables[table_id]
            fix = Fix(lc.fix_label("CELL-BLANK", count=len(blanks)), tuple((r, "0") for r in blanks))
            yield lc.finding("CELL-BLANK", table_id, table.section, fix, blanks,
                             table=lc.fmt.table_name(table_id), count=len(blanks), first=table.place(blanks[0]))
    return check


for _tid in ("active", "applications", "review_litigation"):
    add(f"blank_{_tid}", {f"table:{_tid}"}, _blank_group(_tid))
