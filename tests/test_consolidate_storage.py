"""The units of a 汇总 in the project file: the fixture, the round trip, and bad values refused in Chinese."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app import storage
from app.consolidate import Consolidation
from app.formatdef import CellRef

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "summary-v2.nianbao"


def test_the_summary_fixture_loads_with_its_units_and_saves_byte_identical(tmp_path):
    report = storage.load(FIXTURE)
    assert [(u.name, u.year, u.own, bool(u.sha256)) for u in report.units] == [
        ("示例县财政局", 2024, False, True), ("示例县教育局", 2024, False, True),
        ("示例县人民政府办公室", 2024, True, True), ("示例县城关镇人民政府", None, False, False)]
    assert report.units[1].cells[CellRef("active", "admin_fee", "amount_wanyuan")].value == Decimal("0.25")
    out = tmp_path / "用户" / "汇总 2024.nianbao"
    out.parent.mkdir()
    storage.save(report, out)
    assert out.read_bytes() == FIXTURE.read_bytes()


def test_a_summary_written_with_every_key_indented_reads_the_same():
    # the layout before units were written one line each: only the layout differs, never what is read
    indented = json.dumps(json.loads(FIXTURE.read_text(encoding="utf-8")), ensure_ascii=False, indent=1)
    assert storage.dumps(storage.loads(indented)) == FIXTURE.read_text(encoding="utf-8")


def test_the_fixtures_sums_recheck_from_the_values_taken():
    report = storage.load(FIXTURE)
    con = Consolidation.from_report(report)
    assert [e.state_text() for e in con.entries] == ["无错误", "无错误", "无错误", "与上年相比缺报"]
    assert con.summed_cells() == report.cells
    assert con.explain(CellRef("active", "admin_fee", "amount_wanyuan")) == (
        "表二“行政事业性收费”汇总数：1.75（2个单位）\n  示例县财政局：1.50\n  示例县教育局：0.25")


def _with_units(units) -> str:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["units"] = units
    return json.dumps(data, ensure_ascii=False)


GOOD = {"name": "甲局", "path": "甲局.nianbao", "sha256": "a" * 64, "year": 2024, "tables": {}}


@pytest.mark.parametrize("units, message", [
    ("甲局", "文件内容有误：“units”应为列表"),
    (["甲局"], "文件内容有误：“units[0]”应为对象"),
    ([{**GOOD, "name": 3}], "文件内容有误：“units[0].name”应为文本"),
    ([{**GOOD, "sha256": "abc"}], "文件内容有误：“units[0].sha256”应为64位十六进制的文件校验值"),
    ([{**GOOD, "year": "2024"}], "文件内容有误：“units[0].year”应为整数或空"),
    ([{**GOOD, "own": "是"}], "文件内容有误：“units[0].own”应为 true 或 false"),
    ([GOOD, {**GOOD, "tables": {"table5": {}}}], "文件内容有误：未知的表格“units[1].tables.table5”"),
    ([{**GOOD, "tables": {"active": {"rules": {"total": 1}}}}],
     "文件内容有误：表格中没有单元格“units[0].tables.active.rules.total”"),
])
def test_bad_units_are_refused_with_a_message_naming_the_field(units, message):
    with pytest.raises(storage.ProjectFileError) as e:
        storage.loads(_with_units(units))
    assert str(e.value) == message
