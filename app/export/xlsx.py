"""The three tables as an Excel/WPS workbook (.xlsx): the export, and the fill-in workbook for units.

Qt-free. One sheet per table, named as the report names the table (表二, 表三, 表四), drawn from
``tables.printed_table``: the labels, merges and printed values are decided there. Counts and amounts are
numbers (万元 written as the exact Decimal, shown with as many decimals as the report prints); totals are
``=SUM(…)`` over their terms' cells. A hidden sheet ``nianbao`` (the marker) records the format, the body,
the year and where every number cell is, so ``app.importing.xlsx_source`` reads our workbooks back exactly
and refuses everything else.

Decisions:

- A total the officer typed that differs from its terms is written as the typed number, not a formula,
  with a warning: the workbook must print what the report (and the Word document) prints, and a formula
  would silently replace the officer's figure; the check engine already reports the difference. A typed
  total equal to its terms is a formula: it shows the same number and stays right when a term is edited.
- Text is always written as text (never a formula), with Excel's quote prefix for text that starts with
  = + - @, so editing the cell in Excel or WPS does not turn it into one either.
- A number Excel cannot hold exactly (more than 15 significant digits) is written as text, with a warning.
- The fill-in workbook (``fill_in_workbook``) is the same tables plus a sheet of instructions: input cells
  unlocked and checked by data validation (whole numbers / 万元 ≥ 0), everything else protected (sheets
  and workbook structure, without a password: the protection guides, it does not secure).
"""

from __future__ import annotations

import io
import math
import os
from decimal import Decimal
from pathlib import Path

from .. import __version__, oserrors
from ..formatdef import Table
from ..report import Report
from ..storage import atomic_write
from .layout import text_width
from .publishing import DRAFT_MARK, ExportError, require_final
from .tables import PrintedCell, PrintedTable, printed_table

MARKER_SHEET = "nianbao"
MARKER = "nianbao-workbook"
WORKBOOK_VERSION = 1  # the marker's layout; the reader refuses newer versions by name
KIND_EXPORT, KIND_FILL_IN = "export", "fill-in"
GRID_TOP = 2  # sheet row of the grid's first row: row 1 holds the section title
INSTRUCTIONS_SHEET = "填报说明"
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number

_FONT = "宋体"
_SIZE = 10.5  # 五号, as in the Word tables
_NUMBER_WIDTH = 10  # characters: a 7-digit count with room to spare
_LINE_HEIGHT = 14.25  # points per line of 五号 text
_INPUT_FILL, _TOTAL_FILL = "FFFFF2CC", "FFE7E6E6"  # fill-in only: where to type, what computes itself


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_cell(cell: PrintedCell) -> tuple[int, int]:
    """Sheet row and column (1-based) of a printed cell's top-left corner."""
    return cell.r + GRID_TOP, cell.c + 1


def address(cell: PrintedCell) -> str:
    row, col = sheet_cell(cell)
    return f"{column_letter(col)}{row}"


def sum_formula(printed: PrintedTable, cell: PrintedCell) -> str:
    """``=SUM(D4:I4)`` for a total: its terms' cells, adjacent ones as a range."""
    places = [sheet_cell(_by_ref(printed, t)) for t in cell.terms]
    runs: list[list[tuple[int, int]]] = []
    for place in places:
        run = runs[-1] if runs else None
        if run and _extends(run, place):
            run.append(place)
        else:
            runs.append([place])
    parts = []
    for run in runs:
        first, last = run[0], run[-1]
        a = f"{column_letter(first[1])}{first[0]}"
        parts.append(a if len(run) == 1 else f"{a}:{column_letter(last[1])}{last[0]}")
    return f"=SUM({','.join(parts)})"


def _extends(run: list[tuple[int, int]], place: tuple[int, int]) -> bool:
    last = run[-1]
    step = (place[0] - last[0], place[1] - last[1])
    if step not in ((0, 1), (1, 0)):
        return False
    return len(run) == 1 or (last[0] - run[-2][0], last[1] - run[-2][1]) == step


def _by_ref(printed: PrintedTable, ref) -> PrintedCell:
    for cell in printed.cells:
        if cell.ref == ref:
            return cell
    raise KeyError(ref)


def export_xlsx(report: Report, path: str | os.PathLike, draft: bool = False) -> list[str]:
    """Write the report's three tables as an .xlsx at ``path`` (atomically); return warnings, in Chinese.

    ``draft``: a 征求意见稿, so marked in each sheet's first row and print header. Raises ``ExportError`` with a
    Chinese message when the file cannot be written, or would be a final version of a report still holding
    placeholders (the workbook goes out with the report, so the report's state is its state).
    """
    require_final(report, draft)
    data, warnings = workbook_bytes(report, fill_in=False, draft=draft)
    write_bytes(data, Path(path))
    return warnings


def fill_in_workbook(report: Report) -> bytes:
    """The fill-in workbook for a unit without the app: its tables with input cells open, the rest protected."""
    return workbook_bytes(report, fill_in=True)[0]


