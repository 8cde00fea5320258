"""The analysts' indicators on the 检查与导出 page: 指标 / 本年 / 上年 / 变化, the formula in each row's tooltip.

The numbers come from app/indicators.py; this table only shows them, and re-reads them after each edit (seven
small sums) without touching a row whose text did not change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.indicators import change_text, format_value, indicators

from ..document import ReportDocument

HEADERS = ("指标", "本年", "上年", "变化")


class IndicatorsPanel(QTableWidget):
    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(0, len(HEADERS), parent)
        self.doc = doc
        self.setObjectName("indicatorsTable")
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._shown: list[tuple[str, ...]] = []
        doc.findingsChanged.connect(self.refresh)  # after every edit, and when last year's report is replaced
        self.refresh()

    def rows(self) -> list[tuple[str, ...]]:
        """What the table shows, row by row: (指标, 本年, 上年, 变化, tooltip)."""
        return list(self._shown)

    def refresh(self) -> None:
        rows = []
        for ind in indicators(self.doc.report):
            tip = f"{ind.name} = {ind.formula_text}"
            if ind.this is None or ind.last is None:
                tip += "\n“—”：分母为0、未填写或上年报告中没有这一数据"
            rows.append((ind.name, format_value(ind.this, ind.unit), format_value(ind.last, ind.unit),
                         change_text(ind), tip))
        if rows == self._shown:
            return
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            if r < len(self._shown) and self._shown[r] == row:
                continue
            *texts, tip = row
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)
        self._shown = rows
        # as tall as its rows: the page scrolls, not this table
        self.setFixedHeight(self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(len(rows)))
                            + 2 * self.frameWidth())
