"""帮助 › 使用说明: the guide in resources/help/使用说明.md, shown with QTextBrowser's Markdown reader.

The one source is the packaged file (docs/使用说明.md points at it). Three places in it are filled in here,
from the program itself, so the guide cannot drift from it: the steps (the format's sections), every check
(the format file's ``rules``: id, title, severity) and the per-user folders (app/paths.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from app import paths
from app.checks import SEVERITY_NAMES
from app.formatdef import ReportFormat, load_format
from app.resources_path import resource_path

from .sizing import fit_on_screen

STEPS_MARK, RULES_MARK, FOLDERS_MARK = "<!-- 步骤 -->", "<!-- 检查规则 -->", "<!-- 文件夹 -->"


def guide_path() -> Path:
    return resource_path("help", "使用说明.md")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a rule title with a bar would split its table row


def steps_markdown(fmt: ReportFormat) -> str:
    titles = ["基本信息（机关名称、年度、机关类型、报告范围、落款、成文日期，以及报告说明）"]
    titles += [s.title for s in fmt.sections if s.title]
    titles.append("检查与导出")
    return "\n".join(f"{i}. {title}" for i, title in enumerate(titles, 1))


def rules_markdown(fmt: ReportFormat) -> str:
    rows = ["| 编号 | 检查内容 | 级别 |", "|---|---|---|"]
    rows += [f"| {r.id} | {_cell(r.title)} | {SEVERITY_NAMES.get(r.severity, r.severity)} |"
             for r in fmt.rules.values()]
    return "\n".join(rows)


def folders_markdown() -> str:
    return "\n".join([
        f"- 自动保存和待恢复的修改：`{paths.data_dir()}`",
        f"- 设置（最近打开的文件、窗口大小、本地发布期限）：`{paths.config_dir()}`",
        f"- 运行日志（程序出错时的详细信息）：`{paths.log_dir()}`",
    ])


def guide_markdown(fmt: ReportFormat | None = None) -> str:
    """The guide as shown: the packaged text with its three generated parts filled in."""
    fmt = fmt or load_format()
    text = guide_path().read_text(encoding="utf-8")
    for mark, part in ((STEPS_MARK, steps_markdown(fmt)), (RULES_MARK, rules_markdown(fmt)),
                       (FOLDERS_MARK, folders_markdown())):
        text = text.replace(mark, part)
    return text


class HelpDialog(QDialog):
    def __init__(self, parent=None, fmt: ReportFormat | None = None):
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.setModal(False)  # read beside the report, not instead of it
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_markdown(fmt))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        fit_on_screen(self, 820, 640)
