"""The indicators table of the 检查与导出 page: this year beside last year, the change, the formula as tooltip,
and the numbers following the officer's edits."""

from __future__ import annotations

from app.formatdef import CellRef
from app.report import LastYear, Report
from ui.document import ReportDocument
from ui.panels.indicators_panel import IndicatorsPanel

from ..test_checks import clean_report


def A(row: str, col: str = "natural") -> CellRef:  # noqa: N802
    return CellRef("applications", row, col)


def shown(panel: IndicatorsPanel) -> list[list[str]]:
    return [[panel.item(r, c).text() for c in range(panel.columnCount())] for r in range(panel.rowCount())]


def make(qtbot, report: Report) -> tuple[ReportDocument, IndicatorsPanel]:
    doc = ReportDocument(report)
    panel = IndicatorsPanel(doc)
    qtbot.addWidget(panel)
    return doc, panel


def test_the_table_shows_this_year_beside_last_year(qtbot):
    r = clean_report()
    last = Report(year=2023, cells=dict(r.last_year.cells))
    for ref, text in {A("new_received"): "4", A("granted"): "2", A("na_not_held"): "2"}.items():
        last.set_cell(ref, text)
    r.last_year = LastYear(2023, last.cells, {})
    _, panel = make(qtbot, r)
    assert [panel.horizontalHeaderItem(c).text() for c in range(4)] == ["指标", "本年", "上年", "变化"]
    rows = shown(panel)
    assert rows[0] == ["新收申请", "6件", "4件", "+2件（+50.0%）"]
    assert rows[1] == ["实质公开率", "83.3%", "50.0%", "+33.3个百分点"]
    assert rows[4] == ["复议纠错率", "0.0%", "—", ""]
    assert [row[0] for row in rows] == ["新收申请", "实质公开率", "无法提供占比", "本机关不掌握占无法提供比",
                                        "复议纠错率", "诉讼纠错率", "结转占比"]
    assert panel.item(1, 2).toolTip().startswith("实质公开率 = 表三（（一）予以公开＋（二）部分公开）÷（七）总计")
    assert "分母为0" in panel.item(4, 0).toolTip()


def test_the_numbers_follow_the_edits(qtbot):
    doc, panel = make(qtbot, clean_report())
    assert shown(panel)[1][1] == "83.3%"
    doc.set_cell(A("granted"), "9")  # 予以公开 9 + 1 commercial + 部分公开 1 of 12: and the table no longer balances
    assert shown(panel)[1][1] == "91.7%"
    doc.undo_stack.undo()
    assert shown(panel)[1][1] == "83.3%"
    doc.set_cell(A("granted"), "abc")
    assert shown(panel)[1][1:] == ["—", "—", ""]
