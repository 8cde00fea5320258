"""Importing last year's report as published (Word, web page, PDF with a text layer, or plain text).

    result = import_file("年报 2024.docx")      # or import_text(pasted_text)
    result.report                               # an app.report.Report, ready for new_from_last_year()
    result.log, result.findings, result.summary()

Each input kind is turned into the same intermediate (``blocks``: paragraphs and tables) by its
source module; ``recognise`` finds the report in it by the format's own labels. The file's kind is
decided by its content, not its name. Anything that is not a readable report raises
``ReportImportError`` (also exported as ``ImportError_``) with a message for the officer.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import oserrors
from ..limits import readers as limits
from .blocks import MAX_FILE_BYTES, MAX_TEXT_CHARS, ReportImportError
from .recognise import recognise as _recognise  # keeps app.importing.recognise the module
from .recognise import short_body_name
from .result import ImportResult

ImportError_ = ReportImportError

# for a file dialog's filter; a file with another suffix is still read by its content
SUPPORTED_SUFFIXES = (".docx", ".html", ".htm", ".mht", ".mhtml", ".pdf", ".txt", ".xlsx")

__all__ = ["ImportError_", "ImportResult", "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "ReportImportError",
           "SUPPORTED_SUFFIXES", "import_bytes", "import_file", "import_text", "read_bounded", "read_report_file",
           "short_body_name"]

_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")


def import_text(text: str) -> ImportResult:
    """Text pasted into a dialog, or read from a .txt file (table cells may be split by | and line breaks)."""
    from .text_source import from_text

    if not isinstance(text, str):
        raise ReportImportError("导入的内容不是文字")
    result = _recognise(from_text(text))
    check_fields(result)
    result.report.notes.append("由已发布年报的文字导入")
    return result


def import_file(path: str | os.PathLike) -> ImportResult:
    path = Path(path)
    return import_bytes(read_report_file(path), path.name)


def read_report_file(path: str | os.PathLike) -> bytes:
    """A published report's bytes; ``ReportImportError`` with the officer's message for a folder, a device or
    pipe, a file far too big to be a report (refused before reading it), or one that cannot be read."""
    return read_bounded(path, MAX_FILE_BYTES)


def read_bounded(path: str | os.PathLike, limit: int) -> bytes:
    """A regular file's bytes, at most ``limit`` (``limits.read_bounded``), every refusal a ``ReportImportError``
    in the officer's words: the one reader of outside files for the importer, compare and 汇总."""
    path = Path(path)
    try:
        return limits.read_bounded(path, limit, ReportImportError)
    except OSError as e:
        raise ReportImportError(oserrors.cannot_read(path, e)) from None


def import_bytes(data: bytes, name: str = "") -> ImportResult:
    """A file's content; its kind is told from the content (a report saved under a wrong suffix still imports)."""
    if not data or not data.strip():
        raise ReportImportError("文件是空的，没有可导入的内容")
    if len(data) > MAX_FILE_BYTES:
        raise ReportImportError(limits.too_big(len(data), MAX_FILE_BYTES))
    from . import xlsx_source

    if xlsx_source.claims(data, name):  # our own workbooks are read exactly, not recognised like a published report
        return xlsx_source.import_workbook(data, name)
    doc = read_source(data, name)
    result = _recognise(doc)
    check_fields(result)
    shown = f"：{name}" if name else ""
    result.report.notes.append(f"由已发布的年报导入（{doc.kind}{shown}）")
    return result


def check_fields(result: ImportResult) -> None:
    """Refuse a report one of whose text parts is longer than a project file may hold (the reader's budget for
    one field): it would be imported only to fail when saved, or to slow the window showing it."""
    report = result.report
    for key, text in report.texts.items():
        if len(text) > limits.FIELD_CHARS:
            raise ReportImportError(limits.refusal(f"“{report.fmt.part_name(key)}”的文字", len(text),
                                                   limits.FIELD_CHARS, "个字符"))


def read_source(data: bytes, name: str):
    """The blocks of a published report of any kind (Word, web page, PDF, text), picked by content and name;
    the comparison with a published page reads the same blocks the importer does."""
    from . import docx_source, html_source, pdf_source, text_source

    head = data[:1024]
    suffix = Path(name).suffix.lower()
    if b"%PDF-" in head:
        return pdf_source.read_pdf(data)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return docx_source.read_docx(data)
    if data.startswith(b"{\\rtf"):
        raise ReportImportError("这是 RTF 文档，请在 Word 或 WPS 中“另存为”.docx 后再导入")
    if data.startswith(_IMAGES):
        raise ReportImportError("这是图片，不含可读取的文字；请导入年报的 Word、网页、PDF 或复制的文字")
    if data.startswith((b"PK", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")):
        raise ReportImportError("这是压缩包，请先解压，再导入其中的年报文件")
    if html_source.is_mhtml(data):
        return html_source.read_html(data)
    text = text_source.decode_text(data)
    if '"nianbao-project"' in text[:200]:
        raise ReportImportError("这是年报项目文件（.nianbao），请直接用“打开”，不需要导入")
    start = text.lstrip("\ufeff \t\r\n")[:2048].lower()
    looks_html = start.startswith("<") and any(tag in start for tag in ("<html", "<body", "<table", "<p", "<div"))
    if suffix in (".html", ".htm", ".xhtml", ".shtml") or looks_html:
        return html_source.read_html(data)  # decoded again by the page's own charset declaration
    return text_source.from_text(text)
