"""The layout drawn: SVG written as XML (text as ``<text>``, so the figures stay searchable and testable) and
PNG drawn with Pillow in the very faces the layout was measured in."""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET

from .fonts import pil_font
from .layout import Layout

SVG_NS = "http://www.w3.org/2000/svg"
# Viewers draw the SVG in their own fonts: these name the faces a Chinese desktop has, the measured one first,
# and each run carries its measured width (textLength) so a wider face is squeezed, never run into its neighbour.
_FAMILIES = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'SimHei', sans-serif"


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _ring_path(cx: float, cy: float, r: float, fraction: float) -> str:
    """An arc of the ring's centre line from twelve o'clock, clockwise."""
    angle = 2 * math.pi * fraction
    x0, y0 = cx, cy - r
    x1, y1 = cx + r * math.sin(angle), cy - r * math.cos(angle)
    large = 1 if fraction > 0.5 else 0
    return f"M{_n(x0)} {_n(y0)} A{_n(r)} {_n(r)} 0 {large} 1 {_n(x1)} {_n(y1)}"


def svg_bytes(layout: Layout) -> bytes:
    ET.register_namespace("", SVG_NS)
    root = ET.Element(f"{{{SVG_NS}}}svg", {
        "width": str(layout.width), "height": str(layout.height),
        "viewBox": f"0 0 {layout.width} {layout.height}", "font-family": _FAMILIES,
    })
    for b in layout.boxes:
        attrs = {"x": _n(b.x), "y": _n(b.y), "width": _n(b.w), "height": _n(b.h), "fill": b.fill}
        if b.radius:
            attrs["rx"] = _n(b.radius)
        if b.key:
            attrs["data-key"] = b.key
        ET.SubElement(root, f"{{{SVG_NS}}}rect", attrs)
    for ring in layout.rings:
        ET.SubElement(root, f"{{{SVG_NS}}}circle", {
            "cx": _n(ring.cx), "cy": _n(ring.cy), "r": _n(ring.r), "fill": "none", "stroke": ring.bg,
            "stroke-width": _n(ring.width)})
        if ring.fraction >= 0.9995:
            ET.SubElement(root, f"{{{SVG_NS}}}circle", {
                "cx": _n(ring.cx), "cy": _n(ring.cy), "r": _n(ring.r), "fill": "none", "stroke": ring.fg,
                "stroke-width": _n(ring.width)})
        elif ring.fraction > 0:
            ET.SubElement(root, f"{{{SVG_NS}}}path", {
                "d": _ring_path(ring.cx, ring.cy, ring.r, ring.fraction), "fill": "none", "stroke": ring.fg,
                "stroke-width": _n(ring.width)})
    for t in layout.texts:
        attrs = {"x": _n(t.x), "y": _n(t.y + t.ascent), "font-size": str(t.size), "fill": t.fill,
                 "textLength": _n(t.w), "lengthAdjust": "spacingAndGlyphs"}
        if t.bold:
            attrs["font-weight"] = "bold"
        if t.key:
            attrs["data-key"] = t.key
        if t.role:
            attrs["data-role"] = t.role
        el = ET.SubElement(root, f"{{{SVG_NS}}}text", attrs)
        el.text = t.text  # ElementTree escapes &, < and > (a body name may hold any of them)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def png_bytes(layout: Layout) -> bytes:
    from PIL import Image, ImageDraw

    # Drawn at twice the size and scaled down: rounded corners and the ring come out smooth at 1080 px.
    scale = 2
    image = Image.new("RGB", (layout.width * scale, layout.height * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    s = lambda v: round(v * scale)  # noqa: E731
    for b in layout.boxes:
        box = (s(b.x), s(b.y), s(b.x + b.w) - 1, s(b.y + b.h) - 1)
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        if b.radius:
            draw.rounded_rectangle(box, radius=s(min(b.radius, b.w / 2, b.h / 2)), fill=b.fill)
        else:
            draw.rectangle(box, fill=b.fill)
    for ring in layout.rings:
        outer = (s(ring.cx - ring.r - ring.width / 2), s(ring.cy - ring.r - ring.width / 2),
                 s(ring.cx + ring.r + ring.width / 2), s(ring.cy + ring.r + ring.width / 2))
        draw.ellipse(outer, outline=ring.bg, width=s(ring.width))
        if ring.fraction > 0:
            draw.arc(outer, start=-90, end=-90 + 360 * ring.fraction, fill=ring.fg, width=s(ring.width))
    for t in layout.texts:
        face = layout.faces.bold if t.bold else layout.faces.regular
        draw.text((s(t.x), s(t.y + t.ascent)), t.text, font=pil_font(face, t.size * scale), fill=t.fill,
                  anchor="ls")
    image = image.resize((layout.width, layout.height), Image.LANCZOS)
    # A palette of 128 shades keeps a city's long picture near 150 kB instead of 700 (websites and 政务新媒体
    # limit uploads); no dithering, so flat fills stay flat and text edges keep their smoothing steps.
    image = image.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
