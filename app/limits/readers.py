"""Budgets for the readers of published reports, web pages, PDFs and workbooks (see the package doc).

Each number is far above what a real report needs (the comment says what a real one has) and far below what
costs the officer's machine seconds or hundreds of megabytes. Past one, the reader raises ``ReportImportError``
with ``refusal()``'s message, which names the limit, its value and what the file has.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

__all__ = [
    "BLOCKS", "EXCEL_MAX_ROW", "FIELD_CHARS", "HTML_DEPTH", "HTML_REFS", "HTML_TAGS", "INPUT_BYTES", "MHT_DEPTH",
    "MHT_PARTS", "PARSE_SECONDS", "PDF_CONTENT_BYTES", "PDF_FONT_MAP_BYTES", "PDF_FONT_MAP_ENTRIES", "PDF_PAGES",
    "PDF_XOBJECT_DEPTH", "PDF_XOBJECTS", "TEXT_CHARS", "WORD_DOCUMENT_BYTES", "WORD_MEMBERS", "WORD_TOTAL_BYTES",
    "WORD_XML_NODES", "XLSX_CELLS", "XLSX_MEMBER_BYTES", "XLSX_MEMBERS", "XLSX_ROWS", "XLSX_TOTAL_BYTES",
    "Deadline", "read_bounded", "refusal", "too_big",
]

# --- every reader -----------------------------------------------------------------------------------------
INPUT_BYTES = 50 * 1024 * 1024  # a published report is under 5 MB, even a PDF with a seal image
TEXT_CHARS = 2_000_000  # a report is ~20,000 characters; a hundred times that is not a report
# Paragraphs, lines and table rows together: a long report has about two thousand. Finding the report costs
# some 25 µs a block, so two million one-character lines (within TEXT_CHARS) would take a minute.
BLOCKS = 30_000
FIELD_CHARS = 200_000  # one paragraph or cell; the longest real paragraph is a few thousand characters
PARSE_SECONDS = 20.0  # the 6-page report reads in under a second; a file still parsing after this is refused

# --- Word (.docx: a zip of XML parts) ------------------------------------------------------------------------
WORD_MEMBERS = 5000  # a report has ~20 parts
WORD_TOTAL_BYTES = 200 * 1024 * 1024  # all parts unpacked; a report with photos is a few MB
WORD_DOCUMENT_BYTES = 30 * 1024 * 1024  # word/document.xml, the text itself; a long report has ~1 MB
# Elements of word/document.xml ('<' counted before parsing): our export of the large city report has ~10,000,
# Word's own files split runs and carry several times more. lxml keeps some 200 bytes an element, so this
# bounds the tree python-docx builds to ~100 MB.
WORD_XML_NODES = 500_000

# --- Excel (.xlsx: only nianbao's own workbooks are read) ----------------------------------------------------
XLSX_MEMBERS = 2000  # ours have ~15 parts
XLSX_MEMBER_BYTES = 10 * 1024 * 1024  # one part unpacked; our largest sheet is ~60 KB
XLSX_TOTAL_BYTES = 20 * 1024 * 1024  # all parts unpacked; ours are ~200 KB
XLSX_ROWS = 5000  # rows read from one sheet; our tables are under 60 rows, the marker sheet under 400
XLSX_CELLS = 200_000  # cells read from the whole workbook; ours have under 5,000
EXCEL_MAX_ROW = 1_048_576  # Excel's own last row: a row past it is no workbook Excel or WPS wrote

# --- web pages (.html, .mht) ----------------------------------------------------------------------------------
HTML_DEPTH = 200  # open elements kept nested; deeper ones are read as siblings (real pages: ~30)
HTML_TAGS = 300_000  # '<' of start and end tags; html.parser takes ~20 µs a tag and a report page has a few thousand
HTML_REFS = 500_000  # '&' of character references, ~1 µs each
MHT_PARTS = 2000  # parts of a web archive: a page and its images, a few dozen
MHT_DEPTH = 8  # multipart inside multipart; browsers write one level, two with alternatives

# --- PDF -------------------------------------------------------------------------------------------------------
PDF_PAGES = 200  # a report is 5-30 pages
# Drawing instructions of all pages, decompressed: a published report has 20-50 KB a page. Reading the text
# walks them in pure Python at about a megabyte a second, and one small compressed stream can be every page's.
PDF_CONTENT_BYTES = 5 * 1024 * 1024
# A font's ToUnicode map, decompressed: a CJK font subset maps a few thousand glyphs in ~100 KB. pypdf expands
# ranges into a dict, so a map of a few kilobytes can claim gigabytes ("bfrange <0000> <FFFF>" many times).
PDF_FONT_MAP_BYTES = 2 * 1024 * 1024
PDF_FONT_MAP_ENTRIES = 200_000  # codes one map may define, ranges counted by their length
PDF_XOBJECTS = 2000  # form XObjects drawn on one page (the text walks each); a report page draws a few
PDF_XOBJECT_DEPTH = 10  # forms drawing forms; real ones nest one or two deep


def refusal(what: str, found, limit, unit: str = "") -> str:
    """The officer's message for a passed budget: what was counted, the file's figure and the limit."""
    return f"{what}（{found}{unit}）超过读取限制（最多{limit}{unit}），不像是一份年报，已拒绝读取"


class Deadline:
    """The parse-time budget of one import; readers call ``check()`` between pages, rows or chunks."""

    def __init__(self, seconds: float = PARSE_SECONDS):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, error=Exception) -> None:
        if time.monotonic() > self.end:
            raise error(f"读取时间超过读取限制（最多{self.seconds:g}秒），文件结构异常，不像是一份年报，已拒绝读取")


def read_bounded(path: str | os.PathLike, limit: int = INPUT_BYTES, error=OSError) -> bytes:
    """A regular file's bytes, at most ``limit`` of them.

    A device (/dev/zero), a pipe, a socket or a folder is refused before it is opened or read: reading one
    never ends, or returns endless bytes. The size is checked on the opened file itself (``fstat``) and the
    read is bounded all the same (a file growing while read, or a /proc file that says it is empty). Past the
    limit, ``error`` (the caller's refusal class, taking one message) is raised with the size and the limit;
    an OSError of the system is raised as it is, for the caller's own words.
    """
    path = Path(path)
    st = os.stat(path)  # stat, unlike open, does not wait for a pipe's writer
    if stat.S_ISDIR(st.st_mode):
        import errno

        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if not stat.S_ISREG(st.st_mode):
        raise error(f"这不是普通文件（是设备、管道或套接字），不能读取：{path}")
    if st.st_size > limit:
        raise error(too_big(st.st_size, limit))
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())  # the file opened may not be the one stat saw
        if not stat.S_ISREG(st.st_mode):
            raise error(f"这不是普通文件（是设备、管道或套接字），不能读取：{path}")
        if st.st_size > limit:
            raise error(too_big(st.st_size, limit))
        data = f.read(limit + 1)
    if len(data) > limit:
        raise error(too_big(len(data), limit))
    return data


def too_big(size: int, limit: int) -> str:
    return (f"文件过大（{size // 1024 // 1024} MB），超过读取限制（最多{limit // 1024 // 1024} MB），"
            f"不像是一份年报（已发布的年报通常不超过5 MB）")
