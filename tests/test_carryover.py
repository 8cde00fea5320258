"""Starting this year's report from last year's: what carries over, what is reset, and the checks that follow."""

from __future__ import annotations

from app import storage
from app.carryover import new_from_last_year
from app.checks import check_report
from app.formatdef import CellRef, load_format
from app.report import Report

FMT = load_format()
A = lambda row, col: CellRef("applications", row, col)  # noqa: E731


def last_year_report(example_report: Report) -> Report:
    """The example, with something to carry: two applications still open at the end of 2024."""
    r = example_report
    r.set_cell(A("new_received", "natural"), "3")
    r.set_cell(A("new_received", "legal"), "1")
    r.set_cell(A("granted", "natural"), "1")
    r.set_cell(A("carry_next", "natural"), "2")
    r.set_cell(A("carry_next", "legal"), "1")
    r.set_cell(CellRef("active", "rules", "valid"), "7")
    r.set_cell(CellRef("review_litigation", "review", "pending"), "1")
    r.set_text("overall.platform", "优化政府网站专栏。")
    assert not [f for f in check_report(r) if f.severity == "error"]
    return r


def test_year_body_and_signature_carry_over_and_the_date_is_cleared(example_report):
    last = last_year_report(example_report)
    new = new_from_last_year(last)
    assert new.year == 2025
    assert new.body.name == "天山乡人民政府"
    assert (new.body.kind, new.body.scope) == ("government", "own")
    assert new.body.signature == "哈密市伊州区天山乡人民政府"
    assert new.body.date == ""
    assert new.title() == "天山乡人民政府2025年政府信息公开工作年度报告"


def test_a_given_year_is_used(example_report):
    assert new_from_last_year(example_report, 2026).year == 2026


def test_carried_over_is_filled_from_last_years_carry_next(example_report):
    new = new_from_last_year(last_year_report(example_report))
    assert new.cell_text(A("carried_over", "natural")) == "2"
    assert new.cell_text(A("carried_over", "legal")) == "1"
    assert new.cell_text(A("carried_over", "commercial")) == "0"
    assert new.value(A("carried_over", "total")) == 3  # computed, not copied
    assert not new.is_override(A("carried_over", "total"))


def test_this_years_counts_are_empty(example_report):
    new = new_from_last_year(last_year_report(example_report))
    typed = {ref for ref in new.cells}
    assert typed == {A("carried_over", c.id) for c in FMT.tables["applications"].cols if c.id != "total"}
    assert new.cell_text(A("new_received", "natural")) == ""
    assert new.cell_text(CellRef("active", "rules", "valid")) == ""


def test_last_years_numbers_and_texts_are_kept_for_cross_year_checks(example_report):
    last = last_year_report(example_report)
    new = new_from_last_year(last)
    assert new.last_year.year == 2024
    assert new.last_year.cells == last.cells
    assert new.last_year.texts == last.texts
    assert new.value(A("new_received", "natural")) is None  # last year's numbers are not this year's


def test_texts_are_kept_as_drafts_flagged_until_edited(example_report):
    last = last_year_report(example_report)
    new = new_from_last_year(last)
    assert new.texts == last.texts
    flagged = {f.text_key for f in check_report(new) if f.rule == "S-9"}
    assert flagged == {k for k, v in last.texts.items() if v.strip()}
    new.set_text("problems.body", "2025年，我乡主动公开的时效性还有待提高。")
    flagged_after = {f.text_key for f in check_report(new) if f.rule == "S-9"}
    assert flagged_after == flagged - {"problems.body"}
    message = next(f.message for f in check_report(new) if f.rule == "S-9" and f.text_key == "other.body")
    assert message == "“六、其他需要报告的事项”仍是2024年报告的原文，请按本年情况修改（内容雷同是通报问题之一）"


def test_cross_year_checks_run_on_the_new_report(example_report):
    new = new_from_last_year(last_year_report(example_report))
    rules = [f.rule for f in check_report(new)]
    assert "T3-5" not in rules  # 上年结转 agrees with last year's 结转下年度 as carried over
    assert "T4-3" in rules  # last year's pending case has no result yet
    assert "B-2" in rules  # the date must be set again
    new.set_cell(A("carried_over", "natural"), "5")
    t35 = [f for f in check_report(new) if f.rule == "T3-5"]
    assert [f.message for f in t35] == ["表三“自然人”列：上年结转为5，但2024年报告的结转下年度为2"]
    new.set_cell(CellRef("active", "rules", "issued"), "1")
    new.set_cell(CellRef("active", "rules", "repealed"), "0")
    new.set_cell(CellRef("active", "rules", "valid"), "9")
    assert "上年现行有效7＋本年制发1－本年废止0应为8" in next(f.message for f in check_report(new) if f.rule == "T2-2")


def test_the_new_report_saves_and_loads_with_last_year_on_a_chinese_path(example_report, tmp_path):
    new = new_from_last_year(last_year_report(example_report))
    path = tmp_path / "用户" / "年报 2025.nianbao"
    path.parent.mkdir()
    storage.save(new, path)
    loaded = storage.load(path)
    assert loaded == new
    assert [f.rule for f in check_report(loaded)] == [f.rule for f in check_report(new)]


def test_a_new_report_notes_where_it_came_from(example_report):
    new = new_from_last_year(example_report)
    assert new.notes == ["由2024年度报告生成；文字为上年原文，请逐段修改"]


def test_the_officers_own_sub_headings_carry_over(example_report):
    last = last_year_report(example_report)
    last.set_heading("overall.platform", "（四）政府信息公开平台建设情况")
    new = new_from_last_year(last)
    assert new.part_heading("overall.platform") == "（四）政府信息公开平台建设情况"
    assert new.part_heading("overall.active") == "（一）主动公开"
    new.set_heading("overall.platform", "")  # blank goes back to the format's wording
    assert new.part_heading("overall.platform") == "（四）平台建设"
    assert last.part_heading("overall.platform") == "（四）政府信息公开平台建设情况"


def test_a_summary_expects_last_years_units_again_with_nothing_received_yet(tmp_path):
    from app.consolidate import Consolidation

    con = Consolidation(year=2024)
    for name in ("甲局", "乙镇人民政府"):
        unit = Report(year=2024)
        unit.set_body_field("name", name)
        unit.set_cell(A("new_received", "natural"), "3")
        path = tmp_path / "单位" / f"{name}.nianbao"
        path.parent.mkdir(exist_ok=True)
        storage.save(unit, path)
        con.add([path])
    last = con.total("示例县人民政府")
    new = new_from_last_year(last)
    assert [(u.name, u.sha256, u.cells) for u in new.units] == [("甲局", "", {}), ("乙镇人民政府", "", {})]
    assert [u.name for u in last.units] == ["甲局", "乙镇人民政府"] and all(u.sha256 for u in last.units)


def test_a_table_holding_only_carried_over_numbers_says_so_and_offers_no_fix(large_report):
    new = new_from_last_year(large_report)
    (f,) = [f for f in check_report(new) if f.rule == "T3-1" and f.cells[0].col == "natural"]
    assert f.severity == "error" and f.fix is None
    assert f.message.endswith("（这一列只有从上年结转来的103件：本年的收件和办理结果还没有填写）")
    new.set_cell(A("new_received", "natural"), "3000")  # the officer starts on the column
    (f,) = [f for f in check_report(new) if f.rule == "T3-1" and f.cells[0].col == "natural"]
    assert f.message.endswith("相差3103") and f.fix is not None
