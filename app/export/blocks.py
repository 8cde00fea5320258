"""The report as printed, once for every exporter: ``printed_report(report)`` walks the report and decides what
is printed — title, headings, paragraphs, tables, 落款 and date — and what the officer is warned about.

The Word writer (``word``) and the website's HTML (``html``) only render these blocks: run properties and XML
there, escaping and inline styles here. What is decided here, once:

- the title from the format's template, the body name and the year;
- each text part's paragraphs (``text_lines``: a line break ends a paragraph, indents and blank lines go), a
  part left empty prints nothing, a section left empty only its heading (and a warning);
- a part's sub-heading: the officer's own wording (kept from last year) or the format's, renumbered when parts
  before it were left empty; a heading the officer typed into the part's first line replaces it;
- a numbered line run into its paragraph (“（一）主动公开情况。2024年……”) printed as a heading and a paragraph;
- each table (``tables.printed_table``) with each cell's text as printed and its alignment;
- the 落款 (the signature, else the body name), the 成文日期 and their right indents (GB/T 9704 7.3.5.2);
- characters Word cannot store removed (``clean_text``), and each warning worded once (``messages.j2``).

One decision still differs between the exporters: the one-line fields (the body name, the 落款, a sub-heading, a
text typed into a table cell). The web page reads line breaks and tabs in them as one space (``one_line=True``);
the Word file keeps them as typed, only stripped at the ends.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import NamedTuple

from ..formatdef import Table
from ..report import Report
from .layout import PRINTED_NUMBER, signature_indents, text_width
from .tables import PrintedCell, PrintedTable, printed_table

# --- templates ------------------------------------------------------------------------------------------


@cache
def templates():
    """The jinja2 environment of ``resources/templates/export`` (the sentences the export writes itself)."""
    from jinja2 import FunctionLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    folder = resources.files("resources").joinpath("templates", "export")

    def load(name: str):
        return folder.joinpath(name).read_text(encoding="utf-8")

    # Sandboxed and fed only data: the officer's text is passed as values and never compiled.
    return SandboxedEnvironment(loader=FunctionLoader(load), autoescape=False, undefined=StrictUndefined)


def template(name: str):
    """A template's module: its macros as functions (``template("document.j2").date(d)``)."""
    return templates().get_template(name).module


def message(macro: str, **values) -> str:
    """A warning for the officer, worded in ``messages.j2``."""
    return str(getattr(template("messages.j2"), macro)(**values))


# --- text clean-up --------------------------------------------------------------------------------------

_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# Characters XML 1.0 (hence Word) cannot store, and C1 controls that only ever arrive by pasting.
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_INDENT = " \t\u3000\u00a0"
_ONE_LINE = re.compile(r"\s+")


def clean_text(text: str) -> tuple[str, int]:
    """Remove what Word cannot store; return the text and how many characters went."""
    cleaned, count = _UNSTORABLE.subn("", text)
    return cleaned, count


def text_lines(text: str) -> list[str]:
    """A text part's paragraphs: every line break ends one; indents typed by hand and blank lines dropped."""
    out = []
    for line in _LINE_BREAKS.split(text):
        line = line.strip(_INDENT).rstrip()
        if line:
            out.append(line)
    return out


def one_line(text: str) -> str:
    """A one-line field as a web page shows it: line breaks and tabs typed into it read as one space."""
    return _ONE_LINE.sub(" ", text).strip()


# --- the blocks -----------------------------------------------------------------------------------------

class Title(NamedTuple):
    text: str
    name: str  # the body name as it stands in the title: where a long title may break (``layout.title_lines``)


class Heading1(NamedTuple):
    text: str  # 一级标题 (“一、总体情况”), a section's or a table's


class Heading2(NamedTuple):
    text: str  # 二级标题 (“（一）主动公开”)


class Paragraph(NamedTuple):
    text: str


class TableCell(NamedTuple):
    cell: PrintedCell
    continuing: bool  # the cell from a row above runs on in this row (a renderer may print nothing)
    text: str  # as printed: the label, the number, or the officer's text in a number cell (cleaned)
    align: str  # "left" or "center"
    number: bool  # a value printed as a number: never wraps


class TableBlock(NamedTuple):
    printed: PrintedTable
    rows: tuple[tuple[TableCell, ...], ...]  # as ``printed.rows``: every grid row, continuing cells included


class Signature(NamedTuple):
    signature: str  # "" when neither a 落款 nor a body name was given
    date: str  # the 成文日期 as printed (7.3.5.4), "" when missing or not a date
    signature_right: float  # right indents in characters (``layout.signature_indents``)
    date_right: float


Block = Title | Heading1 | Heading2 | Paragraph | TableBlock | Signature


class PrintedReport(NamedTuple):
    blocks: tuple[Block, ...]  # the title first; a Signature, when there is one, last
    warnings: tuple[str, ...]  # for the officer, in Chinese, each once, in the order of the document


def printed_report(report: Report, *, one_line: bool = False) -> PrintedReport:
    """The report as every exporter prints it; ``one_line`` as the web page reads one-line fields."""
    walk = _Walk(report, one_line)
    blocks: list[Block] = [walk.title()]
    for section in report.fmt.sections:
        if section.kind == "table":
            blocks.append(Heading1(section.title))
            blocks.append(walk.table(report.fmt.tables[section.table]))
        else:
            blocks.extend(walk.text_section(section))
    signature = walk.signature()
    if signature is not None:
        blocks.append(signature)
    return PrintedReport(tuple(blocks), tuple(walk.warnings))


