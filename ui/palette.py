"""Colours and fonts shared by the widgets, so a state looks the same everywhere."""

from __future__ import annotations

from PySide6.QtGui import QFont

CELL_COLORS = {
    "label": "#f0f0f0",
    "input": "#ffffff",
    "auto": "#e8f0fb",  # computed total: visibly not an input cell
    "override": "#d3e3f8",
    "warning": "#fff2cc",
    "error": "#f8d0cc",
    "invalid": "#f8d0cc",
}

STATE_COLORS = {"error": "#c0392b", "warning": "#b7791f", "info": "#2b6cb0", "done": "#2f855a", "empty": "#888888"}

# Fonts that render Simplified Chinese on Windows, UOS/麒麟 and the test machines, best first.
CJK_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                "WenQuanYi Micro Hei", "SimSun", "Noto Sans"]


def ui_font(point_size: float = 10.0) -> QFont:
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSizeF(point_size)
    return font
