"""The indicators drawn on 检查与导出 (issue 21, item 2): each one year by year as bars, and in a 汇总 the units
side by side (who received most, whose tables hold errors).

What is drawn comes from ``app.infographic.charts``; this widget lays it out for its width and paints it with
QPainter (the app already has Qt: no chart library for a few bars). The earlier years are the reports of the
same body among the recently opened files (``ui.settings.recent_files``), read once per file version.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app import storage
from app.cells import format_number
from app.infographic.charts import Series, UnitBar, indicator_series, unit_bars
from app.report import Report

from ..document import ReportDocument

# Older years lighter, this year darkest: the order reads in grey too.
_YEAR_SHADES = ("#b3cdec", "#8db4e2", "#5b8fcf", "#2f6db5", "#17365d")
_TRACK = "#eef2f7"
_ERROR = "#c0392b"
_LABEL_W = 180
_VALUE_W = 150
_ROW = 22
_TITLE = 26


class Item(NamedTuple):
    kind: str  # "title", "label", "value", "bar", "track"
    rect: QRectF
    text: str = ""
    color: str = ""
    hatched: bool = False  # a unit whose tables hold errors: hatched as well as red, for a grey print
    tip: str = ""


def _value_text(value, unit: str) -> str:
    return "—" if value is None else f"{format_number(value)}{unit}"


def recent_reports(report: Report) -> list[Report]:
    """The same body's other reports among the recent files (a file that cannot be read is passed over)."""
    from ..settings import recent_files

    name = report.body.name.strip()
    out = []
    for path in recent_files():
        other = _read(path)
        if other is not None and other.body.name.strip() == name and other.year != report.year:
            out.append(other)
    return out


_READ: dict[tuple[str, float], Report | None] = {}


def _read(path: str) -> Report | None:
    try:
        key = (path, os.stat(path).st_mtime)
    except OSError:
        return None
    if key not in _READ:
        try:
            _READ[key] = storage.load(path)
        except (storage.ProjectFileError, OSError):
            _READ[key] = None
    return _READ[key]


class ChartsPanel(QWidget):
    def __init__(self, doc: ReportDocument, earlier: Callable[[Report], list[Report]] | None = None,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("chartsPanel")
        self.doc = doc
        self._earlier_of = earlier or recent_reports
        self._earlier: list[Report] | None = None
        self._series: list[Series] = []
        self._units: list[UnitBar] = []
        self._items: list[Item] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        doc.findingsChanged.connect(self.refresh)  # after every edit, and when last year's report is replaced
        doc.unitsChanged.connect(self.refresh_units)
        doc.pathChanged.connect(self.reload_earlier)
        self.refresh_units()

    # --- data --------------------------------------------------------------------------------------

    def reload_earlier(self) -> None:
        self._earlier = None
        self.refresh()

    def refresh(self) -> None:
        """The indicators again (each edit): cheap. The units' bars change only with the unit list."""
        if self._earlier is None:
            self._earlier = self._earlier_of(self.doc.report)
        self._series = indicator_series(self.doc.report, self._earlier)
        self._lay_out()

    def refresh_units(self) -> None:
        con = self.doc.consolidation
        if con is None or not self.doc.report.units:
            self._units = []
        else:  # each unit was checked once when it was read: its count is taken, not worked out again
            counts = {id(e.unit): e.error_count for e in con.entries}
            self._units = unit_bars(self.doc.report, lambda u: counts.get(id(u), 0))
        self.refresh()

    def series(self) -> list[Series]:
        return list(self._series)

    def units(self) -> list[UnitBar]:
        return list(self._units)

    def texts(self) -> list[str]:
        """Every text drawn, top to bottom (what the officer reads)."""
        return [i.text for i in self._items if i.text]

    # --- layout and painting ------------------------------------------------------------------------

    def _lay_out(self) -> None:
        width = max(self.width(), 420)
        bar_left = _LABEL_W
        bar_w = max(60, width - _LABEL_W - _VALUE_W - 16)
        items: list[Item] = []
        y = 0.0
        for s in self._series:
            items.append(Item("title", QRectF(0, y, width, _TITLE), s.name, tip=f"{s.name} = {s.formula}"))
            y += _TITLE
            values = [v for _, v in s.points if v is not None]
            top = max(values, default=0)
            scale = max(top, 100) if s.unit == "%" else top
            n = len(s.points)
            for k, (year, value) in enumerate(s.points):
                shade = _YEAR_SHADES[max(0, len(_YEAR_SHADES) - n + k)]
                items.append(Item("label", QRectF(12, y, bar_left - 16, _ROW), f"{year}年"))
                items.append(Item("track", QRectF(bar_left, y + 4, bar_w, _ROW - 8), color=_TRACK))
                if value is not None and scale:
                    items.append(Item("bar", QRectF(bar_left, y + 4, max(2.0, bar_w * float(value) / float(scale)),
                                                    _ROW - 8), color=shade))
                items.append(Item("value", QRectF(bar_left + bar_w + 8, y, _VALUE_W, _ROW),
                                  _value_text(value, s.unit)))
                y += _ROW
            y += 8
        if self._units:
            errors = sum(1 for u in self._units if u.errors)
            title = f"各单位本年新收申请（{len(self._units)}个单位" + (f"，{errors}个有错误）" if errors else "）")
            items.append(Item("title", QRectF(0, y, width, _TITLE), title))
            y += _TITLE
            top = max((u.received or 0 for u in self._units), default=0)
            metrics = self.fontMetrics()
            for u in self._units:
                name = u.name + ("（本级）" if u.own else "")
                shown = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, bar_left - 16)
                items.append(Item("label", QRectF(12, y, bar_left - 16, _ROW), shown, tip=name))
                items.append(Item("track", QRectF(bar_left, y + 4, bar_w, _ROW - 8), color=_TRACK))
                if u.received and top:
                    items.append(Item("bar", QRectF(bar_left, y + 4, max(2.0, bar_w * float(u.received) / float(top)),
                                                    _ROW - 8), color=_ERROR if u.errors else _YEAR_SHADES[-2],
                                      hatched=bool(u.errors)))
                value = _value_text(u.received, "件") + (f" · {u.errors}项错误" if u.errors else "")
                items.append(Item("value", QRectF(bar_left + bar_w + 8, y, _VALUE_W, _ROW), value,
                                  color=_ERROR if u.errors else ""))
                y += _ROW
        self._items = items
        self.setFixedHeight(int(y) + 4)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, self.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._lay_out()

    def event(self, e):
        if e.type() == e.Type.ToolTip:
            pos = e.pos()
            tip = next((i.tip for i in self._items if i.tip and i.rect.contains(pos)), "")
            self.setToolTip(tip)
        return super().event(e)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().windowText().color()
        bold = QFont(self.font())
        bold.setBold(True)
        for item in self._items:
            if item.kind in ("bar", "track"):
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(item.color))
                p.drawRoundedRect(item.rect, 3, 3)
                if item.hatched:
                    p.setBrush(QBrush(QColor("#ffffff"), Qt.BrushStyle.BDiagPattern))
                    p.drawRoundedRect(item.rect, 3, 3)
                continue
            p.setFont(bold if item.kind == "title" else self.font())
            p.setPen(QPen(QColor(item.color) if item.color else text_color))
            p.drawText(item.rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, item.text)
        p.end()
