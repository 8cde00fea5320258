"""The table view for a report table: spreadsheet keys, spans, copy and paste with Excel/WPS.

Navigation moves between number cells only (labels are skipped): Enter goes down, Tab goes right,
arrows move, Delete clears, F2 or typing edits (typing replaces what was there).

Tab and Enter also pass over computed totals: they are the keys for typing a row or column of numbers
off paper, and stopping on a total would make the next number overwrite it and shift every later one.
Arrows still stop on totals (and a click or F2 there overrides one): arrows are for looking around,
and the officer must be able to reach a total to read its tooltip, type over it or clear an override.

A 汇总's grid (the model's ``read_only``) moves and copies the same way but refuses typing, F2, a double
click, Delete and paste, each with the document's short message (ReportDocument.refuse_cell_edit).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QMenu, QTableView

from app.formatdef import CellRef

from .cell_delegate import CellDelegate
from .frozen_grid import FrozenPanes, GridSizing
from .table_model import ReportTableModel

_DIRS = {
    QAbstractItemView.CursorAction.MoveDown: (1, 0),
    QAbstractItemView.CursorAction.MoveUp: (-1, 0),
    QAbstractItemView.CursorAction.MoveRight: (0, 1),
    QAbstractItemView.CursorAction.MoveLeft: (0, -1),
}


class ReportGridView(QTableView):
    pasteRefused = Signal(str)  # a message for the officer

    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
        self.frozen: FrozenPanes | None = None
        self.setModel(model)
        self._model = model
        self.setItemDelegate(CellDelegate(model, self))
        for g in model.span_list():
            self.setSpan(g.r, g.c, g.rowspan, g.colspan)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        # by the pixel: a row scrolled half under the frozen header must be possible, or the header would jump
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.sizing = GridSizing(self, model)
        self.frozen = FrozenPanes(self, self.sizing.frozen_rows, self.sizing.frozen_cols, model.span_list())
        first = model.value_positions()[0]
        self.setCurrentIndex(model.index(*first))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)  # (also called when the viewport alone changes size, e.g. for a scroll bar)
        if self.frozen is not None:
            self.sizing.spread_columns()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.frozen is not None:  # (Qt lays the view out once while it is being built)
            self.frozen.place()

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Qt's scrollTo, then out from under the frozen rows and columns (the cell editor opens there)."""
        super().scrollTo(index, hint)
        if not index.isValid() or self.frozen is None:
            return
        width, height = self.frozen.extent()
        rect = self.visualRect(index)
        if index.column() >= self.sizing.frozen_cols and rect.left() < width:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (width - rect.left()))
        if index.row() >= self.sizing.frozen_rows and rect.top() < height:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (height - rect.top()))

    def set_show_last_year(self, on: bool) -> None:
        """Last year's number under this year's in each cell (painted by the delegate, never edited)."""
        self.itemDelegate().show_last_year = on
        self.sizing.second_line = on
        self.sizing.spread_columns()
        self.sizing.fit_rows()
        self.viewport().update()

    # --- navigation ---------------------------------------------------------------------------

    def moveCursor(self, action, modifiers) -> QModelIndex:
        current = self.currentIndex()
        positions = self._model.value_positions()
        if not current.isValid():
            return self._model.index(*positions[0])
        r, c = current.row(), current.column()
        if action in _DIRS:
            dr, dc = _DIRS[action]
            target = self._step(r, c, dr, dc)
            return self._model.index(*target) if target else current
        if action in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            i = positions.index((r, c)) if (r, c) in positions else 0
            step = 1 if action == QAbstractItemView.CursorAction.MoveNext else -1
            for k in range(1, len(positions) + 1):
                target = positions[(i + step * k) % len(positions)]
                if not self._model.is_automatic(*target):
                    return self._model.index(*target)
            return current
        if action == QAbstractItemView.CursorAction.MoveHome:
            return self._model.index(*positions[0])
        if action == QAbstractItemView.CursorAction.MoveEnd:
            return self._model.index(*positions[-1])
        return super().moveCursor(action, modifiers)

    def _step(self, r: int, c: int, dr: int, dc: int) -> tuple[int, int] | None:
        """The nearest number cell in one direction; spans count once (a merged cell is one stop)."""
        cells = set(self._model.value_positions())
        rows, cols = self._model.rowCount(), self._model.columnCount()
        span_r, span_c = self.rowSpan(r, c), self.columnSpan(r, c)
        nr, nc = r + (span_r if dr > 0 else dr), c + (span_c if dc > 0 else dc)
        while 0 <= nr < rows and 0 <= nc < cols:
            if (nr, nc) in cells:
                return nr, nc
            # a covered position belongs to a span starting above or to the left
            for (pr, pc) in cells:
                if pr <= nr < pr + self.rowSpan(pr, pc) and pc <= nc < pc + self.columnSpan(pr, pc) \
                        and (pr, pc) != (r, c):
                    return pr, pc
            nr, nc = nr + dr, nc + dc
        return None

    def _enter_target(self) -> QModelIndex:
        """Where Enter goes: the next number cell down that is not a computed total (else stay)."""
        current = self.currentIndex()
        r, c = current.row(), current.column()
        while (target := self._step(r, c, 1, 0)) is not None:
            if not self._model.is_automatic(*target):
                return self._model.index(*target)
            r, c = target
        return current

    def closeEditor(self, editor, hint) -> None:
        # Enter commits and moves down, Tab commits and moves right, as in Excel/WPS.
        moves = {QAbstractItemDelegate.EndEditHint.SubmitModelCache: self._enter_target,
                 QAbstractItemDelegate.EndEditHint.EditNextItem: lambda: self.moveCursor(
                     QAbstractItemView.CursorAction.MoveNext, Qt.KeyboardModifier.NoModifier),
                 QAbstractItemDelegate.EndEditHint.EditPreviousItem: lambda: self.moveCursor(
                     QAbstractItemView.CursorAction.MovePrevious, Qt.KeyboardModifier.NoModifier)}
        move = moves.get(hint)
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if move else hint)
        if move is not None:
            self._go(move())

    def _go(self, index: QModelIndex) -> None:
        self.setCurrentIndex(index)
        self.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _refuses(self, event) -> bool:
        """A key that would edit a cell of a read-only (汇总) grid: a character, F2, Delete, paste, cut."""
        if event.key() in (Qt.Key.Key_F2, Qt.Key.Key_Delete, Qt.Key.Key_Backspace) \
                or event.matches(QKeySequence.StandardKey.Paste) or event.matches(QKeySequence.StandardKey.Cut):
            return True
        text = event.text()
        control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        return bool(text) and text.isprintable() and not event.modifiers() & control

    def keyPressEvent(self, event) -> None:
        if self._model.read_only and self._refuses(event):
            self._model.doc.refuse_cell_edit()
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._go(self._enter_target())
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        if self._model.read_only and self._model.ref_at(self.indexAt(event.position().toPoint())) is not None:
            self._model.doc.refuse_cell_edit()
            return
        super().mouseDoubleClickEvent(event)

    # --- clipboard ----------------------------------------------------------------------------

    def selected_refs(self) -> list[CellRef]:
        refs = [self._model.ref_at(i) for i in self.selectionModel().selectedIndexes()]
        if not refs and self.currentIndex().isValid():
            refs = [self._model.ref_at(self.currentIndex())]
        return [r for r in refs if r is not None]

    def clear_selection(self) -> None:
        if self._model.read_only:
            self._model.doc.refuse_cell_edit()
            return
        refs = self.selected_refs()
        if refs:
            self._model.doc.set_cells([(r, None) for r in refs], "清除单元格")

    def copy_selection(self) -> None:
        indexes = [i for i in self.selectionModel().selectedIndexes() if self._model.ref_at(i)]
        if not indexes and self._model.ref_at(self.currentIndex()):
            indexes = [self.currentIndex()]
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for r in rows:
            refs = [self._model.ref_at(self._model.index(r, c)) for c in cols if (r, c) in chosen]
            lines.append("\t".join(self._model.display_text(ref) for ref in refs if ref is not None))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    def paste(self, text: str | None = None) -> bool:
        """Paste a tab-separated block at the current cell; all or nothing."""
        if self._model.read_only:
            self._model.doc.refuse_cell_edit()
            return False
        if text is None:
            text = QGuiApplication.clipboard().text()
        block = [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        while block and block[-1] == [""]:
            block.pop()
        if not block:
            self.pasteRefused.emit("剪贴板中没有可粘贴的内容")
            return False
        start = self.currentIndex()
        if self._model.ref_at(start) is None:
            self.pasteRefused.emit("请先选中要粘贴到的第一个数字单元格")
            return False
        changes = []
        row = start.row()
        for i, values in enumerate(block):
            col = start.column()
            for j, value in enumerate(values):
                ref = self._model.ref_at(self._model.index(row, col)) if row < self._model.rowCount() else None
                if ref is None:
                    self.pasteRefused.emit(
                        f"粘贴的内容有{len(block)}行{max(len(v) for v in block)}列，超出了表格中可填写的范围"
                        f"（第{i + 1}行第{j + 1}个数）；未粘贴任何内容")
                    return False
                parsed = self._model.doc.report.parse_for(ref, value)
                if parsed.error:
                    self.pasteRefused.emit(f"第{i + 1}行第{j + 1}个数“{value.strip()}”{parsed.error}；未粘贴任何内容")
                    return False
                changes.append((ref, value))
                col += max(1, self.columnSpan(row, col))
            row += max(1, self.rowSpan(start.row(), start.column()))
        self._model.doc.set_cells(changes, "粘贴")
        return True

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction("复制", self.copy_selection, QKeySequence.StandardKey.Copy)
        menu.addAction("粘贴", self.paste, QKeySequence.StandardKey.Paste)
        menu.addAction("清除", self.clear_selection, QKeySequence.StandardKey.Delete)
        menu.exec(self.viewport().mapToGlobal(pos))
