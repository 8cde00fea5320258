"""对照上年原文 (issue 23, item 15): a text part beside last year's text as a comparison, what the two share
shaded in both, what the officer changed left unshaded, toggled by a button of the text page."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor

from app import storage
from ui.pages.text_page import SHARED_COLOR
from ui.window.main_window import example_path

from .conftest import type_text


def _shaded(edit) -> str:
    """The characters the officer sees on the shared colour, in order."""
    colour = QColor(SHARED_COLOR)
    return "".join(m.cursor.selectedText() for m in edit.extraSelections() if m.format.background().color() == colour)


def _problems_from_last_year(window, tmp_path):
    path = tmp_path / "上年.nianbao"
    storage.save(storage.load(example_path()), path)
    assert window.new_from_last_year(path)
    page = window.editor.go_to_step("problems")
    return page, page.editors["problems.body"]


def test_the_button_shades_what_is_still_last_years_in_both_texts(window, tmp_path, qtbot):
    page, part = _problems_from_last_year(window, tmp_path)
    last_years = part.last_year.toPlainText()
    assert page.compare_button.text() == "对照2024年原文" and not page.compare_button.isChecked()
    assert part.editor.extraSelections() == [] and part.compare_note.isHidden()
    page.compare_button.click()
    # unchanged: all of it, on both sides (Qt gives a line break in a selection as U+2029)
    assert _shaded(part.editor).replace("\u2029", "") == last_years.replace("\n", "")
    assert _shaded(part.last_year).replace("\u2029", "") == last_years.replace("\n", "")
    assert "与2024年原文相同的文字，约占本部分的100%" in part.compare_note.text() and part.compare_note.isVisible()

    # the officer changes the year and adds a sentence of this year's: neither is shaded, the rest still is
    cursor = part.editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(4, QTextCursor.MoveMode.KeepAnchor)
    part.editor.setTextCursor(cursor)
    part.editor.setFocus()
    type_text(part.editor, "2025")
    part.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(part.editor, "今年新设了政务公开专区。")
    assert window.doc.report.text("problems.body").startswith("2025年")
    shaded = _shaded(part.editor)
    assert "2025" not in shaded and "政务公开专区" not in shaded
    assert "主动公开意识不够强" in shaded
    note = part.compare_note.text()
    assert "100%" not in note and "约占本部分的" in note
    assert "2024" not in _shaded(part.last_year)[:4]  # last year's year no longer in this year's text either

    page.compare_button.click()  # off again: plain texts, nothing changed in them
    assert part.editor.extraSelections() == [] and part.last_year.extraSelections() == []
    assert part.compare_note.isHidden()
    assert window.doc.report.text("problems.body").endswith("今年新设了政务公开专区。")


def test_undo_keeps_the_shading_up_to_date(window, tmp_path, qtbot):
    page, part = _problems_from_last_year(window, tmp_path)
    page.compare_button.click()
    part.editor.moveCursor(QTextCursor.MoveOperation.End)
    part.editor.setFocus()
    type_text(part.editor, "今年新设了政务公开专区。")
    assert "100%" not in part.compare_note.text()
    window.doc.undo_stack.undo()
    assert "约占本部分的100%" in part.compare_note.text()


def test_a_report_without_last_years_texts_has_no_comparison(window):
    page = window.editor.go_to_step("problems")
    assert page.compare_button is None
    assert page.editors["problems.body"].last_year is None


def test_characters_beyond_the_bmp_do_not_shift_the_shading(window, tmp_path):
    page, part = _problems_from_last_year(window, tmp_path)
    last_years = part.last_year.toPlainText()
    window.doc.set_text("problems.body", "😀🏛" + last_years)
    page.compare_button.click()
    assert _shaded(part.editor).replace("\u2029", "") == last_years.replace("\n", "")
