"""The command line: `nianbao check` and `nianbao new`, through app.cli.main and once as a real process."""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import exits, storage
from app.cli import build_parser, main
from app.formatdef import CellRef

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "tianshan-2024.nianbao"
SUMMARY = ROOT / "tests" / "fixtures" / "summary-v2.nianbao"  # a 汇总 of three units
SEED = ROOT / "tests" / "fixtures" / "import" / "seed-tianshan-2024.txt"  # a published report as text
COMMANDS = ["check", "new", "gui", "export", "import", "consolidate", "consolidate-pack", "compare"]


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "用户" / "年报 文件夹"
    path.mkdir(parents=True)
    return path


def _with_error(example_report, path: Path) -> Path:
    example_report.set_cell(CellRef("applications", "new_received", "natural"), "5")
    storage.save(example_report, path)
    return path


def test_check_one_good_file_prints_its_findings_and_exits_0(capsys):
    assert main(["check", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{EXAMPLE}：通过（错误0，警告2，提示0）"
    assert out[1] == "天山乡人民政府2024年政府信息公开工作年度报告"
    assert out[2].startswith("  【警告】“一、总体情况（四）平台建设”还没有内容")
    assert len(out) == 4


def test_check_a_file_with_an_error_exits_1(example_report, folder, capsys):
    path = _with_error(example_report, folder / "有错误.nianbao")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}：有错误（错误1，警告2，提示0）" in out
    assert "  【错误】表三“自然人”列：第一项＋第二项＝5，第三项（七）总计＋第四项＝0，相差5" in out


def test_check_json_gives_rule_severity_message_and_cells(example_report, folder, capsys):
    path = _with_error(example_report, folder / "有错误.nianbao")
    assert main(["check", str(path), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["file"] == str(path)
    t31 = next(f for f in result["findings"] if f["rule"] == "T3-1")
    assert t31["severity"] == "error"
    assert t31["message"] == "表三“自然人”列：第一项＋第二项＝5，第三项（七）总计＋第四项＝0，相差5"
    assert t31["cells"] == ["applications.new_received.natural", "applications.carried_over.natural",
                            "applications.result_total.natural", "applications.carry_next.natural"]
    assert t31["fix"] == "将“四、结转下年度继续办理”改为5"


def test_check_an_unreadable_file_exits_2_with_the_reason_on_stderr(folder, capsys):
    bad = folder / "坏文件.nianbao"
    bad.write_text("{", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    captured = capsys.readouterr()
    assert f"{bad}：无法读取：文件已损坏或不完整" in captured.err
    assert str(bad) not in captured.out  # once printed on stdout among the results
    assert main(["check", str(folder / "没有.nianbao"), "--json"]) == 2
    captured = capsys.readouterr()
    assert "找不到文件" in json.loads(captured.out)["error"] and "没有.nianbao：无法读取：找不到文件" in captured.err


def test_check_a_folder_prints_one_line_per_file(example_report, folder, capsys):
    storage.save(example_report, folder / "甲.nianbao")
    (folder / "子目录").mkdir()
    _with_error(example_report, folder / "子目录" / "乙.nianbao")
    (folder / "说明.txt").write_text("不是年报", encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{folder / '子目录' / '乙.nianbao'}：有错误（错误1，警告2，提示0）",
                     f"{folder / '甲.nianbao'}：通过（错误0，警告2，提示0）"]


def test_check_several_files_as_json_is_a_list_and_unreadable_wins(example_report, folder, capsys):
    good = folder / "甲.nianbao"
    storage.save(example_report, good)
    bad = folder / "坏.nianbao"
    bad.write_bytes(b"\x00\x01")
    erroneous = _with_error(example_report, folder / "错.nianbao")
    assert main(["check", str(good), str(erroneous), str(bad), "--json"]) == 2
    result = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in result] == [str(good), str(erroneous), str(bad)]
    assert "二进制" in result[2]["error"]
    assert main(["check", str(good), str(erroneous)]) == 1
    capsys.readouterr()


def test_check_an_empty_folder_exits_2(folder, capsys):
    assert main(["check", str(folder)]) == 2
    assert "没有找到 .nianbao 文件" in capsys.readouterr().err


def test_new_from_last_year(folder, capsys):
    out = folder / "年报 2025.nianbao"
    assert main(["new", "--from", str(EXAMPLE), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"已生成2025年度报告：{out}"
    report = storage.load(out)
    assert report.year == 2025 and report.body.name == "天山乡人民政府" and report.body.date == ""
    assert report.last_year.year == 2024
    assert report.cell_text(CellRef("applications", "carried_over", "natural")) == "0"


def test_new_with_a_year(folder, capsys):
    out = folder / "年报 2026.nianbao"
    assert main(["new", "--from", str(EXAMPLE), "-o", str(out), "--year", "2026"]) == 0
    assert storage.load(out).year == 2026


def test_new_refuses_to_overwrite_unless_forced(folder, capsys):
    out = folder / "已有.nianbao"
    out.write_text("我的文件", encoding="utf-8")
    assert main(["new", "--from", str(EXAMPLE), "-o", str(out)]) == 2
    assert "文件已存在" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "我的文件"
    assert main(["new", "--from", str(EXAMPLE), "-o", str(out), "--force"]) == 0
    assert storage.load(out).year == 2025
    assert out.with_name("已有.nianbao.bak").read_text(encoding="utf-8") == "我的文件"


def test_new_refuses_bad_input(folder, capsys):
    bad = folder / "坏.nianbao"
    bad.write_text("not json", encoding="utf-8")
    assert main(["new", "--from", str(bad), "-o", str(folder / "新.nianbao")]) == 2
    assert "无法读取上年文件：文件已损坏或不完整" in capsys.readouterr().err
    assert main(["new", "--from", str(EXAMPLE), "-o", str(folder / "新.nianbao"), "--year", "2024"]) == 2
    assert "本年度（2024）应晚于上年报告的年度（2024）" in capsys.readouterr().err
    assert main(["new", "--from", str(EXAMPLE), "-o", str(folder / "没有的目录" / "新.nianbao")]) == 2
    assert "无法保存" in capsys.readouterr().err
    assert not (folder / "新.nianbao").exists()


def test_new_needs_a_year_when_last_years_file_has_none(example_report, folder, capsys):
    example_report.set_year(None)
    last = folder / "无年度.nianbao"
    storage.save(example_report, last)
    assert main(["new", "--from", str(last), "-o", str(folder / "新.nianbao")]) == 2
    assert "请用 --year 指定本年度" in capsys.readouterr().err
    assert main(["new", "--from", str(last), "-o", str(folder / "新.nianbao"), "--year", "2025"]) == 0


def _nianbao_command() -> Path:
    for candidate in (Path(sys.executable).parent / "nianbao", ROOT / ".venv" / "bin" / "nianbao"):
        if candidate.exists():
            return candidate
    pytest.skip("the nianbao command is not installed (run `make test`)")


def test_the_installed_command_checks_a_folder_in_a_real_process(example_report, folder):
    storage.save(example_report, folder / "甲.nianbao")
    _with_error(example_report, folder / "乙.nianbao")
    env = {**os.environ, "PYTHONIOENCODING": "", "LC_ALL": "C"}  # output is UTF-8 even in a bare locale
    done = subprocess.run([str(_nianbao_command()), "check", str(folder), "--json"], capture_output=True,
                          env=env, timeout=60)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    result = json.loads(done.stdout.decode("utf-8"))
    assert [Path(r["file"]).name for r in result] == ["乙.nianbao", "甲.nianbao"]
    assert [f["rule"] for f in result[0]["findings"]][0] == "T3-1"
    assert result[1]["title"] == "天山乡人民政府2024年政府信息公开工作年度报告"


def _absurd_year_file(folder: Path, year) -> Path:
    path = folder / "年报.nianbao"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["year"] = year
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_cell_of_thousands_of_digits_in_a_project_file_is_an_error_quoted_short(folder, capsys):
    # once Python's int-from-string limit: a traceback from `check`
    path = folder / "年报.nianbao"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["tables"]["active"]["rules"]["issued"] = "0" * 4000 + "5" + "9" * 4400
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert ("【错误】表二“规章／本年制发件数”填写的“" + "0" * 40
            + "…（共8401个字符）”有误：数字过大：有效数字超过15位") in out
    assert len(out) < 2000


@pytest.mark.parametrize("year", [0, -1, 99999, 10 ** 4000])
@pytest.mark.parametrize("command", [["export", "-o", "out.docx"], ["consolidate-pack", "-o", "units"],
                                     ["check"], ["new", "-o", "new.nianbao"]])
def test_a_file_of_an_absurd_year_is_refused_by_every_command_with_exit_2(folder, capsys, year, command):
    path = _absurd_year_file(folder, year)
    name, *rest = command
    rest = [str(folder / r) if r.endswith((".docx", ".nianbao")) or r == "units" else r for r in rest]
    argv = [name, "--from", str(path), *rest] if name == "new" else [name, str(path), *rest]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "应在2008年至2100年之间" in captured.err + captured.out
    assert len(captured.err + captured.out) < 1000  # a year of thousands of digits is not printed
    assert sorted(p.name for p in folder.iterdir()) == ["年报.nianbao"]  # nothing written


@pytest.mark.parametrize("year", ["0", "-1", "99999", "9" * 5000, "二〇二四"])
@pytest.mark.parametrize("command", ["new", "consolidate"])
def test_an_absurd_year_on_the_command_line_is_refused_with_exit_2(folder, capsys, year, command):
    argv = (["new", "--from", str(EXAMPLE), "-o", str(folder / "new.nianbao")] if command == "new"
            else ["consolidate", str(EXAMPLE), "-o", str(folder / "total.nianbao")])
    with pytest.raises(SystemExit) as exit_:
        main([*argv, f"--year={year}"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "无效：应为2008至2100之间的年份" in err and len(err) < 1000
    assert list(folder.iterdir()) == []


def test_new_refuses_a_year_past_2100_made_from_last_years(folder, capsys, example_report):
    example_report.year = 2100
    last = folder / "2100.nianbao"
    storage.save(example_report, last)
    assert main(["new", "--from", str(last), "-o", str(folder / "2101.nianbao")]) == 2
    assert "未生成：“本年度”为2101，应在2008年至2100年之间" in capsys.readouterr().err
    assert not (folder / "2101.nianbao").exists()


# --- one convention for every command (issue 20 item 5) ------------------------------------------------------

def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_option_of_every_command_has_chinese_help():
    parser = build_parser()
    parsers = {"nianbao": parser, **_subcommands(parser)}
    assert sorted(parsers) == sorted(["nianbao", *COMMANDS])
    missing = [f"{name} {'/'.join(a.option_strings) or a.dest}: {a.help!r}"
               for name, p in parsers.items() for a in p._actions
               if not (a.help and re.search(r"[\u4e00-\u9fff]", a.help))]
    assert missing == []


@pytest.mark.parametrize("command", COMMANDS)
def test_each_commands_help_ends_with_what_its_exit_codes_mean(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "-h"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert re.search(r"退出码：0 [^；]+；(1 [^；]+；)?2 [^；]+。", re.sub(r"\s+", " ", out)), out


def test_the_exit_codes_are_defined_once_in_app_exits():
    """No command keeps a number of its own for an exit code: each names one of app.exits."""
    own = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path.name == "exits.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(
                    isinstance(n, ast.Name) and n.id.startswith("EXIT") for t in node.targets for n in ast.walk(t)):
                if any(isinstance(c, ast.Constant) and isinstance(c.value, int) for c in ast.walk(node.value)):
                    own.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert own == []
    assert (exits.OK, exits.WITH_ERRORS, exits.NOT_DONE) == (0, 1, 2)


def _writing_commands(folder: Path) -> dict[str, tuple[list[str], Path]]:
    """Each writing command, the arguments that make it write, and the file that is then already there."""
    return {
        "export": (["export", str(EXAMPLE), "-o", str(folder / "发布稿 2024.docx")], folder / "发布稿 2024.docx"),
        "export --pdf": (["export", str(EXAMPLE), "-o", str(folder / "发布稿.docx"), "--pdf"], folder / "发布稿.pdf"),
        "import": (["import", str(SEED), "-o", str(folder / "已发布 2024.nianbao")], folder / "已发布 2024.nianbao"),
        "new": (["new", "--from", str(EXAMPLE), "-o", str(folder / "年报 2025.nianbao")], folder / "年报 2025.nianbao"),
        "consolidate": (["consolidate", str(EXAMPLE), "-o", str(folder / "汇总.nianbao")], folder / "汇总.nianbao"),
        "consolidate --overview": (["consolidate", str(EXAMPLE), "-o", str(folder / "汇总.nianbao"),
                                    "--overview", str(folder / "概览.xlsx")], folder / "概览.xlsx"),
        "consolidate-pack": (["consolidate-pack", str(SUMMARY), "-o", str(folder)], folder / "示例县财政局.xlsx"),
    }


@pytest.mark.parametrize("name", list(_writing_commands(Path("."))))
def test_every_writing_command_keeps_an_existing_file_unless_forced(folder, capsys, name, monkeypatch):
    from app.export import pdf_convert

    monkeypatch.setattr(pdf_convert, "convert_to_pdf", lambda docx, pdf, **_kw: pdf.write_bytes(b"%PDF-1.4") and pdf)
    argv, there = _writing_commands(folder)[name]
    old = b"\x00the officer's own file\xff"
    there.write_bytes(old)
    assert main(argv) == exits.NOT_DONE
    captured = capsys.readouterr()
    assert there.name in captured.err and "--force" in captured.err
    assert there.read_bytes() == old
    assert [p.name for p in folder.iterdir()] == [there.name]  # nothing else written either
    assert main([*argv, "--force"]) == exits.OK, capsys.readouterr()
    assert there.read_bytes() != old


@pytest.mark.parametrize("argv, known", [
    (["export", str(EXAMPLE), "-o", "{folder}/年报.odt"],
     ".docx（Word 文档）、.html 或 .htm（网页版）、.xlsx（Excel 工作簿）、.pdf（PDF 文件）、.png（一图读懂 PNG 图片）、"
     ".svg（一图读懂 SVG 矢量图）"),
    (["export", str(EXAMPLE), "-o", "{folder}/年报.doc", "--force"], ".docx（Word 文档）"),
    (["import", str(SEED), "-o", "{folder}/年报.txt"], ".nianbao"),
    (["new", "--from", str(EXAMPLE), "-o", "{folder}/年报 2025.docx"], ".nianbao"),
    (["consolidate", str(EXAMPLE), "-o", "{folder}/汇总.json"], ".nianbao"),
    (["consolidate", str(EXAMPLE), "-o", "{folder}/汇总.nianbao", "--overview", "{folder}/概览.csv"], ".xlsx"),
], ids=["export odt", "export doc", "import", "new", "consolidate", "overview"])
def test_an_output_suffix_no_command_writes_is_refused_with_the_known_ones(folder, capsys, argv, known):
    argv = [a.replace("{folder}", str(folder)) for a in argv]
    assert main(argv) == exits.NOT_DONE
    err = capsys.readouterr().err
    assert known in err and Path(next(a for a in reversed(argv) if "{" not in a and str(folder) in a)).name in err
    assert list(folder.iterdir()) == []  # -o 年报.odt once wrote 年报.odt.docx


def test_a_project_output_named_without_a_suffix_gets_nianbao(folder, capsys):
    assert main(["new", "--from", str(EXAMPLE), "-o", str(folder / "年报 2025")]) == exits.OK
    assert capsys.readouterr().out.strip() == f"已生成2025年度报告：{folder / '年报 2025.nianbao'}"
    assert storage.load(folder / "年报 2025.nianbao").year == 2025
    assert [p.name for p in folder.iterdir()] == ["年报 2025.nianbao"]


@pytest.mark.parametrize("argv, said", [
    (["export", "{example}", "--format", "odt"], "nianbao export：参数 --format 的值 'odt' 无效，可选：'docx', 'html'"),
    (["export", "{example}", "-o"], "nianbao export：参数 -o/--output 后面需要给出一个值"),
    (["new", "--from", "{example}"], "nianbao new：缺少必须给出的参数：-o/--output"),
    (["check", "{example}", "--jsn"], "nianbao：不认识的参数：--jsn"),
    (["exprot", "{example}"], "nianbao：参数 命令 的值 'exprot' 无效，可选：'check'"),
], ids=["bad choice", "no value", "missing option", "unknown option", "unknown command"])
def test_a_wrong_command_line_is_refused_in_chinese_with_exit_2(folder, capsys, monkeypatch, argv, said):
    monkeypatch.chdir(folder)
    with pytest.raises(SystemExit) as done:
        main([a.replace("{example}", str(EXAMPLE)) for a in argv])
    assert done.value.code == exits.NOT_DONE
    captured = capsys.readouterr()
    assert captured.err.startswith("用法：nianbao") and said in captured.err and captured.out == ""
    assert list(folder.iterdir()) == []
