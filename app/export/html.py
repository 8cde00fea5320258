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
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .. import __version__, oserrors
from ..report import Report
from ..storage import atomic_write
from . import blocks
from .layout import FONT_BODY, FONT_H1, FONT_H2, FONT_TABLE, FONT_TITLE, table_layout
from .publishing import DRAFT_MARK, ExportError, require_final
from .tables import PrintedTable

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
    words: tuple[str, ...] = ()  # a header label in the words a line may break between (``header_words``)


_CJK = re.compile("[\u4e00-\u9fff]+")


def header_words(text: str) -> tuple[str, ...]:
    """A header label as the words a browser may break it between, or () to leave it to the browser.

    In a narrow column (表四 has fifteen) a browser breaks Chinese between any two characters: “结果维/持”,
    “尚/未审结”. The labels of the official tables are two-character words (结果 维持, 未经 复议 直接 起诉), so
    an even-length label breaks only between them; an odd one (自然人, 申请人情况) of up to five characters stays
    whole; a longer odd one is left to the browser.
    """
    if not _CJK.fullmatch(text):
        return ()
    if len(text) % 2 == 0:
        return tuple(text[i:i + 2] for i in range(0, len(text), 2))
    return (text,) if len(text) <= 5 else ()


class Website(NamedTuple):
    title: str
    blocks: tuple[PageBlock, ...]
    warnings: tuple[str, ...]
    draft: bool = False  # a 征求意见稿: a banner above the title says so


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
            header = printed.table.header_rows
            cells = tuple(tuple(WebCell(c.cell.rowspan, c.cell.colspan, c.text, c.align, c.number,
                                        header_words(c.text) if c.cell.r < header else ())
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


def website(report: Report, draft: bool = False) -> Website:
    """The page's content, decided once for the HTML file, the clipboard's text and the comparison."""
    printed = blocks.printed_report(report, one_line=True)
    title, *rest = printed.blocks  # the title first (``blocks.PrintedReport``)
    page = [b for block in rest for b in _page_blocks(block)]
    return Website(title.text, tuple(page), printed.warnings, draft)


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
        title=page.title, blocks=page.blocks, fonts=FONTS, version=__version__, fragment=fragment,
        draft=DRAFT_MARK if page.draft else "")
    return html.strip() + "\n"


def render_text(page: Website) -> str:
    """The page as plain text: paragraphs one a line, table rows with their cells between tabs (as a browser
    copies a table; the importer reads it back), a merged cell once, at its first row and column."""
    lines = ([DRAFT_MARK] if page.draft else []) + [page.title, ""]
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


def website_html(report: Report, fragment: bool = False, draft: bool = False) -> tuple[str, str, list[str]]:
    """(HTML, plain text, warnings); ``fragment`` for the clipboard's 复制网页版 (no document around it).

    ``draft``: a 征求意见稿 with its banner; without it a report still holding placeholders is refused
    (``ExportError``), since what is copied is pasted into the website."""
    require_final(report, draft)
    page = website(report, draft)
    return render_html(page, fragment), render_text(page), list(page.warnings)


def export_html(report: Report, path: str | os.PathLike, draft: bool = False) -> list[str]:
    """Write the website version at ``path`` (atomically, UTF-8) and return warnings for the officer.

    Raises ``ExportError`` with a Chinese message when the file cannot be written, or would be a final version
    still holding placeholders (``draft`` makes a 征求意见稿 instead).
    """
    require_final(report, draft)
    page = website(report, draft)
    data = render_html(page).encode("utf-8")
    path = Path(path)
    try:
        atomic_write(path, lambda f: f.write(data))
    except OSError as e:
        raise ExportError(oserrors.cannot_write(path, e, "网页文件", "浏览器或编辑器")) from None
    return list(page.warnings)
