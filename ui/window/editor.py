"""The guided walk through one report: steps on the left, the step's page, Back / Next, findings below.

On a laptop screen every line counts: the step list can be hidden (a toggle, remembered), Back / Next sit
in the findings panel's top row instead of a row of their own, and the findings panel keeps the height the
officer gave it (remembered); until then it takes what the page can spare, up to about ten lines.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.checks import Finding

from .. import settings
from ..document import ReportDocument
from ..pages.basic_page import BasicPage
from ..palette import STATE_COLORS
from ..panels.cached_delegate import CachedItemDelegate
from ..panels.findings_panel import FindingsPanel
from ..panels.step_list import StepList

STATE_NAMES = {"error": "有错误", "warning": "有警告", "done": "已完成", "empty": "未开始"}
_STEPS_HIDDEN = "editor/steps_hidden"
# the page keeps this much height before the findings panel gets any more than its least (表三 needs it
# for its header and ten rows at 1000×600); the panel's default is then at most _FINDINGS_DEFAULT
_PAGE_NEEDS = 460
_FINDINGS_LEAST, _FINDINGS_DEFAULT = 80, 180


class Step(NamedTuple):
    id: str  # "basic", "units" (a 汇总's units), a section id, or "export"
    title: str


UNITS_STEP = Step("units", "汇总各单位")


def report_steps(doc: ReportDocument) -> list[Step]:
    steps = [Step("basic", "基本信息")]
    if doc.is_summary:  # right after 基本信息: the units come before the tables they add up to
        steps.append(UNITS_STEP)
    for s in doc.fmt.sections:
        if s.title:
            steps.append(Step(s.id, s.title))
    steps.append(Step("export", "检查与导出"))
    return steps


def _dot(color: str) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(color))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(1, 1, 12, 12)
    p.end()
    return QIcon(pix)


class ReportEditor(QWidget):
    exportRequested = Signal(str, str)

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.steps = report_steps(doc)
        self._icons = {state: _dot(STATE_COLORS[state]) for state in STATE_NAMES}

        self.step_list = StepList()
        self.step_list.setObjectName("steps")
        self.step_list.setFixedWidth(250)
        self.step_list.setWordWrap(True)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setSpacing(2)
        self.step_list.setUniformItemSizes(False)
        self.step_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.step_list.setItemDelegate(CachedItemDelegate(self.step_list))
        self.pages = QStackedWidget()
        # pages are built when first shown: opening a report must be quick
        self.page_by_step: dict[str, QWidget] = {}
        for step in self.steps:
            item = QListWidgetItem(step.title)
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            # wrapped titles need their height up front, or the list clips the long ones
            text_rect = self.step_list.fontMetrics().boundingRect(
                QRect(0, 0, 190, 200), Qt.TextFlag.TextWordWrap, step.title)
            item.setSizeHint(QSize(220, text_rect.height() + 10))
            self.step_list.addItem(item)
        self.step_list.currentRowChanged.connect(self._show_page)
        self.step_list.currentRowChanged.connect(self._update_buttons)

        self.back = QPushButton("← 上一步")
        self.back.setObjectName("backButton")
        self.next = QPushButton("下一步 →")
        self.next.setObjectName("nextButton")
        self.back.clicked.connect(lambda: self.go(self.step_list.currentRow() - 1))
        self.next.clicked.connect(lambda: self.go(self.step_list.currentRow() + 1))
        self.steps_toggle = QToolButton()
        self.steps_toggle.setObjectName("stepsToggle")
        self.steps_toggle.setCheckable(True)
        self.steps_toggle.toggled.connect(self._steps_toggled)

        self.findings = FindingsPanel(doc)
        self.findings.findingActivated.connect(self.jump_to)
        self.findings.header.insertWidget(0, self.steps_toggle)
        self.findings.header.addSpacing(12)
        self.findings.header.addWidget(self.back)
        self.findings.header.addWidget(self.next)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("editorSplitter")
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.step_list)
        top_layout.addWidget(self.pages, 1)
        splitter.addWidget(top)
        splitter.addWidget(self.findings)
        splitter.setCollapsible(1, False)  # it holds Back / Next
        # a taller or shorter window changes the page, not the findings panel the officer sized
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        self._findings_height = settings.splitter_sizes()
        splitter.splitterMoved.connect(self._splitter_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 2)
        layout.addWidget(splitter)
        hidden = settings.ui_flag(_STEPS_HIDDEN)
        self.steps_toggle.setChecked(hidden)
        self._steps_toggled(hidden)

        doc.findingsChanged.connect(self.refresh_states)
        doc.editRefused.connect(self._edit_refused)
        self.refresh_states()
        self.go(0)

    # --- layout -----------------------------------------------------------------------------------

    def _steps_toggled(self, hidden: bool) -> None:
        self.step_list.setVisible(not hidden)
        self.steps_toggle.setText("▶ 显示步骤" if hidden else "◀ 收起步骤")
        self.steps_toggle.setToolTip("显示左侧的步骤列表" if hidden else "收起左侧的步骤列表，让表格更宽")
        if hidden != settings.ui_flag(_STEPS_HIDDEN):
            settings.set_ui_flag(_STEPS_HIDDEN, hidden)

    def findings_height(self, total: int) -> int:
        """The findings panel's height in a splitter ``total`` pixels high: the officer's, else the default."""
        wanted = self._findings_height[1] if self._findings_height else min(
            _FINDINGS_DEFAULT, max(_FINDINGS_LEAST, total - _PAGE_NEEDS))
        return max(self.findings.minimumSizeHint().height(), min(wanted, total - 200))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)  # (the layout has already given the splitter its new height)
        total = self.splitter.height() - self.splitter.handleWidth()
        if total > 0:
            findings = self.findings_height(total)
            self.splitter.setSizes([total - findings, findings])

    def _splitter_moved(self, *_args) -> None:
        sizes = self.splitter.sizes()
        self._findings_height = sizes
        settings.save_splitter_sizes(sizes)

    def _edit_refused(self, text: str) -> None:
        # a fix from the findings panel is refused far from the grid: the status bar says why
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    def _make_page(self, step: Step) -> QWidget:
        # page modules load with their first page: the app opens on 基本信息 and should start fast
        if step.id == "basic":
            return BasicPage(self.doc)
        if step.id == "units":
            from ..pages.units_page import UnitsPage

            return UnitsPage(self.doc)
        if step.id == "export":
            from ..pages.export_page import ExportPage

            page = ExportPage(self.doc)
            page.exportRequested.connect(self.exportRequested)
            return page
        section = self.doc.fmt.section(step.id)
        if section.kind == "table":
            from ..pages.table_page import TablePage

            return TablePage(self.doc, section)
        from ..pages.text_page import TextPage

        return TextPage(self.doc, section)

    # --- navigation -------------------------------------------------------------------------------

    def page(self, step_id: str) -> QWidget:
        """The page of a step, built on first use."""
        page = self.page_by_step.get(step_id)
        if page is None:
            step = next(s for s in self.steps if s.id == step_id)
            page = self._make_page(step)
            self.pages.addWidget(page)
            self.page_by_step[step_id] = page
        return page

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(self.steps):
            self.pages.setCurrentWidget(self.page(self.steps[row].id))

    def go(self, row: int) -> None:
        if 0 <= row < len(self.steps):
            self.step_list.setCurrentRow(row)

    def go_to_step(self, step_id: str) -> QWidget:
        row = next(i for i, s in enumerate(self.steps) if s.id == step_id)
        self.go(row)
        return self.page(step_id)

    def current_step(self) -> str:
        return self.steps[self.step_list.currentRow()].id

    def _update_buttons(self, row: int) -> None:
        self.back.setEnabled(row > 0)
        self.next.setEnabled(row < len(self.steps) - 1)

    def jump_to(self, finding: Finding) -> None:
        step = finding.step if any(s.id == finding.step for s in self.steps) else "basic"
        page = self.go_to_step(step)
        cells = jump_cells(finding)
        if cells and hasattr(page, "select_cells"):
            page.select_cells(cells)
        elif finding.text_key and hasattr(page, "focus_text"):
            page.focus_text(finding.text_key)

    # --- step states ------------------------------------------------------------------------------

    def step_state(self, step_id: str, findings: list[Finding] | None = None) -> str:
        findings = self.doc.findings() if findings is None else findings
        if step_id == "export":
            severities = {f.severity for f in findings}
        else:
            severities = {f.severity for f in findings if f.step == step_id and f.rule != "CELL-BLANK"}
        if "error" in severities:
            return "error"
        if self._empty(step_id):
            return "empty"
        if "warning" in severities or (step_id != "export" and any(
                f.step == step_id and f.rule == "CELL-BLANK" for f in findings)):
            return "warning"
        return "done"

    def _empty(self, step_id: str) -> bool:
        r = self.doc.report
        if step_id == "basic":
            return not r.body.name.strip()
        if step_id == "export":
            return False
        if step_id == "units":
            return not self.doc.consolidation.entries
        section = self.doc.fmt.section(step_id)
        if section.kind == "text":
            return not any(r.text(k).strip() for k in section.text_keys())
        return not any(ref in r.cells for ref in self.doc.fmt.tables[section.table].cells())

    def refresh_states(self) -> None:
        findings = self.doc.findings()
        for i, step in enumerate(self.steps):
            state = self.step_state(step.id, findings)
            item = self.step_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole + 1) == state:
                continue
            item.setIcon(self._icons[state])
            item.setToolTip(STATE_NAMES[state])
            item.setData(Qt.ItemDataRole.UserRole + 1, state)


def jump_cells(finding: Finding) -> tuple:
    """Where a click on the finding goes: the cells its fix would set, else the cells it is about."""
    if finding.fix is not None:
        cells = tuple(ref for ref, _ in finding.fix.cells)
        # a fix in another table than the finding's own cells would leave the page with nothing selected
        if cells and (not finding.cells or {r.table for r in cells} <= {r.table for r in finding.cells}):
            return cells
    return finding.cells
