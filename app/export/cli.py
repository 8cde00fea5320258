"""The ``nianbao export`` command: a report file to Word, the website's HTML, a workbook, a PDF or the 一图读懂.

The format follows the output's suffix (``formats.FORMATS``: .docx, .html/.htm, .xlsx, .pdf, .png, .svg) or
``--format``; an output named without a suffix gets the format's, any other suffix is refused with the list of the
known ones (``-o out.odt`` once wrote ``out.odt.docx``). ``--pdf`` keeps its meaning: the Word file and a PDF beside
it. An existing output, the PDF beside it included, is overwritten only with ``--force`` (before that was asked
for, export overwrote silently).

A report still holding placeholders (“（请填写：电话）”) is exported only with ``--draft``, as a 征求意见稿 marked on
every page; without it the command names each placeholder and exits 2 (``publishing``).

Exit 0 exported; 1 the Word file written but not the PDF beside it (``--pdf``); 2 nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import exits
from ..cli import add_command, load_or_say, refuse_overwrite
from .formats import BY_KIND, FORMATS, ExportFormat, by_suffix, known_suffixes
from .pdf_convert import PdfConversionError
from .publishing import refusal, unfinished
from .word import ExportError

_PAGE_NUMBERS = {"odd-even": "odd_even", "center": "center"}
_DRAFT = "（征求意见稿）"


def register(subparsers) -> None:
    p = add_command(
        subparsers, "export", help="导出为 Word 文档（GB/T 9704 版式）、网页版、Excel、PDF 或一图读懂",
        description="把年报项目文件导出为可直接发布的 Word 文档（.docx）、供网站发布的网页版（.html）、"
                    "Excel 工作簿（.xlsx）、PDF 或一图读懂图片（.png/.svg）；格式由输出文件的扩展名或 --format "
                    "决定。已存在的文件只在加 --force 时覆盖。",
        exit_codes=exits.meaning("已导出", "未导出任何文件（项目文件无法读取、文件已存在、扩展名不认识、"
                                           "报告还有未填写的内容等）", "已导出 Word 文档，但未能生成 PDF（--pdf）"))
    p.add_argument("file", metavar="FILE", help="年报项目文件（.nianbao）")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="导出的文件，扩展名决定格式（默认与项目文件同名同目录）；没有扩展名时按 --format 添加")
    p.add_argument("--format", choices=list(BY_KIND),
                   help="导出格式：" + "、".join(f"{f.kind} {f.name}" for f in FORMATS)
                        + "（默认按输出文件的扩展名，否则为 docx）")
    p.add_argument("--pdf", action="store_true", help="导出 Word 时同时生成同名 PDF（需要安装 LibreOffice）")
    p.add_argument("--draft", action="store_true",
                   help="导出征求意见稿：每页标明“征求意见稿”，未填写的内容突出显示；报告中还有未填写的内容时只能这样导出")
    p.add_argument("--page-numbers", choices=list(_PAGE_NUMBERS), default="odd-even",
                   help="页码位置：odd-even 单页居右、双页居左（GB/T 9704 标准，默认）；center 居中")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件（加 --pdf 时也包括同名 PDF）")
    p.set_defaults(func=cmd_export)


def output_and_format(output: str | None, project: str, wanted: str | None) -> tuple[Path, ExportFormat]:
    """Where to write and in which format; ValueError with the officer's message for a suffix no format has or one
    that contradicts --format."""
    if not output:
        fmt = BY_KIND[wanted or "docx"]
        return Path(project).with_suffix(fmt.suffix), fmt
    out = Path(output)
    named = by_suffix(out)
    if named is None and out.suffix:
        raise ValueError(f"未导出：不认识输出文件“{out.name}”的扩展名“{out.suffix}”；可导出的格式：{known_suffixes()}")
    if wanted and named and named.kind != wanted:
        raise ValueError(f"输出文件“{out.name}”的扩展名是{named.name}的，与 --format {wanted} 不符")
    fmt = named or BY_KIND[wanted or "docx"]
    return (out if named else out.with_name(out.name + fmt.suffix)), fmt


def cmd_export(args: argparse.Namespace) -> int:
    try:
        out, fmt = output_and_format(args.output, args.file, args.format)
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return exits.NOT_DONE
    if args.pdf and fmt.kind != "docx":
        print("--pdf 只用于导出 Word 文档；要单独导出 PDF 请用 -o 文件名.pdf", file=sys.stderr)
        return exits.NOT_DONE
    pdf = out.with_suffix(BY_KIND["pdf"].suffix) if args.pdf else None
    if any(refuse_overwrite(path, args.force) for path in (out, pdf) if path is not None):
        return exits.NOT_DONE
    report = load_or_say(args.file)
    if report is None:
        return exits.NOT_DONE
    page_numbers, draft = _PAGE_NUMBERS[args.page_numbers], args.draft
    items = unfinished(report)
    if items and not draft:
        print(f"未导出：{refusal(items)}（命令行加 --draft 即导出征求意见稿）", file=sys.stderr)
        return exits.NOT_DONE
    if fmt.kind == "pdf":
        _say_fonts()
    try:
        warnings = fmt.write(report, out, draft=draft, page_numbers=page_numbers)
    except PdfConversionError as e:
        print(f"未能生成 PDF：{e}", file=sys.stderr)
        return exits.NOT_DONE
    except ExportError as e:
        print(f"导出失败：{e}", file=sys.stderr)
        return exits.NOT_DONE
    print(f"{fmt.done}{_DRAFT if draft else ''}：{out}")
    for w in warnings:
        print(f"  提示：{w}")
    if pdf is None:
        return exits.OK
    _say_fonts()
    try:
        BY_KIND["pdf"].write(report, pdf, draft=draft, page_numbers=page_numbers)
    except (PdfConversionError, ExportError) as e:
        print(f"未能生成 PDF：{e}", file=sys.stderr)
        return exits.WITH_ERRORS  # the Word file is written and stays
    print(f"已生成 PDF：{pdf}")
    return exits.OK


def _say_fonts() -> None:
    """Before a PDF: which of the official fonts this machine lacks and what LibreOffice will use instead
    (nothing without LibreOffice: the conversion's own message says what to install)."""
    from . import pdf_convert
    from .fonts import check_fonts

    if pdf_convert.soffice_path() is not None:
        print(f"字体：{check_fonts().message()}")
