"""The start page: new, open, recent files, start from last year's file, import, the example."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import settings

_ACTIONS = (
    ("new", "新建年报", "从空白开始编制本年度报告"),
    ("from_last_year", "以上年年报为基础新建", "打开上年的 .nianbao 文件：沿用机关信息和文字，自动填入上年结转"),
    ("import", "从已发布的年报导入", "导入已发布的 Word、网页、PDF 或复制的文字，作为上年报告"),
    ("open", "打开…", "打开已保存的 .nianbao 年报文件"),
    ("example", "打开示例年报", "天山乡人民政府2024年度报告，可用来熟悉操作"),
)


class StartPage(QWidget):
    actionChosen = Signal(str)
    recentChosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        title = QLabel("<h1>政府信息公开工作年度报告编制助手</h1>"
                       "<p style='color:#555'>按国办公开办函〔2021〕30号格式编制年报，输入时即检查表格勾稽关系，"
                       "导出符合 GB/T 9704—2012 版式的 Word 文档。</p>")
        title.setWordWrap(True)
        outer.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        for i, (key, text, hint) in enumerate(_ACTIONS):
            button = QPushButton(text)
            button.setObjectName(f"start:{key}")
            button.setMinimumHeight(44)
            button.setMinimumWidth(250)
            button.setStyleSheet("font-size:12pt;text-align:left;padding-left:14px;")
            button.clicked.connect(lambda _=False, k=key: self.actionChosen.emit(k))
            note = QLabel(hint)
            note.setStyleSheet("color:#666;")
            note.setWordWrap(True)
            grid.addWidget(button, i, 0)
            grid.addWidget(note, i, 1)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        outer.addWidget(line)
        outer.addWidget(QLabel("<b>最近打开</b>"))
        self.recent = QListWidget()
        self.recent.setObjectName("recentFiles")
        self.recent.itemActivated.connect(lambda item: self.recentChosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent.itemDoubleClicked.connect(
            lambda item: self.recentChosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        outer.addWidget(self.recent, 1)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        files = settings.recent_files()
        for f in files:
            p = Path(f)
            item = QListWidgetItem(f"{p.name}    —    {p.parent}")
            item.setData(Qt.ItemDataRole.UserRole, f)
            if not p.exists():
                item.setForeground(Qt.GlobalColor.gray)
                item.setToolTip("文件已不存在")
            self.recent.addItem(item)
        if not files:
            item = QListWidgetItem("（还没有打开过的文件）")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)
