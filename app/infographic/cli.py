"""``nianbao infographic 年报.nianbao -o 图解.png`` (also ``python -m app.infographic``): the 一图读懂 picture.

Kept apart from ``nianbao export`` so it can be wired there by suffix (.png/.svg) without this package
knowing the export command's options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import EXIT_OK, load_or_say, refuse_overwrite
from . import SUFFIXES, ExportError, export_image

EXIT_FAILED = 2  # as `nianbao export`


def register(subparsers) -> None:
    p = subparsers.add_parser("infographic", help="导出“一图读懂”图解（PNG 或 SVG，宽 1080 像素）",
                              description="把年报项目文件画成“一图读懂”长图：主动公开、依申请公开、复议诉讼、收费的"
                                          "主要数字（与上年对比）和存在问题、改进措施。")
    p.add_argument("file", help="年报项目文件（.nianbao）")
    p.add_argument("-o", "--output", help="输出文件（.png 或 .svg；缺省为与项目文件同名的 .png）")
    p.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")
    p.set_defaults(func=cmd_infographic)


def cmd_infographic(args: argparse.Namespace) -> int:
    out = Path(args.output) if args.output else Path(args.file).with_suffix(".png")
    if out.suffix.lower() not in SUFFIXES:
        print(f"图解只能保存为 .png 或 .svg：{out.name}", file=sys.stderr)
        return EXIT_FAILED
    if refuse_overwrite(out, args.force):
        return EXIT_FAILED
    report = load_or_say(args.file)
    if report is None:
        return EXIT_FAILED
    try:
        warnings = export_image(report, out)
    except ExportError as e:
        print(f"导出失败：{e}", file=sys.stderr)
        return EXIT_FAILED
    print(f"已导出图解：{out}")
    for w in warnings:
        print(f"  提示：{w}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.infographic")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    args = parser.parse_args(["infographic", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)
