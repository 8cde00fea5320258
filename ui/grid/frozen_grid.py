"""Frozen header rows and label columns for a report grid: views over the same model laid over the grid.

Qt's "frozen column" pattern (examples/widgets/itemviews/frozencolumn) in both directions. Up to three
read-only views share the grid's model and selection model and sit over its viewport: the header rows
along the top (scrolling sideways with the grid), the label columns down the left (scrolling up and down
with it) and the corner where both meet (never scrolling). Each pane lays out the whole table with the
grid's own merges, row heights and column widths and shows only its strip of it, so at rest it is the grid
beneath pixel for pixel, and a merged cell running past the frozen edge is simply cut at the edge.

The frozen rows and columns hold labels only, so the panes take no focus and no clicks: every key, the
cell editor and the selection stay with the grid underneath.

``GridSizing`` gives the grid its column widths and row heights: numbers never end in "…" (a column is at
least as wide as its widest number), the label columns of 表三 narrow on a small window, and every label
gets the lines it needs to be read whole (rows grow, labels wrap).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

# a frozen strip taking more of the viewport than this would leave too little of the numbers to scroll:
# on such a small window the strip scrolls with the rest instead
_MAX_SHARE = 0.6
_EDGE_COLOR = "#8c9bab"
_ROW = 26  # one line of text with Qt's cell margins
_TWO_LINES = 42  # this year's number over last year's
_PAD_W, _PAD_H = 12, 6  # a cell's text margins, both sides together, with a little air
_NARROWEST_NUMBER = "8888"  # numbers columns fit four digits before anything is typed
_WIDEST_COLUMN = 200  # an unreadable text typed into a cell is not worth a wider column
_MIN_COLUMN = 48
# 表三's label columns, narrowest and widest: the long labels of columns 1 and 2 wrap on a small window, so that
# at 1000×600 beside the step list all seven number columns, 总计 the last, fit without scrolling sideways
_LABEL_WIDTHS = {"applications": {0: (54, 64), 1: (104, 118), 2: (150, 290)}}


class FrozenPane(QTableView):
    """One strip of the grid (top, left or corner) drawn by a view of its own over the grid."""

    def __init__(self, grid: QTableView, spans, name: str):
        super().__init__(grid)
        self._grid = grid
        self.setObjectName(name)
        self.setModel(grid.model())
        self.setSelectionModel(grid.selectionModel())
        # a delegate of its own: the grid's delegate reports its editors to every view it serves
        self.setItemDelegate(QStyledItemDelegate(self))
        for g in spans:
            self.setSpan(g.r, g.c, g.rowspan, g.colspan)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setMinimumSectionSize(0)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(grid.wordWrap())
        self.setTextElideMode(grid.textElideMode())
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setMouseTracking(True)  # hover tooltips show the full label
        self.setAutoScroll(False)

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Never: the current cell is the grid's, and a pane scrolls only along with the grid."""

    # the strip shows labels; a click or the wheel belongs to the grid underneath
    def mousePressEvent(self, event) -> None:
        self._grid.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        event.accept()

    def wheelEvent(self, event) -> None:
        QApplication.sendEvent(self._grid.viewport(), event)


