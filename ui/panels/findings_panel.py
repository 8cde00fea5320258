"""The always-visible list of findings: click one to go to its cell or text; apply a fix.

A click goes to the cells the finding's fix would change (the one number to correct), or, without a
fix, to every cell of the equation that does not hold. Applying a fix never moves on to the next
finding by itself: the officer looks at the result and chooses the next one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.checks import SEVERITY_NAMES, Finding, rule_title, severity_counts

from ..document import ReportDocument
from ..palette import STATE_COLORS
from .cached_delegate import CachedItemDelegate
from .counts_line import CountsLine


class FindingsPanel(QWidget):
    findingActivated = Signal(object)  # Finding

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self._findings: list[Finding] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.header = top  # the editor adds its own controls to this row (the step list toggle, Back / Next)
        self.summary = CountsLine()
        self.summary.setObjectName("findingsSummary")
        top.addWidget(self.summary, 1)
        self.fix_button = QPushButton("按建议修正")
        self.fix_button.setObjectName("fixButton")
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self._apply_fix)
        top.addWidget(self.fix_button)
        layout.addLayout(top)
        self.list = QListWidget()
        self.list.setObjectName("findingsList")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(44)  # two lines: the panel may be small on a laptop, the page needs the room
        self.list.setItemDelegate(CachedItemDelegate(self.list))
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        self.list.currentRowChanged.connect(self._current_changed)
        layout.addWidget(self.list)
        doc.findingsChanged.connect(self.refresh)
        self.refresh()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def _finding(self, row: int) -> Finding | None:
        # Work with row numbers: PySide 6.12 mis-counts references to None returned for "no current item",
        # which crashes the interpreter after a few hundred refreshes.
        return self._findings[row] if 0 <= row < len(self._findings) else None

    def _item(self, f: Finding) -> QListWidgetItem:
        item = QListWidgetItem(f"【{SEVERITY_NAMES[f.severity]}】{f.message}")
        item.setForeground(QBrush(QColor(STATE_COLORS[f.severity])))
        title = rule_title(self.doc.report.fmt, f.rule)
        item.setToolTip(f"{title}：{f.message}" + (f"\n建议：{f.fix.label}" if f.fix else ""))
        return item

    def refresh(self) -> None:
        findings = self.doc.findings()
        current = self._finding(self.list.currentRow())
        old = [(f.key, f.message) for f in self._findings]
        new = [(f.key, f.message) for f in findings]
        if old == new:
            self._findings = findings  # same list: leave the widget alone (no relayout per keystroke)
            return
        self._findings = findings
        self.list.blockSignals(True)
        # patch the list where it differs: a keystroke adds or removes a flag or two, and rebuilding
        # every item would relayout the whole wrapped list each time
        ops = _differences(old, new)
        for tag, i1, i2, j1, j2 in reversed(ops):
            if tag == "equal":
                continue
            for _ in range(i2 - i1):
                self.list.takeItem(i1)
            for k, f in enumerate(findings[j1:j2]):
                self.list.insertItem(i1 + k, self._item(f))
        if current is not None:
            # Qt hands the current row to the neighbour of a removed item: after a fix that would be
            # the next finding, and a second click on the button would apply its fix unasked
            row = next((i for i, f in enumerate(findings) if f.key == current.key), -1)
            if row != self.list.currentRow():
                self.list.setCurrentRow(row)
                if row < 0:
                    self.list.clearSelection()
        self.list.blockSignals(False)
        counts = severity_counts(findings)
        if not findings:
            self.summary.set_parts([("✔ 没有发现问题", STATE_COLORS["done"])])
        else:
            self.summary.set_parts([(f"{SEVERITY_NAMES[s]} {counts[s]}", STATE_COLORS[s]) for s in counts])
        self._current_changed(self.list.currentRow())

    def _current_changed(self, row: int) -> None:
        finding = self._finding(row)
        self.fix_button.setEnabled(bool(finding and finding.fix))
        self.fix_button.setText(f"修正：{finding.fix.label}" if finding and finding.fix else "按建议修正")

    def _activate(self, item: QListWidgetItem) -> None:
        finding = self._finding(self.list.row(item))
        if finding is not None:
            self.findingActivated.emit(finding)

    def _apply_fix(self) -> None:
        finding = self._finding(self.list.currentRow())
        if finding is not None:
            self.doc.apply_fix(finding)


def _differences(old: list, new: list) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes turning ``old`` into ``new``; the first fill needs no diff (nor difflib at start-up)."""
    if not old:
        return [("insert", 0, 0, 0, len(new))]
    import difflib

    return difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
