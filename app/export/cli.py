"""The ``nianbao export`` command: a report file to Word, the website's HTML, a workbook or a PDF.

The format follows the output's suffix (.docx, .html/.htm, .xlsx, .pdf) or ``--format``; an output without
a known suffix gets the format's. ``--pdf`` keeps its meaning: the Word file and a PDF beside it.

A report still holding placeholders (“（请填写：电话）”) is exported only with ``--draft``, as a 征求意见稿 marked on
every page; without it the command names each placeholder and exits 2 (``publishing``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..cli import load_or_say
from .publishing import refusal, unfinished
from .word import ExportError, export_docx

EXIT_OK, EXIT_FAILED = 0, 2
_PAGE_NUMBERS = {"odd-even": "odd_even", "center": "center"}
FORMATS = {"docx": "Word 文档", "html": "网页版", "xlsx": "Excel 工作簿", "pdf": "PDF", "png": "一图读懂（PNG 图片）",
           "svg": "一图读懂（SVG 矢量图）"}
# Latin words stand apart from Chinese text: “已导出 Word 文档”, “已导出网页版”
_DONE = {"docx": "已导出 Word 文档", "html": "已导出网页版", "xlsx": "已导出 Excel 工作簿", "pdf": "已导出 PDF",
         "png": "已导出一图读懂", "svg": "已导出一图读懂"}
_DRAFT = "（征求意见稿）"
_SUFFIXES = {".docx": "docx", ".html": "html", ".htm": "html", ".xlsx": "xlsx", ".pdf": "pdf", ".png": "png",
             ".svg": "svg"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="导出为 Word 文档（GB/T 9704 版式）、网页版、Excel 或 PDF",
        description="把年报项目文件导出为可直接发布的 Word 文档（.docx）、供网站发布的网页版（.html）、"
                    "Excel 工作簿（.xlsx）或 PDF；格式由输出文件的扩展名或 --format 决定。")
    p.add_argument("file", metavar="FILE", help="年报项目文件（.nianbao）")
    p.add_argument("-o", "--output", metavar="OUT", help="导出的文件（默认与项目文件同名同目录）")
    p.add_argument("--format", choices=list(FORMATS), help="导出格式（默认按输出文件的扩展名，否则为 docx）")
    p.add_argument("--pdf", action="store_true", help="导出 Word 时同时生成同名 PDF（需要安装 LibreOffice）")
    p.add_argument("--draft", action="store_true",
                   help="导出征求意见稿：每页标明“征求意见稿”，未填写的内容突出显示；报告中还有未填写的内容时只能这样导出")
    p.add_argument("--page-numbers", choices=list(_PAGE_NUMBERS), default="odd-even",
                   help="页码位置：odd-even 单页居右、双页居左（GB/T 9704 标准，默认）；center 居中")
    p.set_defaults(func=cmd_export)


def output_and_format(output: str | None, project: str, wanted: str | None) -> tuple[Path, str]:
    """Where to write and in which format; ValueError with the officer's message for a contradiction."""
    out = Path(output) if output else Path(project).with_suffix("." + (wanted or "docx"))
    by_suffix = _SUFFIXES.get(out.suffix.lower())
    if wanted and by_suffix and by_suffix != wanted:
        raise ValueError(f"输出文件“{out.name}”的扩展名是{FORMATS[by_suffix]}的，与 --format {wanted} 不符")
    kind = wanted or by_suffix or "docx"
    if by_suffix is None:
        out = out.with_name(out.name + "." + kind)
    return out, kind


def cmd_export(args: argparse.Namespace) -> int:
    try:
        out, kind = output_and_format(args.output, args.file, args.format)
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return EXIT_FAILED
    if args.pdf and kind != "docx":
        print("--pdf 只用于导出 Word 文档；要单独导出 PDF 请用 -o 文件名.pdf", file=sys.stderr)
        return EXIT_FAILED
    report = load_or_say(args.file)
    if report is None:
        return EXIT_FAILED
    page_numbers, draft = _PAGE_NUMBERS[args.page_numbers], args.draft
    items = unfinished(report)
    if items and not draft:
        print(f"未导出：{refusal(items)}（命令行加 --draft 即导出征求意见稿）", file=sys.stderr)
        return EXIT_FAILED
    try:
        if kind == "pdf":
            return _export_pdf(report, out, page_numbers, draft)
        warnings = _write(report, kind, out, page_numbers, draft)
    except ExportError as e:
        print(f"导出失败：{e}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{_DONE[kind]}{_DRAFT if draft else ''}：{out}")
    for w in warnings:
        print(f"  提示：{w}")
    if not args.pdf:
        return EXIT_OK
    from .fonts import title_needs_bold
    from .pdf_convert import PdfConversionError, convert_to_pdf

    _say_fonts()
    try:
        if title_needs_bold():
            # the PDF is drawn here, with a stand-in for 方正小标宋: from a copy whose title is bold (word.py)
            with tempfile.TemporaryDirectory(prefix="nianbao-export-", ignore_cleanup_errors=True) as tmp:
                docx = Path(tmp) / "report.docx"
                export_docx(report, docx, page_numbers=page_numbers, draft=draft, title_bold=True)
                pdf = convert_to_pdf(docx, out.with_suffix(".pdf"))
        else:
            pdf = convert_to_pdf(out, out.with_suffix(".pdf"))
    except (PdfConversionError, ExportError) as e:
        print(f"未能生成 PDF：{e}", file=sys.stderr)
        return EXIT_FAILED
    print(f"已生成 PDF：{pdf}")
    return EXIT_OK


def _write(report, kind: str, out: Path, page_numbers: str, draft: bool) -> list[str]:
    """Write one file (docx, html, xlsx); its warnings."""
    if kind == "html":
        from .html import export_html

        return export_html(report, out, draft=draft)
    if kind == "xlsx":
        from .xlsx import export_xlsx

        return export_xlsx(report, out, draft=draft)
    if kind in ("png", "svg"):  # 一图读懂: drawn from the same printed figures (app/infographic)
        from ..infographic import export_image

        return export_image(report, out, draft=draft)
    return export_docx(report, out, page_numbers=page_numbers, draft=draft)


def _export_pdf(report, out: Path, page_numbers: str, draft: bool) -> int:
    """The PDF alone: the Word file is made in a temporary folder and converted from there."""
    from .fonts import title_needs_bold
    from .pdf_convert import PdfConversionError, convert_to_pdf

    _say_fonts()
    with tempfile.TemporaryDirectory(prefix="nianbao-export-", ignore_cleanup_errors=True) as tmp:
        docx = Path(tmp) / "report.docx"
        warnings = export_docx(report, docx, page_numbers=page_numbers, draft=draft, title_bold=title_needs_bold())
        try:
            convert_to_pdf(docx, out)
        except PdfConversionError as e:
            print(f"未能生成 PDF：{e}", file=sys.stderr)
            return EXIT_FAILED
    print(f"{_DONE['pdf']}{_DRAFT if draft else ''}：{out}")
    for w in warnings:
        print(f"  提示：{w}")
    return EXIT_OK


def _say_fonts() -> None:
    """Before a PDF: which of the official fonts this machine lacks and what LibreOffice will use instead
    (nothing without LibreOffice: the conversion's own message says what to install)."""
    from . import pdf_convert
    from .fonts import check_fonts

    if pdf_convert.soffice_path() is not None:
        print(f"字体：{check_fonts().message()}")
