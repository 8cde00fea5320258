"""插入到光标处 (issue 23, item 7): the draft goes where the officer put the cursor, the very start included."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from app import drafts, storage
from ui.window.main_window import example_path


def _part_from_last_year(window, tmp_path):
    path = tmp_path / "上年.nianbao"
    storage.save(storage.load(example_path()), path)
    assert window.new_from_last_year(path)
    return window.editor.go_to_step("problems").editors["problems.body"]


def test_a_click_at_the_very_start_inserts_the_draft_there(window, tmp_path, qtbot):
    part = _part_from_last_year(window, tmp_path)
    last_years = window.doc.report.text("problems.body")
    cursor = part.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    part.editor.setTextCursor(cursor)  # somewhere else first, so the click really moves it
    qtbot.mouseClick(part.editor.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(1, 1))
    assert part.editor.textCursor().position() == 0
    part.draft_button.click()
    draft = drafts.render_draft(window.doc.report, "problems.body")
    assert window.doc.report.text("problems.body") == draft + last_years
    assert part.editor.toPlainText() == draft + last_years


def test_the_start_reached_with_the_keyboard_counts_as_well(window, tmp_path, qtbot):
    part = _part_from_last_year(window, tmp_path)
    last_years = window.doc.report.text("problems.body")
    part.editor.setFocus()
    qtbot.keyClick(part.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    part.draft_button.click()
    assert window.doc.report.text("problems.body").endswith(last_years)
    assert window.doc.report.text("problems.body") != last_years


def test_in_the_middle_the_draft_goes_in_the_middle(window, tmp_path, qtbot):
    part = _part_from_last_year(window, tmp_path)
    last_years = window.doc.report.text("problems.body")
    cursor = part.editor.textCursor()
    cursor.setPosition(10)
    part.editor.setTextCursor(cursor)
    part.draft_button.click()
    draft = drafts.render_draft(window.doc.report, "problems.body")
    assert window.doc.report.text("problems.body") == last_years[:10] + draft + last_years[10:]


def test_never_clicked_into_the_draft_follows_last_years_text(window, tmp_path):
    part = _part_from_last_year(window, tmp_path)
    last_years = window.doc.report.text("problems.body")
    part.draft_button.click()
    assert window.doc.report.text("problems.body").startswith(last_years + "\n")
