"""Editor for number cells: checks what is typed on every keystroke, before it is committed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QWidget

from .table_model import ReportTableModel


class CellDelegate(QStyledItemDelegate):
    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.closeEditor.connect(lambda *_: model.doc.end_preview())

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
