"""A PDF with a text layer as a source, read with pypdf.

Why pypdf: it is pure Python (no compiler, no system library, so it installs the same on every
desktop we ship to), BSD-licensed, and actively maintained by the py-pdf organisation with regular
releases; it reads the CJK fonts (CMaps) published reports use, and it guards against
decompression bombs itself. pdfminer.six gives finer layout control but is slower and releases
less often; the text pypdf gives is enough here, because tables are found by their labels, not by
coordinates.

The page text comes in reading order ("plain" mode), which keeps each table row's numbers together.
Plain mode loses the first-line indent that marks a new paragraph, so each page is also extracted in
"layout" mode and a line's indent is looked up there by its text.
"""

from __future__ import annotations

import io
import logging
import re

from .blocks import Para, ReportImportError, SourceDoc
from .text_source import from_text, is_page_number

MAX_PAGES = 200  # a report is 5-30 pages
# Drawing instructions of all pages, decompressed: a published report has 20-50 KB a page. Reading the text
# walks them in pure Python at about a megabyte a second (twice: plain and layout), and one small compressed
# stream can be every page's content.
MAX_CONTENT_BYTES = 5 * 1024 * 1024


def read_pdf(data: bytes) -> SourceDoc:
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken-but-readable files log many warnings
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs are "encrypted" only to restrict printing or copying
            except Exception:
                opened = 0
            if not opened:
                raise ReportImportError("PDF 已加密（设置了打开密码），无法读取；请用未加密的版本或 Word 版导入")
        pages = reader.pages
        count = len(pages)
    except ReportImportError:
        raise
    except Exception:  # pypdf raises many kinds on hostile files; none of them may reach the officer raw
        raise ReportImportError("PDF 文件已损坏，无法读取") from None
    if count == 0:
        raise ReportImportError("PDF 没有页面")
    if count > MAX_PAGES:
        raise ReportImportError(f"PDF 有{count}页，不像是一份年报（通常不超过30页），已拒绝读取")

    lines: list[str] = []
    indents: dict[str, int] = {}
    content = 0
    for number, page in enumerate(pages, start=1):
        content += _content_size(page)
        if content > MAX_CONTENT_BYTES:
            raise ReportImportError(f"PDF 到第{number}页为止的页面内容过大，不像是一份年报，已拒绝读取")
        try:
            text = page.extract_text() or ""
        except Exception:
            raise ReportImportError(f"PDF 第{number}页无法读取（文件可能已损坏）") from None
        try:
            layout = page.extract_text(extraction_mode="layout") or ""
        except Exception:
            layout = ""  # only paragraph indents are lost
        page_lines = [ln for ln in text.split("\n") if ln.strip()]
        for edge in (0, -1):  # a bare page number at the top or bottom of a page
            if page_lines and page_lines[edge].strip() == str(number):
                page_lines.pop(edge)
        lines += [ln for ln in page_lines if not is_page_number(ln)]
        for ln in layout.split("\n"):
            key = re.sub(r"\s+", "", ln)
            if key and key not in indents:
                indents[key] = len(ln) - len(ln.lstrip(" "))

    text = "\n".join(lines)
    visible = sum(1 for ch in text if ch.isalnum())
    if visible < 20:
        raise ReportImportError("PDF 没有文字层（可能是扫描件或图片），无法导入；请用 Word 版、网页或复制的文字导入")
    private = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    if private > visible // 4:
        raise ReportImportError("PDF 的文字无法识别（字体缺少编码信息），无法导入；请用 Word 版、网页或复制的文字导入")
    doc = from_text(text, kind="PDF")
    doc.wrapped = True  # a PDF's lines are always cut at the page width
    for block in doc.blocks:
        if isinstance(block, Para):
            block.indent = indents.get(re.sub(r"\s+", "", block.text), 0)
    try:
        doc.title_hint = str((reader.metadata or {}).get("/Title") or "")
    except Exception:
        doc.title_hint = ""
    return doc


def _content_size(page) -> int:
    """The page's drawing instructions, decompressed, in bytes; a stream pypdf stops inflating counts as too big."""
    from pypdf import errors

    try:
        contents = page.get_contents()
        return len(contents.get_data()) if contents is not None else 0
    except getattr(errors, "LimitReachedError", ()):  # pypdf >= 5 stops one stream at 75 MB
        return MAX_CONTENT_BYTES + 1
    except Exception:  # a damaged stream: extracting the text says so, with the page number
        return 0
