"""Our own workbooks (.xlsx) read back: a unit's filled-in 填报表, or the tables exported by nianbao.

Only workbooks nianbao wrote are read, and read exactly: the hidden marker sheet (``app.export.xlsx``)
names the format, the body, the year and the address of every number cell. Before a number is taken,
every label of every table is compared with the format character for character at the place the marker
gives the table, so a moved row, a deleted sheet or a number typed over a label is refused rather than
read into the wrong cell. Any Excel file without the marker is refused with a message saying which
workbooks can be imported.

Nothing is half-imported: a cell that is not a number (text, a date, an Excel error, a negative number,
decimals in a count) refuses the whole workbook, naming every such cell by its sheet address and its
official place, so the unit can correct them in Excel or WPS and send the file again. A total holding
the formula nianbao wrote is left automatic (the report computes it); a total holding a typed number, or
a formula someone changed, is taken as typed, so the checks show whether it reconciles. An input cell
holding a formula is taken at the value Excel last computed; when there is none (a file never opened in
Excel or WPS) the cell is listed as not read and left blank, as the other sources do.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import warnings
import zipfile
import zlib
from decimal import Decimal

from ..formatdef import CellRef, known_formats, load_format
from ..limits import readers as limits
from ..report import BODY_KINDS, BODY_SCOPES, Body, Report
from .blocks import ReportImportError
from .result import ImportResult

MAX_UNCOMPRESSED = limits.XLSX_TOTAL_BYTES
MAX_ENTRIES = limits.XLSX_MEMBERS
MAX_LISTED = 10  # cell problems named in one message; the rest are counted
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")
_ADDRESS = re.compile(r"^([A-Z]{1,3})([1-9][0-9]{0,6})$")
SOURCE_KIND = "Excel 表格"

NOT_OURS = ("这不是 nianbao 生成的 Excel 表格（找不到其中记录表格格式的隐藏工作表），无法逐格核对；"
            "只能导入 nianbao “导出为 Excel”或“生成下级填报文件”得到的表格，请把数字填入这样的填报表后再导入")


def claims(data: bytes, name: str = "") -> bool:
    """Whether the data is an Excel file (a zip holding a workbook, or an old or encrypted one named so)."""
    if data.startswith(_OLE):
        return name.lower().endswith(_EXCEL_SUFFIXES)
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception:  # a broken zip is left to the Word reader, which names the damage
        return False
    return "xl/workbook.xml" in names and "word/document.xml" not in names


def looks_ours(path: str | os.PathLike) -> bool:
    """Whether a workbook file carries our marker sheet, read from its workbook part only (no cells loaded):
    a folder search for units passes over other workbooks (an overview, a list of names) instead of failing."""
    from ..export.xlsx import MARKER_SHEET

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > 1 << 20:
                return False
            workbook = zf.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False
    return re.search(rf'<sheet\b[^>]*\bname="{re.escape(MARKER_SHEET)}"', workbook) is not None


def import_workbook(data: bytes, name: str = "") -> ImportResult:
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]:
            raise ReportImportError("Excel 文件设置了打开密码，无法读取；请先取消密码再导入")
        raise ReportImportError("这是旧版 Excel（.xls）文件，无法逐格核对；请使用 nianbao 生成的 .xlsx 填报表")
    _check_package(data)
    wb = _load(data, data_only=False)
    marker = _read_marker(wb)
    fmt = load_format(marker["format"])
    report = Report(year=marker["year"], format_id=fmt.id,
                    body=Body(name=marker["body"], kind=marker["body_kind"], scope=marker["scope"]))
    wb.bottom, wb.right = _corner(report, marker)
    _check_labels(wb, report, marker)
    cells, unread, notes = _read_cells(wb, data, report, marker)
    for ref, text in cells.items():
        report.set_cell(ref, text)
    shown = f"：{name}" if name else ""
    report.notes.append(f"由 Excel 表格导入（{'填报表' if marker['kind'] == 'fill-in' else '导出的表格'}{shown}）")
    filled = sum(1 for ref in cells if not fmt.is_total(ref))
    inputs = sum(1 for t in fmt.tables.values() for ref in t.cells() if not fmt.is_total(ref))
    texts = "、".join(sec.title.partition("、")[0] for sec in fmt.sections if sec.kind == "text" and sec.title)
    log = [f"填报单位：{report.body.name or '（未填写）'}；年度：{report.year or '（未填写）'}",
           f"读取了{'、'.join(t.name for t in fmt.tables.values())}：{filled}个数字，{inputs - filled}个空白单元格",
           *notes,
           *(f"{where}：{why}，未导入" for where, why in unread.values()),
           f"工作簿只含表格：正文（{texts}）需在 nianbao 中填写"]
    return ImportResult(report, log=log, unread={ref: why for ref, (_, why) in unread.items()},
                        source_kind=SOURCE_KIND)


# --- the package and the marker ---------------------------------------------------------------------------

def _check_package(data: bytes) -> None:
    """Refuse a zip that would unpack to far more than any workbook of ours, before openpyxl inflates it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise ReportImportError(limits.refusal("Excel 文件的部件数", len(infos), MAX_ENTRIES, "个"))
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                raise ReportImportError(limits.refusal("Excel 文件解压后过大：全部部件", total >> 20,
                                                       MAX_UNCOMPRESSED >> 20, " MB"))
            largest = max(infos, key=lambda i: i.file_size, default=None)
            if largest is not None and largest.file_size > limits.XLSX_MEMBER_BYTES:
                raise ReportImportError(limits.refusal(f"Excel 文件解压后过大：部件 {largest.filename}",
                                                       largest.file_size >> 20, limits.XLSX_MEMBER_BYTES >> 20, " MB"))
            if any(i.flag_bits & 0x1 for i in infos):
                raise ReportImportError("Excel 文件已加密，无法读取；请先取消密码再导入")
            for info in infos:  # in small steps: an entry holding more than it declares stops at its size
                with zf.open(info) as entry:
                    while entry.read(1 << 20):
                        pass
    except ReportImportError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError):
        raise ReportImportError("Excel 文件已损坏，无法读取；请在 Excel 或 WPS 中打开后重新保存") from None


