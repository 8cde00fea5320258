"""The deadline line: days left to publish the report (app/deadline.py), on the 检查与导出 page and in the status bar.

The local deadline the 主管部门 set is kept per user, keyed by the report's file (ui/settings.py), not in the
project file. A report not saved yet keeps it in memory and takes it to the file it is first saved as.
One DeadlineState per open report, a child of its ReportDocument, is shared by every line that shows it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.dates import DateError, format_date, parse_date
from app.deadline import DeadlineStatus, deadline_status

from .. import settings
from ..palette import STATE_COLORS

COLORS = {"overdue": STATE_COLORS["error"], "soon": STATE_COLORS["warning"], "ok": "", "none": STATE_COLORS["empty"]}


def today() -> dt.date:
    """The day counted from (tests replace it)."""
    return dt.date.today()


class DeadlineState(QObject):
    changed = Signal()

    def __init__(self, doc):
        super().__init__(doc)
        self.doc = doc
        self._path = doc.path
        stored = settings.local_deadline(doc.path) if doc.path is not None else None
        try:
            self.local = dt.date.fromisoformat(stored) if stored else None
        except ValueError:  # an INI edited by hand
            self.local = None
        doc.pathChanged.connect(self._moved)
        doc.bodyChanged.connect(self.changed)

    def set_local(self, date: dt.date | None) -> None:
        if date == self.local:
            return
        self.local = date
        if self.doc.path is not None:
            settings.set_local_deadline(self.doc.path, date.isoformat() if date else None)
        self.changed.emit()

    def _moved(self) -> None:
        # saved (as): the deadline belongs to the report, so it goes with it to the new file
        if self.doc.path is not None and self.doc.path != self._path:
            settings.set_local_deadline(self.doc.path, self.local.isoformat() if self.local else None)
        self._path = self.doc.path

    def status(self) -> DeadlineStatus:
        r = self.doc.report
        return deadline_status(r.year, r.body.kind, r.body.name, self.local, today(), dated=r.body.date_value())


def state_for(doc) -> DeadlineState:
    """The deadline of ``doc``, made on first use."""
    state = doc.findChild(DeadlineState)
    return state if state is not None else DeadlineState(doc)


def paint(label: QLabel, status: DeadlineStatus) -> None:
    color = COLORS[status.state]
    label.setText(status.text)
    label.setStyleSheet(f"color:{color};font-weight:bold;" if status.state in ("overdue", "soon") else
                        f"color:{color};" if color else "")


class DeadlineLine(QWidget):
    """For the 检查与导出 page: the line, the clause it comes from, and the local deadline to type in."""

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.state = state_for(doc)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLabel()
        self.line.setObjectName("deadlineLine")
        self.basis = QLabel()
        self.basis.setObjectName("deadlineBasis")
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet("color:#666;")
        row = QHBoxLayout()
        row.addWidget(QLabel("本地主管部门要求的期限："))
        self.local = QLineEdit()
        self.local.setObjectName("localDeadline")
        self.local.setPlaceholderText("如：1月26日")
        self.local.setToolTip("主管部门规定的提交或公布日期往往早于法定期限；填写后按较早的日期倒计时。没有要求可不填")
        self.local.setFixedWidth(self.local.fontMetrics().horizontalAdvance("2026年12月31日") + 30)
        self.local.editingFinished.connect(self._entered)
        self.message = QLabel()
        self.message.setObjectName("localDeadlineMessage")
        self.message.setStyleSheet(f"color:{STATE_COLORS['error']};")
        row.addWidget(self.local)
        row.addWidget(self.message, 1)
        layout.addWidget(self.line)
        layout.addWidget(self.basis)
        layout.addLayout(row)
        self.state.changed.connect(self.refresh)
        self.refresh()

    def _entered(self) -> None:
        year = self.doc.report.year
        try:
            date = parse_date(self.local.text(), None if year is None else year + 1)
        except DateError as e:
            self.message.setText(str(e))
            return
        self.message.setText("")
        self.state.set_local(date)
        self.refresh()

    def refresh(self) -> None:
        status = self.state.status()
        paint(self.line, status)
        # the clause in a few words; its text on the tooltip (the page is busy enough)
        self.basis.setText(f"{status.legal.who}：{status.legal.clause}" if status.legal else "")
        self.basis.setToolTip(status.legal.basis if status.legal else "")
        if not self.local.hasFocus():  # never rewrite what is being typed
            self.local.setText(format_date(self.state.local) if self.state.local else "")
