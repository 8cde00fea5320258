"""The import report: what was read from a published report, what could not be, and what to do next.

Given the import itself (not only its summary), it also shows the report's scope as the importer inferred it
(本机关 or 汇总, and the words it was judged by) and lets the officer change it before the report is opened.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from app.report import BODY_SCOPES

CONTINUE, OPEN, CANCEL = "continue", "open", "cancel"


def scope_line(result) -> str:
    """“报告范围：汇总（根据“全市共受理…”判断，请确认）” — why the importer chose the scope it did."""
    scope = result.report.body.scope
    if result.scope_evidence:
        return f"报告范围：{BODY_SCOPES[scope]}（根据“{result.scope_evidence}”判断，请确认）"
    return f"报告范围：{BODY_SCOPES[scope]}（原报告中没有汇总本地区情况的表述；如是汇总报告请改选）"


class ImportReportDialog(QDialog):
    def __init__(self, result, parent=None):
        """``result``: an ImportResult (the scope can then be confirmed here), or only its summary text."""
        super().__init__(parent)
        self.setWindowTitle("导入结果")
        self.resize(760, 520)
        self.choice = CANCEL
        self.result = None if isinstance(result, str) else result
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("已读取已发布的年报。请核对下面的导入报告（未能读取的单元格和检查发现的问题都列在其中）："))
        text = QPlainTextEdit(result if self.result is None else self.result.summary())
        text.setObjectName("importSummary")
        text.setReadOnly(True)
        layout.addWidget(text, 1)
        self.scope_combo = None
        if self.result is not None:
            row = QHBoxLayout()
            reason = QLabel(scope_line(self.result))
            reason.setObjectName("importScope")
            reason.setWordWrap(True)
            self.scope_combo = QComboBox()
            self.scope_combo.setObjectName("importScopeChoice")
            for key, name in BODY_SCOPES.items():
                self.scope_combo.addItem(name, key)
            self.scope_combo.setCurrentIndex(self.scope_combo.findData(self.result.report.body.scope))
            self.scope_combo.setToolTip("本机关：只报告本机关的工作；汇总：报告本地区各级行政机关的情况")
            row.addWidget(reason, 1)
            row.addWidget(QLabel("改为："))
            row.addWidget(self.scope_combo)
            layout.addLayout(row)
        buttons = QDialogButtonBox()
        self.go_on = QPushButton("以此为上年报告，开始编制本年报告")
        self.go_on.setDefault(True)
        self.open_it = QPushButton("直接打开导入的报告")
        buttons.addButton(self.go_on, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.open_it, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.go_on.clicked.connect(lambda: self._done(CONTINUE))
        self.open_it.clicked.connect(lambda: self._done(OPEN))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _done(self, choice: str) -> None:
        # the officer's choice of scope goes into the imported report before it is opened or carried over
        if self.result is not None and self.scope_combo is not None:
            self.result.report.set_body_field("scope", self.scope_combo.currentData())
        self.choice = choice
        self.accept()
