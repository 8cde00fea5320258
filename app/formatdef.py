"""The official report format, read from its data file in ``resources/formats``.

Everything that knows a label, a merge or a total reads it from here: the grid models, the check
engine, the importer and the Word exporter share one definition, so a label is typed once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import NamedTuple

DEFAULT_FORMAT_ID = "GBGKBH-2021-30"
_FORMAT_FILES = {DEFAULT_FORMAT_ID: "gbgkbh-2021-30.json"}


class CellRef(NamedTuple):
    """One number cell of one table, by stable ids (as stored in the project file)."""

    table: str
    row: str
    col: str


class Part(NamedTuple):
    id: str
    heading: str | None
    label: str
    guide: str
    government_guide: str | None = None


class Section(NamedTuple):
    id: str
    no: int
    title: str | None
    kind: str  # "text" or "table"
    parts: tuple[Part, ...] = ()
    table: str | None = None

    def text_keys(self) -> list[str]:
        return [f"{self.id}.{p.id}" for p in self.parts]


class Row(NamedTuple):
    id: str
    label: str
    short: str
    cols: tuple[str, ...]


class Col(NamedTuple):
    id: str
    label: str
    short: str
    type: str  # "count" or "amount"
    decimals: int = 0


class GridCell(NamedTuple):
    """One visible cell of a table as printed: static text, a row or column label, or a number cell."""

    r: int
    c: int
    rowspan: int
    colspan: int
    kind: str  # caption / header / corner / group / row_label / col_label / value
    text: str
    ref: CellRef | None = None


class Equation(NamedTuple):
    """One concrete reconciliation identity, expanded from the format's equation templates.

    ``target`` is set for a sum whose left side is a total cell computed automatically; identities
    between input cells (表三 一＋二＝三＋四) have ``lhs``/``rhs`` and optionally a cell to ``solve`` for.
    """

    rule: str
    table: str
    lhs: tuple[CellRef, ...]
    rhs: tuple[CellRef, ...]
    target: CellRef | None
    row: str | None
    col: str | None
    solve: CellRef | None = None

    @property
    def cells(self) -> tuple[CellRef, ...]:
        return self.lhs + self.rhs


@dataclass(frozen=True)
class Table:
    id: str
    name: str  # how the report's text names it: “表三”
    section: str
    title: str
    columns: int
    header_rows: int
    rows: tuple[Row, ...]
    cols: tuple[Col, ...]
    grid: tuple[GridCell, ...]
    grid_rows: int
    col_widths: tuple[int, ...]
    _row_index: dict[str, Row] = field(default_factory=dict, repr=False, compare=False)
    _col_index: dict[str, Col] = field(default_factory=dict, repr=False, compare=False)

    def row(self, row_id: str) -> Row:
        return self._row_index[row_id]

    def col(self, col_id: str) -> Col:
        return self._col_index[col_id]

    @cached_property
    def _cells(self) -> tuple[CellRef, ...]:
        return tuple(CellRef(self.id, r.id, c) for r in self.rows for c in r.cols)

    def cells(self) -> list[CellRef]:
        """Every number cell, row by row (the order of the printed table)."""
        return list(self._cells)

    @cached_property
    def count_cells(self) -> dict[tuple[str, str], CellRef]:
        """The count cells by (row id, col id): most of a project file, read without the cell parser."""
        return {(ref.row, ref.col): ref for ref in self._cells if self.col(ref.col).type == "count"}

    def has_cell(self, row_id: str, col_id: str) -> bool:
        row = self._row_index.get(row_id)
        return row is not None and col_id in row.cols

    def place(self, ref: CellRef) -> str:
        """Where a cell is, in the officer's words: 表三“一、本年新收”行“自然人”列."""
        row, col = self.row(ref.row), self.col(ref.col)
        if len(row.cols) == 1:
            return row.short
        return f"{row.short}／{col.short}"


