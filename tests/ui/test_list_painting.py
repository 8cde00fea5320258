"""The step list and the findings list reuse each item's picture: they must never show a stale one."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ui.cached_delegate import CachedItemDelegate


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
