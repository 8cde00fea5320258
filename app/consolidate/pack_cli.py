"""``nianbao consolidate-pack TOTAL.nianbao -o FOLDER [--units 甲局,乙镇]``: the units' blank files to send out.

Writes, for every unit of the 汇总 (or every unit named), ``<单位>.nianbao`` and the fill-in workbook
``<单位>.xlsx`` into FOLDER. Exit 0 when every file was written, 2 when nothing could be (the 汇总 cannot be
read, no unit list, a name that cannot be a file name, files already there without --force).
"""

from __future__ import annotations

import argparse
import sys

from .. import exits
from ..cli import add_command, load_or_say
from .units_pack import PackError, split_names, unit_names, write_pack


def cmd_pack(args: argparse.Namespace) -> int:
    total = load_or_say(args.total)
    if total is None:
        return exits.NOT_DONE
    names = split_names(args.units) if args.units is not None else unit_names(total)
    try:
        written = write_pack(args.output, names, total.year, format_id=total.format_id, force=args.force)
    except PackError as e:
        print(f"未生成下级填报文件：{e}", file=sys.stderr)
        return exits.NOT_DONE
    print(f"已为{len(names)}个单位生成{total.year}年度的填报文件（{args.output}）：")
    for path in written:
        print(f"  {path.name}")
    print("有 nianbao 的单位打开 .nianbao 文件填写；没有的单位用 Excel 或 WPS 填写 .xlsx 表格。"
          "交回后用 nianbao consolidate 汇总。")
    return exits.OK


def register(subparsers) -> None:
    p = add_command(
        subparsers, "consolidate-pack", help="生成下级填报文件：每个单位一个空白年报文件和一份 Excel 填报表",
        description="按汇总报告的单位名单（或 --units 列出的单位），在文件夹中为每个单位生成空白年报文件"
                    "（.nianbao，已填单位名称和年度）和 Excel 填报表（.xlsx，供没有 nianbao 的单位填写）。"
                    "文件夹中已有同名文件时只在加 --force 时覆盖。",
        exit_codes=exits.meaning("已全部生成", "未生成（汇总报告无法读取、没有单位名单、单位名称不能用作文件名、"
                                               "文件夹中已有同名文件，或中途写入失败，并说明是哪个文件）"))
    p.add_argument("total", metavar="TOTAL.nianbao", help="汇总报告文件（提供年度和单位名单）")
    p.add_argument("-o", "--output", required=True, metavar="FOLDER", help="存放填报文件的文件夹")
    p.add_argument("--units", metavar="甲局,乙镇", help="单位名称，用逗号或顿号分隔（不用汇总报告中的名单）")
    p.add_argument("--force", action="store_true", help="覆盖文件夹中已有的同名文件")
    p.set_defaults(func=cmd_pack)
