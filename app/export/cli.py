"""The ``nianbao export`` command: a report file to the Word document (and a PDF with ``--pdf``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import storage
from .word import ExportError, export_docx

EXIT_OK, EXIT_FAILED = 0, 2
_PAGE_NUMBERS = {"odd-even": "odd_even", "center": "center"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="导出为 Word 文档（GB/T 9704 版式），可同时转换为 PDF",
        description="把年报项目文件导出为可直接发布的 Word 文档；加 --pdf 时再用 LibreOffice 转换为 PDF。")
    p.add_argument("file", metavar="FILE", help="年报项目文件（.nianbao）")
    p.add_argument("-o", "--output", metavar="OUT.docx", help="导出的 Word 文档（默认与项目文件同名同目录）")
    p.add_argument("--pdf", action="store_true", help="同时生成同名 PDF（需要安装 LibreOffice）")
    p.add_argument("--page-numbers", choices=list(_PAGE_NUMBERS), default="odd-even",
                   help="页码位置：odd-even 单页居右、双页居左（GB/T 9704 标准，默认）；center 居中")
    p.set_defaults(func=cmd_export)


def _output_path(args: argparse.Namespace) -> Path:
    out = Path(args.output) if args.output else Path(args.file).with_suffix(".docx")
    if out.suffix.lower() != ".docx":
        out = out.with_name(out.name + ".docx")
    return out


def cmd_export(args: argparse.Namespace) -> int:
    try:
        report = storage.load(args.file)
    except storage.ProjectFileError as e:
        print(f"无法读取 {args.file}：{e}", file=sys.stderr)
        return EXIT_FAILED
    out = _output_path(args)
    try:
        warnings = export_docx(report, out, page_numbers=_PAGE_NUMBERS[args.page_numbers])
    except ExportError as e:
        print(f"导出失败：{e}", file=sys.stderr)
        return EXIT_FAILED
    print(f"已导出 Word 文档：{out}")
    for w in warnings:
        print(f"  提示：{w}")
    if not args.pdf:
        return EXIT_OK
    from .pdf_convert import PdfConversionError, convert_to_pdf

    try:
        pdf = convert_to_pdf(out, out.with_suffix(".pdf"))
    except PdfConversionError as e:
        print(f"未能生成 PDF：{e}", file=sys.stderr)
        return EXIT_FAILED
    print(f"已生成 PDF：{pdf}")
    return EXIT_OK
