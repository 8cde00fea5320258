"""The picture computed once: every box, bar, ring and text run placed and measured, before any renderer runs.

Each text run is measured in the face it is drawn in (Pillow's FreeType, ``fonts.pil_font``) and shrunk or
wrapped until it fits the room it is given, so the SVG and the PNG draw the same runs at the same places and a
test can check from the layout alone that no two runs overlap and every one lies inside the canvas.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from .content import BLANK, Content, Figure
from .fonts import Faces, pil_font

WIDTH = 1080
MARGIN = 48
INNER = WIDTH - 2 * MARGIN
GAP = 24
PAD = 20

# Lightness steps that stay apart in grey (printed on a black-and-white printer): dark, mid, light, pale.
NAVY = "#17365d"  # grey ≈ 22 %
BLUE = "#2f6db5"  # ≈ 45 %
SKY = "#8db4e2"  # ≈ 70 %
PALE = "#eef2f7"  # ≈ 95 %
AMBER = "#f2b134"  # ≈ 72 %: the one warm accent (up/down marks, the ring)
PAPER = "#eaf0f7"  # ≈ 94 %: white cards stand out on it
INK = "#1d2733"
MUTED = "#56606b"
WHITE = "#ffffff"
BAR_SHADES = (NAVY, "#24538c", BLUE, "#5b8fcf", SKY, "#b3cdec")  # dark to light: order reads without colour


class Box(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    fill: str
    radius: float = 0
    key: str = ""  # a bar's figure key


class Ring(NamedTuple):
    cx: float
    cy: float
    r: float
    width: float
    fraction: float  # 0…1 of the ring drawn in ``fg`` from twelve o'clock, clockwise
    fg: str
    bg: str


class Text(NamedTuple):
    x: float  # the run's box: left, top, width (as measured), height (ascent + descent)
    y: float
    w: float
    h: float
    text: str
    size: int
    bold: bool
    fill: str
    ascent: float  # baseline = y + ascent
    key: str = ""  # the figure this run prints ("applications.granted.total"), "" for labels
    role: str = ""  # "value", "last", "label", … (a test reads figures by key and role)

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


class Layout(NamedTuple):
    width: int
    height: int
    faces: Faces
    boxes: tuple[Box, ...]
    rings: tuple[Ring, ...]
    texts: tuple[Text, ...]


class _Builder:
    def __init__(self, faces: Faces):
        self.faces = faces
        self.boxes: list[Box] = []
        self.rings: list[Ring] = []
        self.texts: list[Text] = []

    # --- measuring ----------------------------------------------------------------------------------

    def font(self, size: int, bold: bool):
        return pil_font(self.faces.bold if bold else self.faces.regular, size)

    def measure(self, text: str, size: int, bold: bool) -> tuple[float, float, float]:
        """Width, height (ascent + descent) and ascent of a run."""
        font = self.font(size, bold)
        ascent, descent = font.getmetrics()
        return font.getlength(text), ascent + descent, ascent

    def fitting(self, text: str, room: float, size: int, least: int, bold: bool) -> int:
        """The largest size from ``size`` down to ``least`` at which the run fits ``room`` (``least`` if none)."""
        while size > least and self.measure(text, size, bold)[0] > room:
            size -= 1
        return size

    def wrap(self, text: str, room: float, size: int, bold: bool) -> list[str]:
        """Lines no wider than ``room``; a closing mark never starts a line (it takes a character with it)."""
        lines: list[str] = []
        line = ""
        for ch in text:
            if line and self.measure(line + ch, size, bold)[0] > room:
                if ch in "，。、；：？！）》」”’…" and len(line) > 1:
                    lines.append(line[:-1])
                    line = line[-1]
                else:
                    lines.append(line)
                    line = ""
            line += ch
        if line:
            lines.append(line)
        return lines

    # --- placing ------------------------------------------------------------------------------------

    def text(self, text: str, x: float, y: float, size: int, *, bold: bool = False, fill: str = INK,
             align: str = "left", room: float | None = None, key: str = "", role: str = "") -> Text:
        """Place one run with its box's top at ``y``; ``x`` is its left, centre or right edge by ``align``."""
        w, h, ascent = self.measure(text, size, bold)
        if align == "center":
            x -= w / 2
        elif align == "right":
            x -= w
        run = Text(x, y, w, h, text, size, bold, fill, ascent, key, role)
        self.texts.append(run)
        return run

    def clipped(self, text: str, room: float, size: int, bold: bool) -> str:
        """The text, or as much of it as fits ``room`` with “…” (text typed where a number belongs may be long)."""
        if self.measure(text, size, bold)[0] <= room:
            return text
        while text and self.measure(text + "…", size, bold)[0] > room:
            text = text[:-1]
        return text + "…"

    def fitted(self, text: str, x: float, y: float, room: float, size: int, least: int, **kw) -> Text:
        bold = kw.get("bold", False)
        size = self.fitting(text, room, size, least, bold)
        return self.text(self.clipped(text, room, size, bold), x, y, size, room=room, **kw)

    def paragraph(self, text: str, x: float, y: float, room: float, size: int, *, line_gap: float = 8,
                  align: str = "left", **kw) -> float:
        """Wrapped lines from ``y``; returns the bottom of the last one."""
        bottom = y
        for line in self.wrap(text, room, size, kw.get("bold", False)):
            run = self.text(line, x, bottom, size, align=align, **kw)
            bottom = run.bottom + line_gap
        return bottom - line_gap

    def box(self, x, y, w, h, fill, radius=0, key="") -> Box:
        b = Box(x, y, w, h, fill, radius, key)
        self.boxes.append(b)
        return b


