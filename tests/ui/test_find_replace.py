"""编辑 › 查找和替换: the count, every part's text after a replace, one undo step, the match selected in its editor."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from app.find_replace import find_all


def _dialog(window, needle: str, replacement: str = ""):
    dialog = window.find_replace()
    dialog.find_text.setText(needle)
    dialog.replace_text.setText(replacement)
    return dialog


def _status(dialog) -> str:
    return dialog.findChild(QLabel, "findStatus").text()


def test_the_edit_menu_offers_it_on_ctrl_h(window):
    action = next(a for a in window.edit_menu.actions() if a.text() == "查找和替换…")
    assert QKeySequence("Ctrl+H") in action.shortcuts() and QKeySequence("Ctrl+F") in action.shortcuts()
    assert action.isEnabled()


def test_replace_all_changes_every_part_says_how_many_and_undoes_as_one_step(window):
    report = window.doc.report
    before = {key: report.text(key) for key in report.fmt.text_keys()}
    holding = [key for key, text in before.items() if "2024" in text]
    assert len(holding) >= 3
    window.editor.go_to_step("overall")  # the editors on screen must show the new text too
    dialog = _dialog(window, "2024", "2025")
    dialog.replace_all_button.click()
    assert _status(dialog) == "已替换5处"
    for key in holding:
        assert report.text(key) == before[key].replace("2024", "2025")
    shown = window.findChild(QPlainTextEdit, "text:overall.intro")
    assert shown.toPlainText() == report.text("overall.intro") and "2024" not in shown.toPlainText()
    assert window.act_undo.text() == "撤销 全部替换“2024”为“2025”"
    window.undo()
    assert {key: report.text(key) for key in report.fmt.text_keys()} == before
    assert "2024" in shown.toPlainText()


def test_find_next_opens_the_step_and_selects_the_match_in_its_editor(window):
    dialog = _dialog(window, "2024")
    dialog.next_button.click()
    first = find_all(window.doc.report, "2024")[0]
    assert window.editor.current_step() == "overall"
    editor = window.findChild(QPlainTextEdit, f"text:{first.place.key}")
    assert editor.textCursor().selectedText() == "2024"
    assert editor.textCursor().selectionStart() == first.start
    assert window.focusWidget() is editor
    assert _status(dialog).startswith("第1处，共5处：一、总体情况")
    dialog.next_button.click()
    second = find_all(window.doc.report, "2024")[1]
    assert second.place != first.place
    assert editor.textCursor().selectedText() == ""  # one match highlighted at a time
    editor = window.findChild(QPlainTextEdit, f"text:{second.place.key}")
    assert editor.textCursor().selectionStart() == second.start and _status(dialog).startswith("第2处，共5处")


def test_a_match_in_the_name_is_selected_on_the_basic_page_even_from_the_start_page(window):
    dialog = _dialog(window, "人民政府")
    window.editor.go_to_step("problems")
    window.show_start()
    dialog.next_button.click()
    assert window.stack.currentWidget() is window.editor and window.editor.current_step() == "basic"
    name = window.findChild(QLineEdit, "body.name")
    assert name.selectedText() == "人民政府" and name.selectionStart() == 3


def test_replace_replaces_the_match_shown_then_shows_the_next(window):
    report = window.doc.report
    first, second = find_all(report, "2024")[:2]
    dialog = _dialog(window, "2024", "2025")
    dialog.replace_button.click()  # the first click finds
    assert len(find_all(report, "2024")) == 5 and "第1处" in _status(dialog)
    dialog.replace_button.click()
    assert report.text(first.place.key)[first.start:first.end] == "2025"
    assert _status(dialog).startswith("已替换1处。第1处，共4处")  # the second match is now the first of four
    editor = window.findChild(QPlainTextEdit, f"text:{second.place.key}")
    assert editor.textCursor().selectedText() == "2024"
    assert len(find_all(report, "2024")) == 4
    window.undo()
    assert len(find_all(report, "2024")) == 5


def test_nothing_found_says_so_and_changes_nothing(window):
    dialog = _dialog(window, "不存在的词", "x")
    dialog.replace_all_button.click()
    assert _status(dialog) == "找不到“不存在的词”"
    assert not window.doc.undo_stack.canUndo()
