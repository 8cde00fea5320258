"""The website version: one self-contained HTML page for the body's CMS, and the same content as plain text.

Published pages show what CMS editors do to pasted Word text: 〔〕 and 年/月/日 vanish around numbers, tables
go missing under their headings (evaluators.md §4 item 3). So the page is what an editor keeps: plain
paragraphs, one text node each (digits and 〔〕 never in a run or span of their own), a plain ``<table>`` with
``rowspan``/``colspan`` exactly as the official grid, inline styles only (editors drop stylesheets and
classes), no scripts, no fields. What is printed and the warnings are the Word file's, decided once in
``blocks.printed_report`` (one-line fields read as the page shows them, line breaks as one space); this
module only turns the blocks into the template's. The template autoescapes: whatever the officer typed is
printed as text.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .. import __version__, oserrors
from ..report import Report
from ..storage import atomic_write
from . import blocks
from .layout import FONT_BODY, FONT_H1, FONT_H2, FONT_TABLE, FONT_TITLE, table_layout
from .tables import PrintedTable
from .word import ExportError

# The GB/T 9704 faces first, then what a reader's machine has (Windows, macOS, Linux), then the generic family.
# Unquoted (every name is a valid CSS identifier sequence): quotes inside a style attribute would be escaped.
FONTS = {
    "title": f"{FONT_TITLE},华文中宋,STZhongsong,宋体,SimSun,Noto Serif CJK SC,serif",
    "body": f"{FONT_BODY},仿宋,FangSong,STFangsong,Noto Serif CJK SC,serif",
    "h1": f"{FONT_H1},SimHei,STHeiti,Noto Sans CJK SC,sans-serif",
    "h2": f"{FONT_H2},楷体,KaiTi,STKaiti,Noto Serif CJK SC,serif",
    "table": f"{FONT_TABLE},SimSun,Noto Serif CJK SC,serif",
}


class PageBlock(NamedTuple):
    """A block as the template prints it."""

    kind: str  # h1 (一、), h2 (（一）), p, table, right (落款 and date), gap (the blank line above the 落款)
    text: str = ""
    rows: tuple = ()  # for a table: rows of WebCell
    right: float = 0.0  # for "right": the right indent in characters (GB/T 9704 7.3.5.2)
    table: PrintedTable | None = None
    widths: tuple[float, ...] = ()  # for a table: each grid column's share of the width in %


class WebCell(NamedTuple):
    rowspan: int
    colspan: int
    text: str
    align: str
    nowrap: bool


class Website(NamedTuple):
    title: str
    blocks: tuple[PageBlock, ...]
    warnings: tuple[str, ...]


def _page_blocks(block: blocks.Block) -> list[PageBlock]:
    """One printed block as the template's: a table's cells with their spans, the 落款 as right-aligned lines."""
    match block:
        case blocks.Heading1(text):
            return [PageBlock("h1", text)]
        case blocks.Heading2(text):
            return [PageBlock("h2", text)]
        case blocks.Paragraph(text):
            return [PageBlock("p", text)]
        case blocks.TableBlock(printed, rows):
            cells = tuple(tuple(WebCell(c.cell.rowspan, c.cell.colspan, c.text, c.align, c.number)
                                for c in row if not c.continuing)  # a continuing cell: the one above spans it
                          for row in rows)
            # each grid column's share of the width, planned for the widest number the officer can type
            widths = table_layout(printed.table).widths
            shares = tuple(round(100 * w / sum(widths), 2) for w in widths)
            return [PageBlock("table", rows=cells, table=printed, widths=shares)]
        case blocks.Signature(signature, date, signature_right, date_right):
            return [PageBlock("gap")] + [PageBlock("right", text, right=right)
                                     for text, right in ((signature, signature_right), (date, date_right)) if text]
    raise TypeError(f"no page block for {block!r}")


def website(report: Report) -> Website:
    """The page's content, decided once for the HTML file, the clipboard's text and the comparison."""
    printed = blocks.printed_report(report, one_line=True)
    title, *rest = printed.blocks  # the title first (``blocks.PrintedReport``)
    page = [b for block in rest for b in _page_blocks(block)]
    return Website(title.text, tuple(page), printed.warnings)


@cache
def _environment():
    from jinja2 import FunctionLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    folder = resources.files("resources").joinpath("templates", "export")
    # Sandboxed and autoescaped: the officer's text is a value, escaped on output and never compiled.
    return SandboxedEnvironment(loader=FunctionLoader(lambda name: folder.joinpath(name).read_text(encoding="utf-8")),
                                autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)


def render_html(page: Website, fragment: bool = False) -> str:
    """The whole page, or (``fragment``) only its content, as a clipboard's HTML is pasted into an editor."""
    html = _environment().get_template("website.html.j2").render(
        title=page.title, blocks=page.blocks, fonts=FONTS, version=__version__, fragment=fragment)
    return html.strip() + "\n"


def render_text(page: Website) -> str:
    """The page as plain text: paragraphs one a line, table rows with their cells between tabs (as a browser
    copies a table; the importer reads it back), a merged cell once, at its first row and column."""
    lines = [page.title, ""]
    for block in page.blocks:
        if block.kind == "table":
            for row in block.table.rows:
                lines.append("\t".join("\t".join(["" if continuing else cell.text] + [""] * (cell.colspan - 1))
                                       for cell, continuing in row))
            lines.append("")
        elif block.kind == "gap":
            lines.append("")
        elif block.kind == "p":
            lines.append("\u3000\u3000" + block.text)
        else:
            lines.append(block.text)
    return "\n".join(lines).rstrip("\n") + "\n"


def website_html(report: Report, fragment: bool = False) -> tuple[str, str, list[str]]:
    """(HTML, plain text, warnings); ``fragment`` for the clipboard's 复制网页版 (no document around it)."""
    page = website(report)
    return render_html(page, fragment), render_text(page), list(page.warnings)


def export_html(report: Report, path: str | os.PathLike) -> list[str]:
    """Write the website version at ``path`` (atomically, UTF-8) and return warnings for the officer.

    Raises ``ExportError`` with a Chinese message when the file cannot be written.
    """
    page = website(report)
    data = render_html(page).encode("utf-8")
    path = Path(path)
    try:
        atomic_write(path, lambda f: f.write(data))
    except OSError as e:
        raise ExportError(oserrors.cannot_write(path, e, "网页文件", "浏览器或编辑器")) from None
    return list(page.warnings)
