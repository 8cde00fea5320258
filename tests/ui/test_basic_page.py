"""Step 基本信息: the 成文日期 box reads dates as officers type them, and its calendar speaks Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit, QToolButton

from .conftest import type_text


def date_box(window) -> QLineEdit:
    page = window.editor.go_to_step("basic")
    box = page.findChild(QLineEdit, "body.date")
    box.setFocus()
    return box


def enter_date(qtbot, window, text: str) -> QLineEdit:
    box = date_box(window)
    qtbot.waitUntil(box.hasFocus)
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    type_text(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    return box


@pytest.mark.parametrize("typed", ["2026-1-20", "2026-01-20", "2026年1月20日", "2026.1.20"])
def test_a_typed_date_is_read_and_tab_moves_on(window, qtbot, typed):
    box = enter_date(qtbot, window, typed)
    assert window.doc.report.body.date == "2026-01-20"
    assert box.text() == "2026年1月20日"  # shown as it will be printed
    assert not box.hasFocus(), "Tab must leave the date box"
    assert "成文日期" in window.doc.undo_stack.undoText()


def test_an_unreadable_date_is_kept_with_a_reason_and_clearing_is_possible(window, qtbot):
    box = enter_date(qtbot, window, "下周一")
    page = window.current_page()
    message = page.findChild(type(page.title), "dateMessage")
    assert box.text() == "下周一"  # the officer's text stays to be corrected
    assert message.isVisible() and "“下周一”不是日期" in message.text() and "成文日期未更改" in message.text()
    assert window.doc.report.body.date == "2025-01-26"
    enter_date(qtbot, window, "")
    assert window.doc.report.body.date == "" and not message.isVisible()
    assert any("成文日期" in f.message for f in window.doc.findings() if f.step == "basic")
    window.act_undo.trigger()  # undo puts the date back into the box
    assert window.doc.report.body.date == "2025-01-26" and box.text() == "2025年1月26日"


def test_calendar_opens_in_january_after_the_report_year_in_chinese(window, qtbot):
    window.doc.set_body_field("date", "")
    box = date_box(window)
    page = window.current_page()
    page.findChild(QToolButton, "dateCalendarButton").click()
    calendar = page.calendar
    assert calendar.isVisible()
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 1)  # the 2024 report is issued in 2025
    month_button = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month_button.text() == "一月"
    assert calendar.locale().dayName(1, calendar.locale().FormatType.ShortFormat) == "周一"
    calendar.clicked.emit(QDate(2025, 1, 22))
    assert not calendar.isVisible()
    assert window.doc.report.body.date == "2025-01-22" and box.text() == "2025年1月22日"
    page.findChild(QToolButton, "dateCalendarButton").click()
    assert (calendar.selectedDate(), calendar.monthShown()) == (QDate(2025, 1, 22), 1)  # opens at the date set
