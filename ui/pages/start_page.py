"""The start page: new, open, recent files, start from last year's file, import, the bundled examples."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import storage
from app.resources_path import resource_path

from .. import settings

_ACTIONS = (
    ("new", "新建年报", "从空白开始编制本年度报告"),
    ("from_last_year", "以上年年报为基础新建", "打开上年的 .nianbao 文件：沿用机关信息和文字，自动填入上年结转"),
    ("import", "从已发布的年报导入", "导入已发布的 Word、网页、PDF 或复制的文字，作为上年报告"),
    ("summary", "新建汇总年报", "县、市政务公开办：把各单位的年报逐格相加，编制本行政区域的汇总年报"),
    ("open", "打开…", "打开已保存的 .nianbao 年报文件"),
    ("example", "打开示例年报", "可用来熟悉操作；打开的是副本，不会改动示例文件"),
)


def examples_folder() -> Path:
    return resource_path("examples")


def bundled_examples() -> list[tuple[str, Path]]:
    """(title, path) of every example report shipped in resources/examples, the township example first.

    Read from the folder so an example added there is offered without a code change; a file that
    cannot be read is left out rather than offered and then refused.
    """
    from ..window.main_window import example_path  # the one `make run` opens stays the default choice

    found = []
    for path in sorted(examples_folder().glob(f"*{storage.SUFFIX}")):
        try:
            report = storage.load(path)
        except (storage.ProjectFileError, OSError):
            continue
        title = report.title() if report.body.name.strip() else path.stem
        found.append((path.name != example_path().name, report.year or 0, title, path))
    return [(title, path) for _, _, title, path in sorted(found)]


class StartPage(QWidget):
    actionChosen = Signal(str)
    recentChosen = Signal(str)
    exampleChosen = Signal(str)  # the path of the bundled example to open as an unsaved copy

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
            note = QLabel(hint)
            note.setStyleSheet("color:#666;")
            note.setWordWrap(True)
            grid.addWidget(button, i, 0)
            if key == "example":
                self.example_button = button
                button.clicked.connect(self._open_example)
                grid.addWidget(self._example_row(note), i, 1)
            else:
                button.clicked.connect(lambda _=False, k=key: self.actionChosen.emit(k))
                grid.addWidget(note, i, 1)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        outer.addWidget(line)
        outer.addWidget(QLabel("<b>最近打开</b>"))
        self.recent = QListWidget()
        self.recent.setObjectName("recentFiles")
        # Only `activated`: a double-click also emits `doubleClicked` first, and opening the file
        # refreshes this list, so a second handler would get an item that no longer exists.
        self.recent.activated.connect(self._recent_activated)
        outer.addWidget(self.recent, 1)
        self.refresh()

    def _example_row(self, note: QLabel) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.examples = QComboBox()
        self.examples.setObjectName("exampleChoice")
        for title, path in bundled_examples():
            self.examples.addItem(title, str(path))
        self.example_button.setEnabled(self.examples.count() > 0)
        layout.addWidget(self.examples)
        layout.addWidget(note, 1)
        return row

    def _open_example(self) -> None:
        path = self.examples.currentData()
        if path:
            self.exampleChosen.emit(path)

    def _recent_activated(self, index: QModelIndex) -> None:
        path = index.data(Qt.ItemDataRole.UserRole)
        if path:
            # after the view has finished with this click: opening rebuilds the list under it
            QTimer.singleShot(0, lambda: self.recentChosen.emit(path))

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
