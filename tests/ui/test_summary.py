"""汇总 in the app: 文件 › 新建汇总年报, the 汇总各单位 step and its states, undo, save and reopen, next year.

The helpers at the top are shared with test_summary_grid.py (the summed grids).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from app import storage
from app.formatdef import CellRef

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
REALWORLD = ROOT.parent / "shared" / "realworld"
NEW_NATURAL = CellRef("applications", "new_received", "natural")
NEW_TOTAL = CellRef("applications", "new_received", "total")
Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


# --- helpers -------------------------------------------------------------------------------------

def new_summary(window, name: str = "淮安市人民政府", year: int = 2024):
    """文件 › 新建汇总年报 answered with ``name`` and ``year``; returns the 汇总各单位 page shown."""
    window.ask_summary_body = lambda: (name, year)
    window.new_summary_dialog()
    assert window.editor.current_step() == "units"
    return window.current_page()


def rows(page) -> list[tuple[str, str, str]]:
    """(单位, 年度, 状态) of every row of the units table, as the officer reads them."""
    model = page.model
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def row_of(page, name: str) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data().startswith(name))


def note_of(page, name: str) -> str:
    return page.model.index(row_of(page, name), 3).data()


def unit_file(folder: Path, name: str, source: str = "tianshan-2024.nianbao", body: str | None = None,
              **new_received) -> Path:
    """A bundled example (0 applications) saved as a unit's file, with 本年新收 set (column id → text)."""
    report = storage.load(EXAMPLES / source)
    if body is not None:
        report.body.name = body
    for col, text in new_received.items():  # carried to next year as well: the unit's 表三 still balances
        report.set_cell(CellRef("applications", "new_received", col), text)
        report.set_cell(CellRef("applications", "carry_next", col), text)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    storage.save(report, path)
    return path


def shown(window, ref: CellRef) -> str:
    """The number a 汇总's grid shows in a cell."""
    page = window.editor.go_to_step(ref.table)
    return page.model.index_of(ref).data()


def back_to_units(window):
    return window.editor.go_to_step("units")


# --- making a 汇总 -------------------------------------------------------------------------------

def test_a_new_summary_shows_its_units_step_empty_with_the_add_buttons(window):
    page = new_summary(window, "某县人民政府", 2024)
    assert window.doc.report.body.scope == "summary" and window.doc.report.year == 2024
    assert window.doc.report.body.name == "某县人民政府"
    assert [s.id for s in window.editor.steps][:2] == ["basic", "units"]
    assert page.empty.isVisible() and not page.view.isVisible()
    for button in (page.add_files_button, page.add_folder_button):
        assert button.isVisible() and button.isEnabled()
    assert not page.remove_button.isEnabled()
    assert window.editor.step_state("units") == "empty"


def test_a_unit_report_has_no_units_step(window):
    assert "units" not in [s.id for s in window.editor.steps]
    assert not window.editor.page("applications").model.read_only


def test_the_new_summary_dialog_asks_for_a_name_before_it_can_be_made(qtbot):
    from ui.dialogs.summary_dialog import NewSummaryDialog

    dialog = NewSummaryDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.name.setText(" 某市人民政府 ")
    dialog.year.setValue(2024)
    assert ok.isEnabled() and dialog.values() == ("某市人民政府", 2024)


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is not here")
def test_real_reports_and_the_examples_are_listed_with_their_states_and_only_the_good_ones_summed(
        window, tmp_path):
    corrupt = tmp_path / "损坏的单位.nianbao"
    corrupt.write_bytes(b"\x00not a project file")
    page = new_summary(window)
    files = sorted(REALWORLD.glob("*.txt")) + [EXAMPLES / "tianshan-2024.nianbao", EXAMPLES / "huaian-2024.nianbao",
                                               EXAMPLES / "huaian-2025.nianbao", corrupt]
    page.ask_files = lambda: [str(p) for p in files]
    page.add_files()
    assert [(n, y, s) for n, y, s in rows(page)] == [
        ("洪泽区人民政府", "2023", "年度不符"),  # 06_hongze_2023
        ("淮安市洪泽区人民政府", "2024", "无错误"),
        ("淮安市人民政府", "2024", "无错误"),  # 08_huaian_2024
        ("天山乡人民政府", "2024", "无错误"),
        ("淮安市人民政府", "2024", "重复"),  # huaian-2024.nianbao: the same body as 08_huaian_2024.txt
        ("淮安市人民政府", "2025", "年度不符"),
        ("损坏的单位.nianbao", "", "无法读取")]
    assert "年度为2023年，与汇总年度（2024年）不符" in page.model.index(0, 3).data()
    con = window.doc.consolidation
    assert [e.label for e in con.taken()] == ["淮安市洪泽区人民政府", "淮安市人民政府", "天山乡人民政府"]
    expected = sum(e.unit.cells[NEW_NATURAL].value for e in con.taken() if NEW_NATURAL in e.unit.cells)
    assert shown(window, NEW_NATURAL) == str(expected)
    hz4 = next(f for f in window.doc.findings() if f.rule == "HZ-4")  # named, never silently summed
    assert "“损坏的单位.nianbao”" in hz4.message and hz4.step == "units"
    assert window.editor.step_state("units") == "error"
    assert page.counts.text() == "共7个单位，计入汇总3个，未计入4个"


