"""The step list and the findings list reuse each item's picture: they must never show a stale one."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem

from ui.palette import STATE_COLORS
from ui.panels.cached_delegate import CachedItemDelegate

from .conftest import cell, open_editor, table_page, type_text


def _list(qtbot) -> QListWidget:
    view = QListWidget()
    view.setWordWrap(True)
    view.setItemDelegate(CachedItemDelegate(view))
    for text in ("【错误】表三“自然人”列：第一项＋第二项＝3，相差3", "【警告】“一、总体情况（四）平台建设”还没有内容"):
        view.addItem(QListWidgetItem(text))
    view.resize(420, 160)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _picture(view):
    return view.viewport().grab().toImage()


def test_an_item_whose_text_or_colour_changes_is_drawn_anew(qtbot):
    view = _list(qtbot)
    before = _picture(view)
    view.item(0).setText("【错误】表三“自然人”列：第一项＋第二项＝4，相差4")
    after_text = _picture(view)
    assert after_text != before
    view.item(0).setForeground(QColor("#2b6cb0"))
    assert _picture(view) != after_text
    view.item(0).setText("【错误】表三“自然人”列：第一项＋第二项＝3，相差3")
    view.item(0).setForeground(view.item(1).foreground())
    assert _picture(view) == before  # back to the first look: the same picture, from the cache


def test_a_new_palette_redraws_every_item(qtbot):
    view = _list(qtbot)
    before = _picture(view)
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Text, QColor("#aa0000"))
    view.setPalette(palette)
    assert _picture(view) != before


def test_selection_is_drawn(qtbot):
    view = _list(qtbot)
    before = _picture(view)
    view.setCurrentRow(1)
    assert _picture(view) != before


def _paint_pending() -> None:
    # twice: a list view lays out again on a zero-timer, which runs in the next pass
    QApplication.processEvents()
    QApplication.processEvents()


def _on_screen(window, widget, rect, colour: str) -> int:
    """Pixels of about ``colour`` inside ``rect`` of ``widget`` as the window's screen shows it now."""
    shot = window.screen().grabWindow(window.winId()).toImage()  # what was painted, not a fresh render
    target, origin = QColor(colour), widget.mapTo(window, rect.topLeft())
    return sum(1 for x in range(origin.x(), origin.x() + rect.width())
               for y in range(origin.y(), origin.y() + rect.height())
               if _distance(shot.pixelColor(x, y), target) < 40)


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_a_flag_reaches_the_screen_in_the_step_dot_and_the_findings_list(window, qtbot):
    page = table_page(window, "applications")
    steps, findings = window.editor.step_list, window.editor.findings.list
    row = [s.id for s in window.editor.steps].index("export")  # a step not selected: its dot is plain to see
    dot = steps.visualRect(steps.model().index(row, 0))
    editor = open_editor(qtbot, page.view, cell("applications", "carried_over", "natural"), "0")
    _paint_pending()
    assert _on_screen(window, steps.viewport(), dot, STATE_COLORS["error"]) == 0
    type_text(editor, "3")  # a keystroke that changes nothing else on screen but the flag
    _paint_pending()
    assert _on_screen(window, steps.viewport(), dot, STATE_COLORS["error"]) > 20
    first = findings.visualRect(findings.model().index(0, 0))
    assert findings.item(0).text().startswith("【错误】")
    assert _on_screen(window, findings.viewport(), first, STATE_COLORS["error"]) > 50  # the red line of text
