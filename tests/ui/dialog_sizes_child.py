"""Run by tests/ui/test_dialog_sizes.py on an offscreen screen of the size it is given: the main window at
1000×600 on the large example, then every dialog of the app opened on it with real content. Prints one JSON
line per dialog: its frame, its smallest size and the screen's available area."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app import importing  # noqa: E402
from app.resources_path import resource_path  # noqa: E402
from ui.window.launch import make_app  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402

# 淮安's published 2024 report: long lists of differences and of cells the import could not read; the seed text
# of the township report where ../shared is not beside the checkout
PUBLISHED = ROOT.parent / "shared" / "realworld" / "08_huaian_2024.txt"
SEED = ROOT / "tests" / "fixtures" / "import" / "seed-tianshan-2024.txt"


def dialogs(window, published_text: str):
    from ui.dialogs.import_dialog import ImportReportDialog, ImportStartDialog, PasteDialog
    from ui.dialogs.summary_dialog import NewSummaryDialog

    page = window.editor.go_to_step("export")
    compare = page.open_compare()
    compare.compare_text(published_text)
    yield "核对已发布版本", compare
    yield "查找和替换", window.find_replace()
    yield "使用说明", window.show_help()
    yield "导入结果", ImportReportDialog(importing.import_text(published_text), window)
    yield "从已发布的年报导入", ImportStartDialog(window)
    yield "粘贴年报文字", PasteDialog(window)
    yield "新建汇总年报", NewSummaryDialog(window)
    long_path = "/home/用户/文档/" + "年报材料/" * 12 + "淮安市人民政府2025年政府信息公开工作年度报告.nianbao"
    yield "消息框", QMessageBox(QMessageBox.Icon.Question, "恢复未保存的修改",
                               f"上次退出时有尚未保存的修改：\n与磁盘上的文件相比（{long_path}）。\n\n是否恢复？",
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)


def main() -> None:
    app = make_app()
    window = MainWindow()
    window.resize(1000, 600)
    window.open_example(resource_path("examples", "huaian-2025.nianbao"))
    window.show()
    app.processEvents()
    text = (PUBLISHED if PUBLISHED.exists() else SEED).read_text(encoding="utf-8")
    for name, dialog in dialogs(window, text):
        dialog.show()
        app.processEvents()
        frame, hint = dialog.frameGeometry(), dialog.minimumSizeHint()
        area = dialog.screen().availableGeometry()
        print(json.dumps({"name": name, "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                          "min": [hint.width(), hint.height()],
                          "screen": [area.x(), area.y(), area.width(), area.height()]}, ensure_ascii=False),
              flush=True)
        dialog.hide()
    window.doc.undo_stack.setClean()
    window._unsaved_restore = False
    QApplication.closeAllWindows()


if __name__ == "__main__":
    main()