class RuleInfo(NamedTuple):
    id: str
    severity: str
    title: str
    message: str
    fix: str | None
    params: dict


@dataclass(frozen=True)
class ReportFormat:
    id: str
    name: str
    title_template: str
    sections: tuple[Section, ...]
    tables: dict[str, Table]
    equations: tuple[Equation, ...]
    rules: dict[str, RuleInfo]
    totals: dict[CellRef, Equation]  # total cell -> the sum that computes it

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def text_keys(self) -> tuple[str, ...]:
        return self._text_keys  # asked on every keystroke in a text part

    @cached_property
    def _text_keys(self) -> tuple[str, ...]:
        return tuple(k for s in self.sections if s.kind == "text" for k in s.text_keys())

    def part(self, text_key: str) -> tuple[Section, Part]:
        section_id, _, part_id = text_key.partition(".")
        section = self.section(section_id)
        for p in section.parts:
            if p.id == part_id:
                return section, p
        raise KeyError(text_key)

    def part_name(self, text_key: str) -> str:
        """The officer's name for a text part: “一、总体情况（五）监督保障”."""
        section, part = self.part(text_key)
        if section.title is None:
            return part.label
        if part.heading:
            return f"{section.title}{part.heading}"
        if len(section.parts) > 1:
            return f"{section.title}（{part.label}）"
        return section.title

    def all_cells(self) -> list[CellRef]:
        return [ref for t in self.tables.values() for ref in t.cells()]

    def is_total(self, ref: CellRef) -> bool:
        return ref in self.totals

    def totals_fed_by(self, ref: CellRef) -> frozenset[CellRef]:
        """The computed totals whose value can change with this cell, directly or through other totals."""
        return self._fed_by.get(ref, frozenset())

    @cached_property
    def _fed_by(self) -> dict[CellRef, frozenset[CellRef]]:
        feeds: dict[CellRef, set[CellRef]] = {}  # term -> totals summing it directly
        for target, eq in self.totals.items():
            for term in eq.rhs:
                feeds.setdefault(term, set()).add(target)
        out: dict[CellRef, frozenset[CellRef]] = {}
        for ref in feeds:
            seen: set[CellRef] = set()
            todo = list(feeds[ref])
            while todo:
                cur = todo.pop()
                if cur not in seen:
                    seen.add(cur)
                    todo.extend(feeds.get(cur, ()))
            out[ref] = frozenset(seen)
        return out

    def table_name(self, table_id: str) -> str:
        return self.tables[table_id].name


def _build_grid(spec: dict, rows: dict[str, Row], cols: dict[str, Col], table_id: str) -> list[GridCell]:
    """Place the grid's cells, skipping positions covered by a rowspan from above (as HTML does)."""
    covered: set[tuple[int, int]] = set()
    out: list[GridCell] = []
    ncols = spec["columns"]
    for r, line in enumerate(spec["grid"]):
        c = 0
        items: list[dict] = []
        for item in line:
            if "cells" in item:
                row = rows[item["cells"]]
                items.extend({"cell": [row.id, col]} for col in row.cols)
            else:
                items.append(item)
        for item in items:
            while (r, c) in covered:
                c += 1
            rs, cs = item.get("rowspan", 1), item.get("colspan", 1)
            ref = None
            if "cell" in item:
                ref = CellRef(table_id, *item["cell"])
                kind, text = "value", ""
            elif "row" in item:
                kind, text = "row_label", rows[item["row"]].label
            elif "col" in item:
                kind, text = "col_label", cols[item["col"]].label
            else:
                kind, text = item.get("kind", "header"), item["text"]
            out.append(GridCell(r, c, rs, cs, kind, text, ref))
            for dr in range(rs):
                for dc in range(cs):
                    covered.add((r + dr, c + dc))
            c += cs
        while (r, c) in covered:
            c += 1
        if c != ncols:
            raise ValueError(f"format grid of table {table_id}: row {r} has {c} columns, expected {ncols}")
    return out


