"""A 汇总's tables in the grid: the sums of its units, read-only, each cell's tooltip naming its units."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from app import storage
from app.formatdef import CellRef

from .conftest import type_text
from .test_summary import EXAMPLES, NEW_NATURAL, NEW_TOTAL, back_to_units, new_summary, shown, unit_file

REFUSED = "汇总表由各单位数字相加，请在单位的文件中修改"


def _summary_grid(window, tmp_path):
    page = new_summary(window, "某县人民政府")
    page.add_paths([unit_file(tmp_path, "甲镇.nianbao", body="甲镇人民政府", natural="2"),
                    unit_file(tmp_path, "乙局.nianbao", body="某县乙局", natural="3")])
    table = window.editor.go_to_step("applications")
    view = table.view
    view.setCurrentIndex(table.model.index_of(NEW_NATURAL))
    view.setFocus()
    return table, view


def test_typing_into_a_summary_cell_is_refused_with_a_short_message(window, qtbot, tmp_path):
    table, view = _summary_grid(window, tmp_path)
    steps = window.doc.undo_stack.count()
    type_text(view, "9")
    assert not [e for e in view.findChildren(QLineEdit, "cellEditor") if e.isVisible()]
    assert table.message.isVisible() and table.message.text() == REFUSED
    assert window.statusBar().currentMessage() == REFUSED
    assert shown(window, NEW_NATURAL) == "5" and window.doc.undo_stack.count() == steps


def test_f2_delete_paste_and_a_double_click_are_refused_and_copy_still_works(window, qtbot, tmp_path):
    table, view = _summary_grid(window, tmp_path)
    steps = window.doc.undo_stack.count()
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        table.message.clear()
        qtbot.keyClick(view, key)
        assert table.message.text() == REFUSED, key
    QGuiApplication.clipboard().setText("1\t2\n")
    table.message.clear()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert table.message.text() == REFUSED
    table.message.clear()
    rect = view.visualRect(table.model.index_of(NEW_NATURAL))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.message.text() == REFUSED
    assert view.state() != view.State.EditingState
    assert not table.model.flags(table.model.index_of(NEW_NATURAL)) & Qt.ItemFlag.ItemIsEditable
    assert window.doc.undo_stack.count() == steps and shown(window, NEW_NATURAL) == "5"
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "5\n"
    qtbot.keyClick(view, Qt.Key.Key_Right)  # moving around is as in any report
    assert table.model.ref_at(view.currentIndex()) == CellRef("applications", "new_received", "commercial")


def test_a_fix_of_a_summed_cell_is_refused_and_blanks_cannot_be_filled_from_the_summary(window, tmp_path):
    blank = CellRef("applications", "granted", "natural")
    files = []
    for name in ("甲镇", "乙局"):  # the same cell blank in every unit: blank in the sum, with 空白格填0 as its fix
        path = unit_file(tmp_path, f"{name}.nianbao", body=name)
        report = storage.load(path)
        report.set_cell(blank, None)
        storage.save(report, path)
        files.append(path)
    new_summary(window, "某县人民政府").add_paths(files)
    table = window.editor.go_to_step("applications")
    assert not table.fill_zero.isVisibleTo(table)
    panel = window.editor.findings
    row = next(i for i, f in enumerate(panel.findings()) if f.fix is not None and blank in dict(f.fix.cells))
    panel.list.setCurrentRow(row)
    cells, steps = dict(window.doc.report.cells), window.doc.undo_stack.count()
    panel.fix_button.click()
    assert window.doc.report.cells == cells and window.doc.undo_stack.count() == steps
    assert window.statusBar().currentMessage() == REFUSED


def test_the_tooltip_of_a_sum_cell_lists_its_units_and_how_much_each_gives(window, tmp_path):
    table, _ = _summary_grid(window, tmp_path)
    tip = table.model.index_of(NEW_TOTAL).data(Qt.ItemDataRole.ToolTipRole)
    lines = tip.splitlines()
    assert lines[0].startswith("表三“") and lines[0].endswith("汇总数：5（2个单位）")
    assert lines[1:3] == ["  某县乙局：3", "  甲镇人民政府：2"]  # largest first
    assert "直接输入" not in tip  # a 汇总's total is not typed over


def test_a_corrected_file_re_added_updates_the_sum_cell_in_the_grid(window, qtbot, tmp_path):
    table, _ = _summary_grid(window, tmp_path)
    units = window.editor.page("units")
    index = table.model.index_of(NEW_NATURAL)
    unit_file(tmp_path, "乙局.nianbao", body="某县乙局", natural="13")  # the corrected file, saved over the old one
    with qtbot.waitSignal(table.model.dataChanged, check_params_cb=lambda top_left, *_: top_left == index):
        units.add_paths([tmp_path / "乙局.nianbao"])
    assert index.data() == "15" and table.model.index_of(NEW_TOTAL).data() == "15"
    assert len(window.doc.consolidation.entries) == 2
    window.undo()
    assert index.data() == "5"


def test_an_identity_failing_in_the_sum_names_the_units_whose_tables_fail_it(window, tmp_path):
    page = new_summary(window, "某县人民政府")
    page.add_paths([unit_file(tmp_path, "甲镇.nianbao", body="甲镇人民政府", natural="2")])
    broken = tmp_path / "乙局.nianbao"
    report = storage.load(EXAMPLES / "tianshan-2024.nianbao")
    report.body.name = "某县乙局"
    report.set_cell(NEW_NATURAL, "4")  # received but never answered nor carried: 表三 does not balance
    storage.save(report, broken)
    page.add_paths([broken])
    t31 = [f for f in window.doc.findings() if f.rule == "T3-1"]
    assert t31 and all("该式在“某县乙局”的表中不成立" in f.message for f in t31)
    assert "甲镇人民政府" not in t31[0].message
    table = window.editor.go_to_step("applications")
    assert "该式在“某县乙局”的表中不成立" in table.model.index_of(NEW_NATURAL).data(Qt.ItemDataRole.ToolTipRole)
    page = back_to_units(window)
    page.view.selectRow(1)
    lines = [page.unit_findings.item(i).text() for i in range(page.unit_findings.count())]
    # the unit's own findings, beside the list, in the officer's words (no rule code)
    assert any(line.startswith("【错误】表三“") for line in lines) and not any("T3-1" in line for line in lines)
    assert window.doc.consolidation.entries[1].state_text().endswith("个错误")


def test_the_text_steps_of_a_summary_stay_editable(window, tmp_path):
    _summary_grid(window, tmp_path)
    key = window.doc.fmt.section("overall").text_keys()[0]
    window.doc.set_text(key, "全县共收到政府信息公开申请5件。")
    assert window.doc.report.text(key) == "全县共收到政府信息公开申请5件。"
    window.undo()
    assert window.doc.report.text(key) == ""
