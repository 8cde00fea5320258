"""``nianbao compare PUBLISHED PROJECT.nianbao``: the report as published, checked against the project file.

Exit 0 when the published report reads exactly as the project, 1 when there are differences (each printed),
2 when either input cannot be read.
"""

from __future__ import annotations

import argparse
import sys

from . import exits
from .cli import add_command, load_or_say
from .compare import compare, read_published, read_published_text
from .importing import ReportImportError


def cmd_compare(args: argparse.Namespace) -> int:
    project = load_or_say(args.project)
    if project is None:
        return exits.NOT_DONE
    try:
        if args.published == "-":
            from .importing.cli import read_stdin

            published = read_published_text(read_stdin(), "标准输入")
        else:
            published = read_published(args.published)
    except ReportImportError as e:
        where = "标准输入" if args.published == "-" else args.published
        print(f"无法读取已发布的版本{where}：{e}", file=sys.stderr)
        return exits.NOT_DONE
    differences = compare(project, published)
    if not differences:
        print(f"已发布的版本与项目一致：{published.name}")
        return exits.OK
    print(f"已发布的版本与项目有{len(differences)}处不同：{published.name}")
    for d in differences:
        print(f"  {d.message}")
    return exits.WITH_ERRORS


def register(subparsers) -> None:
    p = add_command(
        subparsers, "compare", help="核对已发布的年报（网页、复制的文字、PDF 或 Word）与项目文件是否一致",
        description="读取网站上已发布的年报（浏览器保存的 .html/.mht、复制的文字 .txt 或“-”从标准输入读取、"
                    "PDF 或 .docx），与年报项目文件逐项核对：表格每个单元格、缺失的表格、标题、落款和成文日期、"
                    "丢失“〔〕”或“年月日”的文号和日期、缺失或改动的段落。不写入任何文件。",
        exit_codes=exits.meaning("一致", "无法读取（已发布的版本或项目文件）", "有不同（逐项列出）"))
    p.add_argument("published", metavar="PUBLISHED", help="已发布的年报文件，或“-”从标准输入读取复制的文字")
    p.add_argument("project", metavar="PROJECT.nianbao", help="年报项目文件")
    p.set_defaults(func=cmd_compare)
