"""The website version: one self-contained HTML page for the body's CMS, and the same content as plain text.

Published pages show what CMS editors do to pasted Word text: 〔〕 and 年/月/日 vanish around numbers, tables
go missing under their headings (evaluators.md §4 item 3). So the page is what an editor keeps: plain
paragraphs, one text node each (digits and 〔〕 never in a run or span of their own), a plain ``<table>`` with
``rowspan``/``colspan`` exactly as the official grid, inline styles only (editors drop stylesheets and
classes), no scripts, no fields. The tables come from ``tables.printed_table`` like the Word file's; the text
is walked as the Word writer walks it, with its helpers (paragraph split, 二级标题 split and renumbering,
the warnings' wording). The template autoescapes: whatever the officer typed is printed as text.
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
from .layout import (
    FONT_BODY,
    FONT_H1,
    FONT_H2,
    FONT_TABLE,
    FONT_TITLE,
    PRINTED_NUMBER,
    signature_indents,
    table_layout,
)
from .tables import PrintedTable, printed_table
from .word import (
    _LEVEL2,
    ExportError,
    _cell_alignment,
    _level2_split,
    _msg,
    _renumbered,
    _template,
    clean_text,
    text_lines,
)

# The GB/T 9704 faces first, then what a reader's machine has (Windows, macOS, Linux), then the generic family.
# Unquoted (every name is a valid CSS identifier sequence): quotes inside a style attribute would be escaped.
FONTS = {
    "title": f"{FONT_TITLE},华文中宋,STZhongsong,宋体,SimSun,Noto Serif CJK SC,serif",
    "body": f"{FONT_BODY},仿宋,FangSong,STFangsong,Noto Serif CJK SC,serif",
    "h1": f"{FONT_H1},SimHei,STHeiti,Noto Sans CJK SC,sans-serif",
    "h2": f"{FONT_H2},楷体,KaiTi,STKaiti,Noto Serif CJK SC,serif",
    "table": f"{FONT_TABLE},SimSun,Noto Serif CJK SC,serif",
}
_ONE_LINE = re.compile(r"\s+")


class Block(NamedTuple):
    kind: str  # h1 (一、), h2 (（一）), p, table, right (落款 and date), gap (the blank line above the 落款)
    text: str = ""
    rows: tuple = ()  # for a table: rows of WebCell
    right: float = 0.0  # for "right": the right indent in characters (GB/T 9704 7.3.5.2)
    table: PrintedTable | None = None
    widths: tuple[float, ...] = ()  # for a table: each grid column's share of the width in %, as the Word file's


class WebCell(NamedTuple):
    rowspan: int
    colspan: int
    text: str
    align: str
    nowrap: bool


class Website(NamedTuple):
    title: str
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...]


class _Walk:
    def __init__(self, report: Report):
        self.report = report
        self.fmt = report.fmt
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def clean(self, text: str, part: str) -> str:
        cleaned, count = clean_text(text)
        if count:
            self.warn(_msg("control_chars", part=part, count=count))
        return cleaned

    def line(self, text: str, part: str) -> str:
        """A one-line field (name, 落款): line breaks and tabs typed into it read as one space."""
        return _ONE_LINE.sub(" ", self.clean(text, part)).strip()

    def title(self) -> str:
        name = self.line(self.report.body.name, "机关名称")
        if not name:
            self.warn(_msg("no_name"))
        if self.report.year is None:
            self.warn(_msg("no_year"))
        return self.fmt.title_template.format(name=name, year="" if self.report.year is None else self.report.year)

    def text_section(self, section) -> list[Block]:
        # the same decisions as word._text_section: parts left empty print nothing, sub-headings renumber
        out = [Block("h1", section.title)] if section.title else []
        printed = headings = 0
        for part in section.parts:
            key = f"{section.id}.{part.id}"
            lines = text_lines(self.clean(self.report.text(key), self.fmt.part_name(key)))
            if not lines:
                continue
            printed += 1
            heading = self.report.part_heading(key)
            if heading:
                headings += 1
                heading = _renumbered(self.line(heading, self.fmt.part_name(key)), headings)
                own = _LEVEL2.match(lines[0])
                if not (own and own.group(0) in (heading[:own.end()], part.heading[:own.end()])):
                    out.append(Block("h2", heading))
            for line in lines:
                split = _level2_split(line)
                if split is None:
                    out.append(Block("p", line))
                    continue
                out.append(Block("h2", split[0]))
                if split[1]:
                    out.append(Block("p", split[1]))
        if section.title and not printed:
            self.warn(_msg("empty_section", title=section.title))
        return out

    def table(self, section) -> list[Block]:
        table = self.fmt.tables[section.table]
        printed = printed_table(self.report, table)
        rows = []
        for row in printed.rows:
            cells = []
            for cell, continuing in row:
                if continuing:
                    continue  # the cell above spans this row
                text = cell.text
                if cell.is_value and cell.problem == "bad":
                    place = printed.place(cell)
                    text = self.line(cell.text, place)
                    self.warn(_msg("bad_cell", place=place, text=text))
                elif cell.is_value and cell.problem == "unknown":
                    self.warn(_msg("total_unknown", place=printed.place(cell)))
                cells.append(WebCell(cell.rowspan, cell.colspan, text, _cell_alignment(table, cell),
                                     cell.is_value and PRINTED_NUMBER.fullmatch(text) is not None))
            rows.append(tuple(cells))
        widths = table_layout(table).widths
        shares = tuple(round(100 * w / sum(widths), 2) for w in widths)
        return [Block("h1", section.title), Block("table", rows=tuple(rows), table=printed, widths=shares)]

    def signature(self) -> list[Block]:
        body = self.report.body
        signature = self.line(body.signature or body.name, "落款")
        date_text = ""
        if body.date:
            d = body.date_value()
            if d is None:
                self.warn(_msg("bad_date", text=body.date))
            else:
                date_text = str(_template("document.j2").date(d))
        else:
            self.warn(_msg("no_date"))
        if not signature and not date_text:
            return []
        sig_right, date_right = signature_indents(signature, date_text)
        out = [Block("gap")]
        out += [Block("right", text, right=right) for text, right in ((signature, sig_right), (date_text, date_right))
                if text]
        return out


def website(report: Report) -> Website:
    """The page's content, decided once for the HTML file, the clipboard's text and the comparison."""
    walk = _Walk(report)
    title = walk.title()
    blocks: list[Block] = []
    for section in report.fmt.sections:
        blocks += walk.table(section) if section.kind == "table" else walk.text_section(section)
    blocks += walk.signature()
    return Website(title, tuple(blocks), tuple(walk.warnings))


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
