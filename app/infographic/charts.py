"""What the 检查与导出 page's charts draw (issue 21, item 2), Qt-free: the desktop panel only paints it.

- ``indicator_series``: each of ``app.indicators``' indicators, year by year — every earlier report the officer
  has opened (passed in by the caller), last year's as this report carries it, and this year's.
- ``unit_bars``: in a 汇总, each unit's 本年新收 beside the others, and how many errors its tables hold
  (``consolidate.unit_findings``, the same findings the units page shows), most received first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from ..cells import Number
from ..consolidate import unit_findings
from ..formatdef import CellRef
from ..indicators import indicators
from ..report import Report, Unit, effective_value

_RECEIVED = CellRef("applications", "new_received", "total")


class Series(NamedTuple):
    name: str
    unit: str  # "件" or "%"
    formula: str
    points: tuple[tuple[int, Number | None], ...]  # (year, value), oldest first; None: cannot be computed


class UnitBar(NamedTuple):
    name: str
    received: Number | None  # 本年新收 (None: the unit's cell is unreadable)
    errors: int
    own: bool  # the consolidating office's own report


def indicator_series(report: Report, earlier: Iterable[Report] = ()) -> list[Series]:
    """Every indicator by year. ``earlier`` are other reports of the same body (any order); one of a year this
    report already has (its own, last year's) is left out, as is one without a year."""
    this = indicators(report)
    by_year: dict[int, list] = {}
    if report.year is not None:
        by_year[report.year] = [i.this for i in this]
    ly = report.last_year
    if ly is not None and ly.year is not None and ly.cells and ly.year not in by_year:
        by_year[ly.year] = [i.last for i in this]
    for other in earlier:
        if other.year is None or other.year in by_year or other.format_id != report.format_id:
            continue
        if report.year is not None and other.year > report.year:
            continue
        by_year[other.year] = [i.this for i in indicators(other)]
    years = sorted(by_year)
    return [Series(ind.name, ind.unit, ind.formula_text, tuple((y, by_year[y][n]) for y in years))
            for n, ind in enumerate(this)]


def unit_bars(report: Report, errors: Callable[[Unit], int] | None = None) -> list[UnitBar]:
    """A 汇总's units, most 本年新收 first (units whose file has not come yet are left out).

    ``errors`` gives a unit's error count when the caller holds it already (the window's consolidation checked
    each unit once); without it every unit is checked here, a second a thousand units."""
    fmt = report.fmt
    out = []
    for unit in report.units:
        if not unit.cells:
            continue
        count = errors(unit) if errors is not None else sum(
            1 for f in unit_findings(unit, report.format_id) if f.severity == "error")
        out.append(UnitBar(unit.name, effective_value(fmt, unit.cells, _RECEIVED), count, unit.own))
    return sorted(out, key=lambda u: (-(u.received or 0), u.name))
