"""Text carried over from last year (S-9…S-12), with the real 洪泽区 2023 and 2024 reports' sentences: the share
of a part that is last year's, the whole report over half, last year's sentences and numbers still in the text,
and the incremental engine against a fresh check."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.checks import LiveChecks, check_report
from app.formatdef import CellRef
from app.report import LastYear, Report

from .test_checks import assert_same_as_fresh

REALWORLD = Path(__file__).resolve().parent.parent.parent / "shared" / "realworld"
STALE_RULES = ("S-9", "S-10", "S-11", "S-12")

# 洪泽区人民政府 2023 and 2024, “（三）政府信息管理”: the 2024 text is the 2023 one with “报备” added
MANAGEMENT_2023 = ("加强区政府门户网站及政务新媒体日常管理，运用第三方检测平台实行常态化监测，执行信息审核发布制度。"
                   "严格执行“分级审核、先审后发”程序，落实“三审三校”制度，从严从实把好政治关、法律关、政策关、保密关、"
                   "文字关，未经审核的信息一律不准发布。")
MANAGEMENT_2024 = ("加强区政府门户网站及政务新媒体日常管理，运用第三方检测平台实行常态化监测，"
                   "新增信息审核发布报备制度。严格执行“分级审核、先审后发”程序，落实“三审三校”制度，从严从实把好政治关、法律关、政策关、保密关、"
                   "文字关，未经审核报备的信息一律不准发布。")
# “总体情况” opening, rewritten in 2024
INTRO_2023 = ("2023年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求，"
              "不断完善政府信息公开制度，建立健全政府信息公开保障机制，始终将政务公开工作摆在重要位置，推进政府信息公开"
              "工作规范、有序、健康发展。")
INTRO_2024 = ("2024年，淮安市洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央国务院、"
              "省委省政府、淮安市委市政府关于全面推进政务公开工作的各项决策部署，围绕区委、区政府中心工作，以完善信息公开"
              "制度、推进公开平台建设为抓手，全面推动政务公开工作转职能、增效能、强功能，有力服务保障我区经济社会高质量发展。")
# “六、其他需要报告的事项”, one sentence, the same each year but for the year
OTHER_2023 = "2023年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。"
OTHER_2024 = "2024年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。"


def report(last_texts: dict[str, str], texts: dict[str, str], year: int = 2024) -> Report:
    r = Report(year=year)
    for key, text in texts.items():
        r.set_text(key, text)
    r.last_year = LastYear(year - 1, {}, dict(last_texts))
    return r


def stale(r: Report, rules: tuple[str, ...] = ("S-9", "S-11", "S-12")) -> list[tuple[str, str]]:
    """The part and sentence findings (S-10, over the whole report, has its own tests)."""
    return [(f.rule, f.message) for f in check_report(r) if f.rule in rules]


def test_a_part_mostly_last_years_is_flagged_with_its_share():
    r = report({"overall.management": MANAGEMENT_2023}, {"overall.management": MANAGEMENT_2024})
    assert stale(r) == [("S-9", "“一、总体情况（三）政府信息管理”与2023年原文相同的内容约占82%，请按本年情况修改"
                                "（内容雷同是通报问题之一）")]
    f = next(f for f in check_report(r) if f.rule == "S-9")
    assert (f.severity, f.step, f.text_key) == ("warning", "overall", "overall.management")


def test_a_rewritten_part_is_not_flagged():
    r = report({"overall.intro": INTRO_2023}, {"overall.intro": INTRO_2024})  # 22 % shared: stock phrases only
    assert stale(r) == []


def test_an_unchanged_part_says_so_and_a_short_one_is_flagged_only_while_unchanged():
    r = report({"other.body": OTHER_2023}, {"other.body": OTHER_2023})
    assert stale(r) == [("S-9", "“六、其他需要报告的事项”仍是2023年报告的原文，"
                                "请按本年情况修改（内容雷同是通报问题之一）")]
    r.set_text("other.body", OTHER_2024)  # a one-sentence part said again the same way, year updated
    assert stale(r) == []


def test_the_warning_stays_after_the_first_keystrokes():
    r = report({"overall.management": MANAGEMENT_2023}, {"overall.management": MANAGEMENT_2023})
    live = LiveChecks(r)
    r.set_text("overall.management", MANAGEMENT_2023 + "今年")
    live.text_changed("overall.management")
    assert [f.message for f in live.findings() if f.rule == "S-9"] == [
        "“一、总体情况（三）政府信息管理”与2023年原文相同的内容约占98%，请按本年情况修改（内容雷同是通报问题之一）"]
    r.set_text("overall.management", INTRO_2024)
    live.text_changed("overall.management")
    assert [f for f in live.findings() if f.rule == "S-9"] == []


def test_the_whole_report_repeating_more_than_half_names_the_parts_that_repeat_most():
    last = {"overall.intro": INTRO_2023, "overall.management": MANAGEMENT_2023, "other.body": OTHER_2023}
    r = report(last, {"overall.intro": INTRO_2023.replace("2023年", "2024年"), "overall.management": MANAGEMENT_2024,
                      "other.body": OTHER_2024})
    found = [f for f in check_report(r) if f.rule == "S-10"]
    assert [f.message for f in found] == [
        "全文与2023年报告相同的内容约占90%，超过一半（有的地方考核对与上年度重复率大于50%的年报扣分）；重复最多的是"
        "“一、总体情况（概述）”（97%）、“六、其他需要报告的事项”（92%）、“一、总体情况（三）政府信息管理”（82%）"]
    assert found[0].text_key == "overall.intro"
    r.set_text("overall.intro", INTRO_2024)
    r.set_text("overall.management", "2024年，区政府修订政府信息公开审查办法，对拟公开信息实行保密审查、合法性审查"
                                     "“双审查”，全年审查各类信息1200余条。")
    assert "S-10" not in {rule for rule, _ in stale(r, STALE_RULES)}


@pytest.mark.skipif(not (REALWORLD / "07_hongze_2024.txt").exists(), reason="real published reports not found")
def test_hongze_2024_repeats_2023_by_less_than_half():
    from app.importing import import_file

    last = import_file(REALWORLD / "06_hongze_2023.txt").report
    this = import_file(REALWORLD / "07_hongze_2024.txt").report
    this.last_year = LastYear(last.year, last.cells, dict(last.texts))
    rules = [rule for rule, _ in stale(this, STALE_RULES)]
    assert "S-10" not in rules  # 47 % of the 2024 report is 2023's: under 宿迁's line
    assert rules.count("S-9") == 3  # 主动公开 60 %, 政府信息管理 82 %, 平台建设 72 %


def test_last_years_sentence_naming_last_year_is_flagged_a_new_comparison_is_not():
    new = "2024年新收政府信息公开申请95件，较2023年增长26.7%。"
    r = report({"other.body": OTHER_2023}, {"other.body": OTHER_2023 + new})
    assert stale(r, ("S-11",)) == [("S-11", "“六、其他需要报告的事项”中“2023年，区政府严格落实"
                                            "《政府信息公开信息处理费管理办法…”仍写2023年，与2023年报告的原句相同，请改写为2024年的情况")]
    r.set_text("other.body", OTHER_2024 + new)
    assert stale(r, ("S-11",)) == []


def test_a_statistics_period_sentence_kept_from_last_year_is_left_to_s_8():
    period = "报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。"
    r = report({"preamble.body": "本报告根据《条例》编制。" + period},
               {"preamble.body": "本报告由区政府办编制。" + period})
    rules = [f.rule for f in check_report(r)]
    assert "S-8" in rules and "S-11" not in rules


def _t3(row: str) -> CellRef:
    return CellRef("applications", row, "natural")


def test_a_number_that_is_last_years_but_not_this_years_is_flagged():
    text = "2024年，共收到政府信息公开申请95件。本年新收政府信息公开申请95件，上年结转0件。"
    r = report({}, {"overall.application": text})
    r.last_year.cells[_t3("new_received")] = r.parse_for(_t3("new_received"), "95")
    r.set_cell(_t3("new_received"), "120")
    found = [f for f in check_report(r) if f.rule == "S-12"]
    assert [f.message for f in found] == [
        f"“一、总体情况（二）依申请公开”写“{quote}”，与2023年报告的表三“一、本年新收”总计（95件）相同，"
        "而本年为120件；是否沿用了上年的文字？" for quote in ("收到政府信息公开申请95件", "新收政府信息公开申请95件")]
    assert {f.cells for f in found} == {(CellRef("applications", "new_received", "total"),)}
    r.set_cell(_t3("new_received"), "95")  # the same number both years is not last year's number
    assert [f for f in check_report(r) if f.rule == "S-12"] == []


def test_a_zero_both_years_is_no_sign_of_copying():
    r = report({}, {"overall.supervision": "全年未发生行政复议，行政诉讼0件。"})
    r.last_year.cells[CellRef("review_litigation", "lit_direct", "maintained")] = r.parse_for(
        CellRef("review_litigation", "lit_direct", "maintained"), "0")
    r.set_cell(CellRef("review_litigation", "lit_direct", "maintained"), "2")
    assert [f for f in check_report(r) if f.rule == "S-12"] == []


# --- the incremental engine against a fresh check -----------------------------------------------

KEYS = ["overall.intro", "overall.management", "overall.application", "other.body", "preamble.body"]
SNIPPETS = st.sampled_from([
    "", MANAGEMENT_2023, MANAGEMENT_2024, INTRO_2023, INTRO_2024, OTHER_2023, OTHER_2024, OTHER_2023 + "今年",
    "本年新收政府信息公开申请95件，上年结转0件。", "本年新收政府信息公开申请120件。",
    "（请填写：平台建设情况）", "无。",
    "报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。",
])
OPS = st.one_of(
    st.tuples(st.just("text"), st.sampled_from(KEYS), SNIPPETS),
    st.tuples(st.just("cell"), st.sampled_from([_t3("new_received"), _t3("carried_over")]),
              st.sampled_from(["", "0", "95", "120"])),
    st.tuples(st.just("year"), st.none(), st.sampled_from([2023, 2024, None])),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, max_size=15))
def test_incremental_findings_equal_a_fresh_check(ops):
    r = report({"overall.intro": INTRO_2023, "overall.management": MANAGEMENT_2023, "other.body": OTHER_2023,
                "overall.application": "本年新收政府信息公开申请95件，上年结转0件。"},
               {"overall.intro": INTRO_2023, "other.body": OTHER_2023})
    r.last_year.cells[_t3("new_received")] = r.parse_for(_t3("new_received"), "95")
    live = LiveChecks(r)
    for kind, target, value in ops:
        if kind == "text":
            r.set_text(target, value)
            live.text_changed(target)
        elif kind == "cell":
            r.set_cell(target, value or None)
            live.cell_changed(target)
        else:
            r.set_year(value)
            live.body_changed()
        assert_same_as_fresh(live, r)
