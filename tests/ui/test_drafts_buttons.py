"""The draft buttons of a text part (插入到光标处 / 替换为草稿), last year's text that stays flagged while most of
the part is still last year's, and the placeholders a draft leaves: red step, a click lands on the spot."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from app import drafts, storage
from ui.window.main_window import example_path

from .conftest import type_text


def _from_last_year(window, tmp_path):
    path = tmp_path / "上年.nianbao"
    storage.save(storage.load(example_path()), path)
    assert window.new_from_last_year(path)
    page = window.editor.go_to_step("problems")
    return page, page.editors["problems.body"]


def _problems_shown(part) -> str:
    """The findings under the editor as the officer reads them (the label colours each severity with HTML)."""
    return re.sub(r"<[^>]+>", "", part.problems.text()) if not part.problems.isHidden() else ""


def test_a_part_offers_insert_and_replace(window):
    part = window.editor.go_to_step("problems").editors["problems.body"]
    assert part.draft_button.text() == "插入到光标处"
    assert part.replace_button.text() == "替换为草稿"


def test_replacing_with_the_draft_is_one_undo_step_and_clears_last_years_warning(window, tmp_path, qtbot):
    page, part = _from_last_year(window, tmp_path)
    last_years = window.doc.report.text("problems.body")
    assert "2024年的原文" in part.banner.text()
    part.editor.setFocus()
    part.editor.moveCursor(part.editor.textCursor().MoveOperation.End)
    type_text(part.editor, "今年")  # typing just before replacing: two steps, not one merged
    part.replace_button.click()
    draft = drafts.render_draft(window.doc.report, "problems.body")
    assert part.editor.toPlainText() == draft == window.doc.report.text("problems.body")
    assert part.banner.isHidden() and "相同的内容约占" not in _problems_shown(part)
    assert not any(f.rule == "S-9" and f.text_key == "problems.body" for f in window.doc.findings())
    qtbot.keyClick(part.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert part.editor.toPlainText() == last_years + "今年"
    qtbot.keyClick(part.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert part.editor.toPlainText() == last_years
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert part.editor.toPlainText() == draft


def test_inserting_a_draft_beside_last_years_paragraph_keeps_the_warning(window, tmp_path):
    page, part = _from_last_year(window, tmp_path)
    cursor = part.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    part.editor.setTextCursor(cursor)
    part.draft_button.click()
    text = window.doc.report.text("problems.body")
    assert text.startswith("2024年，我乡政务公开工作取得了一些成效") and text.endswith("（请填写：改进措施）。")
    # no longer last year's text as it was (no banner), but still mostly last year's: the warning with the share
    assert part.banner.isHidden()
    assert "【警告】“五、存在的主要问题及改进情况”与2024年原文相同的内容约占" in _problems_shown(part)


def test_a_draft_left_with_fill_ins_makes_its_step_red_and_a_click_lands_on_the_first(window, qtbot):
    page = window.editor.go_to_step("problems")
    part = page.editors["problems.body"]
    assert window.editor.step_state("problems") != "error"
    part.replace_button.click()
    assert window.editor.step_state("problems") == "error"
    assert "【错误】“五、存在的主要问题及改进情况”中还有未填写的内容“（请填写：存在的问题）”" in _problems_shown(part)
    window.editor.go_to_step("basic")
    panel = window.editor.findings
    row = next(i for i, f in enumerate(panel.findings()) if f.rule == "P-1" and f.text_key == "problems.body")
    panel.list.itemClicked.emit(panel.list.item(row))
    assert window.editor.current_step() == "problems"
    qtbot.waitUntil(lambda: part.editor.textCursor().selectedText() == "（请填写：存在的问题）")
    assert part.editor.hasFocus()
    type_text(part.editor, "信息更新不够及时")
    assert "（请填写：存在的问题）" not in window.doc.report.text("problems.body").split("二是")[0]
