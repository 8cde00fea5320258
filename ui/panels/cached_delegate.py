"""Item painting for the step list and the findings list, drawn once per look and then reused.

Both lists hold wrapped Chinese text. Qt lays such text out again (line breaking and shaping) for
every item on every repaint and every size query, and a change to one item repaints the whole list:
when a keystroke raised or cleared a flag, that was most of the time before the screen caught up.
Here each item's picture and size are kept, keyed by everything that changes how it looks.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QCursor, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

_LIMIT = 96  # pictures kept per list: it shows a few dozen items in a handful of states (≈100 KB each)


class CachedItemDelegate(QStyledItemDelegate):
    """For a list whose items look the way their text, icon and colour say, drawn by its view's style."""

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self._view = view
        self._pictures: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._sizes: OrderedDict[tuple, QSize] = OrderedDict()

    def _look(self, index: QModelIndex) -> tuple:
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        view = self._view
        return (index.data(Qt.ItemDataRole.DisplayRole), icon.cacheKey() if icon is not None else 0,
                colour.color().rgba() if colour is not None else 0,
                view.palette().cacheKey(), view.font().key())  # a new palette or font draws everything afresh

    def _state(self, index: QModelIndex) -> tuple:
        # what the view puts into option.state, read from the view: reading option.state from Python
        # would build every QStyle enum on the first paint, about 10 ms of start-up
        view = self._view
        return (view.selectionModel().isSelected(index), index == view.currentIndex(), view.hasFocus(),
                index == view.indexAt(view.viewport().mapFromGlobal(QCursor.pos())) if view.underMouse() else False,
                view.isEnabled(), view.isActiveWindow())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        ratio = painter.device().devicePixelRatioF()
        rect = option.rect
        key = (self._look(index), self._state(index), rect.width(), rect.height(), ratio)
        picture = self._pictures.get(key)
        if picture is None:
            picture = QPixmap(rect.size() * ratio)
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            p = QPainter(picture)
            p.translate(-rect.topLeft())  # the item draws where the view put it, into its own picture
            super().paint(p, option, index)
            p.end()
            _remember(self._pictures, key, picture)
        painter.drawPixmap(rect.topLeft(), picture)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = index.data(Qt.ItemDataRole.SizeHintRole)
        if hint is not None:
            return hint
        key = (self._look(index), option.rect.width(), self._view.width())
        size = self._sizes.get(key)
        if size is None:
            size = super().sizeHint(option, index)
            _remember(self._sizes, key, size)
        return size


def _remember(cache: OrderedDict, key: tuple, value) -> None:
    cache[key] = value
    if len(cache) > _LIMIT:
        cache.popitem(last=False)  # the oldest: items that left the list long ago
