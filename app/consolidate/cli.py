"""``nianbao consolidate UNIT... -o TOTAL.nianbao``: one 汇总 report from many units' reports.

Prints one line per unit (state, name, year, file) with the unit's table errors, then the findings of
the sum. Exit 0 when the 汇总 was written and its tables have no errors, 1 when written with errors,
2 when nothing was written: a unit cannot be read, is of another year or is a duplicate (every such
unit is named), no unit was found, an output exists without --force, or an output's suffix is not its own
(.nianbao for the 汇总, .xlsx for the overview).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .. import exits, oserrors, storage
from ..checks import SEVERITIES, SEVERITY_NAMES, finding_line, has_errors, severity_counts
from ..cli import add_command, project_output, refuse_overwrite, refuse_suffix, report_year, save_project
from . import Consolidation, Entry, TooManyUnits


def _unit_line(e: Entry) -> str:
    """The unit's state, name, year and file, the file named once (a file without a body's name is its name)."""
    year = "年度未填写" if e.unit.year is None else f"{e.unit.year}年"
    named = e.unit.name and e.label != Path(e.unit.path).name
    line = f"  [{e.state_text()}] " + (f"{e.label}（{year}）：" if named else "") + e.unit.path
    why = e.why()
    return f"{line}\n      {why}" if why else line


def _print_units(con: Consolidation) -> None:
    print(f"单位（{len(con.entries)}个，计入汇总{len(con.taken())}个）：")
    for e in con.entries:
        print(_unit_line(e))
        for f in e.findings:
            if f.severity == "error" and e.taken:
                print(f"      {finding_line(f)}")


def cmd_consolidate(args: argparse.Namespace) -> int:
    out = project_output(args.output, args.force)
    if out is None:
        return exits.NOT_DONE
    overview = Path(args.overview) if args.overview else None
    if overview is not None and (refuse_suffix(overview, (".xlsx",)) or refuse_overwrite(overview, args.force)):
        return exits.NOT_DONE
    con = Consolidation(year=args.year)
    exclude = [out] + ([overview] if overview is not None else [])
    try:
        con.add(args.units, exclude=exclude)
        if args.include_own:
            con.add([args.include_own], exclude=exclude, own=True)
    except TooManyUnits as e:
        print(f"未生成汇总：{e}", file=sys.stderr)
        return exits.NOT_DONE
    if not con.entries:
        print("没有找到单位的年报文件（.nianbao、.docx、.html、.pdf、.txt）", file=sys.stderr)
        return exits.NOT_DONE
    _print_units(con)
    blocking = con.blocking()
    if blocking or not con.taken():
        # each file is named once, in the list above; here only what keeps the 汇总 from being written
        states = Counter(e.state_text() for e in blocking)
        kinds = "、".join(f"{n}个{s}" for s, n in states.items())
        why = f"：{kinds}的文件（见上面的单位列表），请移除或更正后再汇总" if blocking else "：没有可计入汇总的单位"
        print(f"未生成汇总 {out}{why}", file=sys.stderr)
        if any(e.state == "wrong_year" for e in blocking) and args.year is None:
            print("  （汇总年度取多数单位的年度；如需指定，请加 --year）", file=sys.stderr)
        return exits.NOT_DONE
    report = con.total(args.name)
    findings = con.findings(report)
    counts = severity_counts(findings)
    print(f"汇总：{report.title()}（{len(con.taken())}个单位）")
    print("检查结果：" + "，".join(f"{SEVERITY_NAMES[s]}{counts[s]}" for s in SEVERITIES))
    for f in findings:
        print(f"  {finding_line(f)}")
    if overview is not None and not _save_overview(con, report, overview):
        return exits.NOT_DONE
    if not save_project(report, out):
        return exits.NOT_DONE
    print(f"已保存：{out}" + (f"；汇总概览：{overview}" if overview is not None else ""))
    if not report.body.name:
        print("机关名称未填写：请用 --name 指定，或在程序中填写")
    print("文字部分和落款请在程序中填写")
    return exits.WITH_ERRORS if has_errors(findings) else exits.OK


def _save_overview(con: Consolidation, report, path: Path) -> bool:
    from .overview import overview_bytes

    data = overview_bytes(con, report)
    try:
        storage.atomic_write(path, lambda f: f.write(data))
    except OSError as e:
        print(f"无法保存：{path}（{oserrors.describe(e)}）", file=sys.stderr)
        return False
    return True


def register(subparsers) -> None:
    p = add_command(subparsers, "consolidate", help="汇总多个单位的年报，生成汇总年报文件",
                description="把各单位的年报（.nianbao，或已发布的 .docx、.html、.pdf、.txt；"
                            "可给文件夹）逐格相加，生成本行政区域的汇总年报项目文件",
                exit_codes=exits.meaning("已生成汇总，表格没有错误",
                                         "未生成（有单位无法读取、年度不符或重复，没有找到单位，文件已存在，"
                                         "或扩展名不对）", "已生成汇总，但表格有错误"))
    p.add_argument("units", nargs="+", metavar="UNIT", help="单位的年报文件或文件夹")
    p.add_argument("-o", "--output", required=True, metavar="TOTAL.nianbao", help="要生成的汇总年报文件（.nianbao）")
    p.add_argument("--name", help="汇总报告的机关名称（默认取 --include-own 文件中的名称）")
    p.add_argument("--year", type=report_year, help="汇总年度（默认取多数单位的年度）")
    p.add_argument("--include-own", metavar="FILE", help="把本机关自己的年报也计入汇总")
    p.add_argument("--overview", metavar="OUT.xlsx", help="另存汇总概览表（Excel）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_consolidate)
