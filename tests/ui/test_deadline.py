"""The deadline line in the status bar and on its own widget: the days left, red once past, the local deadline kept."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from ui.palette import STATE_COLORS


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day: dt.date) -> None:
        monkeypatch.setattr("ui.panels.deadline_line.today", lambda: day)

    set_day(dt.date(2024, 12, 3))
    return set_day


def _status_bar(window) -> QLabel:
    return window.statusBar().findChild(QLabel, "statusDeadline")


def test_a_township_is_told_its_date_is_set_locally(window):
    assert _status_bar(window).text() == "乡镇人民政府、街道办事处的发布期限法律未作规定，以本地主管部门要求为准"


def test_a_department_counts_to_january_31_and_turns_red_when_past(window, on_day):
    window.doc.set_body_field("kind", "department")
    window.doc.set_body_field("date", "")  # not dated yet: the days are counted
    label = _status_bar(window)
    assert label.text() == "距法定发布期限（2025年1月31日）还有59天"
    assert STATE_COLORS["error"] not in label.styleSheet()
    on_day(dt.date(2025, 2, 3))
    window.autosave_timer.timeout.emit()  # the line is recounted on the timer: a new day shows without an edit
    assert label.text() == "已超过法定发布期限（2025年1月31日）3天"
    assert STATE_COLORS["error"] in label.styleSheet()
    window.doc.set_body_field("date", "2025-01-26")  # dated in time: judged by its date, not by today
    assert label.text() == "成文日期2025年1月26日，在法定发布期限（2025年1月31日）之前"
    assert STATE_COLORS["error"] not in label.styleSheet()


def test_the_local_deadline_typed_on_the_line_counts_and_is_kept_for_the_file(window, qtbot, on_day, dialogs,
                                                                             tmp_path):
    from ui.panels.deadline_line import DeadlineLine

    line = DeadlineLine(window.doc)
    qtbot.addWidget(line)
    field = line.findChild(QLineEdit, "localDeadline")
    field.setText("1月20日")
    field.editingFinished.emit()
    expected = "距本地要求期限（2025年1月20日）还有48天"
    assert line.findChild(QLabel, "deadlineLine").text() == expected
    assert _status_bar(window).text() == expected
    # not saved yet: the date goes with the report to the file it is saved as, and is there when it is reopened
    path = tmp_path / "用户" / "年报 2024.nianbao"
    path.parent.mkdir()
    dialogs.paths.append(str(path))
    assert window.save()
    window.open_example()
    qtbot.waitUntil(lambda: _status_bar(window).text() != "")  # the line follows the first paint
    assert "本地要求" not in _status_bar(window).text()
    assert window.open_path(path)
    qtbot.waitUntil(lambda: _status_bar(window).text() == expected)
    reopened = DeadlineLine(window.doc)
    qtbot.addWidget(reopened)
    assert reopened.findChild(QLineEdit, "localDeadline").text() == "2025年1月20日"


def test_a_date_that_is_not_one_is_refused_in_words(window, qtbot, on_day):
    from ui.panels.deadline_line import DeadlineLine

    line = DeadlineLine(window.doc)
    qtbot.addWidget(line)
    field = line.findChild(QLineEdit, "localDeadline")
    field.setText("2月30日")
    field.editingFinished.emit()
    assert line.findChild(QLabel, "localDeadlineMessage").text() == "2025年2月没有30日"
    assert "本地要求" not in _status_bar(window).text()
