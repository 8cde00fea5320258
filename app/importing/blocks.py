"""The common intermediate every source is turned into, and the error every source raises.

A published report, whatever it came as, becomes a list of blocks in reading order: paragraphs (or,
for flattened text, lines) and tables (rows of cell texts, merged cells given once, at their top-left
position). ``recognise`` finds the report in that list; the sources know nothing of the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..limits import readers as limits

# the budgets live in app/limits/readers.py; these names stay for the importer's callers
MAX_FILE_BYTES = limits.INPUT_BYTES
MAX_TEXT_CHARS = limits.TEXT_CHARS
MAX_BLOCKS = limits.BLOCKS


class ReportImportError(Exception):
    """Input that cannot be imported as a report; the message is for the officer, in Chinese."""


def check_block_count(count: int) -> None:
    if count > MAX_BLOCKS:
        raise ReportImportError(limits.refusal("段落和表格行数", count, MAX_BLOCKS, "段（行）"))


@dataclass
class Para:
    """One paragraph (structured sources) or one line (flattened text, before rejoining)."""

    text: str
    indent: int = 0  # leading spaces of a line in flattened text: a wider indent starts a paragraph


@dataclass
class Grid:
    """One table: rows of cell texts; a merged cell appears once, covered positions are left out."""

    rows: list[list[str]]


Block = Para | Grid


@dataclass
class SourceDoc:
    """What a source produced: blocks in reading order, and how to read them.

    ``wrapped`` says the lines are wrapped at the page width (PDF, pdftotext output), so paragraphs
    must be rejoined and the spaces a PDF puts around digits and punctuation removed.
    """

    blocks: list[Block]
    kind: str  # the officer's name for the input kind: Word、网页、PDF、文字
    wrapped: bool = False
    title_hint: str = ""  # a document title from metadata (<title>, PDF /Title), used when the text has none
    notes: list[str] = field(default_factory=list)  # what the source itself wants the officer to know