def _load(data: bytes, data_only: bool) -> _Book:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops (e.g. WPS's extensions)
            warnings.simplefilter("ignore")
            # streaming: a sheet is parsed row by row when read, never held whole (a workbook of repeated cells
            # took 4 GB loaded at once)
            return _Book(load_workbook(io.BytesIO(data), data_only=data_only, read_only=True, keep_links=False))
    except Exception:  # openpyxl raises many kinds on a broken package
        raise ReportImportError("Excel 文件已损坏，无法读取；请在 Excel 或 WPS 中打开后重新保存") from None


class _Cell:
    __slots__ = ("value", "data_type")

    def __init__(self, value, data_type):
        self.value, self.data_type = value, data_type


_EMPTY = _Cell(None, "n")


class _Sheet:
    """The cells of one sheet up to a bottom-right corner, read once; ``cell`` and ``[address]`` as openpyxl's."""

    def __init__(self, title: str, cells: dict[tuple[int, int], _Cell]):
        self.title, self._cells = title, cells

    def cell(self, row: int, col: int) -> _Cell:
        return self._cells.get((row, col), _EMPTY)

    def __getitem__(self, address: str) -> _Cell:
        from openpyxl.utils.cell import coordinate_to_tuple

        return self.cell(*coordinate_to_tuple(address))


class _Book:
    """A read-only workbook whose sheets are read within the reader budgets: only the rows and columns the
    marker names, the cells of the whole book counted, a sheet whose declared size passes Excel's last row
    refused (openpyxl raised its own ValueError after a minute)."""

    def __init__(self, wb):
        self._wb = wb
        self.sheetnames = wb.sheetnames
        self._sheets: dict[str, _Sheet] = {}
        self._cells = 0
        self.bottom, self.right = limits.XLSX_ROWS, 64

    def rows(self, name: str, max_col: int):
        """The values of a sheet's rows, at most ``XLSX_ROWS`` of them."""
        ws = self._worksheet(name)
        for row in ws.iter_rows(min_row=1, max_row=limits.XLSX_ROWS, max_col=max_col, values_only=True):
            self._count(len(row))
            yield row

    def __getitem__(self, name: str) -> _Sheet:
        if name not in self._sheets:
            ws = self._worksheet(name)
            cells: dict[tuple[int, int], _Cell] = {}
            try:
                for row in ws.iter_rows(min_row=1, max_row=self.bottom, max_col=self.right):
                    self._count(len(row))
                    for c in row:
                        if c.value is not None:
                            cells[(c.row, c.column)] = _Cell(c.value, c.data_type)
            except ReportImportError:
                raise
            except Exception:  # openpyxl raises many kinds on a broken sheet
                raise ReportImportError(
                    f"Excel 文件的工作表“{name}”已损坏，无法读取；请在 Excel 或 WPS 中打开后重新保存") from None
            self._sheets[name] = _Sheet(name, cells)
        return self._sheets[name]

    def _worksheet(self, name: str):
        ws = self._wb[name]
        declared = ws.max_row or 0  # from the sheet's <dimension>, read without parsing its rows
        if declared > limits.EXCEL_MAX_ROW:
            raise ReportImportError(f"工作表“{name}”声明了{declared}行，超过 Excel 的最大行数"
                                    f"（{limits.EXCEL_MAX_ROW}行），不是 Excel 或 WPS 保存的表格，已拒绝读取")
        if declared > limits.XLSX_ROWS:
            raise ReportImportError(limits.refusal(f"工作表“{name}”的行数", declared, limits.XLSX_ROWS, "行"))
        return ws

    def _count(self, cells: int) -> None:
        self._cells += cells
        if self._cells > limits.XLSX_CELLS:
            raise ReportImportError(limits.refusal("Excel 文件的单元格数", self._cells, limits.XLSX_CELLS, "个"))


def _read_marker(wb) -> dict:
    from ..export.xlsx import KIND_EXPORT, KIND_FILL_IN, MARKER, MARKER_SHEET, WORKBOOK_VERSION

    if MARKER_SHEET not in wb.sheetnames:
        raise ReportImportError(NOT_OURS)
    rows = [list(row) for row in wb.rows(MARKER_SHEET, max_col=6)]
    if not rows or rows[0][0] != MARKER:
        raise ReportImportError(NOT_OURS)
    version = rows[0][1]
    if not isinstance(version, int) or version < 1:
        raise ReportImportError(_damaged("版本"))
    if version > WORKBOOK_VERSION:
        raise ReportImportError("这份表格由较新版本的 nianbao 生成，请升级 nianbao 后再导入")
    fields = {str(r[0]): r[1] for r in rows[1:] if r and r[0] not in (None, "sheet", "cell")}
    marker: dict = {"sheets": {}, "cells": {}}
    if fields.get("format") not in known_formats():
        raise ReportImportError(f"表格使用的年报格式“{fields.get('format')}”本版本 nianbao 不认识，无法导入")
    marker["format"] = fields["format"]
    marker["kind"] = fields.get("kind")
    if marker["kind"] not in (KIND_EXPORT, KIND_FILL_IN):
        raise ReportImportError(_damaged("类型"))
    year = fields.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1900 < year < 3000):
        raise ReportImportError(_damaged("年度"))
    marker["year"] = year
    marker["body"] = "" if fields.get("body") is None else str(fields["body"])
    marker["body_kind"] = fields.get("body_kind") if fields.get("body_kind") in BODY_KINDS else "department"
    marker["scope"] = fields.get("scope") if fields.get("scope") in BODY_SCOPES else "own"
    fmt = load_format(marker["format"])
    for r in rows[1:]:
        if r and r[0] == "sheet":
            table_id, sheet, top, left = r[1:5]
            if table_id not in fmt.tables or not isinstance(sheet, str) or not _positive(top) or not _positive(left):
                raise ReportImportError(_damaged("工作表"))
            marker["sheets"][table_id] = (sheet, top, left)
        elif r and r[0] == "cell":
            table_id, row_id, col_id, where = r[1:5]
            if table_id not in fmt.tables or not fmt.tables[table_id].has_cell(row_id, col_id) \
                    or not isinstance(where, str) or not _ADDRESS.match(where):
                raise ReportImportError(_damaged("单元格位置"))
            marker["cells"][CellRef(table_id, row_id, col_id)] = where
    if set(marker["sheets"]) != set(fmt.tables) or set(marker["cells"]) != set(fmt.all_cells()):
        raise ReportImportError(_damaged("表格清单"))
    return marker


