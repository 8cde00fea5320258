"""Typing, keyboard moves, undo, copy/paste and overrides in the table grids, as the officer does them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from .conftest import cell, finish_edit, open_editor, table_page, type_text


def rules(win, rule: str):
    return [f for f in win.doc.findings() if f.rule == rule]


def test_typing_raises_and_clears_flags_before_commit(window, qtbot):
    page = table_page(window, "applications")
    view, model = page.view, page.model
    ref = cell("applications", "carried_over", "natural")
    editor = open_editor(qtbot, view, ref, "3")
    # nothing committed yet, but the column and its total are already red
    assert window.doc.undo_stack.count() == 0
    assert editor.text() == "3"
    t31 = rules(window, "T3-1")
    assert {f.key for f in t31} >= {"T3-1:applications.natural"}
    assert "第一项＋第二项＝3，第三项（七）总计＋第四项＝0，相差3" in t31[0].message
    assert model.cell_state(ref) == "error"
    assert "第一项＋第二项＝3" in model.data(model.index_of(ref), Qt.ItemDataRole.ToolTipRole)
    assert model.display_text(cell("applications", "carried_over", "total")) == "3"  # the total follows
    panel_texts = [f.message for f in window.editor.findings.findings()]
    assert any("相差3" in m for m in panel_texts)

    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "0")
    assert rules(window, "T3-1") == []
    assert model.cell_state(ref) == "input"

    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "5")
    assert rules(window, "T3-1")
    finish_edit(qtbot, view, editor, Qt.Key.Key_Escape)  # cancelled: the committed 0 is back, and so is the balance
    assert window.doc.report.cell_text(ref) == "0"
    assert rules(window, "T3-1") == []
    assert window.doc.undo_stack.count() == 0


def test_enter_commits_moves_down_and_undo_restores(window, qtbot):
    page = table_page(window, "applications")
    view, model = page.view, page.model
    ref = cell("applications", "new_received", "natural")
    editor = open_editor(qtbot, view, ref, "1")
    qtbot.keyClicks(editor, "2")
    finish_edit(qtbot, view, editor, Qt.Key.Key_Return)
    assert window.doc.report.cell_text(ref) == "12"
    assert model.ref_at(view.currentIndex()) == cell("applications", "carried_over", "natural")
    assert window.doc.undo_stack.count() == 1
    assert window.isWindowModified()
    window.act_undo.trigger()
    assert window.doc.report.cell_text(ref) == "0"
    assert model.display_text(cell("applications", "new_received", "total")) == "0"
    window.act_redo.trigger()
    assert window.doc.report.cell_text(ref) == "12"


def test_full_width_digits_are_accepted_and_letters_kept_with_reason(window, qtbot):
    page = table_page(window, "applications")
    view, model = page.view, page.model
    ref = cell("applications", "granted", "commercial")
    editor = open_editor(qtbot, view, ref, "１")
    type_text(editor, "２")
    finish_edit(qtbot, view, editor, Qt.Key.Key_Return)
    assert model.display_text(ref) == "12"

    editor = open_editor(qtbot, view, ref, "1")
    qtbot.keyClicks(editor, "2a")
    finish_edit(qtbot, view, editor, Qt.Key.Key_Tab)
    assert model.display_text(ref) == "12a"  # kept, never discarded
    assert model.cell_state(ref) == "invalid"
    invalid = rules(window, "CELL-INVALID")
    assert invalid and "含有非数字字符“a”" in invalid[0].message
    # Tab moved right to the next number cell
    assert model.ref_at(view.currentIndex()) == cell("applications", "granted", "research")

    editor = open_editor(qtbot, view, ref, "-")
    qtbot.keyClicks(editor, "4")
    assert "不能为负数" in rules(window, "CELL-INVALID")[0].message


def test_typing_inside_a_number_keeps_the_cursor_and_what_was_typed(window, qtbot):
    page = table_page(window, "applications")
    view, model = page.view, page.model
    ref = cell("applications", "carried_over", "natural")
    editor = open_editor(qtbot, view, ref, "1")
    type_text(editor, "23")
    editor.setCursorPosition(1)
    type_text(editor, "9")  # every keystroke re-checks and repaints the cell under the editor
    assert (editor.text(), editor.cursorPosition()) == ("1923", 2)
    type_text(editor, "８")
    assert (editor.text(), editor.cursorPosition()) == ("19８23", 3)  # normalised on commit, not while typing
    assert model.display_text(cell("applications", "carried_over", "total")) == "19823"
    finish_edit(qtbot, view, editor, Qt.Key.Key_Return)
    assert model.display_text(ref) == "19823"


def test_a_keystroke_repaints_only_the_cells_it_changed(window, qtbot):
    page = table_page(window, "applications")
    view, model = page.view, page.model
    repainted = []
    model.dataChanged.connect(lambda tl, br: repainted.append(model.ref_at(tl)))
    ref = cell("applications", "carried_over", "natural")
    open_editor(qtbot, view, ref, "3")
    # the cell, its row total (both now red) and the column sums it unbalances (T3-1) — not the whole grid
    assert set(repainted) == {ref, cell("applications", "carried_over", "total")} | {
        c for f in rules(window, "T3-1") for c in f.cells if c.table == "applications"}
    assert len(repainted) < 12


def test_a_grid_edited_from_another_step_repaints_the_edit_when_shown_again(window, qtbot):
    page = table_page(window, "applications")
    model = page.model
    repainted = []
    model.dataChanged.connect(lambda tl, br: repainted.append(model.ref_at(tl)))
    ref = cell("applications", "carried_over", "natural")
    window.editor.go_to_step("basic")
    window.doc.set_cell(ref, "7")  # e.g. a fix applied from the findings list, or undo
    assert repainted == []  # a hidden grid does no work per edit
    table_page(window, "applications")
    assert ref in repainted and model.cell_state(ref) == "error"
    repainted.clear()
    window.doc.undo_stack.undo()
    assert ref in repainted and model.cell_state(ref) == "input" and model.display_text(ref) == "0"


def test_arrows_skip_labels_and_f2_edits(window, qtbot):
    page = table_page(window, "active")
    view, model = page.view, page.model
    view.setCurrentIndex(model.index_of(cell("active", "normative_docs", "valid")))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)  # over the caption and header rows of （五）
    assert model.ref_at(view.currentIndex()) == cell("active", "license", "decisions")
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert model.ref_at(view.currentIndex()).row == "normative_docs"
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)  # the label column is not a stop
    assert model.ref_at(view.currentIndex()) == cell("active", "normative_docs", "issued")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == view.State.EditingState


def test_delete_clears_and_blank_is_reported(window, qtbot):
    page = table_page(window, "review_litigation")
    view, model = page.view, page.model
    ref = cell("review_litigation", "review", "corrected")
    view.setCurrentIndex(model.index_of(ref))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.doc.report.cell_text(ref) == ""
    blank = rules(window, "CELL-BLANK")
    assert blank and "未填写" in blank[0].message and "结果纠正" in blank[0].message
    window.editor.findings.list.setCurrentRow(
        next(i for i, f in enumerate(window.editor.findings.findings()) if f.rule == "CELL-BLANK"))
    window.editor.findings.fix_button.click()
    assert window.doc.report.cell_text(ref) == "0"


def test_total_override_is_flagged_and_fix_returns_to_automatic(window, qtbot):
    page = table_page(window, "review_litigation")
    view, model = page.view, page.model
    total = cell("review_litigation", "review", "total")
    assert model.cell_state(total) == "auto"
    editor = open_editor(qtbot, view, total, "7")
    finish_edit(qtbot, view, editor, Qt.Key.Key_Return)
    assert model.display_text(total) == "7"  # the officer's number is kept, never replaced
    found = rules(window, "T4-1")
    assert found and "总计填写为7" in found[0].message and "之和为0" in found[0].message
    assert model.cell_state(total) == "error"
    panel = window.editor.findings
    panel.list.setCurrentRow(next(i for i, f in enumerate(panel.findings()) if f.rule == "T4-1"))
    assert panel.fix_button.isEnabled() and "计算值0" in panel.fix_button.text()
    panel.fix_button.click()
    assert rules(window, "T4-1") == []
    assert model.cell_state(total) == "auto"


def test_paste_block_is_one_step_and_bad_blocks_are_refused(window, qtbot):
    page = table_page(window, "applications")
    view, model = page.view, page.model
    start = cell("applications", "granted", "natural")
    view.setCurrentIndex(model.index_of(start))
    QGuiApplication.clipboard().setText("1\t2\t3\r\n4\t5\t6\r\n")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [model.display_text(cell("applications", "granted", c)) for c in ("natural", "commercial", "research")] \
        == ["1", "2", "3"]
    assert model.display_text(cell("applications", "partial", "research")) == "6"
    assert model.display_text(cell("applications", "granted", "total")) == "6"
    assert window.doc.undo_stack.count() == 1
    window.act_undo.trigger()
    assert model.display_text(cell("applications", "partial", "research")) == "0"

    before = dict(window.doc.report.cells)
    assert not view.paste("1\tx\t3")
    assert "“x”" in page.message.text() and "未粘贴任何内容" in page.message.text()
    view.setCurrentIndex(model.index_of(cell("applications", "granted", "total")))
    assert not view.paste("1\t2")  # runs past the last column
    assert "超出了表格中可填写的范围" in page.message.text()
    assert window.doc.report.cells == before


def test_copy_gives_tab_separated_values(window, qtbot):
    page = table_page(window, "applications")
    view, model = page.view, page.model
    window.doc.set_cells([(cell("applications", "new_received", "natural"), "8"),
                          (cell("applications", "new_received", "commercial"), "2")], "test")
    view.setCurrentIndex(model.index_of(cell("applications", "new_received", "natural")))
    view.selectionModel().select(model.index_of(cell("applications", "new_received", "commercial")),
                                 view.selectionModel().SelectionFlag.Select)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "8\t2\n"


def test_grid_has_the_official_merges(window):
    page = table_page(window, "applications")
    view, model = page.view, page.model
    corner = model.index(0, 0)
    assert model.data(corner).startswith("（本列数据的勾稽关系为")
    assert (view.rowSpan(0, 0), view.columnSpan(0, 0)) == (3, 3)
    assert view.rowSpan(5, 0) == 22 and model.data(model.index(5, 0)) == "三、本年度办理结果"
    assert model.data(model.index(1, 3)) == "自然人" and view.rowSpan(1, 3) == 2
    assert model.data(model.index(2, 4)) == "商业企业"
    page4 = table_page(window, "review_litigation")
    assert page4.view.columnSpan(0, 5) == 10 and page4.model.data(page4.model.index(0, 5)) == "行政诉讼"


def type_row(qtbot, view, values: list[str], key) -> None:
    """Type each value into the current cell and press ``key`` after it, as when copying a row from paper."""
    for value in values:
        type_text(view, value[0])  # the first key opens the editor, the rest go into it
        editor = next(e for e in view.findChildren(QLineEdit, "cellEditor") if e.isVisible())
        type_text(editor, value[1:])
        finish_edit(qtbot, view, editor, key)


def test_tab_skips_computed_totals_so_a_typed_row_lands_in_its_columns(window, qtbot):
    page = table_page(window, "review_litigation")
    view, model = page.view, page.model
    view.setCurrentIndex(model.index_of(cell("review_litigation", "review", "maintained")))
    view.setFocus()
    type_row(qtbot, view, [str(v) for v in range(1, 13)], Qt.Key.Key_Tab)
    cols = ("maintained", "corrected", "other", "pending")
    got = {(row, col): model.display_text(cell("review_litigation", row, col))
           for row in ("review", "lit_direct", "lit_after") for col in cols + ("total",)}
    assert [got["review", c] for c in cols] == ["1", "2", "3", "4"]
    assert [got["lit_direct", c] for c in cols] == ["5", "6", "7", "8"]
    assert [got["lit_after", c] for c in cols] == ["9", "10", "11", "12"]
    assert (got["review", "total"], got["lit_direct", "total"], got["lit_after", "total"]) == ("10", "26", "42")
    assert all(model.cell_state(cell("review_litigation", row, "total")) == "auto"
               for row in ("review", "lit_direct", "lit_after"))
    # Shift+Tab goes back over the total too
    view.setCurrentIndex(model.index_of(cell("review_litigation", "lit_direct", "maintained")))
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert model.ref_at(view.currentIndex()) == cell("review_litigation", "review", "pending")


def test_enter_skips_computed_totals_but_arrows_and_clicks_reach_them(window, qtbot):
    page = table_page(window, "applications")
    view, model = page.view, page.model
    view.setCurrentIndex(model.index_of(cell("applications", "oth_other", "natural")))
    view.setFocus()
    type_row(qtbot, view, ["2"], Qt.Key.Key_Return)
    # the 总计 row under 其他处理 is computed: Enter goes on to 结转下年度
    assert model.ref_at(view.currentIndex()) == cell("applications", "carry_next", "natural")
    assert model.cell_state(cell("applications", "result_total", "natural")) != "override"
    # arrows stop on a total so the officer can inspect it, and F2 there still overrides it
    qtbot.keyClick(view, Qt.Key.Key_Up)
    total = cell("applications", "result_total", "natural")
    assert model.ref_at(view.currentIndex()) == total
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = next(e for e in view.findChildren(QLineEdit, "cellEditor") if e.isVisible())
    editor.selectAll()
    type_text(editor, "99")
    finish_edit(qtbot, view, editor, Qt.Key.Key_Return)
    assert model.display_text(total) == "99" and model.cell_state(total) == "error"
    # Tab from the last cell before an automatic total wraps past it, never into it
    view.setCurrentIndex(model.index_of(cell("applications", "new_received", "other_org")))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert model.ref_at(view.currentIndex()) == cell("applications", "carried_over", "natural")


def test_fill_blanks_with_zero_is_one_undo_step_for_this_table_only(window, qtbot):
    from PySide6.QtWidgets import QPushButton

    page = table_page(window, "review_litigation")
    view, model = page.view, page.model
    button = page.findChild(QPushButton, "fillBlanks")
    assert button.text() == "空白格填0" and not button.isEnabled()  # the example has no blank cell
    cleared = [cell("review_litigation", "review", c) for c in ("maintained", "corrected")] + [
        cell("review_litigation", "lit_after", "pending")]
    window.doc.set_cells([(ref, None) for ref in cleared], "清除单元格")
    other = cell("applications", "granted", "natural")
    window.doc.set_cell(other, "")  # a blank in another table stays blank
    steps = window.doc.undo_stack.count()
    assert button.isEnabled() and "3个未填写" in button.toolTip()
    button.click()
    assert [model.display_text(ref) for ref in cleared] == ["0", "0", "0"]
    assert window.doc.report.cell_text(other) == ""
    assert window.doc.undo_stack.count() == steps + 1 and not button.isEnabled()
    assert not [f for f in rules(window, "CELL-BLANK") if f.cells[0].table == "review_litigation"]
    window.act_undo.trigger()
    assert [model.display_text(ref) for ref in cleared] == ["", "", ""] and button.isEnabled()
    assert view.state() != view.State.EditingState


def test_enter_after_typing_checks_once_and_the_flags_never_flash_back(window, qtbot):
    # Enter used to put the old value back (checks and every signal), then commit the new one (again)
    page = table_page(window, "applications")
    view = page.view
    ref = cell("applications", "carried_over", "natural")
    editor = open_editor(qtbot, view, ref, "3")
    seen: list[list[str]] = []
    window.doc.findingsChanged.connect(lambda: seen.append(sorted(f.key for f in rules(window, "T3-1"))))
    finish_edit(qtbot, view, editor, Qt.Key.Key_Return)
    assert window.doc.report.cell_text(ref) == "3" and window.doc.undo_stack.count() == 1
    assert len(seen) == 1, seen  # one check of the committed value
    assert "T3-1:applications.natural" in seen[0]
    window.undo()
    assert window.doc.report.cell_text(ref) == "0" and not rules(window, "T3-1")


def test_enter_on_an_unchanged_value_after_typing_puts_the_checks_back(window, qtbot):
    page = table_page(window, "applications")
    view = page.view
    ref = cell("applications", "carried_over", "natural")
    before = window.doc.report.cell_text(ref)
    editor = open_editor(qtbot, view, ref, "3")
    assert rules(window, "T3-1")  # the preview is checked
    editor.setText(before)  # typed back to what it was: nothing to commit
    finish_edit(qtbot, view, editor, Qt.Key.Key_Return)
    assert window.doc.undo_stack.count() == 0 and not rules(window, "T3-1")