# --- the decisions --------------------------------------------------------------------------------------

_LEVEL2 = re.compile("^（[一二三四五六七八九十]+）")
_SENTENCE_END = "。；;！？!?"
_RUN_IN_STOPS = "。；;"  # what ends a run-in heading; a heading line of its own has none
_NUMERALS = "一二三四五六七八九十"


def level2_split(line: str) -> tuple[str, str] | None:
    """A line the officer numbered as a 二级标题: (heading, rest), rest "" when the line is only a heading.

    “（一）主动公开情况。2024年……” is a heading run into its paragraph; the export prints every 二级标题 on
    a line of its own (GB/T 9704 7.3.3: 楷体), whether the officer ran it into the paragraph or not, so all of
    a report's sub-headings look alike; the full stop that ran it in goes with the split.
    """
    if not _LEVEL2.match(line):
        return None
    end = min((i for i in (line.find(p) for p in _SENTENCE_END) if i >= 0), default=-1)
    if end < 0:
        return (line, "") if text_width(line) <= 30 else None
    if end == len(line) - 1 and text_width(line) <= 30:
        return line.rstrip(_RUN_IN_STOPS), ""
    if text_width(line[:end + 1]) <= 30:
        return line[:end + 1].rstrip(_RUN_IN_STOPS), line[end + 1:].lstrip(_INDENT)
    return None


def renumbered(heading: str, n: int) -> str:
    """“（五）监督保障” printed as the fourth heading reads “（四）监督保障”: omitted parts leave no gap."""
    m = _LEVEL2.match(heading)
    if not m or not 1 <= n <= len(_NUMERALS):
        return heading
    return f"（{_NUMERALS[n - 1]}）{heading[m.end():]}"


def cell_alignment(table: Table, cell: PrintedCell) -> str:
    """Row labels below the header and the corner read from the left; everything else is centred."""
    if cell.kind == "corner" or (cell.kind == "row_label" and cell.r >= table.header_rows):
        return "left"
    return "center"


class _Walk:
    def __init__(self, report: Report, one_line: bool):
        self.report = report
        self.fmt = report.fmt
        self.one_line = one_line
        self.warnings: list[str] = []

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def clean(self, text: str, part: str) -> str:
        cleaned, count = clean_text(text)
        if count:
            self.warn(message("control_chars", part=part, count=count))
        return cleaned

    def line(self, text: str, part: str) -> str:
        return one_line(self.clean(text, part))

    def title(self) -> Title:
        report = self.report
        name = report.body.name
        name = self.line(name, "机关名称") if self.one_line else self.clean(name.strip(), "机关名称")
        if not name:
            self.warn(message("no_name"))
        if report.year is None:
            self.warn(message("no_year"))
        year = "" if report.year is None else str(report.year)
        return Title(self.fmt.title_template.format(name=name, year=year), name)

    def text_section(self, section) -> list[Block]:
        out: list[Block] = [Heading1(section.title)] if section.title else []
        printed = headings = 0
        for part in section.parts:
            key = f"{section.id}.{part.id}"
            name = self.fmt.part_name(key)
            lines = text_lines(self.clean(self.report.text(key), name))
            if not lines:
                continue  # a part left empty prints nothing, not even its heading
            printed += 1
            # the officer's own wording kept from last year (“（四）政府信息公开平台建设情况”), else the format's
            heading = self.report.part_heading(key)
            if heading:
                headings += 1
                heading = self.line(heading, name) if self.one_line else self.clean(heading, name)
                heading = renumbered(heading, headings)
                own = _LEVEL2.match(lines[0])
                # The officer typed the heading (“（一）主动公开情况。……”): theirs replaces the format's.
                if not (own and own.group(0) in (heading[:own.end()], part.heading[:own.end()])):
                    out.append(Heading2(heading))
            for line in lines:
                split = level2_split(line)
                if split is None:
                    out.append(Paragraph(line))
                    continue
                out.append(Heading2(split[0]))
                if split[1]:
                    out.append(Paragraph(split[1]))
        if section.title and not printed:
            self.warn(message("empty_section", title=section.title))
        return out

    def table(self, table: Table) -> TableBlock:
        printed = printed_table(self.report, table)
        rows = []
        for row in printed.rows:
            cells = []
            for cell, continuing in row:
                text = cell.text
                if not continuing and cell.is_value:
                    text = self.value_text(printed, cell)
                cells.append(TableCell(cell, continuing, text, cell_alignment(table, cell),
                                       cell.is_value and PRINTED_NUMBER.fullmatch(text) is not None))
            rows.append(tuple(cells))
        return TableBlock(printed, tuple(rows))

    def value_text(self, printed: PrintedTable, cell: PrintedCell) -> str:
        if cell.problem == "bad":
            place = printed.place(cell)
            text = self.line(cell.text, place) if self.one_line else self.clean(cell.text, place).strip()
            self.warn(message("bad_cell", place=place, text=text))
            return text
        if cell.problem == "unknown":
            self.warn(message("total_unknown", place=printed.place(cell)))
        return cell.text

    def signature(self) -> Signature | None:
        body = self.report.body
        signature = body.signature or body.name
        signature = self.line(signature, "落款") if self.one_line else self.clean(signature.strip(), "落款")
        date_text = ""
        if body.date:
            d = body.date_value()
            if d is None:
                self.warn(message("bad_date", text=body.date))
            else:
                date_text = str(template("document.j2").date(d))
        else:
            self.warn(message("no_date"))
        if not signature and not date_text:
            return None
        return Signature(signature, date_text, *signature_indents(signature, date_text))
