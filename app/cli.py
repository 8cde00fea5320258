"""The ``nianbao`` command: check, new, export, import, consolidate, and starting the desktop app.

Every command follows one convention, kept here: the exit codes of ``app.exits`` (each command's help ends with
what they mean for it), results on stdout and every error or refusal on stderr, a writing command refuses an
existing output unless given ``--force`` (the old file left as it was) and an output suffix it does not write, and
every option has Chinese help. The commands with heavy imports live in their own modules and register through
``add_command``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from . import __version__, exits, oserrors, storage
from .checks import SEVERITIES, SEVERITY_NAMES, check_report, finding_line, has_errors, severity_counts
from .limits import project as limits


def _project_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.rglob(f"*{storage.SUFFIX}")))
        else:
            out.append(p)
    return out


def cmd_check(args: argparse.Namespace) -> int:
    files = _project_files(args.paths)
    if not files:
        print("没有找到 .nianbao 文件", file=sys.stderr)
        return exits.NOT_DONE
    results = []
    code = exits.OK
    for path in files:
        try:
            report = storage.load(path)
        except storage.ProjectFileError as e:
            results.append({"file": str(path), "error": str(e)})
            # on stderr in both forms: a script reading the JSON on stdout still sees it, an officer too
            print(f"{path}：无法读取：{e}", file=sys.stderr)
            code = exits.NOT_DONE
            continue
        findings = check_report(report)
        if has_errors(findings) and code == exits.OK:
            code = exits.WITH_ERRORS
        results.append({"file": str(path), "title": report.title(), "findings": findings})
    if args.json:
        out = [{**r, "findings": [f.as_dict() for f in r["findings"]]} if "findings" in r else r for r in results]
        print(json.dumps(out[0] if len(files) == 1 else out, ensure_ascii=False, indent=1))
        return code
    for r in results:
        if "error" in r:
            continue
        counts = severity_counts(r["findings"])
        summary = "，".join(f"{SEVERITY_NAMES[s]}{counts[s]}" for s in SEVERITIES)
        verdict = "有错误" if counts["error"] else "通过"
        print(f"{r['file']}：{verdict}（{summary}）")
        if len(files) == 1:
            print(r["title"])
            for f in r["findings"]:
                print(f"  {finding_line(f)}")
    return code


def cmd_new(args: argparse.Namespace) -> int:
    out = project_output(args.output, args.force)
    if out is None:
        return exits.NOT_DONE
    last = load_or_say(args.from_path, "上年文件")
    if last is None:
        return exits.NOT_DONE
    if args.year is None and last.year is None:
        print("上年文件没有填写年度，请用 --year 指定本年度", file=sys.stderr)
        return exits.NOT_DONE
    if args.year is not None and last.year is not None and args.year <= last.year:
        print(f"本年度（{args.year}）应晚于上年报告的年度（{last.year}）", file=sys.stderr)
        return exits.NOT_DONE
    from .carryover import new_from_last_year

    report = new_from_last_year(last, args.year)
    problem = limits.year_problem(report.year, "本年度")
    if problem:  # last year's 2100 would make 2101
        print(f"未生成：{problem}", file=sys.stderr)
        return exits.NOT_DONE
    if not save_project(report, out):
        return exits.NOT_DONE
    print(f"已生成{report.year}年度报告：{out}")
    return exits.OK


def load_or_say(path: str | Path, what: str | None = None):
    """The report in a project file, or None after saying on stderr why it cannot be read (``what`` names the
    file for the officer, e.g. 上年文件; else its path)."""
    try:
        return storage.load(path)
    except storage.ProjectFileError as e:
        print(f"无法读取{what}：{e}" if what else f"无法读取 {path}：{e}", file=sys.stderr)
        return None


def refuse_overwrite(out: Path, force: bool) -> bool:
    """Say so and return True when ``out`` exists and the command was not told to overwrite it (a folder is never
    overwritten: --force would not help, so it is not offered)."""
    if out.is_dir():
        print(f"“{out}”是文件夹，请给出要保存的文件名", file=sys.stderr)
        return True
    if out.exists() and not force:
        print(f"文件已存在：{out}（如要覆盖请加 --force）", file=sys.stderr)
        return True
    return False


def refuse_suffix(out: Path, known: tuple[str, ...]) -> bool:
    """Say so and return True when ``out`` does not end in one of the ``known`` suffixes (any case)."""
    if out.suffix.lower() in known:
        return False
    shown = f"扩展名“{out.suffix}”" if out.suffix else "没有扩展名"
    print(f"未写入 {out}：{shown}不是可以写入的格式；可用的扩展名：{'、'.join(known)}", file=sys.stderr)
    return True


def project_output(text: str, force: bool) -> Path | None:
    """The project file a command writes (``-o``), or None after saying on stderr why not: a name without a suffix
    gets .nianbao, any other suffix is refused (a project saved as .docx or .txt is found by neither ``check`` on a
    folder nor the app's open dialog), an existing file needs --force."""
    out = Path(text)
    if not out.suffix and out.name:
        out = out.with_name(out.name + storage.SUFFIX)
    if refuse_suffix(out, (storage.SUFFIX,)) or refuse_overwrite(out, force):
        return None
    return out


def add_command(subparsers, name: str, *, help: str, exit_codes: str, description: str | None = None):
    """Register one command, what its exit codes mean at the foot of its help."""
    return subparsers.add_parser(name, help=help, description=description or help, epilog=exit_codes)


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


# argparse's own refusals of a command line, in the officer's words (their English is argparse's, 3.10 to 3.13)
_ARGPARSE_ERRORS = [
    (r"the following arguments are required: (.*)", r"缺少必须给出的参数：\1"),
    (r"unrecognized arguments: (.*)", r"不认识的参数：\1"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确，可能是：\2"),
    (r"argument (.+?): invalid choice: (.+?) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选：\3"),
    (r"argument (.+?): expected one argument", r"参数 \1 后面需要给出一个值"),
    (r"argument (.+?): expected at least one argument", r"参数 \1 后面至少需要给出一个值"),
    (r"argument (.+?): not allowed with argument (.+)", r"参数 \1 不能与 \2 同时使用"),
    (r"argument (.+?): invalid \S+ value: (.*)", r"参数 \1 的值 \2 无效"),
    (r"argument (.+?): (.*)", r"参数 \1：\2"),  # our own type checks' messages are Chinese already
]


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Chinese too (用法、选项、-h, its refusals); the commands' parsers are of this
    class as well, argparse making them of their parent's."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = "位置参数", "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def error(self, message: str):
        for english, chinese in _ARGPARSE_ERRORS:
            if re.fullmatch(english, message, flags=re.S):
                message = re.sub(english, chinese, message, count=1, flags=re.S)
                break
        self.print_usage(sys.stderr)
        self.exit(exits.NOT_DONE, f"{self.prog}：{message}\n")


def save_project(report, out: Path) -> bool:
    """Save a project file for a command, or say why not."""
    try:
        storage.save(report, out)
    except OSError as e:
        print(f"无法保存：{out}（{oserrors.describe(e)}）", file=sys.stderr)
        return False
    return True


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.window.launch import run  # Qt is loaded only for the desktop app

    return run(args.file, screenshot_dir=args.screenshot, exit_after_show=args.exit_after_show,
               example=args.example, screenshot_size=args.size)


def report_year(text: str) -> int:
    """--year N: a report's year, refused before conversion when it cannot be one (also a number of thousands of
    digits, which int() would refuse with a traceback)."""
    digits = text.strip()
    year = int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 4 else None
    if year is None or limits.year_problem(year) is not None:
        raise argparse.ArgumentTypeError(
            f"年度“{limits.shown(text)}”无效：应为{limits.YEAR_MIN}至{limits.YEAR_MAX}之间的年份"
            f"（《政府信息公开条例》自{limits.YEAR_MIN}年5月1日起施行）")
    return year


def _window_size(text: str) -> tuple[int, int]:
    """--size 1366x768 (× and X accepted too)."""
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"窗口大小应写成“宽x高”，例如 1366x768，而不是“{text}”") from None
    if not (320 <= width <= 10000 and 240 <= height <= 10000):
        raise argparse.ArgumentTypeError(f"窗口大小 {text} 不合理（宽 320–10000，高 240–10000）")
    return width, height


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告编制助手",
                     epilog="“nianbao 命令 -h”显示该命令的帮助。" + exits.meaning(
                         "完成", "未完成、未写入任何文件（如输入无法读取、文件已存在）",
                         "已完成，但结果有错误或不同之处"))
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令", help="不写命令时启动桌面程序")

    p = add_command(sub, "check", help="检查年报文件（可多个文件或文件夹）",
                exit_codes=exits.meaning("全部通过（没有错误）", "有文件无法读取，或没有找到 .nianbao 文件",
                                         "有报告存在错误"))
    p.add_argument("paths", nargs="+", metavar="PATH", help="年报文件（.nianbao）或文件夹（检查其中所有年报文件）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    p.set_defaults(func=cmd_check)

    p = add_command(sub, "new", help="以上年年报为基础新建本年年报",
                exit_codes=exits.meaning("已生成",
                                         "未生成（上年文件无法读取、年度不对、文件已存在或扩展名不是 .nianbao）"))
    p.add_argument("--from", dest="from_path", required=True, metavar="LAST", help="上年的年报文件（.nianbao）")
    p.add_argument("-o", "--output", required=True, metavar="NEW", help="要生成的本年年报文件（.nianbao）")
    p.add_argument("--year", type=report_year, help=f"本年度（{limits.YEAR_MIN}–{limits.YEAR_MAX}，默认为上年年度加1）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_new)

    p = add_command(sub, "gui", help="启动桌面程序",
                exit_codes=exits.meaning("正常退出", "无法启动（缺少系统库等，会说明原因）"))
    p.add_argument("file", nargs="?", help="要打开的年报文件（.nianbao）；不写时显示开始页")
    p.add_argument("--screenshot", metavar="DIR", help="把每一步渲染成 DIR/<步骤>.png 后退出")
    p.add_argument("--size", type=_window_size, default=(1366, 768), metavar="WxH",
                   help="截图时的窗口大小，默认 1366x768")
    p.add_argument("--exit-after-show", action="store_true", help="显示窗口并绘制一次后退出")
    p.add_argument("--example", action="store_true", help="没有指定文件时打开自带的示例年报")
    p.set_defaults(func=cmd_gui)

    for register in _extra_commands(command):
        register(sub)
    return parser


_EXTRA_MODULES = {"export": "app.export.cli", "import": "app.importing.cli", "consolidate": "app.consolidate.cli",
                  "consolidate-pack": "app.consolidate.pack_cli", "compare": "app.compare_cli"}


def _extra_commands(command: str | None):
    """Commands that live in their own modules (export, import), registered if present.

    Only the module of the command being run is imported (python-docx and the PDF reader are slow to
    load, and the desktop app must start fast); all of them for help or an unknown command.
    """
    wanted = [_EXTRA_MODULES[command]] if command in _EXTRA_MODULES else (
        [] if command in ("check", "new", "gui") else list(_EXTRA_MODULES.values()))
    out = []
    for module in wanted:
        try:
            mod = __import__(module, fromlist=["register"])
        except ModuleNotFoundError as e:
            if e.name != module:
                raise
            continue
        out.append(mod.register)
    return out


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        argv = ["gui"]
    parser = build_parser(argv[0])
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
