"""The main window's menu bar: 文件 (with every export of the 检查与导出 page), 编辑, 帮助."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from .. import settings


def build(window) -> None:
    """The menu bar of ``window``; the actions that change state with the report are kept on it."""
    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    window.act_new = file_menu.addAction("新建年报", window.new_report, QKeySequence.StandardKey.New)
    file_menu.addAction("新建汇总年报…", window.new_summary_dialog)
    window.act_open = file_menu.addAction("打开…", window.open_dialog, QKeySequence.StandardKey.Open)
    window.recent_menu = file_menu.addMenu("最近打开")
    window.recent_menu.aboutToShow.connect(lambda: fill_recent(window))
    file_menu.addAction("以上年年报为基础新建…", window.new_from_last_year_dialog)
    file_menu.addAction("从已发布的年报导入…", window.import_dialog)
    file_menu.addAction("打开示例年报", window.open_example)
    file_menu.addSeparator()
    window.act_save = file_menu.addAction("保存", window.save, QKeySequence.StandardKey.Save)
    window.act_save_as = file_menu.addAction("另存为…", window.save_as, QKeySequence.StandardKey.SaveAs)
    file_menu.addSeparator()
    # the export page's exports, also here: with its page-number choice when the page exists
    window.export_actions = [
        file_menu.addAction(text, lambda kind=kind: window.export(kind, _page_numbers(window)))
        for kind, text in EXPORTS]
    file_menu.aboutToShow.connect(lambda: _enable_exports(window))
    file_menu.addSeparator()
    file_menu.addAction("开始页", window.show_start)
    file_menu.addAction("退出", window.close, QKeySequence.StandardKey.Quit)
    window.edit_menu = bar.addMenu("编辑(&E)")
    window.act_undo = QAction("撤销", window)
    window.act_redo = QAction("重做", window)
    window.act_undo.setShortcuts([QKeySequence.StandardKey.Undo])
    window.act_redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
    window.act_undo.triggered.connect(window.undo)
    window.act_redo.triggered.connect(window.redo)
    window.edit_menu.addAction(window.act_undo)
    window.edit_menu.addAction(window.act_redo)
    window.edit_menu.addSeparator()
    window.act_find = QAction("查找和替换…", window)
    # Ctrl+F and Ctrl+H: WPS and Word open replace on Ctrl+H, most other programs find on Ctrl+F
    window.act_find.setShortcuts([QKeySequence.StandardKey.Find, QKeySequence.StandardKey.Replace])
    window.act_find.triggered.connect(window.find_replace)
    window.edit_menu.addAction(window.act_find)
    help_menu = bar.addMenu("帮助(&H)")
    help_menu.addAction("使用说明", window.show_help, QKeySequence.StandardKey.HelpContents)
    help_menu.addAction("关于", window._about)
    window._update_actions()


EXPORTS = (("docx", "导出 Word 文档…"), ("pdf", "导出 PDF…"), ("html", "导出网页版…"), ("xlsx", "导出表格（xlsx）…"),
           ("picture", "导出图解（一图读懂）…"),
           ("all", "导出全部…"))


def _page_numbers(window) -> str:
    page = window.editor.page_by_step.get("export") if window.editor is not None else None
    return page.page_numbers.currentData() if page is not None else "odd_even"


def _enable_exports(window) -> None:
    for action in window.export_actions:
        action.setEnabled(window.doc is not None)


def fill_recent(window) -> None:
    window.recent_menu.clear()
    for f in settings.recent_files():
        window.recent_menu.addAction(f, lambda f=f: window.open_recent(f))
    if not settings.recent_files():
        window.recent_menu.addAction("（无）").setEnabled(False)

