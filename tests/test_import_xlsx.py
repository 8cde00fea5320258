"""Reading our workbooks back: a round trip gives the same cells; bad workbooks are refused by name, whole."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from app.cli import main
from app.export.tables import printed_table
from app.export.xlsx import GRID_TOP, export_xlsx, fill_in_workbook
from app.formatdef import CellRef
from app.importing import SUPPORTED_SUFFIXES, ReportImportError, import_bytes, import_file
from app.report import Body, Report
from tests.test_export_xlsx import AMOUNT, GRANTED_NATURAL, recalculated, worst_case


def _address(report: Report, ref: CellRef) -> str:
    cell = next(c for c in printed_table(report, report.fmt.tables[ref.table]).cells if c.ref == ref)
    return f"{openpyxl.utils.get_column_letter(cell.c + 1)}{cell.r + GRID_TOP}"


def _filled(source: Report, name: str = "甲局") -> openpyxl.Workbook:
    """A unit's blank fill-in workbook with the source's numbers typed into its input cells, as in Excel."""
    blank = Report(year=source.year, body=Body(name=name))
    wb = openpyxl.load_workbook(io.BytesIO(fill_in_workbook(blank)))
    for ref in source.fmt.all_cells():
        if not source.fmt.is_total(ref) and source.value(ref) is not None:
            value = source.value(ref)
            wb[source.fmt.tables[ref.table].name][_address(blank, ref)] = float(value) if isinstance(value, Decimal) \
                else value
    return wb


def _bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _same_values(a: Report, b: Report) -> None:
    for ref in a.fmt.all_cells():
        assert b.value(ref) == a.value(ref), ref


def test_export_then_import_gives_the_same_cells(large_report, tmp_path):
    path = tmp_path / "用户" / "年报 2025.xlsx"
    path.parent.mkdir()
    export_xlsx(large_report, path)
    result = import_file(path)
    report = result.report
    assert (report.body.name, report.year, report.body.scope) == ("淮安市人民政府", 2024, "summary")
    inputs = {ref: p for ref, p in large_report.cells.items() if not large_report.fmt.is_total(ref)}
    assert {ref: p for ref, p in report.cells.items() if not report.fmt.is_total(ref)} == inputs
    _same_values(large_report, report)  # totals that reconcile come back automatic, the same numbers
    assert result.unread == {} and result.source_kind == "Excel 表格"
    assert result.log[0] == "填报单位：淮安市人民政府；年度：2024"


def test_a_filled_in_workbook_imports_exactly_with_seven_digits_and_six_decimals(large_report):
    source = worst_case()
    report = import_bytes(_bytes(_filled(source)), "甲局.xlsx").report
    assert report.body.name == "甲局" and report.year == 2025
    assert report.value(AMOUNT) == Decimal("24252.311082")
    assert report.cells == {ref: p for ref, p in source.cells.items()}
    _same_values(source, report)
    findings = import_bytes(_bytes(_filled(large_report)), "").findings  # checked like any report: text missing
    assert [f.rule for f in findings if f.severity == "error" and f.cells] == []


def test_a_workbook_saved_by_libreoffice_imports_the_same(tmp_path):
    source = worst_case()
    path = tmp_path / "filled.xlsx"
    _filled(source).save(path)
    report = import_file(recalculated(path, tmp_path)).report
    assert report.cells == source.cells
    _same_values(source, report)


def test_text_in_a_number_cell_refuses_the_workbook_naming_each_cell(large_report, tmp_path):
    wb = _filled(large_report)
    wb["表三"]["D7"] = "12件"
    wb["表二"][_address(large_report, AMOUNT)] = "-3"
    path = tmp_path / "甲局.xlsx"
    wb.save(path)
    with pytest.raises(ReportImportError) as e:
        import_file(path)
    message = str(e.value)
    assert "工作表“表三”D7（表三“（一）予以公开／自然人”）请只填数字，不要带单位“件”（现在是“12件”）" in message
    assert "工作表“表二”B15（表二“行政事业性收费”）不能为负数（现在是“-3”）" in message
    out = tmp_path / "甲局.nianbao"
    assert main(["import", str(path), "-o", str(out)]) == 2 and not out.exists()


def test_a_foreign_workbook_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "三、收到和处理政府信息公开申请情况"
    wb.active["B2"] = 12
    with pytest.raises(ReportImportError, match="这不是 nianbao 生成的 Excel 表格"):
        import_bytes(_bytes(wb), "统计表.xlsx")


def test_a_missing_sheet_is_named(large_report):
    wb = _filled(large_report)
    wb.remove(wb["表四"])
    with pytest.raises(ReportImportError, match="表格缺少工作表“表四”（表四），无法导入"):
        import_bytes(_bytes(wb), "")


def test_a_number_typed_over_a_label_is_refused(large_report):
    wb = _filled(large_report)
    wb["表三"]["B7"] = 12
    with pytest.raises(ReportImportError) as e:
        import_bytes(_bytes(wb), "")
    assert "工作表“表三”B7应为“（一）予以公开”，现在是“12”" in str(e.value)
    assert "未导入任何内容" in str(e.value)


def test_a_typed_total_is_taken_as_typed_and_checked(large_report):
    wb = _filled(large_report)
    wb["表四"]["E5"] = 350  # the formula replaced by a number; the terms add up to 351
    result = import_bytes(_bytes(wb), "")
    assert result.report.cell_text(CellRef("review_litigation", "review", "total")) == "350"
    assert any(f.severity == "error" and "350" in f.message for f in result.findings)


def test_an_input_formula_without_a_result_is_listed_as_not_read(large_report):
    wb = _filled(large_report)
    wb["表三"]["D7"] = "=1000+288"  # written by a program, never calculated by Excel
    result = import_bytes(_bytes(wb), "")
    assert result.unread == {GRANTED_NATURAL: "公式没有计算结果（请在 Excel 或 WPS 中打开并保存后再导入）"}
    assert GRANTED_NATURAL not in result.report.cells
    place = "工作表“表三”D7（表三“（一）予以公开／自然人”）"
    assert f"{place}：公式没有计算结果（请在 Excel 或 WPS 中打开并保存后再导入），未导入" in result.log


def test_old_excel_and_a_date_are_explained(large_report):
    with pytest.raises(ReportImportError, match="旧版 Excel"):
        import_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "甲局.xls")
    wb = _filled(large_report)
    wb["表三"]["E7"] = dt.datetime(2025, 3, 1)
    with pytest.raises(ReportImportError, match="E7.*是日期或时间，不是数字"):
        import_bytes(_bytes(wb), "")
    assert ".xlsx" in SUPPORTED_SUFFIXES
