"""The import report: what was read from a published report, what could not be, and what to do next."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

CONTINUE, OPEN, CANCEL = "continue", "open", "cancel"


class ImportReportDialog(QDialog):
    def __init__(self, summary: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("导入结果")
        self.resize(760, 520)
        self.choice = CANCEL
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("已读取已发布的年报。请核对下面的导入报告（未能读取的单元格和检查发现的问题都列在其中）："))
        text = QPlainTextEdit(summary)
        text.setObjectName("importSummary")
        text.setReadOnly(True)
        layout.addWidget(text, 1)
        buttons = QDialogButtonBox()
        go_on = QPushButton("以此为上年报告，开始编制本年报告")
        go_on.setDefault(True)
        open_it = QPushButton("直接打开导入的报告")
        buttons.addButton(go_on, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(open_it, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        go_on.clicked.connect(lambda: self._done(CONTINUE))
        open_it.clicked.connect(lambda: self._done(OPEN))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _done(self, choice: str) -> None:
        self.choice = choice
        self.accept()
