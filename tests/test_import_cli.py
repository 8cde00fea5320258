"""``nianbao import``: the import report printed in Chinese, the project file written, the exit codes."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from app import storage
from app.cli import main

SEED = Path(__file__).resolve().parent / "fixtures" / "import" / "seed-tianshan-2024.txt"


def test_import_a_file_to_a_project(tmp_path, capsys):
    out = tmp_path / "用户" / "天山乡 2024.nianbao"
    out.parent.mkdir()
    assert main(["import", str(SEED), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "已导入文字年报：天山乡人民政府2024年政府信息公开工作年度报告" in printed
    assert "表三：读到175个单元格中的175个" in printed
    assert "检查结果：错误0" in printed
    assert f"已保存：{out}" in printed
    report = storage.load(out)
    assert report.body.name == "天山乡人民政府" and report.year == 2024 and report.body.date == "2025-01-26"


def test_then_start_this_years_report(tmp_path, capsys):
    last, new = tmp_path / "2024.nianbao", tmp_path / "2025.nianbao"
    assert main(["import", str(SEED), "-o", str(last)]) == 0
    assert main(["new", "--from", str(last), "-o", str(new)]) == 0
    report = storage.load(new)
    assert report.year == 2025 and report.last_year.year == 2024
    assert report.body.signature == "哈密市伊州区天山乡人民政府"


def test_a_report_that_does_not_reconcile_is_imported_and_its_errors_shown(tmp_path, capsys):
    text = SEED.read_text(encoding="utf-8").replace("(七)总计 |\n0 |", "(七)总计 |\n5 |", 1)
    src = tmp_path / "年报.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "年报.nianbao"
    assert main(["import", str(src), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "[错误]" in printed and "（七）总计填写为5" in printed
    assert "数字按原报告导入，未作改动" in printed
    assert out.exists()


def test_text_on_stdin(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes()), encoding="utf-8"))
    out = tmp_path / "stdin.nianbao"
    assert main(["import", "-", "-o", str(out)]) == 0
    assert storage.load(out).body.name == "天山乡人民政府"


@pytest.mark.parametrize("content, message", [
    (b"", "无法导入"),
    (bytes(range(256)) * 8, "二进制文件"),
    ("这不是年报。\n".encode() * 30, "没有识别出年报的内容"),
])
def test_nothing_importable_exits_2_with_a_message(tmp_path, capsys, content, message):
    src = tmp_path / "输入.txt"
    src.write_bytes(content)
    out = tmp_path / "out.nianbao"
    assert main(["import", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and "无法导入" in err
    assert not out.exists()


def test_existing_output_needs_force(tmp_path, capsys):
    out = tmp_path / "out.nianbao"
    out.write_text("keep", encoding="utf-8")
    assert main(["import", str(SEED), "-o", str(out)]) == 2
    assert "文件已存在" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "keep"
    assert main(["import", str(SEED), "-o", str(out), "--force"]) == 0
    assert storage.load(out).year == 2024


def test_missing_source_and_unwritable_output(tmp_path, capsys):
    assert main(["import", str(tmp_path / "无此文件.docx"), "-o", str(tmp_path / "a.nianbao")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert main(["import", str(SEED), "-o", str(tmp_path / "没有的文件夹" / "a.nianbao")]) == 2
    assert "无法保存" in capsys.readouterr().err


def test_the_variants_met_are_printed_and_the_own_sub_headings_saved(tmp_path, capsys):
    """The seed as some reports print it: 转结, 规范性文件, 三 for 二, the 平台建设 heading in longer words."""
    text = SEED.read_text(encoding="utf-8").replace("四、结转下年度继续办理 |", "四、转结下年度继续办理 |")
    text = text.replace("行政规范性文件 |", "规范性文件 |")
    text = text.replace("二、主动公开政府信息情况\n", "三、主动公开政府信息情况\n")
    platform = "(四)政府信息公开平台建设情况。加强乡政府网站日常维护。\n"
    text = text.replace("(四)监督保障方面\n", platform + "(五)监督保障方面\n")
    source, out = tmp_path / "已发布 年报.txt", tmp_path / "2024.nianbao"
    source.write_text(text, encoding="utf-8")
    assert main(["import", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "原报告将“二、主动公开政府信息情况”编号为“三、”" in printed
    assert "表二“行政规范性文件”行：原报告写作“规范性文件”" in printed
    assert "表三“四、结转下年度”行：原报告写作“四、转结下年度继续办理”" in printed
    assert "表三：读到175个单元格中的175个" in printed and "检查结果：错误0" in printed
    report = storage.load(out)
    assert report.part_heading("overall.platform") == "（四）政府信息公开平台建设情况"
    assert report.text("overall.platform") == "加强乡政府网站日常维护。"
