"""The one-line count of findings above the findings list (“错误 1　警告 2”, or “✔ 没有发现问题”)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

_GAP = "　"


class CountsLine(QWidget):
    """Coloured pieces of text on one line, painted by hand.

    A QLabel re-lays out its parents on every ``setText``; here that climbed up to the main window and
    was most of a keystroke's cost, since the counts change whenever a flag appears or clears. This
    line's size never depends on its text, so a change only repaints it.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._parts: list[tuple[str, str]] = []  # (text, colour)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_parts(self, parts: list[tuple[str, str]]) -> None:
        if parts == self._parts:
            return
        self._parts = list(parts)
        self.setAccessibleName(self.text())
        self.setToolTip(self.text())
        self.update()

    def text(self) -> str:
        return _GAP.join(text for text, _ in self._parts)

    def sizeHint(self) -> QSize:
        return QSize(160, self.fontMetrics().height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.fontMetrics().height() + 4)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        x = 0
        for text, colour in self._parts:
            painter.setPen(QColor(colour))
            width = metrics.horizontalAdvance(text)
            painter.drawText(x, 0, width, self.height(), Qt.AlignmentFlag.AlignVCenter, text)
            x += width + metrics.horizontalAdvance(_GAP)
        painter.end()
