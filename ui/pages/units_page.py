"""Step 汇总各单位 (a 汇总 only): the units' reports that are added up, their states, and each one's findings.

One row per unit: its name (from its file), year, state (无错误 / n个错误 / 无法读取 / 年度不符 / 与上年相比缺报 /
重复) and why; beside the list, the chosen unit's file and findings. Units that are not summed (another
year, the same body twice, a file that cannot be read) stay in the list, named, so nothing is summed or
dropped silently. Every change of the list is one undo step (ReportDocument.edit_units); files and folders
can also be dropped on the page.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.checks import finding_line
from app.consolidate import (
    BLOCKING,
    ERRORS,
    MISSING,
    OK,
    UNREADABLE,
    Consolidation,
    Entry,
    TooManyUnits,
    unit_suffixes,
)

from ..dialogs import file_dialogs
from ..document import ReportDocument
from ..palette import CELL_COLORS

_ROOT = QModelIndex()
_ROW_SELECT = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
COLUMNS = ("单位", "年度", "状态", "说明")
_STATE_BACKGROUND = {OK: "#e6f4ea", ERRORS: CELL_COLORS["error"], MISSING: "#eeeeee"}
_BLOCKING_BACKGROUND = CELL_COLORS["warning"]
_HINT = ("把本年度各单位的年报逐格相加：可添加 .nianbao 项目文件，或已发布的 .docx、.html、.pdf、.txt，"
         "以及填报用的 .xlsx；可选整个文件夹，也可把文件或文件夹拖到这里。年度不符、重复和无法读取的文件"
         "列在这里但不计入汇总（也不随汇总保存）。")
_MISSING_NAMED = 12  # names listed under the counts; the rest are counted (all are rows of the list)
_EMPTY = "还没有单位。点“添加文件…”或“添加文件夹…”，或把各单位的年报文件拖到这里。"


def entry_note(e: Entry) -> str:
    """The one line that says why a row looks as it does: the problem, why it is not summed, or its file."""
    return e.why() or e.note or ("本机关报告" if e.unit.own else "")


class UnitsModel(QAbstractTableModel):
    """The consolidation's entries as rows (read-only: the list changes through the page's buttons)."""

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.entries: list[Entry] = list(doc.consolidation.entries)

    def reload(self) -> None:
        self.beginResetModel()
        self.entries = list(self.doc.consolidation.entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return e.label + ("（本机关）" if e.unit.own else "")
            if col == 1:
                return "" if e.unit.year is None else str(e.unit.year)
            if col == 2:
                return e.state_text() + (" ⚠" if e.note and e.taken else "")
            return entry_note(e)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(_BLOCKING_BACKGROUND if e.state in BLOCKING else _STATE_BACKGROUND[e.state]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (e.label, e.unit.path, e.state_text(), e.problem, e.reason, e.note) if x)
        return None


class UnitsPage(QWidget):
    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(4)
        title_row = QHBoxLayout()
        title_row.addWidget(QLabel("<h2>汇总各单位</h2>"))
        self.counts = QLabel()
        self.counts.setObjectName("unitsCounts")
        self.counts.setWordWrap(True)
        title_row.addWidget(self.counts, 1)
        layout.addLayout(title_row)
        buttons = QHBoxLayout()
        self.add_files_button = self._button(buttons, "添加文件…", "addUnitFiles", self.add_files,
                                             "选择一个或多个单位的年报文件")
        self.add_folder_button = self._button(buttons, "添加文件夹…", "addUnitFolder", self.add_folder,
                                              "选择一个文件夹，其中（含子文件夹）的年报文件都会添加")
        self.refresh_button = self._button(buttons, "刷新", "refreshUnits", self.refresh,
                                           "重新读取内容已更改的文件（按文件内容判断），更新汇总数")
        self.remove_button = self._button(buttons, "移除", "removeUnits", self.remove_selected,
                                          "把选中的单位移出汇总（可撤销）")
        self.own_button = self._button(buttons, "设为本机关报告", "ownUnit", self.toggle_own,
                                       "选中的单位是本机关自己的年报（本机关的数字也计入汇总）")
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.hint = QLabel(_HINT)
        self.hint.setObjectName("unitsHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555;")
        layout.addWidget(self.hint)

        self.model = UnitsModel(doc, self)
        self.view = QTableView()
        self.view.setObjectName("unitsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 200)
        self.view.setColumnWidth(1, 56)
        self.view.setColumnWidth(2, 96)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = QLabel(_EMPTY)
        self.empty.setObjectName("unitsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#555;font-size:14px;border:2px dashed #bbb;padding:24px;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.empty, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        self.detail = QLabel()
        self.detail.setObjectName("unitDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right_layout.addWidget(self.detail)
        self.unit_findings = QListWidget()
        self.unit_findings.setObjectName("unitFindings")
        self.unit_findings.setWordWrap(True)
        right_layout.addWidget(self.unit_findings, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

        self.message = QLabel()
        self.message.setObjectName("unitsMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self._files_checked = False
        self._sized = False
        doc.unitsChanged.connect(self._reload)
        self._reload()

    @staticmethod
    def _button(row: QHBoxLayout, text: str, name: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    @property
    def con(self) -> Consolidation:
        return self.doc.consolidation

    def showEvent(self, event) -> None:
        if not self._sized:
            self._sized = True
            width = max(self.splitter.width(), 600)
            self.splitter.setSizes([width * 3 // 5, width * 2 // 5])  # the findings of a unit need a readable width
        if not self._files_checked:
            # hash the units' files once, when the list is first looked at: which are gone or changed since the
            # values were taken (the 汇总 shows the values kept in the project file either way)
            self._files_checked = True
            if self.con.check_files():
                self._reload()
        super().showEvent(event)

    # --- the list --------------------------------------------------------------------------------

    def _reload(self) -> None:
        chosen = {id(e) for e in self.selected_entries()}
        self.model.reload()
        con = self.con
        has = bool(con.entries)
        self.view.setVisible(has)
        self.empty.setVisible(not has)
        left_out = [e for e in con.entries if e.state in BLOCKING]
        missing = con.missing()
        parts = [f"共{len(con.entries)}个单位，计入汇总{len(con.taken())}个"]
        if left_out:
            parts.append(f"未计入{len(left_out)}个")
        if missing:
            parts.append(f"缺报{len(missing)}个")
        text = "，".join(parts) if has else ""
        if missing:
            # by name: the officer chases these units, and a count alone says not which
            names = "、".join(e.label for e in missing[:_MISSING_NAMED])
            more = f"等{len(missing)}个单位" if len(missing) > _MISSING_NAMED else ""
            text += f"\n上年汇总中有、本年尚未报送：{names}{more}"
        self.counts.setText(text)
        self.refresh_button.setEnabled(any(e.unit.sha256 or e.problem for e in con.entries))
        for row, e in enumerate(self.model.entries):
            if id(e) in chosen:
                self.view.selectionModel().select(
                    self.model.index(row, 0), _ROW_SELECT)
        self._selection_changed()

    def selected_entries(self) -> list[Entry]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.entries[r] for r in rows if r < len(self.model.entries)]

    def select_entries(self, entries: list[Entry]) -> None:
        wanted = {id(e) for e in entries}
        selection = self.view.selectionModel()
        selection.clearSelection()
        for row, e in enumerate(self.model.entries):
            if id(e) in wanted:
                selection.select(self.model.index(row, 0), _ROW_SELECT)

    def _selection_changed(self, *_args) -> None:
        chosen = self.selected_entries()
        self.remove_button.setEnabled(bool(chosen))
        one = chosen[0] if len(chosen) == 1 else None
        can_own = one is not None and one.taken
        self.own_button.setEnabled(can_own)
        self.own_button.setText("取消本机关报告" if one is not None and one.unit.own else "设为本机关报告")
        self._show_detail(one)

    def _show_detail(self, e: Entry | None) -> None:
        self.unit_findings.clear()
        if e is None:
            self.detail.setText("选中一个单位，可在这里查看它的文件和检查结果。" if self.con.entries else "")
            return
        lines = [f"<b>{_escape(e.label)}</b>（{e.state_text()}）"]
        if e.unit.path:
            lines.append(f"文件：{_escape(e.unit.path)}")
        for why in (e.why(), e.note):
            if why:
                lines.append(f"<span style='color:#9c5700'>{_escape(why)}</span>")
        self.detail.setText("<br>".join(lines))
        for f in e.findings:
            self.unit_findings.addItem(finding_line(f))
        if e.state == UNREADABLE:
            return
        if not e.findings and e.unit.sha256:
            self.unit_findings.addItem("该单位的表格检查没有发现问题")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- changing the list -----------------------------------------------------------------------

    def ask_files(self) -> list[str]:
        patterns = " ".join(f"*{s}" for s in unit_suffixes())
        return file_dialogs.open_files(self, "选择单位的年报文件", f"单位的年报 ({patterns});;所有文件 (*)", "units")

    def ask_folder(self) -> str | None:
        return file_dialogs.choose_folder(self, "选择存放单位年报的文件夹", "units")

    def _ask_replace(self, conflicts: list[tuple[Entry, Entry]]) -> bool:
        names = "、".join(f"“{old.label}”" for _, old in conflicts[:5]) + (
            f"等{len(conflicts)}个单位" if len(conflicts) > 5 else "")
        text = (f"{names}已在汇总中（来自另一个文件）。\n用新添加的文件替换原来的吗？"
                "\n选“否”则新文件作为“重复”列出，不计入汇总。")
        window = self.window()
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if hasattr(window, "ask_question"):
            answer = window.ask_question("单位已在汇总中", text, buttons, QMessageBox.StandardButton.Yes)
        else:
            answer = QMessageBox.question(self, "单位已在汇总中", text, buttons)
        return answer == QMessageBox.StandardButton.Yes

    def add_files(self) -> None:
        paths = self.ask_files()
        if paths:
            self.add_paths(paths)

    def add_folder(self) -> None:
        folder = self.ask_folder()
        if folder:
            self.add_paths([folder], label="添加文件夹")

    def add_paths(self, paths, label: str = "添加单位") -> bool:
        """Read the files (folders searched) and add them as one undo step; a body already summed from
        another file is replaced only when the officer says so."""
        exclude = [self.doc.path] if self.doc.path else []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a PDF takes about a second
        try:
            entries = self.con.read(paths, exclude=exclude)
        except TooManyUnits as e:
            self._say(f"未添加：{e}")
            return False
        finally:
            QApplication.restoreOverrideCursor()
        if not entries:
            self._say("没有找到单位的年报文件（" + "、".join(unit_suffixes()) + "）")
            return False
        conflicts = self.con.conflicts(entries)
        replace = bool(conflicts) and self._ask_replace(conflicts)
        placed: list[Entry] = []
        self.doc.edit_units(label, lambda con: placed.extend(con.place(entries, replace)))
        self.select_entries(placed)
        skipped = [e for e in placed if not e.taken and e.state != MISSING]
        self._say(f"已添加{len(placed)}个文件" + (f"，其中{len(skipped)}个未计入汇总（见“说明”）" if skipped else ""))
        return True

    def refresh(self) -> None:
        changed: list[Entry] = []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.doc.edit_units("刷新单位", lambda con: changed.extend(con.refresh()))
        finally:
            QApplication.restoreOverrideCursor()
        self._files_checked = True  # refresh has looked at every file
        self._say(f"已重新读取{len(changed)}个更改过的文件：" + "、".join(e.label for e in changed) if changed
                  else "各单位的文件都没有更改")

    def remove_selected(self) -> None:
        chosen = {id(e) for e in self.selected_entries()}
        if chosen:
            self.doc.edit_units("移除单位", lambda con: con.set_entries(
                [e for e in con.entries if id(e) not in chosen]))
            self._say("")

    def toggle_own(self) -> None:
        chosen = self.selected_entries()
        if len(chosen) != 1:
            return
        target = chosen[0]
        own = not target.unit.own

        def mark(con: Consolidation) -> None:
            # one 本机关 report: marking one unmarks any other
            con.set_entries([_with_own(e, own if e is target else False) if e is target or e.unit.own else e
                             for e in con.entries])

        self.doc.edit_units("设为本机关报告" if own else "取消本机关报告", mark)
        self.select_entries([e for e in self.con.entries if e.unit.path == target.unit.path][:1])

    # --- drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if _dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if _dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = _dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths, label="拖入单位文件")


def _with_own(e: Entry, own: bool) -> Entry:
    """A copy of the entry (the list before stays as it was, for undo) with its 本机关 mark set."""
    return dataclasses.replace(e, unit=dataclasses.replace(e.unit, own=own))


def _dropped_paths(mime) -> list[str]:
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and Path(u.toLocalFile()).exists()]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
