"""按评估要点自查 on the 检查与导出 page: one row per criterion (✓ / ✗ / –, the point, its source in grey).

The criteria come from app/selfcheck.py. The detail is the row's tooltip; clicking a row that is not met emits
its first finding, which the editor jumps to (ui/window/editor.py ``jump_to``), as a click in the findings list does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.checks import Finding
from app.selfcheck import Criterion, self_check

from ..document import ReportDocument
from ..palette import STATE_COLORS

HEADERS = ("", "评估要点", "依据")
MARKS = {True: ("✓", STATE_COLORS["done"]), False: ("✗", STATE_COLORS["error"]), None: ("–", STATE_COLORS["empty"])}
SOURCE_COLOR = "#888888"


class SelfCheckPanel(QTableWidget):
    findingActivated = Signal(object)  # Finding: the first one behind the clicked criterion

    def __init__(self, doc: ReportDocument, parent=None, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(0, len(HEADERS), parent)
        self.doc = doc
        self.today = today  # tests fix the day the deadline is counted from
        self.setObjectName("selfCheckTable")
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._criteria: list[Criterion] = []
        self.cellClicked.connect(lambda row, _col: self._activate(row))
        self.cellActivated.connect(lambda row, _col: self._activate(row))
        doc.findingsChanged.connect(self.refresh)
        self.refresh()

    def criteria(self) -> list[Criterion]:
        return list(self._criteria)

    def refresh(self) -> None:
        criteria = self_check(self.doc.report, self.doc.findings(), today=self.today())
        if criteria == self._criteria:
            return
        self.setRowCount(len(criteria))
        for r, c in enumerate(criteria):
            if r < len(self._criteria) and self._criteria[r] == c:
                continue
            mark, color = MARKS[c.passed]
            tip = c.detail + ("\n（单击转到问题所在处）" if self._clickable(c) else "")
            items = [QTableWidgetItem(mark), QTableWidgetItem(c.title), QTableWidgetItem(c.source)]
            items[0].setForeground(QBrush(QColor(color)))
            items[0].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            items[2].setForeground(QBrush(QColor(SOURCE_COLOR)))
            for col, item in enumerate(items):
                item.setToolTip(tip)
                self.setItem(r, col, item)
            items[1].setData(Qt.ItemDataRole.AccessibleTextRole, f"{c.title}：{mark} {c.detail}")
        self._criteria = criteria
        self.resizeRowsToContents()

    @staticmethod
    def _clickable(c: Criterion) -> bool:
        return c.passed is not True and bool(c.finding_keys)

    def _activate(self, row: int) -> None:
        if not 0 <= row < len(self._criteria) or not self._clickable(self._criteria[row]):
            return
        first = self._criteria[row].finding_keys[0]
        finding: Finding | None = next((f for f in self.doc.findings() if f.key == first), None)
        if finding is not None:
            self.findingActivated.emit(finding)
