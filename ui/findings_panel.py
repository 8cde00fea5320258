"""The always-visible list of findings: click one to go to its cell or text; apply a fix."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.checks import SEVERITY_NAMES, Finding

from .document import ReportDocument
from .palette import STATE_COLORS


class FindingsPanel(QWidget):
    findingActivated = Signal(object)  # Finding

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.summary = QLabel()
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
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        self.list.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.list)
        doc.findingsChanged.connect(self.refresh)
        self.refresh()

    def findings(self) -> list[Finding]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def refresh(self) -> None:
        findings = self.doc.findings()
        current = self.list.currentItem()
        current_key = current.data(Qt.ItemDataRole.UserRole).key if current else None
        self.list.blockSignals(True)
        self.list.clear()
        for f in findings:
            item = QListWidgetItem(f"【{SEVERITY_NAMES[f.severity]}】{f.message}")
            item.setForeground(QBrush(QColor(STATE_COLORS[f.severity])))
            item.setData(Qt.ItemDataRole.UserRole, f)
            item.setToolTip(f"{f.rule}：{f.message}" + (f"\n建议：{f.fix.label}" if f.fix else ""))
            self.list.addItem(item)
            if f.key == current_key:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        counts = {s: sum(f.severity == s for f in findings) for s in SEVERITY_NAMES}
        if not findings:
            self.summary.setText("<span style='color:#2f855a'>✔ 没有发现问题</span>")
        else:
            self.summary.setText("　".join(
                f"<span style='color:{STATE_COLORS[s]}'>{SEVERITY_NAMES[s]} {counts[s]}</span>" for s in counts))
        self._current_changed(self.list.currentItem(), None)

    def _current_changed(self, item, _previous) -> None:
        finding = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.fix_button.setEnabled(bool(finding and finding.fix))
        self.fix_button.setText(f"修正：{finding.fix.label}" if finding and finding.fix else "按建议修正")

    def _activate(self, item: QListWidgetItem) -> None:
        self.findingActivated.emit(item.data(Qt.ItemDataRole.UserRole))

    def _apply_fix(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.doc.apply_fix(item.data(Qt.ItemDataRole.UserRole))