def write_bytes(data: bytes, path: Path) -> None:
    try:
        atomic_write(path, lambda f: f.write(data))
    except OSError as e:
        # Latin words stand apart from Chinese text: “正在 Excel/WPS 中打开”
        raise ExportError(oserrors.cannot_write(path, e, "Excel 表格", " Excel/WPS ")) from None


def workbook_bytes(report: Report, fill_in: bool, draft: bool = False) -> tuple[bytes, list[str]]:
    """The workbook built in memory (nothing is written before it is complete) and the warnings."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    wb = Workbook()
    wb.remove(wb.active)
    warnings: list[str] = []
    if fill_in:
        _instructions(wb.create_sheet(INSTRUCTIONS_SHEET), report)
    placed = []
    for table in report.fmt.tables.values():
        printed = printed_table(report, table)
        ws = wb.create_sheet(table.name)
        _table_sheet(ws, report, printed, fill_in, warnings)
        if draft:
            ws.cell(1, 1).value = f"【{DRAFT_MARK}】{printed.table.title}"
            ws.oddHeader.left.text = DRAFT_MARK
        placed.append(printed)
    _marker(wb.create_sheet(MARKER_SHEET), report, placed, fill_in)
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True  # openpyxl stores no results: Excel, WPS and LibreOffice compute on open
    if fill_in:
        wb.security = WorkbookProtection(lockStructure=True)  # no sheet deleted, renamed or unhidden
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), warnings


# --- one table --------------------------------------------------------------------------------------------

def _table_sheet(ws, report: Report, printed: PrintedTable, fill_in: bool, warnings: list[str]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    table = printed.table
    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    font, bold = Font(name=_FONT, size=_SIZE), Font(name=_FONT, size=_SIZE, bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    unlocked = Protection(locked=False)
    widths = _column_widths(table, printed)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(c)].width = width

    ws.cell(1, 1).value = table.title
    ws.cell(1, 1).font = Font(name=_FONT, size=12, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=table.columns)
    ws.row_dimensions[1].height = 24

    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="请填写件数", error="件数应为0或正整数")
    amounts = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                             showErrorMessage=True, errorTitle="请填写金额",
                             error="金额以万元为单位，应为0或正数，最多保留6位小数")
    for cell in printed.cells:
        row, col = sheet_cell(cell)
        target = ws.cell(row, col)
        for dr in range(cell.rowspan):  # merged cells draw their borders from every cell they cover
            for dc in range(cell.colspan):
                ws.cell(row + dr, col + dc).border = border
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + cell.rowspan - 1,
                           end_column=col + cell.colspan - 1)
        if not cell.is_value:
            _text(target, cell.text)
            target.font = bold if cell.kind in ("header", "col_label", "group") else font
            # a body row's label reads from the left, as in the official 表三; labels in a header are centred
            body_label = cell.kind == "row_label" and table.header_rows and cell.r >= table.header_rows
            target.alignment = left if body_label else centre
            continue
        target.font, target.alignment = font, centre
        col_def = table.col(cell.ref.col)
        _number_cell(target, report, printed, cell, col_def.type, warnings)
        if fill_in:
            target.fill = PatternFill("solid", fgColor=_TOTAL_FILL if cell.is_total else _INPUT_FILL)
            if not cell.is_total:
                target.protection = unlocked
                (amounts if col_def.type == "amount" else counts).add(target)
    for validation in (counts, amounts):
        if validation.sqref:
            ws.add_data_validation(validation)
    _row_heights(ws, printed, widths)
    _print_setup(ws, report, table)
    if fill_in:
        ws.protection.sheet = True
        ws.protection.formatColumns = ws.protection.formatRows = False  # widening a column stays allowed


def _number_cell(target, report: Report, printed: PrintedTable, cell: PrintedCell, kind: str,
                 warnings: list[str]) -> None:
    place = printed.place(cell)
    if cell.problem == "bad":
        _text(target, cell.text)
        warnings.append(f"{place}不是数字（“{cell.text}”），在工作簿中按文字写入")
        return
    if cell.problem == "unknown":
        warnings.append(f"{place}的合计无法计算（所加的单元格中有不是数字的内容），在工作簿中留空")
        return
    value = report.value(cell.ref)
    if value is None:
        target.number_format = "0.######" if kind == "amount" else "0"
        return
    if _significant_digits(value) > EXCEL_DIGITS:
        _text(target, cell.text)
        warnings.append(f"{place}的数字“{cell.text}”超过 Excel 能精确保存的{EXCEL_DIGITS}位有效数字，按文字写入")
        return
    places = len(cell.text.partition(".")[2])
    target.number_format = "0." + "0" * places if places else "0"
    if cell.is_total:
        terms = _terms_sum(report, cell)
        if terms == value:  # an automatic total always is; a typed one when it reconciles
            target.value = sum_formula(printed, cell)
            return
        shown = "无法计算" if terms is None else str(terms)
        warnings.append(f"{place}填写的合计{cell.text}与各项之和（{shown}）不一致，"
                        "在工作簿中写入填写的数字，不是公式")
    target.value = value


def _terms_sum(report: Report, cell: PrintedCell):
    """The sum of a total's terms as the report shows them (blank counts 0), None when one is not a number."""
    total = 0
    for ref in cell.terms:
        value = report.value(ref)
        if value is None and (ref in report.cells or report.fmt.is_total(ref)):
            return None
        total += value or 0
    return total


