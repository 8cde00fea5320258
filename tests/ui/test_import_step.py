"""Importing a published report from the app: the import report first, then this year's report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPlainTextEdit

from app.formatdef import CellRef

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "seed-tianshan-2024.txt"


def test_paste_published_text_and_start_this_year(window, dialogs, monkeypatch):
    shown = []
    monkeypatch.setattr(window, "ask_import_choice", lambda shown_: shown.append(shown_) or "continue")
    assert window.import_source(text=SEED.read_text(encoding="utf-8"))
    # the dialog is given the summary, or the whole import (to confirm its scope): it shows the summary either way
    assert shown and "天山乡人民政府" in (shown[0] if isinstance(shown[0], str) else shown[0].summary())
    report = window.doc.report
    assert report.year == 2025 and report.body.name == "天山乡人民政府"
    assert report.last_year is not None and report.last_year.year == 2024
    assert report.cell_text(CellRef("applications", "carried_over", "natural")) == "0"
    assert window.isWindowModified() and window.doc.path is None


def test_open_the_imported_report_as_published(window, dialogs, monkeypatch, tmp_path):
    source = tmp_path / "已发布 年报.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(window, "ask_import_choice", lambda summary: "open")
    assert window.import_source(path=str(source))
    assert window.doc.report.year == 2024
    assert "主动公开意识不够强" in window.doc.report.text("problems.body")


def test_garbage_gets_a_message_and_nothing_changes(window, dialogs, tmp_path):
    bad = tmp_path / "乱码.pdf"
    bad.write_bytes(b"\x00\x01not a pdf at all" * 100)
    before = window.doc
    assert not window.import_source(path=str(bad))
    assert dialogs.errors and "无法导入" in dialogs.errors[0]
    assert window.doc is before


def _county_report_text() -> str:
    """The seed as a county government's report that counts the whole county's applications."""
    text = SEED.read_text(encoding="utf-8").replace("截止2024年12月31日,天山乡未收到依申请公开件。",
                                                    "2024年,全县共受理政府信息公开申请12件。")
    return text.replace("哈密市伊州区天山乡人民政府\n", "示例县人民政府\n")


def test_the_inferred_scope_is_shown_and_can_be_changed_before_opening(qtbot):
    from app.importing import import_text
    from ui.dialogs.import_dialog import OPEN, ImportReportDialog

    result = import_text(_county_report_text())
    dialog = ImportReportDialog(result)
    qtbot.addWidget(dialog)
    line = dialog.findChild(QLabel, "importScope").text()
    assert line == "报告范围：汇总（根据“全县共受理政府信息公开申请12件”判断，请确认）"
    combo = dialog.findChild(QComboBox, "importScopeChoice")
    assert combo.currentText() == "汇总"
    assert "判断为汇总报告" in dialog.findChild(QPlainTextEdit, "importSummary").toPlainText()
    combo.setCurrentIndex(combo.findText("本机关"))
    qtbot.mouseClick(dialog.open_it, Qt.MouseButton.LeftButton)
    assert dialog.choice == OPEN
    assert result.report.body.scope == "own"


def test_an_own_report_says_so_and_can_be_made_a_summary(qtbot):
    from app.importing import import_text
    from ui.dialogs.import_dialog import CONTINUE, ImportReportDialog

    result = import_text(SEED.read_text(encoding="utf-8"))
    dialog = ImportReportDialog(result)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "importScope").text().startswith("报告范围：本机关（")
    combo = dialog.findChild(QComboBox, "importScopeChoice")
    combo.setCurrentIndex(combo.findText("汇总"))
    qtbot.mouseClick(dialog.go_on, Qt.MouseButton.LeftButton)
    assert dialog.choice == CONTINUE and result.report.body.scope == "summary"


def test_the_import_starts_with_two_buttons_that_say_what_they_do(qtbot):
    from PySide6.QtWidgets import QPushButton

    from ui.dialogs.import_dialog import FROM_TEXT, ImportStartDialog

    dialog = ImportStartDialog()
    qtbot.addWidget(dialog)
    labels = [b.text() for b in dialog.findChildren(QPushButton) if b.objectName().startswith("import:")]
    assert labels == ["选择文件…", "粘贴文字…"]
    assert not {"是", "否", "&Yes", "&No"} & {b.text() for b in dialog.findChildren(QPushButton)}
    dialog.findChild(QPushButton, "import:paste").click()
    assert dialog.choice == FROM_TEXT


def test_choosing_a_file_at_the_start_imports_it(window, dialogs, monkeypatch, tmp_path):
    source = tmp_path / "已发布 年报.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(window, "ask_import_source", lambda: "file")
    monkeypatch.setattr(window, "ask_import_choice", lambda result: "open")
    dialogs.paths.append(str(source))
    window.import_dialog()
    assert window.doc.report.year == 2024 and "主动公开意识不够强" in window.doc.report.text("problems.body")
    assert dialogs.questions == []  # no 是/否 question on the way


def test_pasted_text_at_the_start_goes_through_a_dialog_big_enough_for_a_report(window, qtbot, monkeypatch):
    from PySide6.QtCore import QRect, QTimer

    from ui.dialogs.import_dialog import PasteDialog, paste_size

    assert paste_size(QRect(0, 0, 1920, 1040)) == (1536, 832)
    assert paste_size(QRect(0, 0, 1024, 728)) == (900, 600)
    assert paste_size(QRect(0, 0, 800, 560)) == (784, 520)  # never beyond the screen, its title bar included
    monkeypatch.setattr(window, "ask_import_source", lambda: "paste")
    monkeypatch.setattr(window, "ask_import_choice", lambda result: "continue")
    seen = []

    def paste_and_import():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PasteDialog) and w.isVisible())
        seen.append((dialog.size().width(), dialog.size().height(), dialog.ok.isEnabled()))
        dialog.text.setPlainText(SEED.read_text(encoding="utf-8"))
        dialog.ok.click()

    QTimer.singleShot(0, paste_and_import)
    window.import_dialog()
    screen = window.screen().availableGeometry()
    assert seen == [(*paste_size(screen), False)]  # 导入 waits for text
    assert window.doc.report.year == 2025 and window.doc.report.body.name == "天山乡人民政府"


def test_the_first_save_is_offered_beside_the_file_the_report_was_started_from(window, dialogs, monkeypatch,
                                                                                tmp_path):
    # the officer keeps the year's files in one folder: last year's PDF there, this year's report beside it
    folder = tmp_path / "年报 2025"
    folder.mkdir()
    source = folder / "已发布 年报.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(window, "ask_import_choice", lambda summary: "continue")
    assert window.import_source(path=str(source))
    assert Path(window.suggested_name()) == folder / "天山乡人民政府2025年政府信息公开工作年度报告.nianbao"
    from app import storage
    from ui.window.main_window import example_path

    last = tmp_path / "上年" / "天山 2024.nianbao"
    last.parent.mkdir()
    storage.save(storage.load(example_path()), last, backup=False)
    window.doc.undo_stack.setClean()
    window._unsaved_restore = False
    assert window.new_from_last_year(last)
    assert Path(window.suggested_name()).parent == last.parent
