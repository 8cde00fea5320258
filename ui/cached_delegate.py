"""Item painting for the step list and the findings list, drawn once per look and then reused.

Both lists hold wrapped Chinese text. Qt lays such text out again (line breaking and shaping) for
every item on every repaint and every size query, and a change to one item repaints the whole list:
when a keystroke raised or cleared a flag, that was most of the time before the screen caught up.
Here each item's picture and size are kept, keyed by everything that changes how it looks.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

_LIMIT = 96  # pictures kept per list: it shows a few dozen items in a handful of states (≈100 KB each)
_RESTYLE = (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange)


class CachedItemDelegate(QStyledItemDelegate):
    """For a list whose items look the way their text, icon and colour say, drawn by its view's style."""

    def __init__(self, view: QWidget):
        super().__init__(view)
        self._pictures: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._sizes: OrderedDict[tuple, QSize] = OrderedDict()
        view.installEventFilter(self)  # a new palette, font or style draws everything afresh

    def eventFilter(self, watched, event) -> bool:
        if event.type() in _RESTYLE:
            self._pictures.clear()
            self._sizes.clear()
        return False

    @staticmethod
    def _look(index: QModelIndex) -> tuple:
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        return (index.data(Qt.ItemDataRole.DisplayRole), icon.cacheKey() if icon is not None else 0,
                colour.color().rgba() if colour is not None else 0)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        ratio = painter.device().devicePixelRatioF()
        size = option.rect.size()
        key = (self._look(index), option.state.value, size.width(), size.height(), ratio)
        picture = self._pictures.get(key)
        if picture is None:
            picture = QPixmap(size * ratio)
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            local = QStyleOptionViewItem(option)
            local.rect = QRect(QPoint(0, 0), size)
            p = QPainter(picture)
            super().paint(p, local, index)
            p.end()
            _remember(self._pictures, key, picture)
        painter.drawPixmap(option.rect.topLeft(), picture)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = index.data(Qt.ItemDataRole.SizeHintRole)
        if hint is not None:
            return hint
        width = option.widget.width() if option.widget is not None else 0
        key = (self._look(index), option.rect.width(), width)
        size = self._sizes.get(key)
        if size is None:
            size = super().sizeHint(option, index)
            _remember(self._sizes, key, size)
        return size


def _remember(cache: OrderedDict, key: tuple, value) -> None:
    cache[key] = value
    if len(cache) > _LIMIT:
        cache.popitem(last=False)  # the oldest: items that left the list long ago
