"""A report table as a Qt model shaped like the printed table (same rows, columns and merges).

The model's grid is the format's ``Table.grid``: label cells are read-only, number cells edit the
report through the document's undo stack. Spans are applied by the view (``span_list``).

In a 汇总 (``read_only``) every number cell is the sum of the units' cells: nothing is editable, and the
tooltip says which units a cell is made of and how much each gives (Consolidation.explain).

When the report holds last year's numbers (started from last year's file), each number cell tells last
year's value in its tooltip and under ``LAST_YEAR_ROLE`` (the delegate paints it beside this year's).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.cells import format_number
from app.checks import SEVERITY_NAMES
from app.formatdef import CellRef, GridCell, Table
from app.report import effective_value

from ..document import ReportDocument
from ..palette import CELL_COLORS

_ROOT = QModelIndex()  # Qt's idiom: the invalid index stands for the table's root
_LABEL_KINDS_BOLD = {"caption", "header", "col_label", "corner"}
LAST_YEAR_ROLE = Qt.ItemDataRole.UserRole + 1  # last year's number as shown, "" when it was blank


class ReportTableModel(QAbstractTableModel):
    def __init__(self, doc: ReportDocument, table: Table, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.table = table
        self._at: dict[tuple[int, int], GridCell] = {(g.r, g.c): g for g in table.grid}
        self._pos: dict[CellRef, tuple[int, int]] = {g.ref: (g.r, g.c) for g in table.grid if g.ref}
        self._bold = QFont()
        self._bold.setBold(True)
        self._shown: dict[tuple[int, int], tuple[str, str]] = self._snapshot()
        self._stale = False
        self.visible = False  # the page showing this model sets it
        self.read_only = doc.is_summary  # a 汇总's tables are its units' sums
        doc.cellsTouched.connect(self._refresh)

    # --- geometry ---------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.table.grid_rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.table.columns

    def span_list(self) -> list[GridCell]:
        return [g for g in self.table.grid if g.rowspan > 1 or g.colspan > 1]

    def grid_cell(self, index: QModelIndex) -> GridCell | None:
        return self._at.get((index.row(), index.column())) if index.isValid() else None

    def ref_at(self, index: QModelIndex) -> CellRef | None:
        g = self.grid_cell(index)
        return g.ref if g else None

    def index_of(self, ref: CellRef) -> QModelIndex:
        r, c = self._pos[ref]
        return self.index(r, c)

    def value_positions(self) -> list[tuple[int, int]]:
        return sorted(self._pos.values())

    def is_automatic(self, r: int, c: int) -> bool:
        """A computed total the officer has not typed over (Tab and Enter pass over it)."""
        g = self._at.get((r, c))
        return bool(g and g.ref and g.ref not in self.doc.report.cells and self.doc.fmt.is_total(g.ref))

    # --- data ---------------------------------------------------------------------------------------

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        g = self.grid_cell(index)
        if g is None:
            return Qt.ItemFlag.NoItemFlags
        if g.ref is None:
            return Qt.ItemFlag.ItemIsEnabled
        if self.read_only:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def display_text(self, ref: CellRef) -> str:
        report = self.doc.report
        if ref in report.cells:
            return report.cell_text(ref)
        if self.doc.fmt.is_total(ref):
            return format_number(report.value(ref))
        return ""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        g = self.grid_cell(index)
        if g is None:
            return None
        if g.ref is None:
            return self._label_data(g, role)
        ref = g.ref
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.display_text(ref)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(CELL_COLORS[self.cell_state(ref)]))
        if role == Qt.ItemDataRole.ForegroundRole:
            state = self.cell_state(ref)
            if state in ("error", "invalid"):
                return QBrush(QColor("#9c0006"))
            if state == "auto":
                return QBrush(QColor("#1f4e79"))
            return None
        if role == Qt.ItemDataRole.FontRole and self.doc.fmt.is_total(ref):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(ref)
        if role == LAST_YEAR_ROLE:
            return self.last_year_text(ref)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.table.place(ref)
        return None

    def _label_data(self, g: GridCell, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return g.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(CELL_COLORS["label"]))
        if role == Qt.ItemDataRole.FontRole and (g.kind in _LABEL_KINDS_BOLD or (
                g.kind == "row_label" and self.table.id == "review_litigation")):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if g.kind == "row_label" and self.table.id == "applications":
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return g.text
        return None

    def cell_state(self, ref: CellRef) -> str:
        parsed = self.doc.report.cells.get(ref)
        if parsed is not None and parsed.error:
            return "invalid"
        severities = {f.severity for f in self.doc.findings_for_cell(ref) if f.rule != "CELL-BLANK"}
        if "error" in severities:
            return "error"
        if "warning" in severities:
            return "warning"
        if self.doc.fmt.is_total(ref):
            return "override" if parsed is not None else "auto"
        return "input"

    def has_last_year(self) -> bool:
        last = self.doc.report.last_year
        return bool(last and last.cells)

    def last_year_text(self, ref: CellRef) -> str | None:
        """Last year's number in this cell as last year's report showed it; None without last year's numbers."""
        if not self.has_last_year():
            return None
        cells = self.doc.report.last_year.cells
        if ref not in cells and not self.doc.fmt.is_total(ref):
            return ""
        value = effective_value(self.doc.fmt, cells, ref)
        if value is None:  # not a number: last year's text as it was kept
            return cells[ref].text if ref in cells else ""
        return format_number(value)

    def last_year_line(self, ref: CellRef) -> str | None:
        text = self.last_year_text(ref)
        if text is None:
            return None
        if not text:
            return "上年：未填写"
        last = effective_value(self.doc.fmt, self.doc.report.last_year.cells, ref)
        this = self.doc.report.value(ref)
        if last is None or this is None:
            return f"上年：{text}"
        diff = this - last
        if diff == 0:
            return f"上年：{text}（本年与上年持平）"
        return f"上年：{text}（本年较上年 {'+' if diff > 0 else '-'}{format_number(abs(diff))}）"

    def tooltip(self, ref: CellRef) -> str:
        if self.read_only:
            return self.summary_tooltip(ref)
        lines = [self.table.place(ref)]
        last_year = self.last_year_line(ref)
        if last_year:
            lines.append(last_year)
        report = self.doc.report
        if self.doc.fmt.is_total(ref):
            if ref in report.cells:
                lines.append("手动填写的总计（清空即恢复自动计算）")
            else:
                lines.append("自动计算：各项之和；直接输入可改为手动填写")
        elif ref not in report.cells:
            lines.append("未填写（没有发生请填0）")
        for f in self.doc.findings_for_cell(ref):
            if f.rule != "CELL-BLANK":
                lines.append(f"【{SEVERITY_NAMES[f.severity]}】{f.message}")
        return "\n".join(lines)

    def summary_tooltip(self, ref: CellRef) -> str:
        """What a 汇总's cell is made of: the sum and its units, last year's, then the cell's findings."""
        lines = [self.doc.consolidation.explain(ref)]
        last_year = self.last_year_line(ref)
        if last_year:
            lines.append(last_year)
        lines += [f"【{SEVERITY_NAMES[f.severity]}】{f.message}" for f in self.doc.findings_for_cell(ref)
                  if f.rule != "CELL-BLANK"]
        return "\n".join(lines)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        ref = self.ref_at(index)
        if ref is None or role != Qt.ItemDataRole.EditRole:
            return False
        if self.read_only:
            self.doc.refuse_cell_edit()
            return False
        text = "" if value is None else str(value)
        if ref not in self.doc.report.cells and self.doc.fmt.is_total(ref) and text == self.display_text(ref):
            return True  # confirming the computed total must not turn it into an override
        self.doc.set_cell(ref, text)
        return True

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        if visible and self._stale:
            self._refresh()

    def _snapshot(self) -> dict[tuple[int, int], tuple[str, str]]:
        return {pos: (self.display_text(g.ref), self.cell_state(g.ref))
                for pos, g in self._at.items() if g.ref is not None}

    def _refresh(self, touched: set[CellRef] | None = None) -> None:
        """Repaint the cells whose number or state changed: a keystroke touches a handful.

        ``touched`` names the cells that may have changed; without it (or after the grid was hidden
        while edits went by) every cell is compared with what is on screen.
        """
        if not self.visible:
            self._stale = True  # the grid is on another step: catch up when it is shown
            return
        if touched is None or self._stale:
            self._stale = False
            positions = list(self._shown)
        else:
            positions = [self._pos[ref] for ref in touched if ref in self._pos]
        for pos in positions:
            ref = self._at[pos].ref
            value = (self.display_text(ref), self.cell_state(ref))
            if self._shown.get(pos) != value:
                self._shown[pos] = value
                index = self.index(*pos)
                self.dataChanged.emit(index, index)