def _significant_digits(value) -> int:
    digits = Decimal(value).normalize().as_tuple()
    exponent = digits.exponent if isinstance(digits.exponent, int) else 0
    return max(len(digits.digits), len(digits.digits) + exponent)


def _text(target, text: str) -> None:
    """Always text, never a formula (openpyxl reads a leading = as one)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)  # control characters XML cannot store
    target.value = text
    target.data_type = "s"
    if text[:1] in ("=", "+", "-", "@"):
        target.quotePrefix = True


def _column_widths(table: Table, printed: PrintedTable) -> list[float]:
    """The format's relative widths, scaled so every number column holds its widest value."""
    need: dict[int, float] = {}
    for cell in printed.cells:
        if cell.is_value:
            want = max(_NUMBER_WIDTH, len(cell.text) + 3) / cell.colspan
            for c in range(cell.c, cell.c + cell.colspan):
                need[c] = max(need.get(c, 0), want)
    weights = table.col_widths
    scale = max(need[c] / weights[c] for c in need)
    return [round(max(need.get(c, 0), weights[c] * scale, 6), 1) for c in range(table.columns)]


def _row_heights(ws, printed: PrintedTable, widths: list[float]) -> None:
    """Excel does not grow a row for wrapped text in merged cells: give each row the lines its labels need."""
    lines: dict[int, int] = {}
    for cell in printed.cells:
        if cell.rowspan != 1 or not cell.text:
            continue
        room = sum(widths[cell.c:cell.c + cell.colspan]) - 1
        need = math.ceil(text_width(cell.text) * 2 / max(room, 1))
        lines[cell.r] = max(lines.get(cell.r, 1), need)
    for r in range(printed.table.grid_rows):
        ws.row_dimensions[r + GRID_TOP].height = lines.get(r, 1) * _LINE_HEIGHT + 6


def _print_setup(ws, report: Report, table: Table) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table.columns > 10 else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # one page wide, as many pages long as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    if table.header_rows:  # a table running on to a second page repeats its header
        ws.print_title_rows = f"{GRID_TOP}:{GRID_TOP + table.header_rows - 1}"
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # & starts a header code; Excel refuses a header of more than 255 characters
    ws.oddHeader.center.text = ILLEGAL_CHARACTERS_RE.sub("", report.title())[:120].replace("&", "&&")
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


# --- the fill-in instructions and the marker ----------------------------------------------------------

def _instructions(ws, report: Report) -> None:
    from openpyxl.styles import Alignment, Font

    names = "、".join(f"“{t.name}”" for t in report.fmt.tables.values())
    lines = [
        (f"{report.title()}", True),
        (f"填报单位：{report.body.name}", False),
        (f"年度：{'' if report.year is None else report.year}", False),
        ("", False),
        (f"1. 请在{names}中浅黄色的单元格里填写数字；灰色的总计由公式自动计算，不需要填写。", False),
        ("2. 件数填整数；收费金额以万元为单位，最多保留6位小数。没有发生的请填0，不要填“无”或“/”。", False),
        ("3. 请不要增删行列、修改标签或工作表名称；填好后保存为 .xlsx（Excel 或 WPS 均可），交回汇总单位。", False),
        ("4. 本文件由 nianbao 生成，其中隐藏的工作表记录了表格的格式，汇总单位导入时据此逐格核对。", False),
    ]
    ws.column_dimensions["A"].width = 110
    for row, (text, strong) in enumerate(lines, start=1):
        cell = ws.cell(row, 1)
        _text(cell, text)
        cell.font = Font(name=_FONT, size=12 if strong else _SIZE, bold=strong)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.protection.sheet = True


def _marker(ws, report: Report, placed: list[PrintedTable], fill_in: bool) -> None:
    """What the reader needs to know the workbook exactly: the format, the body, and every cell's position."""
    body = report.body
    rows: list[list] = [
        [MARKER, WORKBOOK_VERSION], ["format", report.format_id], ["kind", KIND_FILL_IN if fill_in else KIND_EXPORT],
        ["year", report.year], ["body", body.name], ["body_kind", body.kind], ["scope", body.scope],
        ["app_version", __version__],
    ]
    for printed in placed:
        rows.append(["sheet", printed.table.id, printed.table.name, GRID_TOP, 1])
    for printed in placed:
        for cell in printed.cells:
            if cell.is_value:
                rows.append(["cell", *cell.ref, address(cell)])
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if isinstance(value, str):
                _text(ws.cell(r, c), value)
            elif value is not None:
                ws.cell(r, c).value = value
    ws.sheet_state = "veryHidden"  # not in Excel's 取消隐藏 list: the officer has no reason to see it
