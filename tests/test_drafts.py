"""Drafts speak the report's scope (全市共… or 本机关…) and keep the breakdown last year's text gave.

Small synthetic reports cover each wording; 淮安市人民政府's published 2024 report (imported from its text,
../shared/realworld) is last year for a real-size check that fresh drafts agree with the tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import drafts
from app.carryover import new_from_last_year
from app.checks import check_report
from app.formatdef import CellRef, load_format
from app.report import Body, LastYear, Report

FMT = load_format()
KEYS = [k for k in FMT.text_keys() if drafts.available(k)]
REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"
needs_realworld = pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")
NARRATIVE_RULES = {"X-1", "X-3", "X-4"}

# 表三: 5 new (3 公开, 1 部分公开, 1 不予公开), none left; 表四: 复议 5 (3/1/0/1), 诉讼 2 direct + 1 after review
CELLS = [
    ("applications", "new_received", "natural", "5"), ("applications", "granted", "natural", "3"),
    ("applications", "partial", "natural", "1"), ("applications", "deny_secret", "natural", "1"),
    ("review_litigation", "review", "maintained", "3"), ("review_litigation", "review", "corrected", "1"),
    ("review_litigation", "review", "pending", "1"),
    ("review_litigation", "lit_direct", "maintained", "1"), ("review_litigation", "lit_direct", "other", "1"),
    ("review_litigation", "lit_after", "corrected", "1"),
    ("active", "license", "decisions", "12"), ("active", "normative_docs", "issued", "2"),
]


def synthetic(scope: str = "own", name: str = "淮安市人民政府", last_texts: dict[str, str] | None = None,
              cells=CELLS) -> Report:
    report = Report(year=2024, body=Body(name=name, kind="government", scope=scope))
    for table, row, col, text in cells:
        report.set_cell(CellRef(table, row, col), text)
    if last_texts is not None:
        report.last_year = LastYear(year=2023, texts=dict(last_texts))
    return report


# What each draft says of who did or counted things, in each scope (淮安市人民政府, 2024)
WORDING = {
    "preamble.body": ("本报告由淮安市人民政府根据", "在汇总全市各级行政机关政府信息公开工作情况的基础上编制"),
    "overall.intro": ("2024年，本机关深入贯彻落实", "本年度全市共作出行政许可决定12件"),
    "overall.active": ("2024年，本机关制发规章0件", "2024年，全市共制发规章0件"),
    "overall.application": ("2024年，本机关新收政府信息公开申请5件", "2024年，全市共新收政府信息公开申请5件"),
    "overall.management": ("本机关严格落实", "本年度全市共制发行政规范性文件2件"),
    "overall.platform": ("本机关以政府门户网站为第一平台", "全市各级行政机关以政府门户网站为第一平台"),
    "overall.supervision": ("本机关将政府信息公开工作纳入", "本年度将政务公开工作纳入全市绩效考核"),
    "problems.body": ("下一步，本机关将针对上述问题", "下一步，全市将针对上述问题"),
    "other.body": ("本年度，本机关未收取信息处理费", "本年度，全市各级行政机关均未收取信息处理费"),
}


@pytest.mark.parametrize("key", KEYS)
def test_a_report_of_the_body_itself_speaks_of_the_body(key):
    draft = drafts.render_draft(synthetic("own"), key)  # a template without WORDING fails here
    assert WORDING[key][0] in draft
    assert draft != drafts.render_draft(synthetic("summary"), key)
    assert "全市" not in draft and "汇总" not in draft


@pytest.mark.parametrize("key", KEYS)
def test_a_summary_report_speaks_of_the_whole_area(key):
    draft = drafts.render_draft(synthetic("summary"), key)
    assert WORDING[key][1] in draft
    assert "本机关" not in draft


@pytest.mark.parametrize(("name", "region"), [
    ("淮安市人民政府", "全市"),
    ("洪泽区人民政府", "全区"),
    ("淮安市洪泽区人民政府", "全区"),
    ("涟水县人民政府", "全县"),
    ("大厂回族自治县人民政府", "全县"),
    ("鄂托克旗人民政府", "全旗"),
    ("蒋坝镇人民政府", "全镇"),
    ("天山乡人民政府", "全乡"),
    ("淮安市人民政府办公室", "全市"),
    ("淮安市洪泽区人民政府办公室", "全区"),
    ("淮安市教育局", "全辖区"),
    ("淮安经济技术开发区管理委员会", "全辖区"),
    ("", "全辖区"),
])
def test_a_summary_report_names_its_area_from_the_body_name(name, region):
    report = synthetic("summary", name=name)
    assert drafts.render_draft(report, "overall.active").startswith(f"2024年，{region}共制发规章")
    assert f"下一步，{region}将针对上述问题" in drafts.render_draft(report, "problems.body")


def test_a_summary_report_of_a_township_does_not_speak_of_levels():
    draft = drafts.render_draft(synthetic("summary", name="蒋坝镇人民政府"), "overall.platform")
    assert draft.startswith("全镇各单位以政府门户网站为第一平台")


@pytest.mark.parametrize(("scope", "who", "fee"), [
    ("own", "本机关", "；共收取信息处理费（请填写：金额）元"),
    ("summary", "全市各级行政机关", "；全市共收取信息处理费（请填写：金额）元"),
])
def test_no_applications_and_unpaid_fees_are_worded_by_scope(scope, who, fee):
    quiet = synthetic(scope, cells=[])
    assert drafts.render_draft(quiet, "overall.application").startswith(f"2024年，{who}未收到政府信息公开申请")
    fees = synthetic(scope, cells=[("applications", "new_received", "natural", "2"),
                                   ("applications", "oth_no_fee", "natural", "2")])
    assert fee in drafts.render_draft(fees, "other.body")


def test_review_broken_down_by_result_when_last_year_was():
    last = {"overall.application": "2023年，本机关被申请行政复议5件，其中结果维持3件、结果纠正1件、其他结果0件、"
                                   "尚未审结1件；被提起行政诉讼1件。"}
    draft = drafts.render_draft(synthetic(last_texts=last), "overall.application")
    assert "被申请行政复议5件，其中结果维持3件、结果纠正1件、其他结果0件、尚未审结1件；" in draft
    assert "被提起行政诉讼3件。" in draft  # last year gave 诉讼 as a total only


def test_litigation_broken_down_when_last_year_was_the_direct_and_after_review_cases_summed():
    last = {"overall.supervision": "本年度发生行政复议2件；行政诉讼1件，结果维持1件。"}
    draft = drafts.render_draft(synthetic(last_texts=last), "overall.application")
    assert "被申请行政复议5件；" in draft
    assert "被提起行政诉讼3件，其中结果维持1件、结果纠正1件、其他结果1件、尚未审结0件。" in draft


def test_applications_broken_down_by_result_only_when_last_year_was():
    broken_down = {"overall.application": "本年度办结4件，其中予以公开2件，部分公开1件，不予公开1件。"}
    draft = drafts.render_draft(synthetic(last_texts=broken_down), "overall.application")
    assert "本年度办结5件，其中予以公开3件，部分公开1件，不予公开1件，无法提供0件" in draft
    short = {"overall.application": "本年度共受理政府信息公开申请4件，均依法予以答复。"}
    draft = drafts.render_draft(synthetic(last_texts=short), "overall.application")
    assert "本年度办结5件，结转下年度继续办理0件。" in draft
    assert "予以公开" not in draft


def test_without_last_year_applications_are_broken_down_and_cases_are_totals():
    draft = drafts.render_draft(synthetic(), "overall.application")
    assert "其中予以公开3件，部分公开1件，不予公开1件" in draft
    assert "被申请行政复议5件；被提起行政诉讼3件。" in draft


@pytest.mark.parametrize("scope", ["own", "summary"])
def test_every_placeholder_is_one_the_officer_can_find(scope):
    report = synthetic(scope, cells=CELLS + [("applications", "oth_no_fee", "natural", "1")])
    report.year = None
    for key in KEYS:
        draft = drafts.render_draft(report, key)
        rest = re.sub(r"（请填写：[^（）]+）", "", draft)
        assert "（请" not in rest and "请填写" not in rest and "（未）" not in rest, (key, draft)
    assert drafts.render_draft(report, "overall.active").startswith("（请填写：年度）年，")


@pytest.fixture(scope="module")
def huaian_2024():
    from app.importing import import_file

    return import_file(REALWORLD / "08_huaian_2024.txt").report


@needs_realworld
@pytest.mark.parametrize("scope", ["own", "summary"])
def test_fresh_drafts_of_a_real_report_agree_with_its_tables(huaian_2024, scope):
    report = new_from_last_year(huaian_2024)
    report.cells = dict(huaian_2024.cells)  # this year's tables as large as last year's
    report.body.scope = scope
    for key in KEYS:
        report.set_text(key, drafts.render_draft(report, key))
    narrative = [f.message for f in check_report(report) if f.rule in NARRATIVE_RULES]
    assert narrative == []
    application = report.text("overall.application")
    # last year said “政府信息公开行政复议351件，其中结果维持72件…”, and gave 表三 as totals only
    assert "行政复议351件，其中结果维持72件、结果纠正64件、其他结果178件、尚未审结37件；" in application
    assert "被提起行政诉讼46件，其中结果维持25件、结果纠正5件、其他结果9件、尚未审结7件。" in application
    assert "本年度办结3050件，结转下年度继续办理103件。" in application
    if scope == "summary":
        assert application.startswith("2025年，全市共新收政府信息公开申请3119件，上年结转34件。")


def test_a_suit_after_review_is_still_a_suit():
    last = {"overall.application": "被申请行政复议2件；被提起行政诉讼3件，其中复议后起诉1件，结果维持1件。"}
    draft = drafts.render_draft(synthetic(last_texts=last), "overall.application")
    assert "被申请行政复议5件；被提起行政诉讼3件，其中结果维持1件、" in draft


def test_a_long_last_year_text_without_a_breakdown_gives_the_short_form():
    # a backtracking pattern scans the rest of the clause from every 复议: minutes here (past the test timeout)
    last = {"overall.application": "行政复议" * 100_000}
    draft = drafts.render_draft(synthetic(last_texts=last), "overall.application")
    assert "被申请行政复议5件；被提起行政诉讼3件。" in draft


# --- the 报告说明 from last year's, and sub-headings written as last year's were (issue 23, item 9) -------------

HONGZE_PREAMBLE_2023 = (
    "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）（以下简称《条例》）"
    "要求编制此报告。报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与淮安市洪泽区"
    "人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道90号，邮编：223100，电话：0517-87290606，"
    "电子邮箱：hzzwgk@163.com）。")


def test_the_preamble_draft_keeps_last_years_wording_and_asks_for_the_contact_details_again():
    r = synthetic(last_texts={"preamble.body": HONGZE_PREAMBLE_2023})
    draft = drafts.render_draft(r, "preamble.body")
    assert draft == (
        "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）（以下简称《条例》）"
        "要求编制此报告。报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。如对本报告有疑问，请与淮安市洪泽区"
        "人民政府办公室联系（地址：（请填写：地址），邮编：（请填写：邮编），电话：（请填写：电话），"
        "电子邮箱：（请填写：电子邮箱））。")
    r.set_text("preamble.body", draft)
    found = [(f.rule, f.message) for f in check_report(r) if f.text_key == "preamble.body"]
    # each placeholder stops the export; the 条例's 国令第711号 (its 2019 revision, in force) and the statistics
    # period, now this year's, draw nothing
    assert {rule for rule, _ in found} == {"P-1"}
    assert [m for _, m in found if "（请填写：地址）" in m and "报告说明" in m]


def test_without_last_years_preamble_the_template_drafts_it():
    assert drafts.render_draft(synthetic(last_texts={}), "preamble.body").startswith("本报告由淮安市人民政府根据")


@pytest.mark.parametrize("last, first_line", [
    ("（一）存在的问题。个别单位解读不足。\n（二）改进情况。加强培训。", "（一）存在的主要问题。2024年，"),
    ("（一）存在的问题\n个别单位解读不足。\n（二）改进情况\n加强培训。", "（一）存在的主要问题"),
    ("个别单位解读不足。\n下一步加强培训。", "2024年，"),
])
def test_sub_headings_are_written_as_last_years_were(last, first_line):
    draft = drafts.render_draft(synthetic(last_texts={"problems.body": last}), "problems.body")
    lines = draft.splitlines()
    assert lines[0].startswith(first_line) and (first_line != "（一）存在的主要问题" or lines[0] == first_line)
    assert ("（二）改进情况。对照上一年度" in draft) == last.startswith("（一）存在的问题。")
