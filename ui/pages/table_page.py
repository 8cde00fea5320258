"""A table step (二、三、四): the section title, the grid shaped like the official table, a legend.

Two buttons beside the title: 显示上年数 (last year's number greyed under this year's in each cell, when
the report has last year's numbers) and 空白格填0 (every blank input cell of the table set to 0 in one undo
step: the CELL-BLANK finding's own fix, applied from here).

In a 汇总 the grid is read-only (the units' sums): no 空白格填0, a hint and legend saying so, and a refused
edit's message under the grid.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.checks import Finding
from app.formatdef import CellRef, Section

from .. import settings
from ..document import ReportDocument
from ..grid.grid_view import ReportGridView
from ..grid.table_model import ReportTableModel
from ..palette import CELL_COLORS

_LEGEND = (("input", "填写"), ("auto", "自动计算的总计"), ("override", "手动填写的总计"),
           ("warning", "警告"), ("error", "不平衡或无法识别"))
_LAST_YEAR_KEY = "grid/show_last_year"
_HINT = ("直接输入数字即可（可用Tab、回车、方向键移动；可从Excel/WPS复制粘贴整块数字）。"
         "总计自动计算，Tab和回车会跳过它；要手动填写总计，请点击它或用方向键移到它上面。"
         "不平衡的数字在输入时即标红，鼠标停留可查看原因。")
_SUMMARY_LEGEND = (("input", "各单位之和"), ("auto", "合计（按分项计算）"), ("warning", "警告"),
                   ("error", "不平衡"))
_SUMMARY_HINT = ("汇总表由各单位的数字逐格相加，不能直接修改：请在单位的文件中修改后，在“汇总各单位”中刷新或重新添加。"
                 "鼠标停留在格子上可查看它由哪些单位、各多少组成。")
_HINT_ROOM = 480  # a page shorter than this shows the hint as a tooltip (表三 keeps ten rows at 1000×600)


class TablePage(QWidget):
    def __init__(self, doc: ReportDocument, section: Section, parent=None):
        super().__init__(parent)
        self.doc, self.section = doc, section
        table = doc.fmt.tables[section.table]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(4)
        self.model = ReportTableModel(doc, table, self)
        title_row = QHBoxLayout()
        title = QLabel(f"<h2>{section.title}</h2>")
        title.setWordWrap(True)
        title_row.addWidget(title, 1)
        self.last_year = QCheckBox("显示上年数")
        self.last_year.setObjectName("showLastYear")
        if self.model.has_last_year():
            self.last_year.setToolTip("在每个格子里用灰色小字显示上年的数字（鼠标停留也可查看上年数）")
        else:
            self.last_year.setEnabled(False)
            self.last_year.setToolTip("本报告没有上年的数字（以上年年报为基础新建或导入上年年报后可用）")
        title_row.addWidget(self.last_year)
        self.fill_zero = QPushButton("空白格填0")
        self.fill_zero.setObjectName("fillBlanks")
        self.fill_zero.clicked.connect(self._fill_blanks)
        title_row.addWidget(self.fill_zero)
        layout.addLayout(title_row)
        summary = self.model.read_only
        if summary:
            self.fill_zero.hide()  # a blank sum is blank in every unit: it is filled in the units' files
        hint_text = _SUMMARY_HINT if summary else _HINT
        self.hint = hint = QLabel(hint_text)
        hint.setObjectName("tableHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        layout.addWidget(hint)
        legend = QHBoxLayout()
        has_totals = any(doc.fmt.is_total(ref) for ref in table.cells())
        for state, text in _SUMMARY_LEGEND if summary else _LEGEND:
            if state in ("auto", "override") and not has_totals:
                continue
            swatch = QLabel(f"  {text}  ")
            swatch.setStyleSheet(f"background:{CELL_COLORS[state]};border:1px solid #ccc;")
            legend.addWidget(swatch)
        legend.addStretch(1)
        # on a short window the hint gives its lines to the grid and waits under this label
        self.hint_short = QLabel("ⓘ 怎样填写")
        self.hint_short.setObjectName("tableHintShort")
        self.hint_short.setStyleSheet("color:#555;")
        self.hint_short.setToolTip(hint_text)
        self.hint_short.hide()
        legend.addWidget(self.hint_short)
        layout.addLayout(legend)
        self.view = ReportGridView(self.model)
        self.view.setObjectName(f"grid:{table.id}")
        layout.addWidget(self.view, 1)
        self.message = QLabel()
        self.message.setObjectName("pasteMessage")
        self.message.setStyleSheet("color:#c0392b;")
        self.message.setWordWrap(True)
        self.message.hide()  # an empty line under the grid would cost the grid a row on a small screen
        layout.addWidget(self.message)
        self.view.pasteRefused.connect(self._show_message)
        doc.editRefused.connect(self._edit_refused)
        doc.cellsChanged.connect(self._clear_message)
        doc.findingsChanged.connect(self._update_fill_zero)
        self.last_year.toggled.connect(self._toggle_last_year)
        self._fill_count = -1
        self._update_fill_zero()

    def showEvent(self, event) -> None:
        self.model.set_visible(True)
        self._update_fill_zero()
        # the choice is shared by the three tables: another table's page may have changed it
        shown = self.last_year.isEnabled() and settings.ui_flag(_LAST_YEAR_KEY)
        if self.last_year.isChecked() != shown:
            self.last_year.setChecked(shown)
        super().showEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        roomy = event.size().height() >= _HINT_ROOM
        if self.hint.isVisibleTo(self) != roomy:
            self.hint.setVisible(roomy)
            self.hint_short.setVisible(not roomy)

    def hideEvent(self, event) -> None:
        self.model.set_visible(False)
        super().hideEvent(event)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _edit_refused(self, text: str) -> None:
        if self.isVisible():  # every table page hears the document; the one in front says it
            self._show_message(text)

    def _clear_message(self) -> None:
        if self.message.text():  # clearing an empty label still relayouts the page on every keystroke
            self.message.clear()
            self.message.hide()

    def _toggle_last_year(self, on: bool) -> None:
        self.view.set_show_last_year(on)
        if self.isVisible():
            settings.set_ui_flag(_LAST_YEAR_KEY, on)

    # --- 空白格填0 -------------------------------------------------------------------------------

    def blank_finding(self) -> Finding | None:
        """The table's CELL-BLANK finding: its fix sets every blank input cell of the table to 0."""
        table_id = self.model.table.id
        return next((f for f in self.doc.findings() if f.rule == "CELL-BLANK" and f.fix is not None
                     and f.cells and f.cells[0].table == table_id), None)

    def _update_fill_zero(self) -> None:
        if not self.model.visible and self._fill_count >= 0:
            return  # a page on another step catches up when shown
        finding = self.blank_finding()
        count = len(finding.cells) if finding else 0
        if self._fill_count != count:  # findings change per keystroke; the button only when its count does
            self.fill_zero.setEnabled(count > 0)
            self._fill_count = count
            self.fill_zero.setToolTip(f"把本表{count}个未填写的格子填为0（一步，可撤销）" if count
                                      else "本表没有未填写的格子")

    def _fill_blanks(self) -> None:
        finding = self.blank_finding()
        if finding is not None:
            self.doc.apply_fix(finding)

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
