"""Draw the application icon once and write it to resources/icons/ (PNG sizes, .ico, .svg).

The icon is a white report page with a red header band, three text lines and a green seal with a check
mark: "the annual report, checked". It is drawn from plain shapes (no font), so every run gives the same
files. Run it by hand after changing the design and commit the outputs:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Outputs: nianbao-<size>.png for the sizes below, nianbao.png (256 px), nianbao.ico (16…256 px, PNG
entries, as Windows Vista and later read them) and nianbao.svg (the same shapes, for the Linux icon theme).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen, QPolygonF

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

# The design, in a 256-unit square.
PAGE = (44, 14, 168, 216, 18)  # x, y, w, h, corner radius
PAGE_FILL, PAGE_EDGE, EDGE_W = "#ffffff", "#8a939c", 6
BAND = (44, 14, 168, 62)  # the red header band (top of the page)
BAND_FILL = "#c8161d"
LINES = ((72, 100, 112), (72, 128, 112), (72, 156, 64))  # x, y, length; 12 units thick, round caps
LINE_FILL, LINE_W = "#b5bcc4", 12
SEAL = (182, 186, 56)  # centre x, centre y, radius
SEAL_FILL, SEAL_EDGE = "#1e8e3e", "#ffffff"
CHECK = ((156, 188), (176, 208), (210, 166))
CHECK_W = 16


def draw(painter: QPainter, size: int) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    x, y, w, h, r = PAGE
    page = QPainterPath()
    page.addRoundedRect(QRectF(x, y, w, h), r, r)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillPath(page, QColor(PAGE_FILL))
    bx, by, bw, bh = BAND
    band = QPainterPath()
    band.addRect(QRectF(bx, by, bw, bh))
    painter.fillPath(page.intersected(band), QColor(BAND_FILL))
    painter.setPen(QPen(QColor(PAGE_EDGE), EDGE_W))
    painter.drawPath(page)
    painter.setPen(QPen(QColor(LINE_FILL), LINE_W, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for lx, ly, length in LINES:
        painter.drawLine(QPointF(lx, ly), QPointF(lx + length, ly))
    cx, cy, radius = SEAL
    painter.setPen(QPen(QColor(SEAL_EDGE), EDGE_W))
    painter.setBrush(QColor(SEAL_FILL))
    painter.drawEllipse(QPointF(cx, cy), radius, radius)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(SEAL_EDGE), CHECK_W, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.drawPolyline(QPolygonF([QPointF(px, py) for px, py in CHECK]))


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    draw(painter, size)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico file whose entries are PNG images (ICONDIR, one ICONDIRENTRY per size, then the PNGs)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in images.items():
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def svg_text() -> str:
    x, y, w, h, r = PAGE
    bx, by, bw, bh = BAND
    cx, cy, radius = SEAL
    lines = "\n".join(
        f'  <line x1="{lx}" y1="{ly}" x2="{lx + length}" y2="{ly}" stroke="{LINE_FILL}" stroke-width="{LINE_W}" '
        f'stroke-linecap="round"/>' for lx, ly, length in LINES)
    check = " ".join(f"{px},{py}" for px, py in CHECK)
    # The band with the page's rounded top corners (no clipPath: SVG Tiny renderers ignore it).
    band = (f"M{bx},{by + bh} V{by + r} A{r},{r} 0 0 1 {bx + r},{by} H{bx + bw - r} "
            f"A{r},{r} 0 0 1 {bx + bw},{by + r} V{by + bh} Z")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>年报编制助手</title>
  <rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{PAGE_FILL}"/>
  <path d="{band}" fill="{BAND_FILL}"/>
  <rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="none" stroke="{PAGE_EDGE}" stroke-width="{EDGE_W}"/>
{lines}
  <circle cx="{cx}" cy="{cy}" r="{radius}" fill="{SEAL_FILL}" stroke="{SEAL_EDGE}" stroke-width="{EDGE_W}"/>
  <polyline points="{check}" fill="none" stroke="{SEAL_EDGE}" stroke-width="{CHECK_W}" stroke-linecap="round"
            stroke-linejoin="round"/>
</svg>
"""


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(render(size)) for size in PNG_SIZES}
    for size, blob in pngs.items():
        (OUT / f"nianbao-{size}.png").write_bytes(blob)
    (OUT / "nianbao.png").write_bytes(pngs[256])
    (OUT / "nianbao.ico").write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    (OUT / "nianbao.svg").write_text(svg_text(), encoding="utf-8")
    print(f"icons written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
