"""The Qt binding itself: PySide6 6.12.0 under Python 3.11 drops a reference to None on every void
call and aborts the app after a few hundred keystrokes; pyproject.toml keeps such versions out."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setVisible(False)
    assert sys.getrefcount(None) >= before - 20, "this PySide6 build corrupts None's reference count"
