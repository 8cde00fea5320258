"""The ``nianbao`` command: check, new, export, import, consolidate, and starting the desktop app."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__, oserrors, storage
from .checks import SEVERITIES, SEVERITY_NAMES, check_report, finding_line, has_errors, severity_counts
from .limits import project as limits

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


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
        return EXIT_UNREADABLE
    results = []
    code = EXIT_OK
    for path in files:
        try:
            report = storage.load(path)
        except storage.ProjectFileError as e:
            results.append({"file": str(path), "error": str(e)})
            code = EXIT_UNREADABLE
            continue
        findings = check_report(report)
        if has_errors(findings) and code == EXIT_OK:
            code = EXIT_ERRORS
        results.append({"file": str(path), "title": report.title(), "findings": findings})
    if args.json:
        out = [{**r, "findings": [f.as_dict() for f in r["findings"]]} if "findings" in r else r for r in results]
        print(json.dumps(out[0] if len(files) == 1 else out, ensure_ascii=False, indent=1))
        return code
    for r in results:
        if "error" in r:
            print(f"{r['file']}：无法读取：{r['error']}")
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
    last = load_or_say(args.from_path, "上年文件")
    if last is None:
        return EXIT_UNREADABLE
    if args.year is None and last.year is None:
        print("上年文件没有填写年度，请用 --year 指定本年度", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.year is not None and last.year is not None and args.year <= last.year:
        print(f"本年度（{args.year}）应晚于上年报告的年度（{last.year}）", file=sys.stderr)
        return EXIT_UNREADABLE
    from .carryover import new_from_last_year

    report = new_from_last_year(last, args.year)
    problem = limits.year_problem(report.year, "本年度")
    if problem:  # last year's 2100 would make 2101
        print(f"未生成：{problem}", file=sys.stderr)
        return EXIT_UNREADABLE
    out = Path(args.output)
    if refuse_overwrite(out, args.force) or not save_project(report, out):
        return EXIT_UNREADABLE
    print(f"已生成{report.year}年度报告：{out}")
    return EXIT_OK


def load_or_say(path: str | Path, what: str | None = None):
    """The report in a project file, or None after saying on stderr why it cannot be read (``what`` names the
    file for the officer, e.g. 上年文件; else its path)."""
    try:
        return storage.load(path)
    except storage.ProjectFileError as e:
        print(f"无法读取{what}：{e}" if what else f"无法读取 {path}：{e}", file=sys.stderr)
        return None


def refuse_overwrite(out: Path, force: bool) -> bool:
    """Say so and return True when ``out`` exists and the command was not told to overwrite it."""
    if out.exists() and not force:
        print(f"文件已存在：{out}（如要覆盖请加 --force）", file=sys.stderr)
        return True
    return False


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
    parser = argparse.ArgumentParser(prog="nianbao", description="政府信息公开工作年度报告编制助手")
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("check", help="检查年报文件（可多个文件或文件夹）")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", help="以上年年报为基础新建本年年报")
    p.add_argument("--from", dest="from_path", required=True, metavar="LAST")
    p.add_argument("-o", "--output", required=True, metavar="NEW")
    p.add_argument("--year", type=report_year, help=f"本年度（{limits.YEAR_MIN}–{limits.YEAR_MAX}，默认为上年年度加1）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("gui", help="启动桌面程序")
    p.add_argument("file", nargs="?")
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
