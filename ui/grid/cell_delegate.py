"""Editor for number cells: checks what is typed on every keystroke, before it is committed.

With 显示上年数 on, the delegate also paints last year's number, small and grey, under this year's: it is
painted only, never part of the cell's text, so the editor, copy and paste see this year's number alone.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from .table_model import LAST_YEAR_ROLE, ReportTableModel

_LAST_YEAR_GREY = QColor("#8a8a8a")


class CellDelegate(QStyledItemDelegate):
    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.show_last_year = False
        self.closeEditor.connect(lambda *_: model.doc.end_preview())

    def paint(self, painter, option, index: QModelIndex) -> None:
        last = index.data(LAST_YEAR_ROLE) if self.show_last_year else None
        if last is None:  # labels, and every cell while the toggle is off: Qt's own painting
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        this_year, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background, selection
        rect = opt.rect.adjusted(2, 1, -2, -1)
        upper = rect.adjusted(0, 0, 0, -rect.height() // 2)
        lower = rect.adjusted(0, rect.height() // 2, 0, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.drawText(upper, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), this_year)
        small = QFont(opt.font)
        small.setBold(False)
        small.setPointSizeF(opt.font.pointSizeF() * 0.85)
        painter.setFont(small)
        muted = QColor(opt.palette.color(QPalette.ColorRole.HighlightedText))
        muted.setAlpha(190)  # on the selection colour: lighter than this year's number, still readable
        painter.setPen(muted if selected else _LAST_YEAR_GREY)
        painter.drawText(lower, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), last or "—")
        painter.restore()

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        ref = self.model.ref_at(index)
        editor.setObjectName("cellEditor")
        editor.setToolTip(self.model.table.place(ref) if ref else "")
        editor.textEdited.connect(lambda text, ref=ref: self._preview(ref, text))
        return editor

    def _preview(self, ref, text: str) -> None:
        if ref is not None:
            self.model.doc.preview_cell(ref, text)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        # Qt calls this again whenever the cell's data changes, which the preview does on every
        # keystroke: rewriting the editor then would move the cursor to the end and normalise
        # what the officer is still typing (１２ → 12)
        if isinstance(editor, QLineEdit) and not self.model.doc.previewing(self.model.ref_at(index)):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
