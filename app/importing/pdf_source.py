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

from ..limits import readers as limits
from .blocks import Para, ReportImportError, SourceDoc
from .text_source import from_text, is_page_number

MAX_PAGES = limits.PDF_PAGES
MAX_CONTENT_BYTES = limits.PDF_CONTENT_BYTES
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_RANGE = re.compile(rb"<([0-9A-Fa-f]{1,8})>\s*<([0-9A-Fa-f]{1,8})>\s*[<\[]")


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
    deadline = limits.Deadline()
    for number, page in enumerate(pages, start=1):
        deadline.check(ReportImportError)
        content += _content_size(page) + _forms_and_fonts(page, number)
        if content > MAX_CONTENT_BYTES:
            raise ReportImportError(limits.refusal(f"PDF 到第{number}页为止的页面内容过大", -(-content >> 10),
                                                   MAX_CONTENT_BYTES >> 10, " KB"))
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


def _forms_and_fonts(page, number: int) -> int:
    """The bytes of the forms (XObjects) a page draws, each counted as often as it is drawn, and its fonts'
    ToUnicode maps checked, before pypdf walks them: text extraction walks a form at every draw (a form drawing
    a form four times, twelve deep, is 16 million draws) and expands every range of a map into a dict."""
    seen_maps: set = set()
    state = {"draws": 0}

    def fonts(resources) -> None:
        for font in _dict(_dict(resources).get("/Font")).values():
            cmap = _resolved(_resolved(font).get("/ToUnicode")) if hasattr(_resolved(font), "get") else None
            key = id(cmap)
            if cmap is None or key in seen_maps or not hasattr(cmap, "get_data"):
                continue
            seen_maps.add(key)
            _check_map(cmap, number)

    def walk(data: bytes, resources, depth: int) -> int:
        if depth > limits.PDF_XOBJECT_DEPTH:
            raise ReportImportError(limits.refusal(f"PDF 第{number}页的图形嵌套", depth, limits.PDF_XOBJECT_DEPTH,
                                                   "层"))
        fonts(resources)
        xobjects = _dict(_dict(resources).get("/XObject"))
        size = 0
        for name in _DO.findall(data):
            form = _resolved(xobjects.get("/" + name.decode("latin-1")))
            if form is None or not hasattr(form, "get_data") or form.get("/Subtype") != "/Form":
                continue
            state["draws"] += 1
            if state["draws"] > limits.PDF_XOBJECTS:
                raise ReportImportError(limits.refusal(f"PDF 第{number}页绘制的图形", state["draws"],
                                                       limits.PDF_XOBJECTS, "次"))
            body = _data(form)
            size += len(body) + walk(body, form.get("/Resources") or resources, depth + 1)
            if size > MAX_CONTENT_BYTES:
                return size
        return size

    try:
        contents = page.get_contents()
        data = _data(contents) if contents is not None else b""
    except ReportImportError:
        raise
    except Exception:  # a damaged stream: extracting the text says so, with the page number
        return 0
    return walk(data, page.get("/Resources"), 0)


def _check_map(cmap, number: int) -> None:
    data = _data(cmap)
    if len(data) > limits.PDF_FONT_MAP_BYTES:
        raise ReportImportError(limits.refusal(f"PDF 第{number}页字体的编码表", len(data) >> 10,
                                               limits.PDF_FONT_MAP_BYTES >> 10, " KB"))
    codes = 0
    for block in _BFRANGE.findall(data):
        for low, high in _RANGE.findall(block):
            codes += max(0, int(high, 16) - int(low, 16) + 1)
    if codes > limits.PDF_FONT_MAP_ENTRIES:
        raise ReportImportError(limits.refusal(f"PDF 第{number}页字体的编码表所定义的字符", codes,
                                               limits.PDF_FONT_MAP_ENTRIES, "个"))


def _data(stream) -> bytes:
    from pypdf import errors

    try:
        return stream.get_data()
    except getattr(errors, "LimitReachedError", ()):
        return b"\0" * (MAX_CONTENT_BYTES + 1)


def _resolved(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _dict(obj) -> dict:
    obj = _resolved(obj)
    return obj if hasattr(obj, "items") else {}
