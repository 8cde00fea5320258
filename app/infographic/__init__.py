"""一图读懂: the report as one long picture, 1080 px wide, as cities post it beside the report (issue 21).

Why it is built this way:

- **From the printed form.** The figures are the value cells of ``app.export.blocks.printed_report`` — the
  text the Word file and the web page print — and last year's come from the same printing of
  ``Report.last_year``'s cells, so the picture can never say another number than the report. Only sums the
  tables do not print (不予公开's eight reasons…) are added, from those printed values; 实质公开率 is
  ``app.indicators``' own. A 汇总 names its area as the drafts do (``drafts.region_word``: 全市, 全区, …).
- **One layout, two renderers.** ``layout.build_layout`` places and measures every run once; ``render`` only
  draws it, as SVG (text kept as ``<text>``, so the figures can be searched, copied and tested) and as PNG.
  Overlap and clipping are therefore checkable from the layout itself, whatever renderer follows.
- **Pillow, not Qt, not matplotlib.** ``app/`` must not import the desktop toolkit (the command line and a
  server use it too), and a chart library brings a plotting stack (and its own font handling) for a few bars
  and a ring. Pillow is small, has wheels everywhere the app runs, and measures text with FreeType in the very
  face the PNG is drawn in, which is what "no clipped text" rests on. The SVG is plain XML (xml.etree).
- **Fonts the machine has** (``fonts``): a CJK face found through fontconfig or the usual paths; none is a
  clear ``ExportError`` naming fonts-noto-cjk rather than a picture of empty boxes.
- **Colours for grey printing**: navy, blue, sky and pale steps differ in lightness, not only in hue, and
  every bar is labelled, so a black-and-white print still reads.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import oserrors
from ..export.word import ExportError
from ..report import Report
from ..storage import atomic_write
from .content import Content, build_content
from .fonts import Faces, machine_faces
from .layout import Layout, build_layout
from .render import png_bytes, svg_bytes

__all__ = ["ExportError", "SUFFIXES", "export_image", "image_bytes", "layout_for", "Content", "Layout"]

SUFFIXES = {".png": "png", ".svg": "svg"}


def layout_for(report: Report, faces: Faces | None = None, draft: bool = False) -> Layout:
    """The picture of ``report`` placed and measured (raises ExportError when no Chinese font is found)."""
    return build_layout(build_content(report, draft), faces or machine_faces())


def image_bytes(report: Report, kind: str, faces: Faces | None = None, draft: bool = False) -> bytes:
    """The picture as "png" or "svg" bytes; a 征求意见稿 says so in its title."""
    layout = layout_for(report, faces, draft)
    return png_bytes(layout) if kind == "png" else svg_bytes(layout)


def export_image(report: Report, path: str | os.PathLike, faces: Faces | None = None,
                 draft: bool = False) -> list[str]:
    """Write the picture to ``path`` (.png or .svg, atomically); returns warnings for the officer (in Chinese).

    Raises ``ExportError`` with a Chinese message: an unknown suffix, no Chinese font, a file that cannot be
    written.
    """
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ExportError(f"图解只能保存为 PNG 图片（.png）或 SVG 矢量图（.svg）：{path.name}")
    data = image_bytes(report, kind, faces, draft)
    try:
        atomic_write(path, lambda f: f.write(data))
    except OSError as e:
        raise ExportError(oserrors.cannot_write(path, e, "图解", "看图软件或浏览器")) from None
    warnings = []
    if report.year is None or not report.body.name.strip():
        warnings.append("图解的标题缺少年度或机关名称，请在“基本信息”中填写后重新导出")
    return warnings
