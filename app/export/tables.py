"""The three official tables as printed, for every exporter (Word, the website's HTML, the workbook).

``printed_table`` walks the format's grid once: each visible cell with its spans, label or printed value,
whether it is a total (and the cells it sums), and, row by row, which cells cover each row (a cell merged
over several rows covers the rows below its start). Exporters only render this: the labels, merges and
numbers are decided here, from the format file and ``Report.value``, once for all formats.
"""

from __future__ import annotations

from typing import NamedTuple

from ..cells import format_number
from ..formatdef import CellRef, GridCell, Table
from ..report import Report


class PrintedCell(NamedTuple):
    r: int
    c: int
    rowspan: int
    colspan: int
    kind: str  # caption / header / corner / group / row_label / col_label / value (the format's kinds)
    text: str  # the label, or the value as printed ("" for a blank cell)
    ref: CellRef | None = None  # the number cell, for kind "value"
    terms: tuple[CellRef, ...] = ()  # for a total: the cells it sums (a workbook writes them as a formula)
    automatic: bool = False  # a total the report computes (the officer typed nothing into it)
    problem: str = ""  # "bad": holds text that is not a number; "unknown": a total that cannot be computed

    @property
    def is_value(self) -> bool:
        return self.kind == "value"

    @property
    def is_total(self) -> bool:
        return bool(self.terms)


class PrintedTable(NamedTuple):
    table: Table
    cells: tuple[PrintedCell, ...]  # every visible cell, row by row, left to right
    # for each grid row, left to right: (cell, continuing) — continuing where a cell from a row above runs on
    rows: tuple[tuple[tuple[PrintedCell, bool], ...], ...]

    def position(self, ref: CellRef) -> tuple[int, int]:
        """Grid row and column of a number cell."""
        for cell in self.cells:
            if cell.ref == ref:
                return cell.r, cell.c
        raise KeyError(ref)

    def place(self, cell: PrintedCell) -> str:
        """How the officer names a number cell: 表三“（一）予以公开／自然人”."""
        return f"{self.table.name}“{self.table.place(cell.ref)}”"


def printed_table(report: Report, table: Table) -> PrintedTable:
    """The table as the report prints it; raises ValueError if the format's grid leaves a hole."""
    printed = {(g.r, g.c): _printed(report, table, g) for g in table.grid}
    below: dict[tuple[int, int], PrintedCell] = {}
    for cell in printed.values():
        for dr in range(1, cell.rowspan):
            below[(cell.r + dr, cell.c)] = cell
    rows = []
    for r in range(table.grid_rows):
        row, c = [], 0
        while c < table.columns:
            cell = printed.get((r, c))
            continuing = cell is None
            if continuing:
                cell = below.get((r, c))
                if cell is None:
                    raise ValueError(f"format grid of table {table.id}: nothing at row {r}, column {c}")
            row.append((cell, continuing))
            c += cell.colspan
        rows.append(tuple(row))
    return PrintedTable(table, tuple(printed[k] for k in sorted(printed)), tuple(rows))


def _printed(report: Report, table: Table, g: GridCell) -> PrintedCell:
    if g.kind != "value":
        return PrintedCell(g.r, g.c, g.rowspan, g.colspan, g.kind, g.text)
    ref = g.ref
    eq = report.fmt.totals.get(ref)
    terms = tuple(eq.rhs) if eq is not None else ()
    parsed = report.cells.get(ref)
    problem = ""
    if parsed is not None and parsed.error is not None:
        text, problem = parsed.text.strip(), "bad"
    else:
        value = report.value(ref)
        if value is None and terms and parsed is None:
            problem = "unknown"
        text = format_number(value)
    return PrintedCell(g.r, g.c, g.rowspan, g.colspan, g.kind, text, ref, terms,
                       automatic=bool(terms) and parsed is None, problem=problem)
