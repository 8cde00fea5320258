"""The tables as a workbook: official labels and merges, numbers as numbers, totals as formulas that recompute."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.export.pdf_convert import soffice_path
from app.export.tables import printed_table
from app.export.word import ExportError
from app.export.xlsx import GRID_TOP, MARKER_SHEET, export_xlsx, fill_in_workbook
from app.formatdef import CellRef
from app.report import Body, Report

AMOUNT = CellRef("active", "admin_fee", "amount_wanyuan")
GRANTED_NATURAL = CellRef("applications", "granted", "natural")


def worst_case() -> Report:
    """7-digit counts everywhere, totals left to compute, and an amount with six decimals."""
    report = Report(year=2025, body=Body(name="某某市人民政府", kind="government"))
    for i, ref in enumerate(report.fmt.all_cells()):
        if not report.fmt.is_total(ref) and ref != AMOUNT:
            report.set_cell(ref, str(1_000_000 + 7919 * i))
    report.set_cell(AMOUNT, "24252.311082")
    return report


def recalculated(path: Path, tmp: Path) -> Path:
    """The workbook after LibreOffice opened (recalculating every formula) and saved it; skips without Calc."""
    soffice = soffice_path()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the formulas cannot be recalculated here")
    work = tmp / "lo"
    work.mkdir(exist_ok=True)
    source = work / "in.xlsx"  # an ASCII name: soffice mishandles others
    shutil.copyfile(path, source)
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(work / "out"), str(source)],
                   capture_output=True, timeout=300, check=False)
    out = work / "out" / "in.xlsx"
    if not out.exists():
        pytest.skip("LibreOffice has no Calc here (package libreoffice-calc): the workbook was not recalculated")
    return out


def _sheet_value(ws, printed, ref):
    cell = next(c for c in printed.cells if c.ref == ref)
    return ws.cell(cell.r + GRID_TOP, cell.c + 1)


def test_labels_are_the_formats_character_for_character_and_merges_its_spans(large_report, tmp_path):
    path = tmp_path / "表格.xlsx"
    export_xlsx(large_report, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["表二", "表三", "表四"]
    for table in large_report.fmt.tables.values():
        ws = wb[table.name]
        assert ws["A1"].value == table.title
        for g in table.grid:  # the format's own grid, not the exporter's
            if g.kind != "value":
                assert ws.cell(g.r + GRID_TOP, g.c + 1).value == g.text, (table.name, g)
        merged = {str(m) for m in ws.merged_cells.ranges if m.min_row >= GRID_TOP}
        spans = {f"{openpyxl.utils.get_column_letter(g.c + 1)}{g.r + GRID_TOP}:"
                 f"{openpyxl.utils.get_column_letter(g.c + g.colspan)}{g.r + g.rowspan - 1 + GRID_TOP}"
                 for g in table.grid if g.rowspan > 1 or g.colspan > 1}
        assert merged == spans
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in [c.value for c in wb["表三"]["B"]]


def test_numbers_are_numbers_and_totals_are_sums_of_their_cells(large_report, tmp_path):
    path = tmp_path / "t.xlsx"
    assert export_xlsx(large_report, path) == []  # every typed total of the example reconciles
    wb = openpyxl.load_workbook(path)
    ws = wb["表三"]
    assert ws["D7"].value == 1288 and ws["D7"].data_type == "n"  # （一）予以公开／自然人
    assert ws["J5"].value == "=SUM(D5:I5)"  # 一、本年新收／总计
    assert ws["D28"].value == "=SUM(D7:D27)"  # （七）总计／自然人: 21 rows of results
    assert wb["表四"]["E5"].value == "=SUM(A5:D5)"
    assert wb["表二"]["B11"].value == 3985758  # 行政处罚, over a merged cell
    assert wb[MARKER_SHEET].sheet_state == "veryHidden"


def test_seven_digit_counts_and_six_decimal_amounts_are_exact(tmp_path):
    report = worst_case()
    path = tmp_path / "w.xlsx"
    export_xlsx(report, path)
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>24252.311082</v>" in xml  # the Decimal as typed, not a float's approximation
    ws = openpyxl.load_workbook(path)["表二"]
    printed = printed_table(report, report.fmt.tables["active"])
    cell = _sheet_value(ws, printed, AMOUNT)
    assert Decimal(repr(cell.value)) == Decimal("24252.311082") and cell.number_format == "0.000000"
    assert _sheet_value(ws, printed, CellRef("active", "rules", "issued")).value == 1_000_000


def test_a_typed_total_that_does_not_reconcile_is_written_as_typed_with_a_warning(large_report, tmp_path):
    ref = CellRef("review_litigation", "review", "total")
    large_report.set_cell(ref, "350")  # the terms add up to 351
    warnings = export_xlsx(large_report, tmp_path / "t.xlsx")
    assert warnings == ["表四“行政复议／总计”填写的合计350与各项之和（351）不一致，在工作簿中写入填写的数字，不是公式"]
    assert openpyxl.load_workbook(tmp_path / "t.xlsx")["表四"]["E5"].value == 350


def test_text_that_looks_like_a_formula_is_written_as_text(large_report, tmp_path):
    large_report.set_cell(GRANTED_NATURAL, "=HYPERLINK(\"http://x\")")
    large_report.set_cell(CellRef("applications", "granted", "total"), "")
    large_report.body.name = "=1+1"
    warnings = export_xlsx(large_report, tmp_path / "t.xlsx")
    assert "表三“（一）予以公开／自然人”不是数字（“=HYPERLINK(\"http://x\")”），在工作簿中按文字写入" in warnings
    assert "表三“（一）予以公开／总计”的合计无法计算（所加的单元格中有不是数字的内容），在工作簿中留空" in warnings
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    cell = wb["表三"]["D7"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=HYPERLINK(\"http://x\")", "s", True)
    assert wb["表三"]["J7"].value is None
    assert [c.value for c in wb[MARKER_SHEET]["B"] if c.data_type == "f"] == []
    assert wb["表三"].oddHeader.center.text.startswith("=1+1")


def test_print_setup_is_a4_one_page_wide_with_the_header_repeated(large_report, tmp_path):
    export_xlsx(large_report, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    for name in ("表二", "表三", "表四"):
        ws = wb[name]
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert wb["表三"].print_title_rows == "$2:$4"
    assert wb["表四"].page_setup.orientation == "landscape"


def test_chinese_path_and_a_missing_folder(large_report, tmp_path):
    path = tmp_path / "用户" / "年报 2025.xlsx"
    path.parent.mkdir()
    export_xlsx(large_report, path)
    assert openpyxl.load_workbook(path)["表三"]["D7"].value == 1288
    missing = tmp_path / "没有的文件夹" / "年报.xlsx"
    with pytest.raises(ExportError, match="文件夹不存在"):
        export_xlsx(large_report, missing)
    assert not missing.parent.exists()


def test_fill_in_workbook_opens_only_the_input_cells(tmp_path):
    report = Report(year=2025, body=Body(name="甲局"))
    wb = openpyxl.load_workbook(io.BytesIO(fill_in_workbook(report)))
    assert wb.sheetnames[0] == "填报说明" and "填报单位：甲局" in [c.value for c in wb["填报说明"]["A"]]
    assert wb.security.lockStructure
    ws = wb["表三"]
    assert ws.protection.sheet
    assert ws["D7"].protection.locked is False and ws["D7"].value is None  # an input cell, blank
    assert ws["J7"].protection.locked is True and ws["J7"].value == "=SUM(D7:I7)"
    assert ws["B7"].protection.locked is True  # a label
    ranges = {str(dv.sqref): dv.type for dv in ws.data_validations.dataValidation}
    assert any("D7" in r or "D5" in r for r in ranges) and set(ranges.values()) == {"whole"}
    assert {dv.type for dv in wb["表二"].data_validations.dataValidation} == {"whole", "decimal"}


def test_formula_totals_recompute_to_the_reports_totals(tmp_path):
    report = worst_case()
    path = tmp_path / "w.xlsx"
    export_xlsx(report, path)
    wb = openpyxl.load_workbook(recalculated(path, tmp_path), data_only=True)
    checked = 0
    for table in report.fmt.tables.values():
        printed = printed_table(report, table)
        for cell in printed.cells:
            if cell.is_value:
                value = _sheet_value(wb[table.name], printed, cell.ref).value
                assert Decimal(repr(value)) == report.value(cell.ref), cell.ref
                checked += cell.is_total
    assert checked == 24 * 1 + 7 + 3  # 表三: a 总计 per row and 7 (七)总计; 表四: three