def _corner(report: Report, marker: dict) -> tuple[int, int]:
    """The last row and column any label or number of the marker lies in: no sheet is read past them."""
    from openpyxl.utils.cell import coordinate_to_tuple

    from ..export.tables import printed_table

    bottom = right = 1
    for table in report.fmt.tables.values():
        _, top, left = marker["sheets"][table.id]
        for cell in printed_table(report, table).cells:
            bottom, right = max(bottom, top + cell.r), max(right, left + cell.c)
    for address in marker["cells"].values():
        row, col = coordinate_to_tuple(address)
        bottom, right = max(bottom, row), max(right, col)
    return bottom, right


def _damaged(what: str) -> str:
    return f"表格中记录格式的隐藏工作表已损坏（{what}），无法逐格核对；请使用 nianbao 重新生成的填报表"


def _positive(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10000


# --- labels and cells -------------------------------------------------------------------------------------

def _check_labels(wb, report: Report, marker: dict) -> None:
    from ..export.tables import printed_table
    from ..export.xlsx import column_letter

    wrong: list[str] = []
    for table in report.fmt.tables.values():
        sheet, top, left = marker["sheets"][table.id]
        if sheet not in wb.sheetnames:
            raise ReportImportError(f"表格缺少工作表“{sheet}”（{table.name}），无法导入；请使用完整的填报表")
        ws = wb[sheet]
        for cell in printed_table(report, table).cells:
            if cell.is_value:
                continue
            row, col = top + cell.r, left + cell.c
            found = ws.cell(row, col).value
            found = "" if found is None else str(found)
            if found != cell.text:
                shown = f"现在是“{_clip(found)}”" if found else "现在是空的"
                wrong.append(f"工作表“{sheet}”{column_letter(col)}{row}应为“{cell.text}”，{shown}")
    if wrong:
        raise ReportImportError("表格的标签被改动过，无法确定各数字所在的位置，未导入任何内容：" + _listed(wrong)
                                + "；请使用未改动的填报表重新填写")


def _read_cells(wb, data: bytes, report: Report, marker: dict):
    """The text to store per cell; cells not read {ref: (place, why)}; notes for the log."""
    from ..export.tables import printed_table
    from ..export.xlsx import sum_formula

    fmt = report.fmt
    printed = {t.id: printed_table(Report(format_id=fmt.id), t) for t in fmt.tables.values()}
    computed = None  # the values Excel stored for formulas, loaded only when a formula must be read
    out: dict[CellRef, str] = {}
    unread: dict[CellRef, tuple[str, str]] = {}
    bad: list[str] = []
    notes: list[str] = []
    for ref, address in marker["cells"].items():
        table = fmt.tables[ref.table]
        sheet = wb[marker["sheets"][ref.table][0]]
        cell = sheet[address]
        place = f"工作表“{sheet.title}”{address}（{table.name}“{table.place(ref)}”）"
        value = cell.value
        if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
            mine = next(c for c in printed[ref.table].cells if c.ref == ref)
            if fmt.is_total(ref) and _same_formula(str(value), sum_formula(printed[ref.table], mine)):
                continue  # the total nianbao wrote: the report computes it
            if computed is None:
                computed = _load(data, data_only=True)
                computed.bottom, computed.right = wb.bottom, wb.right
            value = computed[sheet.title][address].value
            if value is None:
                unread[ref] = (place, "公式没有计算结果（请在 Excel 或 WPS 中打开并保存后再导入）")
                continue
            notes.append(f"{place}是公式，按 Excel 保存的计算结果“{_text(value)}”导入")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        text, why = _cell_text(value)
        if why is None:
            why = report.parse_for(ref, text).error
        if why is not None:
            bad.append(f"{place}{why}（现在是“{_clip(text)}”）")
        else:
            out[ref] = text
    if bad:
        raise ReportImportError("表格中有不能作为数字读取的单元格，未导入任何内容：" + _listed(bad)
                                + "；请改正后重新导入")
    return out, unread, notes


def _same_formula(found: str, expected: str) -> bool:
    def norm(f: str) -> str:
        return re.sub(r"[\s$]", "", f).upper().lstrip("=")

    return norm(found) == norm(expected)


def _cell_text(value) -> tuple[str, str | None]:
    """A sheet value as the text a cell would be typed with, or why it cannot be one."""
    if isinstance(value, bool):
        return str(value), "是逻辑值，不是数字"
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value), "不是有效的数字"
        # repr is the shortest text giving the same double: 24252.311082, not 24252.311082000001
        return format(Decimal(repr(value)), "f"), None
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return _text(value), "是日期或时间，不是数字（请把单元格格式设为“常规”或“数值”后重新填写）"
    text = str(value)
    if text.startswith("#"):
        return text, "是公式错误，不是数字"
    return text, None


def _text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else value.strftime("%Y-%m-%d")
    return _cell_text(value)[0] if isinstance(value, (int, float)) else str(value)


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _listed(items: list[str]) -> str:
    shown = "；".join(items[:MAX_LISTED])
    return shown + (f"；等共{len(items)}处" if len(items) > MAX_LISTED else "")