def _value(fig: Figure) -> str:
    return fig.text or BLANK


def _last_line(fig: Figure) -> str:
    if fig.last is None:
        return ""
    # 件 goes without saying under a count; 万元 and % do not
    last = (fig.last or BLANK) + (fig.unit if fig.last and fig.unit != "件" else "")
    return f"上年 {last}" + (f"  {fig.change}" if fig.change else "")


def _card(b: _Builder, fig: Figure, x: float, y: float, w: float, h: float, *, label: str | None = None,
          fill: str = WHITE) -> None:
    """A figure in a card: its label, the number large with its unit, last year's below; each run starts
    below the box of the one above (boxes as measured: ascent + descent)."""
    b.box(x, y, w, h, fill, 14)
    room = w - 2 * PAD
    top = b.fitted(label or fig.label, x + w / 2, y + 14, room, 26, 16, align="center", fill=MUTED,
                   role="label").bottom + 2
    value, unit = _value(fig), fig.unit if fig.text else ""
    size = 56
    unit_size = 24
    while size > 26:
        vw = b.measure(value, size, True)[0]
        uw = b.measure(unit, unit_size, False)[0] + 6 if unit else 0
        if vw + uw <= room:
            break
        size -= 2
        unit_size = max(16, min(unit_size, size // 2))
    uw = b.measure(unit, unit_size, False)[0] + 6 if unit else 0
    value = b.clipped(value, room - uw, size, True)
    vw, vh, va = b.measure(value, size, True)
    # the largest number's box, so every card of a row puts last year's line at the same height
    slot = b.measure(value, 56, True)[1]
    v = b.text(value, x + (w - vw - uw) / 2, top + (slot - vh) / 2, size, bold=True, fill=NAVY, key=fig.key,
               role="value")
    if unit:
        ua = b.measure(unit, unit_size, False)[2]
        b.text(unit, v.right + 6, v.y + v.ascent - ua, unit_size, fill=MUTED, role="unit")
    top += slot + 4
    last = _last_line(fig)
    if not last:
        return
    if _last_fits(b, fig, room):
        b.text(last, x + w / 2, top, 20, fill=MUTED, align="center", key=fig.key, role="last")
        return
    # seven digits both years: last year's number and the change on two lines
    run = b.fitted(_last_line(fig._replace(change="")), x + w / 2, top, room, 20, 14, fill=MUTED, align="center",
                   key=fig.key, role="last")
    if fig.change:
        b.fitted(fig.change, x + w / 2, run.bottom + 2, room, 20, 14, fill=MUTED, align="center", role="change")


def _last_fits(b: _Builder, fig: Figure, room: float) -> bool:
    return b.measure(_last_line(fig), 20, False)[0] <= room


def _card_height(b: _Builder, figs: tuple[Figure, ...], room: float) -> float:
    label = b.measure("国", 26, False)[1]
    value = b.measure("0", 56, True)[1]
    line = b.measure("国", 20, False)[1]
    h = 14 + label + 2 + value + 12
    if any(f.last is not None for f in figs):
        h += 4 + line
        if not all(_last_fits(b, f, room) for f in figs if f.last is not None):
            h += 2 + line
    return h


def _heading(b: _Builder, number: int, title: str, y: float) -> float:
    """A section's band: a numbered badge and the title; returns the y below it."""
    b.box(MARGIN, y, INNER, 64, NAVY, 12)
    b.box(MARGIN + 12, y + 10, 44, 44, AMBER, 22)
    b.text(str(number), MARGIN + 34, y + 32 - b.measure(str(number), 28, True)[1] / 2, 28, bold=True,
           fill=NAVY, align="center")
    size = b.fitting(title, INNER - 100, 32, 20, True)
    b.text(title, MARGIN + 72, y + 32 - b.measure(title, size, True)[1] / 2, size, bold=True, fill=WHITE)
    return y + 64 + GAP


def _cards_row(b: _Builder, figs: tuple[Figure, ...], y: float, fill: str = WHITE) -> float:
    n = len(figs)
    w = (INNER - (n - 1) * GAP) / n
    h = _card_height(b, figs, w - 2 * PAD)
    for i, fig in enumerate(figs):
        _card(b, fig, MARGIN + i * (w + GAP), y, w, h, fill=fill)
    return y + h + GAP


def _header(b: _Builder, c: Content) -> float:
    b.box(0, 0, WIDTH, 10, AMBER)
    y = 64
    name = c.name or "（未填写机关名称）"
    size = b.fitting(name, INNER, 46, 34, True)
    y = b.paragraph(name, WIDTH / 2, y, INNER, size, bold=True, fill=WHITE, align="center") + 18
    size = b.fitting(c.title_lines[0], INNER, 44, 28, True)
    y = b.text(c.title_lines[0], WIDTH / 2, y, size, bold=True, fill=WHITE, align="center").bottom + 16
    y = b.text(c.title_lines[1], WIDTH / 2, y, 88, bold=True, fill=AMBER, align="center").bottom + 20
    if c.scope_word:
        note = f"{c.scope_word}汇总数据" + (f" · 汇总{c.units}个单位" if c.units else "")
        w = b.measure(note, 26, False)[0] + 48
        b.box((WIDTH - w) / 2, y, w, 48, BLUE, 24)
        b.text(note, WIDTH / 2, y + 24 - b.measure(note, 26, False)[1] / 2, 26, fill=WHITE, align="center",
               role="scope")
        y += 48 + 20
    height = y + 28
    b.boxes.insert(1, Box(0, 10, WIDTH, height - 10, NAVY))
    return height + 40


def _results(b: _Builder, c: Content, y: float) -> float:
    """办理结果 as one bar per kind, the number after a fixed column so a long bar never runs into it."""
    rows = len(c.results)
    h = 70 + rows * 52 + 10
    b.box(MARGIN, y, INNER, h, WHITE, 14)
    b.text("办理结果", MARGIN + PAD, y + 18, 28, bold=True, fill=INK, role="label")
    label_w, number_w = 150, 300
    left = MARGIN + PAD + label_w
    room = INNER - 2 * PAD - label_w - number_w - 16
    top = max((bar.value for bar in c.results), default=Decimal(0))
    for i, bar in enumerate(c.results):
        ry = y + 70 + i * 52
        b.text(bar.figure.label, MARGIN + PAD, ry + 4, 26, fill=INK, role="label")
        length = float(bar.value / top) * room if top > 0 else 0
        b.box(left, ry + 9, room, 28, PALE, 6)
        if length > 0:
            b.box(left, ry + 9, max(length, 6), 28, BAR_SHADES[i % len(BAR_SHADES)], 6, bar.figure.key)
        value = _value(bar.figure) + ("件" if bar.figure.text else "")
        change = f"（{bar.figure.change}）" if bar.figure.change else ""
        right = MARGIN + INNER - PAD
        room_n = number_w - 8
        size = 26
        while size > 14 and b.measure(value, size, True)[0] + b.measure(change, size, False)[0] > room_n:
            size -= 1
        value = b.clipped(value, room_n - b.measure(change, size, False)[0], size, True)
        if change:
            cw = b.measure(change, size, False)[0]
            b.text(change, right, ry + 4, size, fill=MUTED, align="right", role="change")
            b.text(value, right - cw, ry + 4, size, bold=True, fill=NAVY, align="right", key=bar.figure.key,
                   role="value")
        else:
            b.text(value, right, ry + 4, size, bold=True, fill=NAVY, align="right", key=bar.figure.key,
                   role="value")
    return y + h + GAP


def _rate(b: _Builder, c: Content, y: float) -> float:
    fig = c.rate
    h = 230
    b.box(MARGIN, y, INNER, h, WHITE, 14)
    r = 80
    cx, cy = MARGIN + PAD + r + 10, y + h / 2
    share = float(fig.text) / 100 if fig.text else 0.0
    b.rings.append(Ring(cx, cy, r, 26, max(0.0, min(1.0, share)), BLUE, PALE))
    value = (fig.text + "%") if fig.text else BLANK
    size = b.fitting(value, 2 * r - 40, 36, 20, True)
    b.fitted(value, cx, cy - b.measure(value, size, True)[1] / 2, 2 * r - 40, size, 20, bold=True, fill=NAVY,
             align="center", key=fig.key, role="value")
    x = cx + r + 40
    room = MARGIN + INNER - PAD - x
    b.fitted("实质公开率", x, y + 40, room, 34, 20, bold=True, fill=INK, role="label")
    bottom = b.paragraph("（予以公开＋部分公开）÷ 办理总数", x, y + 96, room, 24, fill=MUTED, role="label")
    if fig.last is not None:
        last = _last_line(fig)
        b.fitted(last, x, bottom + 18, room, 24, 14, fill=MUTED, key=fig.key, role="last")
    return y + h + GAP


def _review(b: _Builder, c: Content, y: float) -> float:
    for title, total, parts in c.review:
        total_text = _value(total) + ("件" if total.text else "")
        b.text(title, MARGIN + 4, y, 28, bold=True, fill=INK, role="label")
        tw = b.measure(title, 28, True)[0]
        label = f"共 {total_text}"
        room = INNER - tw - 32
        b.fitted(label, MARGIN + INNER - 4, y, room, 28, 16, bold=True, fill=BLUE, align="right", key=total.key,
                 role="value")
        y += b.measure(title, 28, True)[1] + 12
        y = _cards_row(b, parts, y)
    return y


def _list(b: _Builder, title: str, items: tuple[str, ...], y: float, shade: str) -> float:
    b.text(title, MARGIN + 4, y, 30, bold=True, fill=INK, role="label")
    y += b.measure(title, 30, True)[1] + 16
    if not items:
        return b.paragraph("报告第五部分未写明。", MARGIN + 4, y, INNER, 26, fill=MUTED) + GAP
    for i, item in enumerate(items, 1):
        x = MARGIN + 64
        room = INNER - 64 - PAD
        lines = b.wrap(item, room, 28, False)
        line_h = b.measure("国", 28, False)[1]
        h = len(lines) * (line_h + 8) - 8 + 28
        b.box(MARGIN, y, INNER, h, WHITE, 12)
        b.box(MARGIN + 14, y + h / 2 - 18, 36, 36, shade, 18)
        b.text(str(i), MARGIN + 32, y + h / 2 - b.measure(str(i), 22, True)[1] / 2, 22, bold=True,
               fill=WHITE if shade != AMBER else NAVY, align="center")
        b.paragraph(item, x, y + 14, room, 28, fill=INK, role="item")
        y += h + 14
    return y + GAP - 14


def build_layout(c: Content, faces: Faces) -> Layout:
    b = _Builder(faces)
    b.box(0, 0, WIDTH, 1, PAPER)  # the background; its height is set once the rest is placed
    y = _header(b, c)
    scope = c.scope_word
    y = _heading(b, 1, f"{scope}主动公开政府信息情况" if scope else "主动公开政府信息情况", y)
    for group, figs in c.active:
        b.text(group, MARGIN + 4, y, 28, bold=True, fill=INK, role="label")
        y += b.measure(group, 28, True)[1] + 12
        y = _cards_row(b, figs, y)
    y = _heading(b, 2, f"{scope}收到和处理政府信息公开申请情况" if scope else "收到和处理政府信息公开申请情况", y)
    y = _cards_row(b, c.applications[:2], y)
    y = _cards_row(b, c.applications[2:], y)
    y = _results(b, c, y)
    y = _rate(b, c, y)
    y = _heading(b, 3, "政府信息公开行政复议、行政诉讼情况", y)
    y = _review(b, c, y)
    y = _heading(b, 4, "行政事业性收费", y)
    y = _cards_row(b, (c.fee,), y)
    y = _heading(b, 5, "存在的主要问题及改进情况", y)
    y = _list(b, "存在的主要问题", c.problems, y, AMBER)
    y = _list(b, "改进措施", c.measures, y, BLUE)
    source = f"数据来源：《{c.name}{c.title_lines[0]}》"
    y = b.paragraph(source, WIDTH / 2, y + 8, INNER, 22, fill=MUTED, align="center", role="source") + 48
    height = int(y)
    b.boxes[0] = Box(0, 0, WIDTH, height, PAPER)
    return Layout(WIDTH, height, faces, tuple(b.boxes), tuple(b.rings), tuple(b.texts))
