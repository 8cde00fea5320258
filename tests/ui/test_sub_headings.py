"""The officer's own sub-heading wording: shown and editable on the text step, undoable, saved."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import storage

from .conftest import type_text


def test_a_carried_sub_heading_is_shown_and_typing_changes_it_in_one_undo_step(window, qtbot, tmp_path):
    window.doc.report.set_heading("overall.platform", "（四）政府信息公开平台建设情况")
    page = window.editor.go_to_step("overall")
    platform = page.editors["overall.platform"].heading
    assert page.editors["overall.active"].heading.text() == "（一）主动公开"
    assert platform.text() == "（四）政府信息公开平台建设情况"
    platform.setFocus()
    platform.selectAll()
    type_text(platform, "（四）平台")
    type_text(platform, "建设情况")
    assert window.doc.report.part_heading("overall.platform") == "（四）平台建设情况"
    assert window.doc.dirty
    qtbot.keyClick(platform, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.part_heading("overall.platform") == "（四）政府信息公开平台建设情况"
    assert platform.text() == "（四）政府信息公开平台建设情况"  # the field follows undo
    window.act_redo.trigger()
    path = tmp_path / "年报 2024.nianbao"
    window.doc.save(path)
    assert storage.load(path).part_heading("overall.platform") == "（四）平台建设情况"


def test_clearing_a_sub_heading_goes_back_to_the_formats_wording(window):
    page = window.editor.go_to_step("overall")
    field = page.editors["overall.supervision"].heading
    field.setFocus()
    type_text(field, "情况")
    assert window.doc.report.part_heading("overall.supervision") == "（五）监督保障情况"
    field.selectAll()
    field.del_()
    field.textEdited.emit(field.text())  # del_() changes the text programmatically, as a key press would
    assert field.text() == ""  # the field stays as typed: no default text jumps in while editing
    assert field.placeholderText() == "（五）监督保障"
    assert window.doc.report.part_heading("overall.supervision") == "（五）监督保障"
    assert window.doc.report.headings == {}
