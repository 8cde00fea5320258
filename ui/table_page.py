"""A table step (二、三、四): the section title, the grid shaped like the official table, a legend."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.formatdef import CellRef, Section

from .document import ReportDocument
from .grid_view import ReportGridView
from .palette import CELL_COLORS
from .table_model import ReportTableModel

_LEGEND = (("input", "填写"), ("auto", "自动计算的总计"), ("override", "手动填写的总计"),
           ("warning", "警告"), ("error", "不平衡或无法识别"))


class TablePage(QWidget):
    def __init__(self, doc: ReportDocument, section: Section, parent=None):
        super().__init__(parent)
        self.doc, self.section = doc, section
        table = doc.fmt.tables[section.table]
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{section.title}</h2>"))
        hint = QLabel("直接输入数字即可（可用Tab、回车、方向键移动；可从Excel/WPS复制粘贴整块数字）。"
                      "总计自动计算，Tab和回车会跳过它；要手动填写总计，请点击它或用方向键移到它上面。"
                      "不平衡的数字在输入时即标红，鼠标停留可查看原因。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        layout.addWidget(hint)
        legend = QHBoxLayout()
        has_totals = any(doc.fmt.is_total(ref) for ref in table.cells())
        for state, text in _LEGEND:
            if state in ("auto", "override") and not has_totals:
                continue
            swatch = QLabel(f"  {text}  ")
            swatch.setStyleSheet(f"background:{CELL_COLORS[state]};border:1px solid #ccc;")
            legend.addWidget(swatch)
        legend.addStretch(1)
        layout.addLayout(legend)
        self.model = ReportTableModel(doc, table, self)
        self.view = ReportGridView(self.model)
        self.view.setObjectName(f"grid:{table.id}")
        layout.addWidget(self.view, 1)
        self.message = QLabel()
        self.message.setObjectName("pasteMessage")
        self.message.setStyleSheet("color:#c0392b;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.view.pasteRefused.connect(self.message.setText)
        doc.cellsChanged.connect(self._clear_message)

    def showEvent(self, event) -> None:
        self.model.set_visible(True)
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self.model.set_visible(False)
        super().hideEvent(event)

    def _clear_message(self) -> None:
        if self.message.text():  # clearing an empty label still relayouts the page on every keystroke
            self.message.clear()

    def select_cells(self, refs: tuple[CellRef, ...]) -> None:
        refs = [r for r in refs if r.table == self.model.table.id]
        if not refs:
            return
        selection = self.view.selectionModel()
        selection.clearSelection()
        first = self.model.index_of(refs[0])
        self.view.setCurrentIndex(first)
        for ref in refs:
            selection.select(self.model.index_of(ref), QItemSelectionModel.SelectionFlag.Select)
        self.view.scrollTo(first)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
