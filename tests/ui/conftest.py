"""GUI test fixtures: offscreen Qt, per-user folders in tmp_path, dialogs answered by the test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox  # noqa: E402

from app import storage  # noqa: E402
from app.formatdef import CellRef  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NIANBAO_RAISE", "1")


class Dialogs:
    """Answers for MainWindow.ask_* in the order a test expects them; records what was shown."""

    def __init__(self):
        self.questions: list[str] = []
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.answers: list = []
        self.paths: list = []
        self.file_dialogs: list[str] = []  # the titles of the file dialogs shown

    def install(self, window, monkeypatch):
        def ask_question(title, text, buttons, default):
            self.questions.append(f"{title}：{text}")
            return self.answers.pop(0) if self.answers else QMessageBox.StandardButton.Cancel

        # The file dialogs are answered at Qt's static functions, so every test goes through the window's own
        # ask_* methods and the table of purposes (ui.dialogs.file_dialogs) as the officer's clicks do.
        def next_path():
            return self.paths.pop(0) if self.paths else None

        def get_file(_parent, title, *_rest, **_kw):
            self.file_dialogs.append(title)
            return (next_path() or "", "")

        def get_files(_parent, title, *_rest, **_kw):
            self.file_dialogs.append(title)
            path = next_path()
            return ([path] if isinstance(path, str) else list(path or []), "")

        def get_folder(_parent, title, *_rest, **_kw):
            self.file_dialogs.append(title)
            return next_path() or ""

        monkeypatch.setattr(window, "ask_question", ask_question)
        for name, fake in (("getOpenFileName", get_file), ("getSaveFileName", get_file),
                           ("getOpenFileNames", get_files), ("getExistingDirectory", get_folder)):
            monkeypatch.setattr(QFileDialog, name, staticmethod(fake))
        monkeypatch.setattr(window, "show_error", lambda title, text: self.errors.append(f"{title}：{text}"))
        monkeypatch.setattr(window, "show_info", lambda title, text: self.infos.append(f"{title}：{text}"))


@pytest.fixture
def dialogs():
    return Dialogs()


@pytest.fixture
def window(qtbot, dialogs, monkeypatch):
    from ui.window.main_window import MainWindow, example_path

    win = MainWindow()
    dialogs.install(win, monkeypatch)
    qtbot.addWidget(win)
    win.open_example()
    win.show()
    qtbot.waitExposed(win)
    assert win.doc is not None and storage.load(example_path()) is not None
    yield win
    if win.doc is not None:
        win.doc.undo_stack.setClean()
        win._unsaved_restore = False


def table_page(win, table_id: str):
    return win.editor.go_to_step(table_id)


def cell(table: str, row: str, col: str) -> CellRef:
    return CellRef(table, row, col)


def type_text(widget, text: str) -> None:
    """Key presses carrying any characters (QTest.keyClicks is limited to Latin-1)."""
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def open_editor(qtbot, view, ref: CellRef, first_key: str) -> QLineEdit:
    """Select a cell and type its first character, as the officer does (type-over starts editing)."""
    view.setCurrentIndex(view.model().index_of(ref))
    view.setFocus()
    type_text(view, first_key)
    editors = [e for e in view.findChildren(QLineEdit, "cellEditor") if e.isVisible()]
    assert len(editors) == 1, "typing on a cell must open its editor"
    return editors[0]


def finish_edit(qtbot, view, editor, key) -> None:
    """Press Enter/Tab/Escape in a cell editor and wait for the view to close it (Qt queues the close)."""
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