def test_a_duplicate_body_from_another_file_asks_whether_it_replaces_the_unit(window, tmp_path, dialogs):
    page = new_summary(window)
    first = unit_file(tmp_path / "一月", "天山乡.nianbao", natural="5")
    page.add_paths([first])
    corrected = unit_file(tmp_path / "二月", "天山乡（更正）.nianbao", natural="7")
    dialogs.answers = [No]
    page.add_paths([corrected])
    assert "单位已在汇总中" in dialogs.questions[-1] and "“天山乡人民政府”" in dialogs.questions[-1]
    assert [s for _, _, s in rows(page)] == ["无错误", "重复"]
    assert shown(window, NEW_NATURAL) == "5"
    window.undo()
    dialogs.answers = [Yes]
    page = back_to_units(window)
    page.add_paths([corrected])
    assert len(rows(page)) == 1 and window.doc.consolidation.entries[0].unit.path.endswith("天山乡（更正）.nianbao")
    assert shown(window, NEW_NATURAL) == "7"


def test_a_folder_and_dropped_files_are_added(window, tmp_path):
    folder = tmp_path / "各单位 2024"
    unit_file(folder, "甲镇.nianbao", body="甲镇人民政府", natural="2")
    unit_file(folder / "部门", "乙局.nianbao", body="某县乙局", natural="3")
    page = new_summary(window, "某县人民政府")
    page.ask_folder = lambda: str(folder)
    page.add_folder()
    assert sorted(n for n, _, _ in rows(page)) == ["某县乙局", "甲镇人民政府"]
    assert shown(window, NEW_NATURAL) == "5"
    dropped = unit_file(tmp_path / "拖入", "丙街道.nianbao", body="丙街道办事处", natural="4")
    page = back_to_units(window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)
    assert "丙街道办事处" in [n for n, _, _ in rows(page)]
    assert shown(window, NEW_NATURAL) == "9"
    assert window.doc.undo_stack.undoText() == "拖入单位文件"


# --- undo ----------------------------------------------------------------------------------------

def test_undo_of_adding_removes_the_unit_and_its_numbers_and_redo_puts_them_back(window, tmp_path):
    page = new_summary(window)
    page.add_paths([unit_file(tmp_path, "甲.nianbao", body="甲镇人民政府", natural="6")])
    assert shown(window, NEW_NATURAL) == "6" and shown(window, NEW_TOTAL) == "6"
    assert window.is_modified()
    window.undo()
    assert shown(window, NEW_NATURAL) == "" and window.doc.report.units == []
    page = back_to_units(window)
    assert rows(page) == [] and page.empty.isVisible()
    window.redo()
    assert [n for n, _, _ in rows(page)] == ["甲镇人民政府"] and shown(window, NEW_NATURAL) == "6"


def test_remove_and_the_own_report_mark_are_undoable(window, tmp_path):
    page = new_summary(window, "某县人民政府")
    page.add_paths([unit_file(tmp_path, "甲.nianbao", body="甲镇人民政府", natural="6"),
                    unit_file(tmp_path, "办.nianbao", body="某县人民政府办公室", natural="1")])
    page.view.selectRow(row_of(page, "某县人民政府办公室"))
    assert page.own_button.text() == "设为本机关报告"
    page.own_button.click()
    assert rows(page)[row_of(page, "某县人民政府办公室")][0] == "某县人民政府办公室（本机关）"
    assert [u.own for u in window.doc.report.units] == [False, True]
    assert page.own_button.text() == "取消本机关报告"
    window.undo()
    assert [u.own for u in window.doc.report.units] == [False, False]
    page.view.selectRow(row_of(page, "甲镇人民政府"))
    page.remove_button.click()
    assert [n for n, _, _ in rows(page)] == ["某县人民政府办公室"] and shown(window, NEW_NATURAL) == "1"
    window.undo()
    assert shown(window, NEW_NATURAL) == "7"


def test_the_summary_year_decides_which_units_are_summed(window, tmp_path):
    page = new_summary(window, year=2024)
    page.add_paths([EXAMPLES / "huaian-2024.nianbao", EXAMPLES / "huaian-2025.nianbao"])
    assert [s for _, _, s in rows(page)][1] == "年度不符"
    window.doc.set_year(2025)
    assert [y for _, y, _ in rows(page)] == ["2024", "2025"]
    assert rows(page)[0][2] == "年度不符" and rows(page)[1][2] != "年度不符"
    window.undo()
    assert rows(page)[1][2] == "年度不符"
    window.doc.set_year(None)  # cleared, the year stays cleared: the units' most common year sorts them meanwhile
    spin = window.editor.page("basic").year
    assert window.doc.report.year is None and spin.text() == spin.specialValueText() == "未填写"
    assert window.doc.consolidation.year is None


