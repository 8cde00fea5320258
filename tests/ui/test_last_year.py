"""Last year's numbers beside this year's in the table grids: on hover, and painted with 显示上年数 (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication, QCheckBox

from .conftest import cell, finish_edit, open_editor, table_page

# 淮安 2025, started from 2024's file: this year's cells mostly blank, last year's all kept
HUAIAN_2025 = Path(__file__).resolve().parents[2] / "resources" / "examples" / "huaian-2025.nianbao"
NATURAL = cell("applications", "new_received", "natural")  # 3001 last year
TOTAL = cell("applications", "new_received", "total")  # 3119 last year (computed)


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.fixture
def huaian(window):
    window.open_example(HUAIAN_2025)
    return window


def tooltip(page, ref) -> str:
    return page.model.data(page.model.index_of(ref), Qt.ItemDataRole.ToolTipRole)


def test_the_tooltip_tells_last_years_number_and_the_change(huaian):
    page = table_page(huaian, "applications")
    huaian.doc.set_cell(NATURAL, "3141")
    assert "上年：3001（本年较上年 +140）" in tooltip(page, NATURAL).split("\n")
    huaian.doc.set_cells([(cell("applications", "new_received", c), "0")
                          for c in ("commercial", "research", "social", "legal", "other_org")], "test")
    assert "上年：3119（本年较上年 +22）" in tooltip(page, TOTAL)  # computed totals on both sides
    huaian.doc.set_cell(NATURAL, "2990")
    assert "上年：3001（本年较上年 -11）" in tooltip(page, NATURAL)
    huaian.doc.set_cell(NATURAL, "3001")
    assert "上年：3001（本年与上年持平）" in tooltip(page, NATURAL)
    huaian.doc.set_cell(NATURAL, "")
    assert "上年：3001" in tooltip(page, NATURAL).split("\n")  # nothing to compare with yet


def test_a_report_without_last_years_numbers_says_nothing_of_them(window):
    page = table_page(window, "applications")
    assert "上年" not in tooltip(page, NATURAL)
    box = page.findChild(QCheckBox, "showLastYear")
    assert not box.isEnabled() and "没有上年" in box.toolTip()


def lower_half_colours(view, ref) -> set[int]:
    """The colours painted in the lower half of a cell, as the officer sees them."""
    rect = view.visualRect(view.model().index_of(ref))
    image = view.viewport().grab(rect).toImage()
    return {image.pixel(x, y) for x in range(image.width()) for y in range(image.height() * 2 // 3, image.height() - 2)}


def test_show_last_year_paints_it_under_this_years_number_and_never_edits_it(huaian, qtbot):
    page = table_page(huaian, "applications")
    view = page.view
    huaian.doc.set_cell(NATURAL, "3141")
    view.setCurrentIndex(page.model.index_of(cell("applications", "carried_over", "natural")))  # NATURAL unselected
    settle()
    one_line = view.rowHeight(3)
    plain = lower_half_colours(view, NATURAL)
    box = page.findChild(QCheckBox, "showLastYear")
    assert box.isEnabled() and box.text() == "显示上年数"
    box.click()
    settle()
    assert view.rowHeight(3) > one_line  # two lines: this year's number over last year's
    painted = lower_half_colours(view, NATURAL)
    grey = [c for c in painted - plain if abs(QColor(c).red() - QColor(c).blue()) < 12 and QColor(c).red() < 200]
    assert grey, "last year's 3001 is painted, greyed, in the cell"
    # the editable text is this year's alone, and so is what is copied
    editor = open_editor(qtbot, view, NATURAL, "3")
    assert editor.text() == "3"
    finish_edit(qtbot, view, editor, Qt.Key.Key_Escape)
    view.setCurrentIndex(page.model.index_of(NATURAL))
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == "3141\n"
    assert page.model.data(page.model.index_of(NATURAL)) == "3141"
    view.setCurrentIndex(page.model.index_of(cell("applications", "carried_over", "natural")))
    box.click()
    settle()
    assert view.rowHeight(3) == one_line and lower_half_colours(view, NATURAL) == plain


def test_show_last_year_is_remembered_for_every_table(huaian):
    page = table_page(huaian, "applications")
    page.findChild(QCheckBox, "showLastYear").click()
    other = table_page(huaian, "review_litigation")
    settle()
    assert other.findChild(QCheckBox, "showLastYear").isChecked()
    assert other.view.itemDelegate().show_last_year
    huaian.open_example(HUAIAN_2025)  # a new editor, as after a restart
    assert table_page(huaian, "active").findChild(QCheckBox, "showLastYear").isChecked()