class FrozenPanes(QObject):
    """The panes over one grid: kept the size of its frozen rows and columns and scrolled along with it."""

    def __init__(self, grid: QTableView, rows: int, cols: int, spans):
        super().__init__(grid)
        self.grid, self.rows, self.cols = grid, rows, cols
        self.top = FrozenPane(grid, spans, "frozenTop") if rows else None
        self.left = FrozenPane(grid, spans, "frozenLeft") if cols else None
        self.corner = FrozenPane(grid, spans, "frozenCorner") if rows and cols else None
        self._extent = (0, 0)
        # a darker edge where numbers slide under the frozen strip, shown only while they do
        self._edges = {}
        for name in ("right", "bottom"):
            edge = QWidget(grid)
            edge.setObjectName(f"frozenEdge:{name}")
            edge.setAutoFillBackground(True)
            palette = edge.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(_EDGE_COLOR))
            edge.setPalette(palette)
            edge.hide()
            self._edges[name] = edge
        grid.horizontalHeader().sectionResized.connect(self._column_resized)
        grid.verticalHeader().sectionResized.connect(self._row_resized)
        grid.horizontalScrollBar().valueChanged.connect(self._follow)
        grid.verticalScrollBar().valueChanged.connect(self._follow)
        grid.installEventFilter(self)
        for pane in self.panes():
            # a pane lays itself out later than the grid: scroll it again once its range is known
            pane.horizontalScrollBar().rangeChanged.connect(self._follow)
            pane.verticalScrollBar().rangeChanged.connect(self._follow)
            for c in range(grid.model().columnCount()):
                pane.setColumnWidth(c, grid.columnWidth(c))
            for r in range(grid.model().rowCount()):
                pane.setRowHeight(r, grid.rowHeight(r))

    def panes(self) -> list[FrozenPane]:
        return [p for p in (self.top, self.left, self.corner) if p is not None]

    def extent(self) -> tuple[int, int]:
        """Width and height the frozen strips cover over the viewport now (0 for a strip not frozen)."""
        return self._extent

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        for pane in self.panes():
            pane.setColumnWidth(column, new)
        self.place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        for pane in self.panes():
            pane.setRowHeight(row, new)
        self.place()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self.place()
        return False

    def place(self) -> None:
        grid = self.grid
        viewport = grid.viewport().geometry()
        width = sum(grid.columnWidth(c) for c in range(self.cols))
        height = sum(grid.rowHeight(r) for r in range(self.rows))
        if width > viewport.width() * _MAX_SHARE:
            width = 0
        if height > viewport.height() * _MAX_SHARE:
            height = 0
        self._extent = (width, height)
        x, y = viewport.x(), viewport.y()
        if self.top is not None:
            self.top.setGeometry(x, y, viewport.width(), height)
            self.top.setVisible(height > 0)
        if self.left is not None:
            self.left.setGeometry(x, y, width, viewport.height())
            self.left.setVisible(width > 0)
        if self.corner is not None:
            self.corner.setGeometry(x, y, width, height)
            self.corner.setVisible(width > 0 and height > 0)
            self.corner.raise_()
        self._edges["right"].setGeometry(x + width - 1, y, 2, viewport.height())
        self._edges["bottom"].setGeometry(x, y + height - 1, viewport.width(), 2)
        self._follow()

    def _follow(self, *_args) -> None:
        h, v = self.grid.horizontalScrollBar().value(), self.grid.verticalScrollBar().value()
        if self.top is not None:
            self.top.horizontalScrollBar().setValue(h)
        if self.left is not None:
            self.left.verticalScrollBar().setValue(v)
        width, height = self._extent
        for name, show in (("right", width > 0 and h > 0), ("bottom", height > 0 and v > 0)):
            edge = self._edges[name]
            if edge.isVisibleTo(self.grid) != show:
                edge.setVisible(show)
            if show:
                edge.raise_()


