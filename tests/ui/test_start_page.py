"""The start page: recent files open once on a double-click; every bundled example is offered and opens."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from app import storage
from ui.window.main_window import example_path


def double_click(widget, pos: QPointF) -> None:
    """The events a real double-click sends (QTest.mouseDClick skips the second press the view waits for)."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, buttons in ((QEvent.Type.MouseButtonPress, left), (QEvent.Type.MouseButtonRelease, none),
                          (QEvent.Type.MouseButtonPress, left), (QEvent.Type.MouseButtonDblClick, left),
                          (QEvent.Type.MouseButtonRelease, none)):
        QApplication.sendEvent(widget, QMouseEvent(kind, pos, widget.mapToGlobal(pos), left, buttons,
                                                   Qt.KeyboardModifier.NoModifier))


def test_double_clicking_a_recent_file_opens_it_once(window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "用户" / "年报 2024.nianbao"
    target.parent.mkdir()
    shutil.copy(example_path(), target)
    opened = []
    original = window.open_path

    def open_path(path, *args, **kw):
        opened.append(path)
        return original(path, *args, **kw)

    monkeypatch.setattr(window, "open_path", open_path)
    assert original(target)
    window.doc.undo_stack.setClean()
    window.show_start()
    recent = window.start.recent
    rect = recent.visualItemRect(recent.item(0))
    double_click(recent.viewport(), QPointF(rect.center()))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    assert opened == [str(target.resolve())]
    assert window.doc.path is not None and window.doc.path.resolve() == target.resolve()
    assert window.doc.report.body.name == "天山乡人民政府"


def test_every_shipped_example_is_offered_the_township_one_first():
    from ui.pages.start_page import bundled_examples

    shipped = bundled_examples()
    assert [p.name for _, p in shipped].count(example_path().name) == 1
    assert len(shipped) == len(list(example_path().parent.glob("*.nianbao")))
    assert shipped[0] == ("天山乡人民政府2024年政府信息公开工作年度报告", example_path())  # what `make run` opens


def test_start_page_lists_every_bundled_example_and_opens_the_chosen_one(window, qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "示例"
    folder.mkdir()
    shutil.copy(example_path(), folder / "tianshan-2024.nianbao")
    other = storage.load(example_path())
    other.body.name = "淮安市人民政府"
    other.year = 2025
    storage.save(other, folder / "huaian-2025.nianbao", backup=False)
    (folder / "损坏.nianbao").write_text("{", encoding="utf-8")  # a damaged example is left out, not a crash
    monkeypatch.setattr("ui.pages.start_page.examples_folder", lambda: folder)
    window.show_start()
    page = window.start
    titles = [page.examples.itemText(i) for i in range(page.examples.count())]
    assert titles == ["天山乡人民政府2024年政府信息公开工作年度报告", "淮安市人民政府2025年政府信息公开工作年度报告"]
    page.examples.setCurrentIndex(1)
    page.example_button.click()
    assert window.doc.report.body.name == "淮安市人民政府" and window.doc.report.year == 2025
    assert window.doc.path is None  # an unsaved copy: saving never writes into the program's files


def test_the_start_page_starts_a_summary(window, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    monkeypatch.setattr(window, "ask_summary_body", lambda: ("示例县人民政府", 2025))
    window.show_start()
    window.start.findChild(QPushButton, "start:summary").click()
    assert window.doc.report.body.name == "示例县人民政府" and window.doc.report.body.scope == "summary"
    assert "units" in [s.id for s in window.editor.steps]


def test_a_recent_file_no_longer_there_is_offered_for_removal_not_opened_to_an_error(window, dialogs, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from ui import settings

    target = tmp_path / "U盘" / "年报 2024.nianbao"
    target.parent.mkdir()
    shutil.copy(example_path(), target)
    assert window.open_path(target)
    window.doc.undo_stack.setClean()
    target.unlink()  # moved, deleted, or the stick is out
    window.show_start()
    gone = str(target.resolve())
    dialogs.answers.append(QMessageBox.StandardButton.No)  # 保留: the stick may come back
    assert not window.open_recent(gone)
    assert "从“最近打开”列表中移除吗" in dialogs.questions[0] and dialogs.errors == []
    assert gone in settings.recent_files()
    dialogs.answers.append(QMessageBox.StandardButton.Yes)  # 从列表中移除
    assert not window.open_recent(gone)
    assert gone not in settings.recent_files()
    items = [window.start.recent.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.start.recent.count())]
    assert gone not in items
