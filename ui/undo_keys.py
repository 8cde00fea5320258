"""Route Ctrl+Z / Ctrl+Y typed inside text widgets to the report's undo stack.

Text widgets have their own undo history; here there must be one history for the whole report, so
a text part's undo is the same step the Edit menu shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence

from .document import ReportDocument

_REDO = QKeySequence("Ctrl+Y")


class UndoKeyFilter(QObject):
    def __init__(self, doc: ReportDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc

    def _which(self, event) -> str | None:
        if event.matches(QKeySequence.StandardKey.Undo):
            return "undo"
        if event.matches(QKeySequence.StandardKey.Redo) or QKeySequence(event.keyCombination()) == _REDO:
            return "redo"
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            which = self._which(event)
            if which is not None:
                if event.type() == QEvent.Type.KeyPress:
                    getattr(self.doc.undo_stack, which)()
                event.accept()
                return True
        return False