class GridSizing:
    """Column widths from the window's width and the numbers shown; row heights from the labels' lines."""

    def __init__(self, view: QTableView, model):
        self.view, self.model = view, model
        table = model.table
        positions = model.value_positions()
        self.frozen_rows = table.header_rows
        self.frozen_cols = min(c for _, c in positions)
        self.second_line = False  # set by the view while last year's numbers are shown
        self._labels = _LABEL_WIDTHS.get(table.id, {})
        self._value_rows = {r for r, _ in positions}
        self._number_cols = {c for _, c in positions}
        self._bold = QFont(view.font())
        self._bold.setBold(True)
        self._digits = QFontMetrics(self._bold)
        self._longest = 0
        self._number_width = self._widest_number()
        # a column's own heading (社会公益组织) in two lines at most: three would make the header rows too tall
        self._heading_width = {}
        for g in table.grid:
            if g.ref is None and g.colspan == 1 and g.kind == "col_label":
                half = (self._digits.horizontalAdvance(g.text) + 1) // 2
                self._heading_width[g.c] = max(self._heading_width.get(g.c, 0), half + _PAD_W + 4)
        view.horizontalHeader().setMinimumSectionSize(0)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setMinimumSectionSize(0)
        # fixed heights: a label spanning many rows must not stretch the first of them
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # widths change a column at a time while the window is resized: fit the rows once, after the last
        self._fit_timer = QTimer(view)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_rows)
        view.horizontalHeader().sectionResized.connect(lambda *_: self._fit_timer.start())
        model.dataChanged.connect(self._data_changed)
        self.spread_columns()
        self.fit_rows()

    def _widest_number(self) -> int:
        texts = [_NARROWEST_NUMBER] + [self.model.display_text(self.model.ref_at(self.model.index(*p)))
                                       for p in self.model.value_positions()]
        if self.second_line:
            texts += [self.model.last_year_text(self.model.ref_at(self.model.index(*p))) or ""
                      for p in self.model.value_positions()]
        self._longest = max(len(t) for t in texts)
        return min(_WIDEST_COLUMN, max(self._digits.horizontalAdvance(t) for t in texts) + _PAD_W)

    def _data_changed(self, top_left, bottom_right, *_roles) -> None:
        # per keystroke: only a text longer than any shown so far is measured
        for r in range(top_left.row(), bottom_right.row() + 1):
            for c in range(top_left.column(), bottom_right.column() + 1):
                ref = self.model.ref_at(self.model.index(r, c))
                if ref is not None and len(self.model.display_text(ref)) > self._longest:
                    self.refit()
                    return

    def refit(self) -> None:
        self._number_width = self._widest_number()
        self.spread_columns()
        self.fit_rows()

    def spread_columns(self) -> None:
        """Numbers get their minimum, then 表三's labels grow to their widest, then numbers share what is left."""
        view = self.view
        available = view.viewport().width()
        bar = view.verticalScrollBar()
        if not bar.isVisible() and view.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            # rows taller than the view bring the scroll bar after this: its width is not the numbers' to take
            rows = sum(view.rowHeight(r) for r in range(self.model.rowCount()))
            if rows > view.viewport().height():
                available -= bar.sizeHint().width()
        free = [c for c in range(self.model.columnCount()) if c not in self._labels]
        least = {c: max(self._number_width, self._heading_width.get(c, 0)) if c in self._number_cols
                 else _MIN_COLUMN for c in free}
        widths = {c: low for c, (low, _high) in self._labels.items()}
        spare = available - sum(widths.values()) - sum(least.values())
        for c, (low, high) in sorted(self._labels.items()):
            grow = max(0, min(high - low, spare))
            widths[c] += grow
            spare -= grow
        if free:
            # what is left goes to the numbers on top of each one's least: an even split with each raised to its
            # least would add up to more than the view and push 总计 off its right edge
            share, extra = divmod(max(0, spare), len(free))
            for i, c in enumerate(free):
                widths[c] = least[c] + share + (1 if i < extra else 0)
        for c, width in widths.items():
            if view.columnWidth(c) != width:
                view.setColumnWidth(c, width)

    def fit_rows(self) -> None:
        """Each row as tall as its labels need to be read whole at the current widths (at least one line)."""
        view, model = self.view, self.model
        number_row = _TWO_LINES if self.second_line else _ROW
        heights = [number_row if r in self._value_rows else _ROW for r in range(model.rowCount())]
        labels = sorted((g for g in model.table.grid if g.ref is None), key=lambda g: g.rowspan)
        plain = QFontMetrics(view.font())
        for g in labels:
            width = sum(view.columnWidth(c) for c in range(g.c, g.c + g.colspan)) - _PAD_W
            metrics = self._digits if model.data(model.index(g.r, g.c), Qt.ItemDataRole.FontRole) else plain
            need = metrics.boundingRect(QRect(0, 0, max(width, 16), 100_000),
                                        int(Qt.TextFlag.TextWordWrap), g.text).height() + _PAD_H
            rows = range(g.r, g.r + g.rowspan)
            have = sum(heights[r] for r in rows)
            if need > have:  # a merged label grows its last row: the rows above keep their numbers' height
                heights[rows[-1]] += need - have
        for r, height in enumerate(heights):
            if view.rowHeight(r) != height:
                view.setRowHeight(r, height)
