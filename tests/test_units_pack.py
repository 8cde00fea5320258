"""生成下级填报文件: a blank report and a fill-in workbook per unit, refused whole when a file cannot be made."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import storage
from app.cli import main
from app.consolidate.units_pack import PackError, split_names, unit_names, write_pack
from app.formatdef import CellRef
from app.importing import import_file
from tests.test_import_xlsx import _filled

FIXTURES = Path(__file__).parent / "fixtures"
SUMMARY = FIXTURES / "summary-v2.nianbao"  # 示例县人民政府's 汇总: three units and its own report
UNITS = ["示例县财政局", "示例县教育局", "示例县城关镇人民政府"]


def test_each_unit_of_the_summary_gets_a_blank_report_and_a_workbook(tmp_path):
    total = storage.load(SUMMARY)
    assert unit_names(total) == UNITS  # the office's own 本机关 report is made in the app, not sent out
    folder = tmp_path / "用户" / "下级填报 2024"
    written = write_pack(folder, unit_names(total), total.year, format_id=total.format_id)
    assert sorted(p.name for p in written) == sorted(f"{n}{s}" for n in UNITS for s in (".nianbao", ".xlsx"))
    town = storage.load(folder / "示例县城关镇人民政府.nianbao")
    assert (town.body.name, town.body.kind, town.year, town.cells, town.texts) == \
        ("示例县城关镇人民政府", "government", 2024, {}, {})
    result = import_file(folder / "示例县教育局.xlsx")
    assert (result.report.body.name, result.report.year, result.report.cells) == ("示例县教育局", 2024, {})


def test_the_command_writes_the_named_units(tmp_path, capsys):
    folder = tmp_path / "包"
    assert main(["consolidate-pack", str(SUMMARY), "-o", str(folder), "--units", "甲局，乙镇、甲局"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["乙镇.nianbao", "乙镇.xlsx", "甲局.nianbao", "甲局.xlsx"]
    assert "已为2个单位生成2024年度的填报文件" in capsys.readouterr().out


def test_files_already_there_are_not_overwritten_and_nothing_is_written(tmp_path, capsys):
    folder = tmp_path / "包"
    folder.mkdir()
    (folder / "示例县教育局.xlsx").write_bytes(b"returned")
    assert main(["consolidate-pack", str(SUMMARY), "-o", str(folder)]) == 2
    assert "文件夹中已有示例县教育局.xlsx（如要覆盖请加 --force）" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["示例县教育局.xlsx"]
    assert (folder / "示例县教育局.xlsx").read_bytes() == b"returned"
    assert main(["consolidate-pack", str(SUMMARY), "-o", str(folder), "--force"]) == 0
    assert len(list(folder.iterdir())) == 6


def test_names_that_cannot_be_file_names_are_refused_before_anything_is_written(tmp_path):
    folder = tmp_path / "包"
    with pytest.raises(PackError) as e:
        write_pack(folder, ["甲局/办公室", "甲局:办公室", "CON", "甲局"], 2025, format_id="GBGKBH-2021-30")
    assert str(e.value) == "“甲局/办公室”和“甲局:办公室”的文件名相同（甲局_办公室）；单位名称“CON”不能用作文件名"
    assert not folder.exists()
    assert split_names("甲局, 乙镇；丙街道") == ["甲局", "乙镇", "丙街道"]


def test_a_summary_without_units_needs_the_names(tmp_path, capsys, example_report):
    path = tmp_path / "本机关.nianbao"
    storage.save(example_report, path)
    assert main(["consolidate-pack", str(path), "-o", str(tmp_path / "包")]) == 2
    assert "没有下级单位名单" in capsys.readouterr().err and not (tmp_path / "包").exists()


def test_filled_workbooks_come_back_into_the_summary(tmp_path, large_report, capsys):
    """The whole loop: pack, two units fill their workbooks in Excel, nianbao consolidate adds them up."""
    folder = tmp_path / "包"
    write_pack(folder, ["甲局", "乙镇"], 2024, format_id="GBGKBH-2021-30")
    returned = tmp_path / "交回"
    returned.mkdir()
    for name in ("甲局", "乙镇"):
        _filled(large_report, name).save(returned / f"{name}.xlsx")
    out = tmp_path / "汇总.nianbao"
    code = main(["consolidate", str(returned), "-o", str(out), "--name", "某县人民政府"])
    assert code in (0, 1), capsys.readouterr()
    total = storage.load(out)
    assert sorted(u.name for u in total.units) == ["乙镇", "甲局"]
    ref = CellRef("applications", "granted", "natural")
    assert total.value(ref) == 2 * large_report.value(ref) == 2 * 1288
    assert total.value(CellRef("active", "admin_fee", "amount_wanyuan")) == 2 * large_report.value(
        CellRef("active", "admin_fee", "amount_wanyuan"))