def test_the_scope_the_officer_chose_is_not_changed_behind_the_undo_stack(window, tmp_path):
    page = new_summary(window)
    window.doc.set_body_field("scope", "own")
    page.add_paths([unit_file(tmp_path, "甲.nianbao", body="甲镇人民政府", natural="6")])
    assert window.doc.report.body.scope == "own"
    window.undo()
    window.undo()
    assert window.doc.report.body.scope == "summary"


# --- the project file ------------------------------------------------------------------------------

def _saved_summary(window, dialogs, tmp_path) -> tuple[Path, Path, Path]:
    units = tmp_path / "单位"
    a = unit_file(units, "甲镇.nianbao", body="甲镇人民政府", natural="2")
    b = unit_file(units, "乙局.nianbao", body="某县乙局", natural="3")
    page = new_summary(window, "某县人民政府")
    page.add_paths([a, b])
    target = tmp_path / "汇总" / "某县 2024 汇总.nianbao"
    target.parent.mkdir()
    dialogs.paths = [str(target)]
    assert window.save()
    return target, a, b


def test_save_and_reopen_keeps_the_units_and_their_values(window, dialogs, tmp_path):
    target, a, b = _saved_summary(window, dialogs, tmp_path)
    saved = storage.load(target)
    assert [(u.name, u.path) for u in saved.units] == [("甲镇人民政府", str(a)), ("某县乙局", str(b))]
    assert window.open_path(target)
    page = back_to_units(window)
    assert [(n, s) for n, _, s in rows(page)] == [("甲镇人民政府", "无错误"), ("某县乙局", "无错误")]
    assert shown(window, NEW_NATURAL) == "5"
    assert not window.is_modified()


def test_a_unit_whose_file_is_gone_or_changed_says_so_and_keeps_the_values_taken(window, dialogs, tmp_path):
    target, a, b = _saved_summary(window, dialogs, tmp_path)
    a.unlink()
    unit_file(b.parent, b.name, body="某县乙局", natural="30")
    assert window.open_path(target)
    page = back_to_units(window)
    assert note_of(page, "甲镇人民政府") == "文件已不在原处，使用保存时取得的数字"
    assert "已更改" in note_of(page, "某县乙局")
    assert shown(window, NEW_NATURAL) == "5"  # the values kept in the project file
    page = back_to_units(window)
    page.refresh_button.click()
    assert shown(window, NEW_NATURAL) == "32"
    assert "已重新读取1个" in page.message.text()
    window.undo()
    assert shown(window, NEW_NATURAL) == "5"


def test_next_years_summary_starts_from_this_years_units_as_missing(window, dialogs, tmp_path):
    target, a, b = _saved_summary(window, dialogs, tmp_path)
    assert window.new_from_last_year(target)
    page = back_to_units(window)
    assert [(n, s) for n, _, s in rows(page)] == [("甲镇人民政府", "与上年相比缺报"), ("某县乙局", "与上年相比缺报")]
    assert page.counts.text().endswith("上年汇总中有、本年尚未报送：甲镇人民政府、某县乙局")
    assert any(f.rule == "HZ-3" and "“甲镇人民政府”" in f.message for f in window.doc.findings())
    this_year = tmp_path / "2025"
    report = storage.load(a)
    report.year = 2025
    this_year.mkdir()
    storage.save(report, this_year / "甲镇.nianbao")
    page.add_paths([this_year / "甲镇.nianbao"])
    assert [(n, y, s) for n, y, s in rows(page)] == [("甲镇人民政府", "2025", "无错误"),
                                                     ("某县乙局", "", "与上年相比缺报")]
    assert page.counts.text().endswith("上年汇总中有、本年尚未报送：某县乙局")
    assert shown(window, NEW_NATURAL) == "2"


def test_the_summary_itself_is_not_taken_as_a_unit_from_its_own_folder(window, dialogs, tmp_path):
    target, a, b = _saved_summary(window, dialogs, tmp_path)
    shutil.copy(a, target.parent / "甲镇.nianbao")
    page = back_to_units(window)
    page.ask_folder = lambda: str(target.parent)
    page.add_folder()
    assert "某县人民政府" not in [n for n, _, _ in rows(page)]


def test_a_new_summary_saved_before_any_unit_is_added_reopens_as_a_summary(window, dialogs, tmp_path, monkeypatch):
    from app import storage

    monkeypatch.setattr(window, "ask_summary_body", lambda: ("示例县人民政府", 2025))
    window.new_summary_dialog()
    path = tmp_path / "用户" / "汇总 2025.nianbao"
    path.parent.mkdir()
    dialogs.paths.append(str(path))
    assert window.save()
    assert storage.load(path).consolidates
    window.open_example()
    assert "units" not in [s.id for s in window.editor.steps]
    assert window.open_path(path)
    assert "units" in [s.id for s in window.editor.steps]  # still a 汇总, waiting for its units
