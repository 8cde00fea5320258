"""The table grids on a laptop: header rows and label columns stay put while the numbers scroll, labels
are read whole, and 表三 keeps ten rows in a 1000×600 window (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLineEdit

from .conftest import cell, table_page, type_text

HUAIAN = Path(__file__).resolve().parents[2] / "resources" / "examples" / "huaian-2024.nianbao"


def settle() -> None:
    for _ in range(4):  # layouts, then the rows fitted to the new column widths on a zero timer
        QApplication.processEvents()


@pytest.fixture
def laptop(window):
    """The large example (four- to seven-digit numbers) in a 1000×600 window."""
    window.open_example(HUAIAN)
    window.resize(1000, 600)
    settle()
    return window


def text_seen_at(view, point: QPoint) -> str:
    """The text the officer sees at ``point`` of the grid widget: a frozen pane's cell if one lies on top."""
    target = view.childAt(point)
    while target is not None and target is not view and not hasattr(target, "indexAt"):
        target = target.parentWidget()
    shown = target if target is not None and target is not view.viewport() else view
    index = shown.indexAt(shown.viewport().mapFrom(view, point))
    return str(index.data() or "")


def point_of(view, row: int, column: int) -> QPoint:
    return view.viewport().mapTo(view, view.visualRect(view.model().index(row, column)).center())


def test_the_header_rows_stay_when_the_numbers_scroll_down(laptop):
    view = table_page(laptop, "applications").view
    settle()
    natural, granted_label = point_of(view, 1, 3), point_of(view, 3, 0)
    assert text_seen_at(view, natural) == "自然人"
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    settle()
    assert view.verticalScrollBar().value() > 0
    assert text_seen_at(view, natural) == "自然人"  # still there, over the scrolled rows
    assert text_seen_at(view, point_of(view, 0, 3)) == "申请人情况"
    # the body below it did scroll: 一、本年新收… is gone from its place
    assert text_seen_at(view, granted_label) != "一、本年新收政府信息公开申请数量"


def test_the_label_columns_stay_when_the_numbers_scroll_sideways(laptop):
    view = table_page(laptop, "applications").view
    laptop.doc.set_cell(cell("applications", "new_received", "natural"), "1234567")  # a province's count
    settle()
    assert view.horizontalScrollBar().maximum() > 0, "seven digits in every column: wider than the window"
    label = point_of(view, 3, 0)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    settle()
    assert text_seen_at(view, label) == "一、本年新收政府信息公开申请数量"
    assert text_seen_at(view, point_of(view, 0, 0)).startswith("（本列数据的勾稽关系为")
    total = view.visualRect(view.model().index_of(cell("applications", "new_received", "total")))
    width, _height = view.frozen.extent()
    assert width > 0 and total.left() >= width and total.right() <= view.viewport().width()


def _total_shown_whole(laptop, view) -> None:
    """总计 of 表三's first row is whole inside the grid, with the row's label, without scrolling sideways."""
    ref = cell("applications", "new_received", "total")
    index = view.model().index_of(ref)
    rect = view.visualRect(index)
    assert view.horizontalScrollBar().value() == 0
    widths = [view.columnWidth(c) for c in range(view.model().columnCount())]
    assert 0 < rect.left() and rect.right() <= view.viewport().width(), f"总计 at {rect}: {widths}"
    assert text_seen_at(view, point_of(view, 3, 0)) == "一、本年新收政府信息公开申请数量"
    assert text_seen_at(view, point_of(view, 3, index.column())) == str(index.data()) != ""


@pytest.mark.parametrize("example", ["huaian-2024", "huaian-2025"])
def test_the_total_column_of_table_three_shows_at_1000_by_600_beside_the_steps(window, example):
    window.open_example(HUAIAN.with_name(f"{example}.nianbao"))
    window.resize(1000, 600)
    view = table_page(window, "applications").view
    settle()
    assert window.editor.step_list.isVisible()
    assert view.horizontalScrollBar().maximum() == 0
    _total_shown_whole(window, view)
    window.doc.set_cell(cell("applications", "new_received", "natural"), "12345")  # a province's five digits fit
    settle()
    _total_shown_whole(window, view)


def test_at_the_smallest_window_a_whole_row_of_table_three_shows(laptop):
    laptop.resize(800, 500)  # the window does not go below its minimum: the grid shows whole rows there
    settle()
    assert (laptop.width(), laptop.height()) == (laptop.minimumWidth(), laptop.minimumHeight())
    view = table_page(laptop, "applications").view
    settle()
    _total_shown_whole(laptop, view)


def test_every_part_keeps_the_official_merges(laptop):
    page = table_page(laptop, "applications")
    for pane in page.view.frozen.panes():
        assert (pane.rowSpan(0, 0), pane.columnSpan(0, 0)) == (3, 3)
        assert pane.rowSpan(5, 0) == 22 and pane.columnSpan(0, 3) == 7


