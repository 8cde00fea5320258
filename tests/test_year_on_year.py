"""Year on year (Y-1): a number five times last year's or below a fifth of it is asked about, one finding per
cell, the largest jumps of a table first; and the prompt for 五 when 表四 has cases decided against the body (T4-4).
Both on the real 洪泽区 and 淮安市 reports, and live against a fresh check when last year is full of numbers.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.carryover import new_from_last_year
from app.checks import LiveChecks, check_report
from app.importing import import_file
from app.report import LastYear, Report

from .test_checks import OPS, T2, T4, A, _apply, assert_same_as_fresh, clean_report
from .test_import_realworld import REALWORLD


def yoy(report: Report) -> list[str]:
    return [f.message for f in check_report(report) if f.rule == "Y-1"]


def with_last_year(cells: dict, this: dict | None = None) -> Report:
    """The clean report, last year's cells added as given (text per cell) and this year's changed as given."""
    r = clean_report()
    last = Report(year=2023, cells=dict(r.last_year.cells))
    for ref, text in cells.items():
        last.set_cell(ref, text)
    r.last_year = LastYear(2023, last.cells, dict(r.last_year.texts))
    for ref, text in (this or {}).items():
        r.set_cell(ref, text)
    return r


def test_a_cell_ten_times_last_years_is_asked_about():
    r = with_last_year({T2("license", "decisions"): "10"})  # this year: 100
    (f,) = [f for f in check_report(r) if f.rule == "Y-1"]
    assert f.severity == "info" and f.step == "active" and f.cells == (T2("license", "decisions"),)
    assert f.message == ("表二“行政许可”本年为100，2023年为10，是上年的10倍；"
                         "请确认数字无误（统计口径有变化的，可在正文中说明）")


def test_a_cell_below_a_fifth_of_last_years_is_asked_about():
    r = with_last_year({T2("license", "decisions"): "1234"})
    assert yoy(r) == ["表二“行政许可”本年为100，2023年为1234，只有上年的8.1%；"
                      "请确认数字无误（统计口径有变化的，可在正文中说明）"]


@pytest.mark.parametrize("last, this", [
    ("20", "100"),  # exactly five-fold is not “more than five-fold”
    ("500", "100"),  # exactly a fifth
    ("9", "100"),  # last year below 10: 9 → 100 is a small body's normal swing
    ("1000", "9"),  # this year below 10
])
def test_no_question_at_the_limits(last, this):
    r = with_last_year({T2("license", "decisions"): last}, {T2("license", "decisions"): this})
    assert yoy(r) == []


def test_nothing_without_last_year_or_a_number_of_last_years():
    r = clean_report(last_year=False)
    r.set_cell(T2("license", "decisions"), "100000")
    assert yoy(r) == []
    r = with_last_year({}, {T2("license", "decisions"): "100000"})  # last year's cell unknown
    assert yoy(r) == []


def test_a_cell_left_blank_this_year_is_not_a_jump_to_zero():
    r = with_last_year({T2("penalty", "decisions"): "300"}, {T2("penalty", "decisions"): ""})
    assert yoy(r) == []


def test_the_fee_is_left_to_t2_4_and_y_2():
    r = with_last_year({T2("admin_fee", "amount_wanyuan"): "10"}, {T2("admin_fee", "amount_wanyuan"): "125000"})
    assert [f.rule for f in check_report(r)] == ["T2-4"]
    r.set_cell(T2("admin_fee", "amount_wanyuan"), "4166.241619")  # 416 times: below T2-4's slip, a Y-2 question
    assert [f.rule for f in check_report(r)] == ["Y-2"]
    r.set_cell(T2("admin_fee", "amount_wanyuan"), "416.6")  # 41 times: lumpy fees, not asked about
    assert check_report(r) == []


def test_a_total_is_left_out_when_the_cell_it_sums_jumped():
    r = with_last_year({A("new_received", "natural"): "10", A("new_received", "commercial"): "2"},
                       {A("new_received", "natural"): "100"})
    found = [f for f in check_report(r) if f.rule == "Y-1"]
    assert [f.cells for f in found] == [(A("new_received", "natural"),)]
    assert found[0].message.startswith("表三“一、本年新收／自然人”本年为100，2023年为10，是上年的10倍")


def test_a_total_is_asked_about_when_the_jump_is_spread_over_its_cells():
    cols = ("natural", "commercial", "research", "social", "legal", "other_org")
    r = with_last_year({A("new_received", c): "2" for c in cols}, {A("new_received", c): "12" for c in cols})
    found = [f for f in check_report(r) if f.rule == "Y-1"]
    assert [f.cells for f in found] == [(A("new_received", "total"),)]
    assert found[0].message.startswith("表三“一、本年新收／总计”本年为72，2023年为12，是上年的6倍")


def test_only_the_three_largest_jumps_of_a_table_each_saying_how_many_there_are():
    rows = ("penalty", "coercion", "license")
    r = with_last_year({T2(row, "decisions"): "10" for row in rows} | {T2("rules", "valid"): "100"},
                       {T2("penalty", "decisions"): "60", T2("coercion", "decisions"): "70",
                        T2("license", "decisions"): "80", T2("rules", "valid"): "10"})
    found = [f for f in check_report(r) if f.rule == "Y-1"]
    # 规章 现行有效 100 → 10 is a ten-fold change, 行政许可 8-fold, 行政强制 7-fold; 行政处罚's 6-fold is left out
    assert [f.cells[0].row for f in found] == ["rules", "license", "coercion"]
    more = "。本表共有4个单元格与上年相差五倍以上，这里列出相差最大的3个"
    assert all(f.message.endswith(more) for f in found)
    assert found[0].message.startswith("表二“规章／现行有效件数”本年为10，2023年为100，只有上年的10%")
    r.set_cell(T2("penalty", "decisions"), "20")  # four jumps become three: all shown, no count
    assert [f.message.endswith("可在正文中说明）") for f in check_report(r) if f.rule == "Y-1"] == [True] * 3


def test_the_finding_goes_when_the_number_is_corrected_live():
    r = with_last_year({T2("license", "decisions"): "10"})
    live = LiveChecks(r)
    assert [f.rule for f in live.findings()] == ["Y-1"]
    r.set_cell(T2("license", "decisions"), "12")
    live.cell_changed(T2("license", "decisions"))
    assert live.findings() == []


# --- live against fresh, with a last year whose every cell can jump --------------------------------------

def _big_last_year() -> Report:
    r = clean_report()
    last = Report(year=2023)
    for i, ref in enumerate(r.fmt.all_cells()):
        if not r.fmt.is_total(ref):
            last.set_cell(ref, str(10 + i % 5))
    r.last_year = LastYear(2023, last.cells, dict(r.last_year.texts))
    return r


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, max_size=20))
def test_incremental_year_on_year_equals_a_fresh_check(ops):
    report = _big_last_year()
    live = LiveChecks(report)
    for op in ops:
        _apply(report, live, op)
        assert_same_as_fresh(live, report)


# --- 五 and the cases decided against the body (T4-4) ----------------------------------------------------

CORRECTED = {T4("review", "maintained"): "0", T4("review", "corrected"): "1"}


def prompts(report: Report) -> list[str]:
    return [f.message for f in check_report(report) if f.rule == "T4-4"]


def test_corrected_cases_prompt_for_causes_and_measures_in_five():
    r = clean_report()
    assert prompts(r) == []
    for ref, text in CORRECTED.items():
        r.set_cell(ref, text)
    r.set_cell(T4("lit_after", "corrected"), "2")
    (f,) = [f for f in check_report(r) if f.rule == "T4-4"]
    assert f.severity == "info" and f.step == "problems" and f.text_key == "problems.body" and not f.cells
    assert f.message == ("表四有“行政复议”结果纠正1件、“行政诉讼（复议后起诉）”结果纠正2件；"
                         "“五、存在的主要问题及改进情况”宜分析被纠错的原因并写明改进措施（有的地方考核对被纠错、败诉的案件扣分）")


@pytest.mark.parametrize("five, prompted", [
    ("行政复议被纠错1件，主要原因是答复文书说理不充分。", False),
    ("全年有1件行政复议案件被纠错。下一步将规范答复文书，加强法制审核。", False),  # the measure in the next sentence
    ("有效降低行政复议、行政诉讼发生率和纠错率。", False),
    ("行政复议被纠错1件。", True),  # named, but no cause or measure
    ("主动公开的深度和广度还不够。下一步将加强培训，完善公开目录。", True),  # measures, but not about the cases
    ("行政复议被纠错1件。本年共主动公开信息312条。下一步将加强培训。", True),  # the measure two sentences on
])
def test_five_answers_the_prompt_when_it_names_the_cases_with_a_cause_or_measure(five, prompted):
    r = clean_report()
    for ref, text in CORRECTED.items():
        r.set_cell(ref, text)
    r.set_text("problems.body", five)
    assert bool(prompts(r)) is prompted


# --- the real reports ------------------------------------------------------------------------------------

real = pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")


def _real(stem: str) -> Report:
    return import_file(REALWORLD / f"{stem}.txt").report


@real
def test_hongze_2024_against_2023_asks_about_its_licences_only():
    this = _real("07_hongze_2024")
    r = new_from_last_year(_real("06_hongze_2023"))
    r.cells, r.texts, r.body, r.year = dict(this.cells), dict(this.texts), dataclasses.replace(this.body), this.year
    assert yoy(r) == ["表二“行政许可”本年为9487，2023年为550，是上年的17.2倍；"
                      "请确认数字无误（统计口径有变化的，可在正文中说明）"]


@real
@pytest.mark.parametrize("stem, prompt", [
    ("06_hongze_2023", "表四有“行政复议”结果纠正1件"),  # its 五 never names the case
    ("07_hongze_2024", None),  # “有效降低行政复议、行政诉讼发生率和纠错率”
    ("08_huaian_2024", "表四有“行政复议”结果纠正64件、“行政诉讼（未经复议直接起诉）”结果纠正4件、"
                       "“行政诉讼（复议后起诉）”结果纠正1件"),
])
def test_the_real_reports_prompt(stem, prompt):
    found = prompts(_real(stem))
    assert [m.partition("；")[0] for m in found] == ([prompt] if prompt else [])


# --- Y-2: 表二's fee against last year's (issue 23, item 12) ---------------------------------------

FEE = T2("admin_fee", "amount_wanyuan")


def y2(report: Report) -> list[str]:
    return [f.message for f in check_report(report) if f.rule == "Y-2"]


def test_huaian_fee_falling_to_a_four_thousandth_is_a_warning():
    r = with_last_year({FEE: "96171.6"}, {FEE: "25.1"})
    (f,) = [f for f in check_report(r) if f.rule == "Y-2"]
    assert f.severity == "warning" and f.cells == (FEE,) and f.step == "active"
    assert f.message == ("表二“行政事业性收费”本年收费金额为25.1万元，2023年为96171.6万元，比上年减少99.97%；"
                         "收费金额一年之间很少相差百倍以上，请确认数字和单位（万元）无误（确有变化的，可在正文中说明原因）")
    assert [m for m in yoy(r) if "收费" in m] == []  # Y-1 leaves the fee to Y-2


def test_a_fee_two_hundred_times_last_years_is_a_warning():
    assert y2(with_last_year({FEE: "0.5"}, {FEE: "100"})) == [
        "表二“行政事业性收费”本年收费金额为100万元，2023年为0.5万元，是上年的200倍；"
        "收费金额一年之间很少相差百倍以上，请确认数字和单位（万元）无误（确有变化的，可在正文中说明原因）"]


def test_a_fee_still_there_never_reads_as_cut_by_a_hundred_percent():
    assert "比上年减少99.99%" in y2(with_last_year({FEE: "96171.6"}, {FEE: "0.5"}))[0]


@pytest.mark.parametrize("last, this", [
    ("96171.6", "48085.8"),  # halved: ordinary
    ("12.5", "125"),  # ten-fold: one large project
    ("10", "0.1"),  # exactly a hundredth
    ("0.5", "0.001"),  # a small body's few hundred 元: both below 1万元
    ("96171.6", "0"),  # no fee any more: a fact, not a slip
    ("12.5", "125000"),  # ten-thousand-fold: T2-4 says it (元 typed for 万元) and offers the fix
])
def test_ordinary_changes_and_t2_4s_slip_are_not_y_2(last, this):
    assert y2(with_last_year({FEE: last}, {FEE: this})) == []


def test_the_bundled_2025_report_with_a_fee_of_25_1_is_asked_about():
    from app.storage import load

    from .test_checks_short_parts import EXAMPLES

    r = load(EXAMPLES / "huaian-2025.nianbao")
    assert y2(r) == []  # blank this year: CELL-BLANK asks first
    r.set_cell(FEE, "25.1")
    assert len(y2(r)) == 1
