"""The main window: files, start from last year, autosave and recovery, text editing, findings panel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from app import recovery, storage
from ui.window.main_window import MainWindow, example_path

from .conftest import cell, finish_edit, open_editor, table_page, type_text

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
Save, Discard, Cancel = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)


def test_save_reopen_keeps_values_and_title_shows_unsaved_mark(window, qtbot, dialogs, tmp_path):
    page = table_page(window, "applications")
    editor = open_editor(qtbot, page.view, cell("applications", "new_received", "legal"), "4")
    finish_edit(qtbot, page.view, editor, Qt.Key.Key_Return)
    window.doc.set_text("problems.body", "存在问题：培训不足。")
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    target = tmp_path / "用户" / "年报 2024.nianbao"
    target.parent.mkdir()
    dialogs.paths.append(str(target))
    window.act_save.trigger()
    assert target.exists() and not window.isWindowModified()
    assert "年报 2024.nianbao" in window.windowTitle()

    window.new_report()  # clean: no question asked
    assert dialogs.questions == []
    assert window.open_path(target)
    assert window.doc.report.cell_text(cell("applications", "new_received", "legal")) == "4"
    assert window.doc.report.text("problems.body") == "存在问题：培训不足。"
    assert str(target.resolve()) in window.start.recent.item(0).data(Qt.ItemDataRole.UserRole)


def test_unreadable_file_gives_a_message_and_the_app_keeps_its_report(window, dialogs, tmp_path):
    bad = tmp_path / "坏文件.nianbao"
    bad.write_text('{"format": "nianbao-project", "schema_version": 1, "tables": [', encoding="utf-8")
    before = window.doc
    assert not window.open_path(bad)
    assert dialogs.errors and "坏文件.nianbao" in dialogs.errors[0] and "损坏或不完整" in dialogs.errors[0]
    assert window.doc is before
    foreign = tmp_path / "other.nianbao"
    foreign.write_text('{"hello": 1}', encoding="utf-8")
    assert not window.open_path(foreign)
    assert "不是年报项目文件" in dialogs.errors[1]


def test_closing_with_unsaved_changes_asks(window, dialogs):
    window.doc.set_text("other.body", "本年度未收取信息处理费。")
    dialogs.answers.append(Cancel)
    assert not window.close()
    assert dialogs.questions and "尚未保存的修改" in dialogs.questions[0]
    dialogs.answers.append(Discard)
    assert window.close()


def test_save_failure_keeps_the_work_and_offers_save_as(window, dialogs, tmp_path):
    window.doc.set_text("other.body", "本年度未收取信息处理费。")
    blocker = tmp_path / "不是文件夹"  # a file where the folder should be: the save itself fails
    blocker.write_text("", encoding="utf-8")
    missing = blocker / "a.nianbao"
    good = tmp_path / "好.nianbao"
    dialogs.paths += [str(missing), str(good)]
    dialogs.answers.append(Yes)  # "save elsewhere?"
    assert window.save()
    assert "保存失败" in dialogs.questions[0] and "没有丢失" in dialogs.questions[0]
    assert storage.load(good).text("other.body") == "本年度未收取信息处理费。"


def test_start_from_last_year_carries_values_and_shows_last_years_text(window, qtbot, tmp_path):
    last = storage.load(example_path())
    last.set_cell(cell("applications", "carry_next", "natural"), "2")
    path = tmp_path / "上年.nianbao"
    storage.save(last, path)
    assert window.new_from_last_year(path)
    doc = window.doc
    assert doc.report.year == 2025
    assert doc.report.cell_text(cell("applications", "carried_over", "natural")) == "2"
    assert doc.report.cell_text(cell("applications", "new_received", "natural")) == ""
    page = window.editor.go_to_step("problems")
    part = page.editors["problems.body"]
    assert part.last_year is not None and "主动公开意识不够强" in part.last_year.toPlainText()
    assert not part.banner.isHidden() and "2024年的原文" in part.banner.text()
    part.editor.setFocus()
    part.editor.moveCursor(part.editor.textCursor().MoveOperation.End)
    type_text(part.editor, "今年")
    assert part.banner.isHidden()
    assert window.isWindowModified()


def test_text_typing_is_one_undo_step_and_ctrl_z_in_the_editor_undoes_it(window, qtbot):
    page = window.editor.go_to_step("problems")
    part = page.editors["problems.body"]
    part.editor.setPlainText("")  # clearing a whole part is a step of its own
    assert any(f.rule == "S-4" for f in window.doc.findings())
    type_text(part.editor, "存在")
    type_text(part.editor, "不足")
    assert not any(f.rule == "S-4" for f in window.doc.findings())
    qtbot.keyClick(part.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert part.editor.toPlainText() == ""  # the whole burst of typing was one step
    assert window.doc.report.text("problems.body") == ""
    window.act_redo.trigger()
    assert part.editor.toPlainText() == "存在不足"
    assert QKeySequence("Ctrl+Y") in window.act_redo.shortcuts()


def test_draft_button_inserts_text_consistent_with_the_tables(window):
    window.doc.set_cells([(cell("applications", "new_received", "natural"), "5"),
                          (cell("applications", "granted", "natural"), "5")], "test")
    page = window.editor.go_to_step("overall")
    part = page.editors["overall.application"]
    part.editor.setPlainText("")
    part.draft_button.click()
    text = window.doc.report.text("overall.application")
    assert "新收政府信息公开申请5件" in text and "予以公开5件" in text
    assert not any(f.rule.startswith("X-") for f in window.doc.findings())


def test_clicking_a_finding_jumps_to_its_cell(window):
    window.doc.set_cell(cell("applications", "carry_next", "social"), "1")
    panel = window.editor.findings
    row = next(i for i, f in enumerate(panel.findings()) if f.rule == "T3-1")
    panel.list.itemClicked.emit(panel.list.item(row))
    assert window.editor.current_step() == "applications"
    page = window.current_page()
    selected = {page.model.ref_at(i) for i in page.view.selectionModel().selectedIndexes()}
    assert selected == {cell("applications", "carry_next", "social")}  # the cell its fix would change
    # and its fix sets 四 to balance the column
    panel.list.setCurrentRow(row)
    panel.fix_button.click()
    assert window.doc.report.cell_text(cell("applications", "carry_next", "social")) == "0"


def test_step_states_show_progress(window, dialogs):
    states = {s.id: window.editor.step_state(s.id) for s in window.editor.steps}
    assert states["applications"] == "done" and states["overall"] == "warning"
    window.doc.set_text("problems.body", "")
    assert window.editor.step_state("problems") == "error"
    dialogs.answers.append(Discard)
    window.new_report()
    assert window.editor.step_state("applications") == "empty"
    assert window.editor.step_state("basic") == "error"  # no body name: the title cannot be made


def test_autosave_restores_after_a_crash(window, qtbot, dialogs, monkeypatch):
    window.doc.set_cell(cell("active", "license", "decisions"), "321")
    window.doc.set_text("other.body", "崩溃前输入的文字")
    window.autosave()
    assert recovery.pending(), "autosave must have written a recovery file"
    # the process dies: no close event, nothing discarded. Next start:
    second = MainWindow()
    qtbot.addWidget(second)
    dialogs.install(second, monkeypatch)
    dialogs.answers.append(Yes)
    assert second.offer_recovery()
    assert second.doc.report.cell_text(cell("active", "license", "decisions")) == "321"
    assert second.doc.report.text("other.body") == "崩溃前输入的文字"
    assert second.isWindowModified()
    second._unsaved_restore = False
    assert len(recovery.pending()) == 1  # protected again, under the new session only


def test_clean_close_leaves_no_recovery(window, dialogs):
    window.doc.set_text("other.body", "x")
    window.autosave()
    dialogs.answers.append(Discard)
    assert window.close()
    assert recovery.pending() == []


def test_screenshot_mode_renders_every_step(tmp_path):
    out = tmp_path / "截图"
    env = {"QT_QPA_PLATFORM": "offscreen", "NIANBAO_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "app.cli", "gui", "--screenshot", str(out)],
                            cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    names = {p.name for p in out.glob("*.png")}
    assert {"start.png", "basic.png", "overall.png", "active.png", "applications.png", "review_litigation.png",
            "problems.png", "other.png", "export.png"} <= names
    assert all(p.stat().st_size > 5000 for p in out.glob("*.png"))


def test_findings_list_shows_exactly_the_current_findings(window):
    panel = window.editor.findings

    def shown():
        return [panel.list.item(i).text() for i in range(panel.list.count())]

    edits = [("applications", "carry_next", "natural", "2"), ("review_litigation", "review", "total", "9"),
             ("applications", "carry_next", "natural", "0"), ("active", "rules", "issued", "x"),
             ("review_litigation", "review", "total", None), ("active", "rules", "issued", "1")]
    for table, row, col, text in edits:
        window.doc.set_cell(cell(table, row, col), text)
        assert shown() == [f"【{'错误' if f.severity == 'error' else '警告' if f.severity == 'warning' else '提示'}】"
                           f"{f.message}" for f in window.doc.findings()]


def test_every_text_part_offers_a_draft_that_checks_clean(window):
    from app.checks import check_report

    for step in ("overall", "problems", "other"):
        page = window.editor.go_to_step(step)
        for key, part in page.editors.items():
            assert part.draft_button is not None, key
            part.editor.setPlainText("")
            part.draft_button.click()
            assert window.doc.report.text(key), key
    basic = window.editor.go_to_step("basic")
    basic.preamble.editor.setPlainText("")
    basic.preamble.draft_button.click()
    assert "统计期限自2024年1月1日起至2024年12月31日止" in window.doc.report.text("preamble.body")
    rules = {f.rule for f in check_report(window.doc.report)}
    assert not rules & {"S-1", "S-1b", "S-4", "S-4b", "S-5", "S-8", "X-1", "X-3", "X-4"}


def test_ctrl_s_says_saved_with_the_time_until_the_next_change(window, qtbot, dialogs, tmp_path):
    import re

    target = tmp_path / "用户" / "年报 2024.nianbao"
    target.parent.mkdir()
    dialogs.paths.append(str(target))
    window.doc.set_text("problems.body", "存在问题：培训不足。")
    assert QKeySequence(QKeySequence.StandardKey.Save) in window.act_save.shortcuts()
    window.act_save.trigger()
    assert re.fullmatch(r"已保存 \d\d:\d\d（年报 2024\.nianbao）", window.statusBar().currentMessage())
    window.doc.set_text("problems.body", "存在问题：培训不足，")
    assert window.statusBar().currentMessage() == ""


def test_the_status_bar_is_there_from_the_start_so_nothing_moves_when_a_message_comes(qtbot):
    from PySide6.QtWidgets import QStatusBar

    win = MainWindow()
    qtbot.addWidget(win)
    win.show_start()
    win.show()
    qtbot.waitExposed(win)
    bar = win.findChild(QStatusBar)  # (statusBar() would make one)
    assert bar is not None and bar.isVisible()
    height = win.centralWidget().height()
    bar.showMessage("已保存 12:00")
    assert win.centralWidget().height() == height


def test_at_its_smallest_sensible_size_the_steps_page_and_buttons_do_not_overlap(window, qtbot):
    assert window.minimumSize().width() >= 960 and window.minimumSize().height() >= 560
    window.resize(1000, 600)
    for step in ("applications", "overall", "export"):
        window.editor.go_to_step(step)
        QApplication.processEvents()  # lays the page out
        editor = window.editor

        def box(w):
            return w.rect().translated(w.mapTo(window, w.rect().topLeft()))

        steps, page, nxt = box(editor.step_list), box(editor.pages), box(editor.next)
        assert not steps.intersects(page), step
        assert not page.intersects(nxt), step
        assert window.rect().contains(nxt) and nxt.bottom() < box(window.statusBar()).top(), step
