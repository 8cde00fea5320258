"""Child process for the crash test: edit a grid and a text through the real widgets, then keep running
until the parent kills it with SIGKILL."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from app.formatdef import CellRef  # noqa: E402
from ui.window.launch import make_app  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402


def keys(widget, text: str) -> None:
    for ch in text:
        key = Qt.Key(ord(ch)) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch))


app = make_app()
window = MainWindow()
window.open_example()
window.show()
page = window.editor.go_to_step("applications")
view = page.view
view.setCurrentIndex(page.model.index_of(CellRef("applications", "new_received", "natural")))
view.setFocus()
keys(view, "4")
editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
keys(editor, "2")
QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
app.processEvents()
text_page = window.editor.go_to_step("problems")
part = text_page.editors["problems.body"].editor
part.setFocus()
part.moveCursor(part.textCursor().MoveOperation.End)
keys(part, "崩溃前最后一句话。")
# and one cell still open in its editor: typed, not yet committed
page = window.editor.go_to_step("review_litigation")
page.view.setCurrentIndex(page.model.index_of(CellRef("review_litigation", "review", "maintained")))
keys(page.view, "7")
print("edited", flush=True)
sys.exit(app.exec())
