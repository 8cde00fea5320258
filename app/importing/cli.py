"""``nianbao import SOURCE -o OUT.nianbao``: a published report (Word, web page, PDF, text) as a project file.

Exit 0 when the report was imported and saved, even if its numbers do not reconcile (a published
report is imported as published; the check findings are printed). Exit 2 when nothing could be
imported or the project file could not be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import refuse_overwrite, save_project
from . import MAX_TEXT_CHARS, ReportImportError, import_file, import_text

EXIT_OK, EXIT_UNREADABLE = 0, 2


def read_stdin() -> str:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return sys.stdin.read(MAX_TEXT_CHARS + 1)
    from .text_source import decode_text

    return decode_text(stream.read(4 * MAX_TEXT_CHARS + 1))


def cmd_import(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if refuse_overwrite(out, args.force):
        return EXIT_UNREADABLE
    try:
        if args.source == "-":
            result = import_text(read_stdin())
        else:
            result = import_file(args.source)
    except ReportImportError as e:
        where = "标准输入" if args.source == "-" else args.source
        print(f"无法导入{where}：{e}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(result.summary())
    if not save_project(result.report, out):
        return EXIT_UNREADABLE
    print(f"已保存：{out}")
    print(f"以此为上年报告开始编制本年报告：nianbao new --from {out} -o <本年文件>.nianbao")
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help="导入已发布的年报（Word、网页、PDF 或文字），生成年报文件",
                              description="从已发布的年报（.docx、.html/.mht、带文字层的 PDF、文本；"
                                          "“-”表示从标准输入读取文字）生成年报项目文件，并列出导入情况和检查结果")
    p.add_argument("source", metavar="SOURCE", help="已发布的年报文件，或“-”从标准输入读取文字")
    p.add_argument("-o", "--output", required=True, metavar="OUT.nianbao")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_import)
