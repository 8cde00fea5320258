"""检查与导出 › 核对已发布版本: the published page (a saved file or pasted text) against the open report.

A thin layer over app/compare.py: the same list of differences as ``nianbao compare``, each clickable. The
dialog is not modal, so the officer can click a difference, look at the cell or text it jumps to, and come
back to the list. A click emits the difference as a Finding, which the editor's ``jump_to`` takes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from app.compare import Difference, compare, read_published, read_published_text
from app.importing import SUPPORTED_SUFFIXES, ReportImportError
from app.report import Report

from ..palette import STATE_COLORS
from .sizing import fit_on_screen

FILTER = f"已发布的年报 ({' '.join('*' + s for s in SUPPORTED_SUFFIXES)});;所有文件 (*)"


class CompareDialog(QDialog):
    differenceActivated = Signal(object)  # an app.checks.Finding, for ReportEditor.jump_to

    def __init__(self, report: Callable[[], Report], ask_open_path: Callable[..., str | None], parent=None):
        """``report`` gives the report as it is now (the officer may correct it between two comparisons)."""
        super().__init__(parent)
        self.setWindowTitle("核对已发布版本")
        self.report = report
        self.ask_open_path = ask_open_path
        self.differences: list[Difference] = []
        layout = QVBoxLayout(self)
        intro = QLabel("选择网站上已发布的年报（浏览器“另存为”的网页、PDF 或 Word），或把从网页上复制的文字"
                       "粘贴到下框，与本报告逐项核对：表格的每个数字、缺失的表格、标题、落款和日期、"
                       "丢失“〔〕”“年月日”的文号和日期、缺失或改动的段落。")
        intro.setWordWrap(True)  # unwrapped, this one line made the dialog 1424 px wide
        layout.addWidget(intro)
        self.pasted = QPlainTextEdit()
        self.pasted.setObjectName("comparePasted")
        self.pasted.setPlaceholderText("在此粘贴从已发布网页上复制的全部文字（Ctrl+A、Ctrl+C）")
        self.pasted.setMaximumHeight(140)
        layout.addWidget(self.pasted)
        buttons = QHBoxLayout()
        self.file_button = QPushButton("选择已发布的文件…")
        self.file_button.setObjectName("compareFile")
        self.file_button.clicked.connect(self.choose_file)
        self.text_button = QPushButton("核对粘贴的文字")
        self.text_button.setObjectName("compareText")
        self.text_button.clicked.connect(lambda: self.compare_text(self.pasted.toPlainText()))
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.text_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.summary = QLabel()
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setObjectName("compareList")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout.addWidget(self.list, 1)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        fit_on_screen(self, 760, 560)

    def choose_file(self) -> None:
        path = self.ask_open_path("选择已发布的年报", FILTER, "compare")
        if path:
            self.compare_file(path)

    def compare_file(self, path) -> list[Difference]:
        return self._compare(lambda: read_published(path))

    def compare_text(self, text: str) -> list[Difference]:
        return self._compare(lambda: read_published_text(text))

    def _compare(self, read) -> list[Difference]:
        self.list.clear()
        self.differences = []
        try:
            published = read()
        except ReportImportError as e:
            self._say("error", f"无法读取已发布的版本：{e}")
            return []
        self.differences = compare(self.report(), published)
        if not self.differences:
            self._say("done", f"已发布的版本与本报告一致（{published.name}）。")
            return []
        self._say("error", f"已发布的版本与本报告有{len(self.differences)}处不同（{published.name}），"
                           "点击一条可跳到本报告中对应的位置：")
        for d in self.differences:
            item = QListWidgetItem(d.message)
            item.setData(Qt.ItemDataRole.UserRole, d)
            self.list.addItem(item)
        return self.differences

    def _say(self, state: str, text: str) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color:{STATE_COLORS[state]};")

    def _activated(self, item: QListWidgetItem) -> None:
        difference = item.data(Qt.ItemDataRole.UserRole)
        if difference is not None:
            self.differenceActivated.emit(difference.as_finding())
