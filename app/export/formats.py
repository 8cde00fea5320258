"""The export formats, one table: the kinds ``nianbao export`` accepts after ``--format``, the suffixes it knows after
``-o``, each kind's Chinese name and its writer — for the command line now and the export page to read.

Every writer has one signature, ``write(report, path, *, draft=False, page_numbers="odd_even") -> warnings`` (the
officer's warnings, in Chinese), writes atomically (``storage.atomic_write``), and raises ``ExportError`` or, for
the PDF, ``PdfConversionError``, each with a Chinese message. The writers' modules are imported when a writer is
called: python-docx, openpyxl and Pillow are slow to load, and a command needs only one of them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..report import Report

Writer = Callable[..., list[str]]


@dataclass(frozen=True)
class ExportFormat:
    kind: str  # what --format takes
    suffixes: tuple[str, ...]  # the first is given to an output named without one
    name: str  # the officer's word for it
    done: str  # said once it is written; Latin words stand apart from Chinese text: “已导出 Word 文档”
    write: Writer

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    @property
    def dialog_filter(self) -> str:
        """A file dialog's filter for it: “Word 文档 (*.docx)”."""
        return f"{self.name} ({' '.join('*' + s for s in self.suffixes)})"


def _docx(report: Report, path: str | os.PathLike, *, draft: bool = False, page_numbers: str = "odd_even"):
    from .word import export_docx

    return export_docx(report, path, page_numbers=page_numbers, draft=draft)


def _html(report: Report, path: str | os.PathLike, *, draft: bool = False, page_numbers: str = "odd_even"):
    from .html import export_html

    return export_html(report, path, draft=draft)


def _xlsx(report: Report, path: str | os.PathLike, *, draft: bool = False, page_numbers: str = "odd_even"):
    from .xlsx import export_xlsx

    return export_xlsx(report, path, draft=draft)


def _image(report: Report, path: str | os.PathLike, *, draft: bool = False, page_numbers: str = "odd_even"):
    from ..infographic import export_image  # 一图读懂: drawn from the same printed figures as the Word file

    return export_image(report, path, draft=draft)


def _pdf(report: Report, path: str | os.PathLike, *, draft: bool = False, page_numbers: str = "odd_even"):
    """The Word file made in a temporary folder and converted there by LibreOffice; where this machine lacks
    方正小标宋 the copy's title is bold, as LibreOffice would otherwise draw it in a thin stand-in (word.py)."""
    from .fonts import title_needs_bold
    from .pdf_convert import convert_to_pdf
    from .word import export_docx

    with tempfile.TemporaryDirectory(prefix="nianbao-export-", ignore_cleanup_errors=True) as tmp:
        docx = Path(tmp) / "report.docx"
        warnings = export_docx(report, docx, page_numbers=page_numbers, draft=draft, title_bold=title_needs_bold())
        convert_to_pdf(docx, Path(path))
    return warnings


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("docx", (".docx",), "Word 文档", "已导出 Word 文档", _docx),
    ExportFormat("html", (".html", ".htm"), "网页版", "已导出网页版", _html),
    ExportFormat("xlsx", (".xlsx",), "Excel 工作簿", "已导出 Excel 工作簿", _xlsx),
    ExportFormat("pdf", (".pdf",), "PDF 文件", "已导出 PDF", _pdf),
    ExportFormat("png", (".png",), "一图读懂 PNG 图片", "已导出一图读懂", _image),
    ExportFormat("svg", (".svg",), "一图读懂 SVG 矢量图", "已导出一图读懂", _image),
)
BY_KIND = {f.kind: f for f in FORMATS}


def by_suffix(path: str | os.PathLike) -> ExportFormat | None:
    """The format a file name asks for by its suffix (any case), or None."""
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def known_suffixes() -> str:
    """“.docx（Word 文档）、.html 或 .htm（网页版）…”, for a message refusing any other."""
    return "、".join(f"{' 或 '.join(f.suffixes)}（{f.name}）" for f in FORMATS)
