"""按评估要点自查 on the 检查与导出 page: a row per criterion with ✓ / ✗, the source in grey, the detail as tooltip;
a click on a row not met goes to its first finding."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from app.checks import Finding
from ui.document import ReportDocument
from ui.panels.selfcheck_panel import SOURCE_COLOR, SelfCheckPanel

from ..test_checks import TEXTS, A, clean_report

NUMBERED = "存在的问题：一是公开深度不够，二是解读形式单一。改进措施：一是加强培训，二是完善公开目录。"


def rows(panel: SelfCheckPanel) -> list[tuple[str, str]]:
    return [(panel.item(r, 0).text(), panel.item(r, 1).text()) for r in range(panel.rowCount())]


def make(qtbot, doc: ReportDocument) -> SelfCheckPanel:
    panel = SelfCheckPanel(doc, today=lambda: dt.date(2025, 1, 10))
    qtbot.addWidget(panel)
    return panel


def test_each_criterion_met_or_not_with_its_source_in_grey(qtbot):
    r = clean_report()
    r.set_text("problems.body", NUMBERED)
    doc = ReportDocument(r)
    panel = make(qtbot, doc)
    assert rows(panel)[:3] == [("✓", "按期发布"), ("✓", "要素齐全"), ("✓", "表格数据勾稽一致")]
    assert all(mark == "✓" for mark, _ in rows(panel))
    assert panel.item(0, 2).text().startswith("《政府信息公开条例》第四十九条")
    assert panel.item(0, 2).foreground().color() == QColor(SOURCE_COLOR)
    assert panel.item(0, 1).toolTip() == "成文日期2025年1月20日，县级以上人民政府部门应在2025年1月31日前公布"
    doc.set_cell(A("carry_next", "natural"), "2")  # 表三 no longer balances
    assert rows(panel)[2] == ("✗", "表格数据勾稽一致")
    assert panel.item(2, 1).toolTip().startswith("表三“自然人”列：第一项＋第二项＝6，第三项（七）总计＋第四项＝7")
    assert panel.item(2, 1).toolTip().endswith("（单击转到问题所在处）")
    doc.undo_stack.undo()
    assert rows(panel)[2] == ("✓", "表格数据勾稽一致")


def test_clicking_a_failed_row_emits_its_first_finding_and_a_passed_row_nothing(qtbot):
    doc = ReportDocument(clean_report())
    panel = make(qtbot, doc)
    emitted: list[Finding] = []
    panel.findingActivated.connect(emitted.append)
    doc.set_text("overall.application", "本年新收政府信息公开申请8件。")  # the text says 8, 表三 6
    row = [t for _, t in rows(panel)].index("正文数字与表格一致")
    assert rows(panel)[row][0] == "✗"
    panel.cellClicked.emit(row, 1)
    assert [f.rule for f in emitted] == ["X-1"]
    panel.cellClicked.emit(0, 1)  # 按期发布 is met
    assert len(emitted) == 1


def test_a_click_takes_the_editor_to_the_text(window, qtbot):
    panel = make(qtbot, window.doc)
    panel.findingActivated.connect(window.editor.jump_to)
    window.doc.set_text("problems.body", TEXTS["problems.body"])  # one paragraph, no numbered items
    window.doc.set_text("overall.platform", "（请填写：本年平台建设的具体情况）")
    row = [t for _, t in rows(panel)].index("没有未填写的内容")
    assert rows(panel)[row][0] == "✗"
    panel.cellClicked.emit(row, 1)
    assert window.editor.current_step() == "overall"
