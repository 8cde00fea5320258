"""`nianbao consolidate`: the bundled examples and real published reports summed, bad units refused, the overview."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import storage
from app.cli import main
from app.formatdef import CellRef
from app.importing import import_file
from app.report import Body, Report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"
REALWORLD = ROOT.parent / "shared" / "realworld"
NEW_TOTAL = CellRef("applications", "new_received", "total")
PENALTY = CellRef("active", "penalty", "decisions")
FEE = CellRef("active", "admin_fee", "amount_wanyuan")


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "用户" / "单位 2024"
    path.mkdir(parents=True)
    return path


def _unit(path: Path, name: str, penalty: int = 1, year: int = 2024) -> Path:
    report = Report(year=year, body=Body(name=name))
    report.set_cell(PENALTY, str(penalty))
    storage.save(report, path)
    return path


def test_the_bundled_2024_examples_consolidate_into_a_summary(tmp_path, capsys):
    units = [EXAMPLES / "tianshan-2024.nianbao", EXAMPLES / "huaian-2024.nianbao"]
    out = tmp_path / "用户" / "汇总 2024.nianbao"
    out.parent.mkdir()
    assert main(["consolidate", *map(str, units), "-o", str(out), "--name", "示例市人民政府"]) == 0
    printed = capsys.readouterr().out
    assert f"  [无错误] 天山乡人民政府（2024年）：{units[0]}" in printed
    assert "汇总：示例市人民政府2024年政府信息公开工作年度报告（2个单位）" in printed
    total = storage.load(out)
    assert total.body.scope == "summary" and total.body.kind == "government" and total.year == 2024
    parts = [storage.load(u) for u in units]
    for ref in (NEW_TOTAL, PENALTY, FEE):
        assert total.value(ref) == sum(p.value(ref) for p in parts), ref
    assert [u.name for u in total.units] == ["天山乡人民政府", "淮安市人民政府"]


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is not here")
def test_three_real_published_reports_consolidate_through_the_command_line(tmp_path, capsys):
    units = [REALWORLD / "07_hongze_2024.txt", REALWORLD / "08_huaian_2024.txt", EXAMPLES / "tianshan-2024.nianbao"]
    out = tmp_path / "汇总 2024.nianbao"
    assert main(["consolidate", *map(str, units), "-o", str(out), "--name", "示例市人民政府"]) == 0
    total = storage.load(out)
    parts = [import_file(units[0]).report, import_file(units[1]).report, storage.load(units[2])]
    for ref in (NEW_TOTAL, PENALTY, FEE, CellRef("review_litigation", "review", "total")):
        assert total.value(ref) == sum(p.value(ref) for p in parts), ref
    capsys.readouterr()
    # 洪泽 2023 on its own: its two typed 表四 totals that do not match their terms are named and not taken;
    # the sum computes its totals, so the sum itself has no error (exit 0)
    assert main(["consolidate", str(REALWORLD / "06_hongze_2023.txt"), "-o", str(tmp_path / "2023.nianbao")]) == 0
    printed = capsys.readouterr().out
    assert "  [2个错误] 洪泽区人民政府（2023年）" in printed
    assert ("【警告】表四“行政复议／总计”：汇总数按分项计算为11；“洪泽区人民政府”填0，"
            "与其分项之和不符，未采用") in printed
    assert printed.count("【警告】表四") == 2
    assert "HZ-2" not in printed  # the rule's code is ours, not the officer's


@pytest.mark.parametrize("bad, problem", [
    ("corrupt", "文件已损坏或不完整"),
    ("foreign", "这不是年报项目文件（缺少“nianbao-project”格式标记）"),
    ("year", "年度为2023年，与汇总年度（2024年）不符"),
    ("duplicate", "计入汇总，同一机关只能计入一次"),
])
def test_a_bad_unit_is_named_and_nothing_is_written(folder, capsys, bad, problem):
    _unit(folder / "甲局.nianbao", "甲局")
    _unit(folder / "乙局.nianbao", "乙局")
    path = folder / "丙局.nianbao"
    if bad == "corrupt":
        path.write_text('{"format": "nianbao-project", "schema_', encoding="utf-8")
    elif bad == "foreign":
        path.write_text('{"name": "丙局", "cells": [1, 2]}', encoding="utf-8")
    elif bad == "year":
        _unit(path, "丙局", year=2023)
    else:
        _unit(path, "甲局", penalty=5)
    out = folder.parent / "汇总 2024.nianbao"
    out.write_bytes(b"old")
    xlsx = folder.parent / "概览.xlsx"
    assert main(["consolidate", str(folder), "-o", str(out), "--force", "--overview", str(xlsx)]) == 2
    printed = capsys.readouterr()
    assert f"未生成汇总 {out}：1个" in printed.err and "见上面的单位列表" in printed.err
    assert problem in printed.out
    # each file is named once, on its row of the list, with its reason
    assert (printed.out + printed.err).count(str(path)) == 1
    assert out.read_bytes() == b"old" and not xlsx.exists()


def test_an_existing_output_is_not_overwritten_without_force(folder, capsys):
    _unit(folder / "甲局.nianbao", "甲局")
    out = folder.parent / "汇总.nianbao"
    out.write_bytes(b"old")
    assert main(["consolidate", str(folder), "-o", str(out)]) == 2
    assert "文件已存在" in capsys.readouterr().err and out.read_bytes() == b"old"


def test_a_unit_that_does_not_balance_makes_exit_1_and_is_named(folder, capsys):
    _unit(folder / "甲局.nianbao", "甲局")
    bad = Report(year=2024, body=Body(name="乙局"))
    bad.set_cell(CellRef("applications", "new_received", "natural"), "4")
    storage.save(bad, folder / "乙局.nianbao")
    out = folder.parent / "汇总.nianbao"
    assert main(["consolidate", str(folder), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "  [1个错误] 乙局（2024年）" in printed
    assert "相差4；该式在“乙局”的表中不成立" in printed
    assert storage.load(out).value(CellRef("applications", "new_received", "total")) == 4


def test_the_offices_own_report_is_included_and_names_the_summary(folder, capsys):
    _unit(folder / "甲局.nianbao", "甲局", penalty=2)
    own = _unit(folder.parent / "办公室.nianbao", "示例县人民政府", penalty=3)
    out = folder.parent / "汇总.nianbao"
    assert main(["consolidate", str(folder), "--include-own", str(own), "-o", str(out)]) == 0
    total = storage.load(out)
    assert total.title() == "示例县人民政府2024年政府信息公开工作年度报告"
    assert total.value(PENALTY) == 5 and [u.own for u in total.units] == [False, True]


def test_a_summary_written_into_the_units_folder_is_not_taken_as_a_unit_next_time(folder, capsys):
    _unit(folder / "甲局.nianbao", "甲局", penalty=2)
    out = folder / "汇总 2024.nianbao"
    assert main(["consolidate", str(folder), "-o", str(out), "--name", "示例县人民政府"]) == 0
    assert main(["consolidate", str(folder), "-o", str(out), "--name", "示例县人民政府", "--force"]) == 0
    assert storage.load(out).value(PENALTY) == 2


def test_an_overview_workbook_in_the_units_folder_is_passed_over_and_a_returned_fill_in_is_summed(folder, capsys):
    pytest.importorskip("openpyxl")
    from app.export.xlsx import fill_in_workbook

    _unit(folder / "甲局.nianbao", "甲局", penalty=2)
    out = folder / "汇总 2024.nianbao"
    overview = folder / "汇总概览.xlsx"
    assert main(["consolidate", str(folder), "-o", str(out), "--name", "示例县人民政府",
                 "--overview", str(overview)]) == 0
    capsys.readouterr()
    returned = storage.load(folder / "甲局.nianbao")
    returned.set_body_field("name", "乙局")
    (folder / "乙局.xlsx").write_bytes(fill_in_workbook(returned))
    assert main(["consolidate", str(folder), "-o", str(out), "--name", "示例县人民政府", "--force",
                 "--overview", str(overview)]) == 0
    printed = capsys.readouterr().out
    assert "单位（2个，计入汇总2个）" in printed and "] 乙局（2024年）" in printed and "无法读取" not in printed


def test_no_unit_files_found_exits_2(folder, capsys):
    assert main(["consolidate", str(folder), "-o", str(folder / "汇总.nianbao")]) == 2
    assert "没有找到单位的年报文件" in capsys.readouterr().err


def test_the_overview_workbook_has_a_row_per_unit_and_the_summed_tables(folder, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    _unit(folder / "甲局.nianbao", "甲局", penalty=2)
    _unit(folder / "乙局.nianbao", "乙局", penalty=5)
    _unit(folder / "丙局.nianbao", "丙局", year=2023)
    xlsx = folder.parent / "汇总概览.xlsx"
    out = folder.parent / "汇总.nianbao"
    assert main(["consolidate", str(folder / "甲局.nianbao"), str(folder / "乙局.nianbao"), "-o", str(out),
                 "--overview", str(xlsx)]) == 0
    wb = openpyxl.load_workbook(xlsx)
    units = [[c.value for c in row] for row in wb["单位"].iter_rows(min_row=2)]
    assert units[0][:9] == ["单位名称", "年度", "状态", "表三 一、本年新收", "表三 三、（七）总计",
                            "表三 四、结转下年度", "表四 行政复议", "表四 行政诉讼", "错误数"]
    assert units[1][:4] == ["甲局", 2024, "无错误", 0] and units[2][0] == "乙局"
    assert units[3][:3] == ["合计（计入汇总的单位）", 2024, "2个单位"]
    rows = {row[0].value: [c.value for c in row[1:]] for row in wb["汇总表"].iter_rows() if row[0].value}
    assert rows["行政处罚"][3] == 7  # 本年处理决定数量 column of 表二
    assert "表二 二、主动公开政府信息情况" in rows


def test_files_that_are_not_reports_are_each_named_with_the_reason(folder, capsys):
    _unit(folder / "甲局.nianbao", "甲局")
    (folder / "乙局.docx").write_bytes(b"PK\x03\x04garbage")
    (folder / "丙局.txt").write_text("随便写的文字", encoding="utf-8")
    (folder / "丁局.nianbao").write_bytes(b"\x00\x01\x02")
    with open(folder / "戊局.nianbao", "wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: too big to be a report, and never read
    out = folder.parent / "汇总.nianbao"
    assert main(["consolidate", str(folder), str(folder / "不存在.pdf"), "-o", str(out)]) == 2
    printed = capsys.readouterr().out
    for name, reason in [("乙局.docx", "Word 文件已损坏"), ("丙局.txt", "没有识别出年报的内容"),
                         ("丁局.nianbao", "这是二进制文件"), ("戊局.nianbao", "文件过大"),
                         ("不存在.pdf", "找不到文件")]:
        assert f"  [无法读取] {folder / name}\n      {reason}" in printed, name
        assert printed.count(name) == 1, name
    assert not out.exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_given_as_a_unit_is_refused_at_once_without_reading_it(folder, capsys, device):
    # /dev/zero once grew consolidate to 23 GB of memory: its size says 0 and reading it never ends
    _unit(folder / "甲局.nianbao", "甲局")
    assert main(["consolidate", str(folder), device, "-o", str(folder / "汇总.nianbao")]) == 2
    printed = capsys.readouterr()
    assert f"[无法读取] {device}\n      这不是普通文件" in printed.out and device not in printed.err
    assert not (folder / "汇总.nianbao").exists()


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs")
@pytest.mark.parametrize("name", ["乙局.nianbao", "乙局.docx"])
def test_a_fifo_given_as_a_unit_is_refused_without_waiting_for_a_writer(folder, capsys, name):
    import os

    os.mkfifo(folder / name)
    _unit(folder / "甲局.nianbao", "甲局")
    total = str(folder / "汇总.nianbao")
    assert main(["consolidate", str(folder / name), str(folder / "甲局.nianbao"), "-o", total]) == 2
    printed = capsys.readouterr()
    assert f"[无法读取] {folder / name}\n      这不是普通文件" in printed.out and "1个无法读取的文件" in printed.err


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs")
def test_a_fifo_inside_the_units_folder_is_listed_as_refused_not_skipped_or_waited_on(folder, capsys):
    import os

    for name in ("乙局.nianbao", "丙局.xlsx"):
        os.mkfifo(folder / name)
    _unit(folder / "甲局.nianbao", "甲局")
    assert main(["consolidate", str(folder), "-o", str(folder.parent / "汇总.nianbao")]) == 2
    printed = capsys.readouterr()
    for name in ("乙局.nianbao", "丙局.xlsx"):
        assert f"[无法读取] {folder / name}\n      这不是普通文件" in printed.out, name
    assert "2个无法读取的文件" in printed.err


def test_more_units_than_a_summary_may_hold_are_refused_before_any_is_read(folder, capsys, monkeypatch):
    from app.limits import project as limits

    monkeypatch.setattr(limits, "MAX_UNITS", 3)  # the real limit, 20,000, works the same; this keeps the test fast
    for i in range(5):
        (folder / f"单位{i}.nianbao").write_text("not read", encoding="utf-8")
    assert main(["consolidate", str(folder), "-o", str(folder.parent / "汇总.nianbao")]) == 2
    err = capsys.readouterr().err
    assert "汇总的单位有5个，超过上限3个" in err
    assert not (folder.parent / "汇总.nianbao").exists()
