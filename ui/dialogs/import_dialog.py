"""Importing a published report: where it comes from (a file or pasted text), then the import report — what was
read, what could not be, and what to do next.

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

from .sizing import BORDER, TITLE_BAR, available, fit_on_screen

CONTINUE, OPEN, CANCEL = "continue", "open", "cancel"
FROM_FILE, FROM_TEXT = "file", "paste"


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
        self.choice = CANCEL
        self.result = None if isinstance(result, str) else result
        layout = QVBoxLayout(self)
        intro = QLabel("已读取已发布的年报。请核对下面的导入报告（未能读取的单元格和检查发现的问题都列在其中）：")
        intro.setWordWrap(True)
        layout.addWidget(intro)
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
        fit_on_screen(self, 760, 520)

    def _done(self, choice: str) -> None:
        # the officer's choice of scope goes into the imported report before it is opened or carried over
        if self.result is not None and self.scope_combo is not None:
            self.result.report.set_body_field("scope", self.scope_combo.currentData())
        self.choice = choice
        self.accept()


class ImportStartDialog(QDialog):
    """Where the published report comes from: two buttons that say what they do (not 是/否 to a question)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("从已发布的年报导入")
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel("导入上年已发布的年报，作为编制本年报告的基础。年报从哪里来？")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for key, text, hint in (
                (FROM_FILE, "选择文件…", "已下载的 Word 文档、保存的网页（.html/.mht）、带文字的 PDF 或文本文件"),
                (FROM_TEXT, "粘贴文字…", "在政府网站上选中年报全文，复制后粘贴进来")):
            button = QPushButton(text)
            button.setObjectName(f"import:{key}")
            button.setMinimumHeight(40)
            button.setStyleSheet("font-size:12pt;text-align:left;padding-left:14px;")
            button.clicked.connect(lambda _=False, k=key: self._chosen(k))
            note = QLabel(hint)
            note.setStyleSheet("color:#666;")
            note.setWordWrap(True)
            layout.addWidget(button)
            layout.addWidget(note)
            if key == FROM_FILE:
                button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _chosen(self, key: str) -> None:
        self.choice = key
        self.accept()


def paste_size(available) -> tuple[int, int]:
    """Room for a whole report: 80 % of the screen, at least 900×600 while the screen has it, and never more
    than the screen holds with the window's title bar and border (ui/dialogs/sizing.py)."""
    most_w, most_h = available.width() - BORDER, available.height() - TITLE_BAR
    width = min(most_w, max(900, int(available.width() * 0.8)))
    height = min(most_h, max(600, int(available.height() * 0.8)))
    return width, height


class PasteDialog(QDialog):
    """A page of text, not a line: a published report is ten thousand characters with its three tables."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("粘贴年报文字")
        layout = QVBoxLayout(self)
        self.prompt = QLabel("请把从政府网站复制的年报全文（包括三张表格）粘贴到下面：")
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.text = QPlainTextEdit()
        self.text.setObjectName("pasteText")
        self.text.setPlaceholderText("在网页上按 Ctrl+A 全选或拖动选中年报全文，按 Ctrl+C 复制，再在这里按 Ctrl+V 粘贴")
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        self.ok = QPushButton("导入")
        self.ok.setObjectName("pasteImport")
        self.ok.setDefault(True)
        self.ok.setEnabled(False)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip())))
        layout.addWidget(buttons)
        width, height = paste_size(available(self))
        self.setMinimumSize(min(900, width), min(600, height))
        self.resize(width, height)
