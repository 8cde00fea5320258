"""``nianbao import SOURCE -o OUT.nianbao``: a published report (Word, web page, PDF, text) as a project file.

Exit 0 when the report was imported and saved, even if its numbers do not reconcile (a published
report is imported as published; the check findings are printed). Exit 2 when nothing could be
imported or written: the source cannot be read, the output exists without --force or does not end in .nianbao.
"""

from __future__ import annotations

import argparse
import sys

from .. import exits
from ..cli import add_command, project_output, save_project
from . import MAX_TEXT_CHARS, ReportImportError, import_file, import_text


def read_stdin() -> str:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return sys.stdin.read(MAX_TEXT_CHARS + 1)
    from .text_source import decode_text

    return decode_text(stream.read(4 * MAX_TEXT_CHARS + 1))


def cmd_import(args: argparse.Namespace) -> int:
    out = project_output(args.output, args.force)
    if out is None:
        return exits.NOT_DONE
    try:
        if args.source == "-":
            result = import_text(read_stdin())
        else:
            result = import_file(args.source)
    except ReportImportError as e:
        where = "标准输入" if args.source == "-" else args.source
        print(f"无法导入{where}：{e}", file=sys.stderr)
        return exits.NOT_DONE
    print(result.summary())
    if not save_project(result.report, out):
        return exits.NOT_DONE
    print(f"已保存：{out}")
    print(f"以此为上年报告开始编制本年报告：nianbao new --from {out} -o <本年文件>.nianbao")
    return exits.OK


def register(subparsers) -> None:
    p = add_command(subparsers, "import", help="导入已发布的年报（Word、网页、PDF 或文字），生成年报文件",
                description="从已发布的年报（.docx、.html/.mht、带文字层的 PDF、文本；"
                            "“-”表示从标准输入读取文字）生成年报项目文件，并列出导入情况和检查结果",
                exit_codes=exits.meaning("已导入并保存（数字对不上时照原报告导入，并列出检查结果）",
                                         "未导入（无法读取、读不出年报内容、文件已存在或扩展名不是 .nianbao）"))
    p.add_argument("source", metavar="SOURCE", help="已发布的年报文件，或“-”从标准输入读取文字")
    p.add_argument("-o", "--output", required=True, metavar="OUT.nianbao", help="要生成的年报项目文件（.nianbao）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_import)
