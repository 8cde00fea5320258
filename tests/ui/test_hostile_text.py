"""Hostile text in the desktop app: control characters and emoji pasted, emoji and template syntax typed, a
50,000-character paragraph in every text part, odd body names; the findings panel and the title keep
working, and saving through the main window and opening again gives back exactly the same text.

The same text through the core (storage, checks, export, import) is tests/test_hostile_text.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from app import storage
from tests.test_hostile_text import CONTROLS, EMOJI, LONG, NAME, SIGNATURE, TEMPLATE

from .conftest import type_text

PASTED = f"本机关认真落实《条例》{CONTROLS}{EMOJI}{TEMPLATE}要求。\n{LONG}"
TYPED = "键入😀👍🏽{{ 7*7 }}{% for %}"  # what a keyboard (or an input method) delivers, one key event each


def part_editor(window, key: str):
    section = key.partition(".")[0]
    if section == "preamble":
        return window.editor.go_to_step("basic").preamble
    return window.editor.go_to_step(section).editors[key]


def paste(widget, text: str) -> None:
    """What Ctrl+V does: insert at the cursor, as one edit (setPlainText would bypass the cursor)."""
    widget.setFocus()
    widget.insertPlainText(text)


def test_hostile_text_in_every_part_and_the_body_saves_and_reopens_identically(window, qtbot, dialogs, tmp_path):
    doc = window.doc
    keys = doc.report.fmt.text_keys()
    for key in keys:
        part = part_editor(window, key)
        part.editor.setFocus()
        part.editor.selectAll()
        # typed first: every key press next to a 50,000-character paragraph costs Qt ~0.1 s of layout
        type_text(part.editor, TYPED)
        part.editor.moveCursor(QTextCursor.MoveOperation.Start)
        paste(part.editor, PASTED)
        assert window.doc.report.text(key) == PASTED + TYPED, key
        assert part.editor.toPlainText() == PASTED + TYPED

    basic = window.editor.go_to_step("basic")
    for field, widget, value in (("name", basic.name, NAME), ("signature", basic.signature, SIGNATURE)):
        widget.setFocus()
        widget.selectAll()
        widget.insert(value)  # a paste into the line edit
        type_text(widget, "😀")
        assert getattr(doc.report.body, field) == value + "😀"

    # the title shows the name as typed, and the window is marked unsaved
    assert basic.title.text() == doc.report.title() and NAME in doc.report.title()
    assert window.isWindowModified() and "[*]" in window.windowTitle()

    # the findings panel lists what the checks find and every finding still jumps to its place
    panel = window.editor.findings
    assert panel.findings() == doc.findings() and panel.list.count() == len(doc.findings())
    assert panel.summary.text()
    for row in range(panel.list.count()):
        panel.list.setCurrentRow(row)
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)

    expected_texts = {key: doc.report.text(key) for key in keys}
    expected_body = (doc.report.body.name, doc.report.body.signature)
    target = tmp_path / "用户" / "年报 2024.nianbao"
    target.parent.mkdir()
    dialogs.paths.append(str(target))
    assert window.save()
    assert not window.isWindowModified() and "年报 2024.nianbao" in window.windowTitle()
    assert dialogs.errors == [] and dialogs.questions == []

    window.new_report()
    assert window.open_path(target)
    report = window.doc.report
    assert {key: report.text(key) for key in keys} == expected_texts
    assert (report.body.name, report.body.signature) == expected_body
    for key in keys:
        assert part_editor(window, key).editor.toPlainText() == expected_texts[key]
    basic = window.editor.go_to_step("basic")
    assert basic.name.text() == expected_body[0] and basic.signature.text() == expected_body[1]
    assert storage.load(target) == report


def test_qt_turns_pasted_carriage_returns_and_unicode_separators_into_line_breaks(window):
    """Qt's text editor keeps one kind of line break; the report stores what the officer sees."""
    part = part_editor(window, "problems.body")
    part.editor.selectAll()
    paste(part.editor, "甲\r\n乙\r丙\u2028丁\u2029戊")
    assert window.doc.report.text("problems.body") == "甲\n乙\n丙\n丁\n戊"