def _expand_equations(spec: list[dict], tables: dict[str, Table]) -> list[Equation]:
    out: list[Equation] = []
    for eq in spec:
        table = tables[eq["table"]]
        if eq["each"] == "row":
            for row in table.rows:
                if "total" in eq and eq["total"] in row.cols:
                    target = CellRef(table.id, row.id, eq["total"])
                    terms = tuple(CellRef(table.id, row.id, c) for c in eq["terms"])
                    out.append(Equation(eq["rule"], table.id, (target,), terms, target, row.id, None))
        else:
            for col in table.cols:
                if "total" in eq:
                    target = CellRef(table.id, eq["total"], col.id)
                    terms = tuple(CellRef(table.id, r, col.id) for r in eq["terms"])
                    out.append(Equation(eq["rule"], table.id, (target,), terms, target, None, col.id))
                else:
                    lhs = tuple(CellRef(table.id, r, col.id) for r in eq["lhs"])
                    rhs = tuple(CellRef(table.id, r, col.id) for r in eq["rhs"])
                    solve = CellRef(table.id, eq["solve"], col.id) if eq.get("solve") else None
                    out.append(Equation(eq["rule"], table.id, lhs, rhs, None, None, col.id, solve))
    return out


def parse_format(data: dict) -> ReportFormat:
    sections = tuple(
        Section(
            id=s["id"], no=s["no"], title=s["title"], kind=s["kind"], table=s.get("table"),
            parts=tuple(Part(p["id"], p["heading"], p["label"], p["guide"], p.get("government_guide"))
                        for p in s.get("parts", ())),
        )
        for s in data["sections"]
    )
    titles = {s.table: s.title for s in sections if s.table}
    tables: dict[str, Table] = {}
    for t in data["tables"]:
        cols = {c["id"]: Col(c["id"], c["label"], c.get("short", c["label"]), c["type"], c.get("decimals", 0))
                for c in t["cols"]}
        rows = {r["id"]: Row(r["id"], r["label"], r.get("short", r["label"]), tuple(r.get("cols", list(cols))))
                for r in t["rows"]}
        grid = _build_grid(t, rows, cols, t["id"])
        tables[t["id"]] = Table(
            id=t["id"], name=t["name"], section=t["section"], title=titles[t["id"]], columns=t["columns"],
            header_rows=t["header_rows"], rows=tuple(rows.values()), cols=tuple(cols.values()),
            grid=tuple(grid), grid_rows=len(t["grid"]), col_widths=tuple(t["col_widths"]),
            _row_index=rows, _col_index=cols,
        )
    equations = tuple(_expand_equations(data["equations"], tables))
    totals: dict[CellRef, Equation] = {}
    for eq in equations:
        # The first sum that names a cell computes it; later sums over the same cell only check it.
        if eq.target is not None and eq.target not in totals:
            totals[eq.target] = eq
    rules = {
        rid: RuleInfo(rid, r["severity"], r["title"], r["message"], r.get("fix"),
                      {k: v for k, v in r.items() if k not in ("severity", "title", "message", "fix")})
        for rid, r in data["rules"].items()
    }
    fmt = ReportFormat(data["format_id"], data["name"], data["title_template"], sections, tables,
                       equations, rules, totals)
    looped = [ref for ref in totals if ref in fmt.totals_fed_by(ref)]
    if looped:  # a total summing itself would never finish computing
        raise ValueError(f"format totals form a cycle through {looped[0]}")
    return fmt


@cache
def load_format(format_id: str = DEFAULT_FORMAT_ID) -> ReportFormat:
    try:
        filename = _FORMAT_FILES[format_id]
    except KeyError:
        raise KeyError(f"unknown report format {format_id!r}") from None
    text = resources.files("resources").joinpath("formats", filename).read_text(encoding="utf-8")
    return parse_format(json.loads(text))


def known_formats() -> list[str]:
    return list(_FORMAT_FILES)
