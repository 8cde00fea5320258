"""The 汇总 overview workbook (.xlsx): one row per unit with its key figures, and the three summed tables.

A plain layout for checking the sum by eye or in Excel/WPS; the official-layout workbook comes later.
Labels come from the format; numbers are written as numbers (万元 exactly, as Decimal).
"""

from __future__ import annotations

import io

from ..cells import Number
from ..formatdef import CellRef
from ..report import Report, effective_value

# The key figures of a unit: the format's row whose 总计 (or the sum of rows) is shown.
_KEY_FIGURES = (
    ("applications", ("new_received",)),
    ("applications", ("result_total",)),
    ("applications", ("carry_next",)),
    ("review_litigation", ("review",)),
    ("review_litigation", ("lit_direct", "lit_after")),
)


def _key_headers(fmt) -> list[str]:
    out = []
    for table_id, rows in _KEY_FIGURES:
        table = fmt.tables[table_id]
        label = table.row(rows[0]).short
        if len(rows) > 1:
            label = label.partition("（")[0]  # 行政诉讼（未经复议直接起诉）+（复议后起诉）: 行政诉讼
        out.append(f"{table.name} {label}")
    return out


def _key_values(fmt, cells) -> list[Number | None]:
    out: list[Number | None] = []
    for table_id, rows in _KEY_FIGURES:
        values = [effective_value(fmt, cells, CellRef(table_id, r, "total")) for r in rows]
        out.append(None if any(v is None for v in values) else sum(values))
    return out


def overview_bytes(con, report: Report) -> bytes:
    """The workbook as bytes, built in memory, so nothing is written before it is complete."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    fmt = con.fmt
    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    ws.append([report.title()])
    ws["A1"].font = bold
    header = ["单位名称", "年度", "状态", *_key_headers(fmt), "错误数", "文件", "说明"]
    ws.append(header)
    for cell in ws[2]:
        cell.font = bold
    for e in con.entries:
        values = _key_values(fmt, e.unit.cells) if e.unit.sha256 and not e.problem else [None] * len(_KEY_FIGURES)
        ws.append([e.label, e.unit.year, e.state_text(), *values, e.error_count, e.unit.path,
                   e.problem or e.reason or e.note])
    ws.append(["合计（计入汇总的单位）", report.year, f"{len(con.taken())}个单位",
               *_key_values(fmt, report.cells), sum(e.error_count for e in con.taken())])
    for cell in ws[ws.max_row]:
        cell.font = bold
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["J"].width = 50

    ts = wb.create_sheet("汇总表")
    for table in fmt.tables.values():
        ts.append([f"{table.name} {table.title}"])
        ts.cell(ts.max_row, 1).font = bold
        ts.append(["", *(c.label for c in table.cols)])
        for cell in ts[ts.max_row]:
            cell.font = bold
        for row in table.rows:
            line: list = [row.label]
            for col in table.cols:
                line.append(report.value(CellRef(table.id, row.id, col.id)) if col.id in row.cols else None)
            ts.append(line)
        ts.append([])
    ts.column_dimensions["A"].width = 40
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