def test_labels_are_read_whole_and_in_full_on_hover(laptop):
    for size in ((1366, 768), (1000, 600)):
        laptop.resize(*size)
        for table_id in ("active", "applications", "review_litigation"):
            page = table_page(laptop, table_id)
            settle()
            view, model = page.view, page.model
            for g in model.table.grid:
                if g.ref is not None:
                    continue
                index = model.index(g.r, g.c)
                rect = view.visualRect(index)
                font = model.data(index, Qt.ItemDataRole.FontRole) or view.font()
                lines = QFontMetrics(font).boundingRect(QRect(0, 0, rect.width() - 8, 100_000),
                                                        int(Qt.TextFlag.TextWordWrap), g.text)
                assert lines.height() <= rect.height(), f"“{g.text}” does not fit its cell at {size} and ends in …"
                assert model.data(index, Qt.ItemDataRole.ToolTipRole) == g.text


def test_ten_rows_of_table_three_and_every_column_reachable_at_1000_by_600(laptop):
    view = table_page(laptop, "applications").view
    settle()
    _width, height = view.frozen.extent()
    bottom = view.viewport().height()
    tops = {r: view.rowViewportPosition(r) for r in range(3, view.model().rowCount())}
    whole_rows = [r for r, top in tops.items() if top >= height and top + view.rowHeight(r) <= bottom]
    assert len(whole_rows) >= 10
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    settle()
    for c in range(3, 10):  # scrolled to the far right, the last number columns are whole, the labels still there
        rect = view.visualRect(view.model().index(3, c))
        assert rect.right() <= view.viewport().width()
    assert text_seen_at(view, point_of(view, 27, 0)) == "四、结转下年度继续办理"


def test_seven_digit_numbers_are_shown_whole(laptop):
    page = table_page(laptop, "applications")
    view, model = page.view, page.model
    ref = cell("applications", "new_received", "natural")
    laptop.doc.set_cell(ref, "1234567")
    settle()
    index = model.index_of(ref)
    width = QFontMetrics(model.data(index, Qt.ItemDataRole.FontRole) or view.font()).horizontalAdvance("1234567")
    assert view.visualRect(index).width() >= width + 6
    total = model.index_of(cell("applications", "new_received", "total"))
    bold = model.data(total, Qt.ItemDataRole.FontRole)
    assert view.visualRect(total).width() >= QFontMetrics(bold).horizontalAdvance(model.data(total)) + 6


def test_moving_and_typing_under_the_frozen_rows_bring_the_cell_out_from_under_them(laptop, qtbot):
    page = table_page(laptop, "applications")
    view, model = page.view, page.model
    view.setFocus()
    view.setCurrentIndex(model.index_of(cell("applications", "carry_next", "natural")))
    settle()
    assert view.verticalScrollBar().value() > 0
    for _ in range(30):  # up the whole column, to 一、本年新收
        qtbot.keyClick(view, Qt.Key.Key_Up)
    assert model.ref_at(view.currentIndex()) == cell("applications", "new_received", "natural")
    width, height = view.frozen.extent()
    rect = view.visualRect(view.currentIndex())
    assert rect.top() >= height and rect.left() >= width
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert model.ref_at(view.currentIndex()) == cell("applications", "new_received", "total")
    type_text(view, "7")
    editor = next(e for e in view.findChildren(QLineEdit, "cellEditor") if e.isVisible())
    geometry = editor.geometry()
    assert geometry.left() >= width and geometry.top() >= height and geometry.right() <= view.viewport().width()
    assert text_seen_at(view, view.viewport().mapTo(view, geometry.center())) != "自然人"


def test_the_frozen_parts_take_no_keys_or_clicks(laptop, qtbot):
    page = table_page(laptop, "applications")
    view, model = page.view, page.model
    start = cell("applications", "granted", "natural")
    view.setCurrentIndex(model.index_of(start))
    view.setFocus()
    pane = view.frozen.left
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=pane.visualRect(model.index(3, 0)).center())
    assert model.ref_at(view.currentIndex()) == start and view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert model.ref_at(view.currentIndex()) == cell("applications", "partial", "natural")


def test_the_step_list_can_be_hidden_and_stays_hidden(laptop, qtbot):
    from PySide6.QtWidgets import QToolButton

    editor = laptop.editor
    view = table_page(laptop, "applications").view
    settle()
    narrow = view.viewport().width()
    toggle = editor.findChild(QToolButton, "stepsToggle")
    assert editor.step_list.isVisible() and toggle.text() == "◀ 收起步骤"
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    settle()
    assert not editor.step_list.isVisible() and toggle.text() == "▶ 显示步骤"
    assert view.viewport().width() > narrow + 200
    laptop.open_example(HUAIAN)  # a new editor, as after a restart
    settle()
    assert not laptop.editor.step_list.isVisible()
    qtbot.mouseClick(laptop.editor.findChild(QToolButton, "stepsToggle"), Qt.MouseButton.LeftButton)
    assert laptop.editor.step_list.isVisible()


def drag(qtbot, handle, dy: int) -> None:
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(0, dy))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(0, dy))


def test_the_findings_panel_is_taller_and_keeps_the_height_it_is_given(window, qtbot):
    window.resize(1366, 768)
    settle()
    findings = window.editor.findings
    assert findings.height() >= 160  # six lines or so, where it used to show about four
    drag(qtbot, window.editor.splitter.handle(1), -60)
    settle()
    taller = findings.height()
    assert taller >= 210
    window.resize(1366, 700)  # a shorter window takes from the page, not from the panel
    settle()
    assert findings.height() == taller
    window.open_example()  # a new editor, as after a restart
    window.resize(1366, 768)
    settle()
    assert window.editor.findings.height() == taller
