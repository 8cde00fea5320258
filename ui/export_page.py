"""Step 检查与导出: the findings first, then Word (and PDF) export, asking before exporting errors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.checks import severity_counts

from .document import ReportDocument
from .palette import STATE_COLORS


class ExportPage(QWidget):
    exportRequested = Signal(str, str)  # kind ("docx" or "pdf"), page-number mode

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>检查与导出</h2>"))
        self.summary = QLabel()
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        options = QHBoxLayout()
        options.addWidget(QLabel("页码："))
        self.page_numbers = QComboBox()
        self.page_numbers.addItem("按公文格式（单页居右、双页居左）", "odd_even")
        self.page_numbers.addItem("居中", "center")
        options.addWidget(self.page_numbers)
        options.addStretch(1)
        layout.addLayout(options)
        buttons = QHBoxLayout()
        self.docx_button = QPushButton("导出 Word 文档…")
        self.docx_button.setObjectName("exportDocx")
        self.docx_button.clicked.connect(lambda: self.exportRequested.emit("docx", self.page_numbers.currentData()))
        self.pdf_button = QPushButton("导出 PDF…")
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.clicked.connect(lambda: self.exportRequested.emit("pdf", self.page_numbers.currentData()))
        buttons.addWidget(self.docx_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result = QLabel()
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.result.setOpenExternalLinks(True)
        layout.addWidget(self.result)
        checklist = QLabel(
            "发布前请确认：<br>"
            "1. 上方没有“错误”；“警告”已逐条核对。<br>"
            "2. 在政府网站“政府信息公开工作年度报告”栏目发布，各平台只保留同一个版本。<br>"
            "3. 部门须于每年1月31日前、县级以上人民政府须于3月31日前向社会公布（条例第四十九条），以本地要求为准。")
        checklist.setWordWrap(True)
        checklist.setStyleSheet("color:#444;background:#fafafa;border:1px solid #ddd;padding:8px;")
        layout.addWidget(checklist)
        layout.addStretch(1)
        doc.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        findings = self.doc.findings()
        counts = severity_counts(findings)
        if counts["error"]:
            head = (f"<b style='color:{STATE_COLORS['error']}'>还有{counts['error']}个错误</b>，"
                    "导出前请先在下方问题列表中逐条修正（点击问题可跳到对应位置）。")
        elif counts["warning"]:
            head = (f"<b style='color:{STATE_COLORS['warning']}'>没有错误，有{counts['warning']}个警告</b>，"
                    "请逐条核对后再导出。")
        else:
            head = f"<b style='color:{STATE_COLORS['done']}'>检查通过</b>，可以导出。"
        self.summary.setText(f"{head}<br>报告标题：{self.doc.report.title()}")

    def show_result(self, path: Path, warnings: list[str]) -> None:
        lines = [f"已导出：<a href='{path.as_uri()}'>{path}</a>"] + [f"注意：{w}" for w in warnings]
        self.result.setText("<br>".join(lines))
