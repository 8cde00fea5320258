"""按评估要点自查: one line per criterion, met or not, with the findings behind it; on the clean report, each
criterion broken in turn, and the real 洪泽区 and 淮安市 reports."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.carryover import new_from_last_year
from app.checks import check_report
from app.importing import import_file
from app.report import Report
from app.selfcheck import Criterion, self_check

from .test_checks import BREAK, FMT, T4, clean_report
from .test_import_realworld import REALWORLD

TODAY = dt.date(2025, 1, 10)
NUMBERED = "存在的问题：一是公开深度不够，二是解读形式单一。改进措施：一是加强培训，二是完善公开目录。"
TITLES = ["按期发布", "要素齐全", "表格数据勾稽一致", "正文数字与表格一致", "没有未填写的内容",
          "与上年报告不雷同（重复率低于50%）", "第五部分逐条列出问题和改进措施", "第六部分说明信息处理费收取情况"]


def criteria(report: Report) -> dict[str, Criterion]:
    return {c.title: c for c in self_check(report, check_report(report), today=TODAY)}


def good() -> Report:
    r = clean_report()
    r.set_text("problems.body", NUMBERED)
    return r


def test_a_good_report_meets_every_criterion():
    got = self_check(good(), check_report(good()), today=TODAY)
    assert [c.title for c in got] == TITLES
    assert all(c.passed is True and c.finding_keys == () for c in got)
    assert all(c.source and c.detail for c in got)
    assert got[0].detail == "成文日期2025年1月20日，县级以上人民政府部门应在2025年1月31日前公布"
    assert got[1].detail == "标题、统计期限、六个部分和三张表齐全"


def test_a_government_is_also_asked_for_assessment_results():
    r = good()
    r.set_body_field("kind", "government")
    got = criteria(r)
    assert list(got)[-1] == "人民政府报告工作考核、社会评议、责任追究结果"
    assert got["人民政府报告工作考核、社会评议、责任追究结果"].passed is True
    BREAK["S-6"](r)
    c = criteria(r)["人民政府报告工作考核、社会评议、责任追究结果"]
    assert c.passed is False and c.finding_keys == ("S-6:supervision",)
    assert c.source == "《政府信息公开条例》第五十条第四项"


@pytest.mark.parametrize("rule, title", [
    ("T3-1", "表格数据勾稽一致"), ("T4-1", "表格数据勾稽一致"), ("CELL-INVALID", "表格数据勾稽一致"),
    ("T3-5", "表格数据勾稽一致"), ("X-1", "正文数字与表格一致"), ("X-6", "正文数字与表格一致"),
    ("S-12", "正文数字与表格一致"), ("P-1", "没有未填写的内容"), ("P-3", "没有未填写的内容"),
    ("S-9", "与上年报告不雷同（重复率低于50%）"), ("S-10", "与上年报告不雷同（重复率低于50%）"),
    ("S-5", "第六部分说明信息处理费收取情况"), ("T3-6", "第六部分说明信息处理费收取情况"),
    ("S-4b", "第五部分逐条列出问题和改进措施"),
])
def test_a_criterion_fails_with_the_findings_of_its_rules(rule, title):
    r = good()
    BREAK[rule](r)
    findings = check_report(r)
    c = {c.title: c for c in self_check(r, findings, today=TODAY)}[title]
    keys = [f.key for f in findings if f.rule == rule]
    assert c.passed is False and keys and set(keys) <= set(c.finding_keys)
    first = next(f for f in findings if f.key == c.finding_keys[0])
    assert c.detail.startswith(first.message)


def test_several_findings_are_counted_in_the_detail():
    r = good()
    BREAK["T3-1"](r)
    BREAK["T4-1"](r)
    c = criteria(r)["表格数据勾稽一致"]
    assert len(c.finding_keys) == 2 and c.detail.endswith("等2处问题")


@pytest.mark.parametrize("edit, missing", [
    (lambda r: r.set_text("preamble.body", ""), "缺少统计期限说明"),
    (lambda r: r.set_body_field("name", ""), "缺少标题中的机关名称或年度"),
    (lambda r: r.set_year(None), "缺少标题中的机关名称或年度"),
    (lambda r: [r.set_cell(ref, "") for ref in FMT.tables["review_litigation"].cells()], "缺少表四"),
    (lambda r: r.set_text("other.body", ""), "缺少第六部分"),
    (lambda r: r.set_text("problems.body", ""), "缺少第五部分"),
    (BREAK["S-1b"], "缺少第一部分的内容"),
])
def test_a_missing_element(edit, missing):
    r = good()
    edit(r)
    c = criteria(r)["要素齐全"]
    assert c.passed is False and c.detail == missing


def test_the_period_may_be_given_as_dates_and_a_half_filled_table_is_not_missing():
    r = good()
    r.set_text("preamble.body", "本报告所列数据的时间为2024年1月1日至2024年12月31日。")
    r.set_cell(T4("review", "other"), "")  # one blank cell: CELL-BLANK, but the table is there
    c = criteria(r)["要素齐全"]
    assert c.passed is True


def test_a_missing_table_is_clickable():
    r = good()
    for ref in FMT.tables["review_litigation"].cells():
        r.set_cell(ref, "")
    assert criteria(r)["要素齐全"].finding_keys == ("CELL-BLANK:review_litigation",)


@pytest.mark.parametrize("five, numbered", [
    (NUMBERED, True),
    ("存在的问题：1.公开深度不够；2.解读形式单一。", True),
    ("（一）存在的主要问题\n公开深度不够。\n（二）改进措施\n加强培训。", True),
    ("第一，加强培训；第二，完善目录。", True),
    ("1、加强培训\n2、完善目录", True),
    ("主动公开的深度和广度还不够。下一步将加强培训，完善公开目录。", False),
    ("一是加强培训，完善公开目录。", False),  # one item is not a list
    ("2024年1月起，我局加强培训。", False),  # a date is not an item
])
def test_five_item_by_item(five, numbered):
    r = good()
    r.set_text("problems.body", five)
    c = criteria(r)["第五部分逐条列出问题和改进措施"]
    assert c.passed is numbered
    if not numbered:
        assert c.detail == "第五部分没有分条（如“一是……二是……”“1. 2.”“（一）（二）”）列出问题和措施"


def test_cases_decided_against_the_body_add_a_line_about_five():
    r = good()
    assert "第五部分分析被纠错案件的原因和措施" not in criteria(r)
    BREAK["T4-4"](r)
    c = criteria(r)["第五部分分析被纠错案件的原因和措施"]
    assert c.passed is False and c.finding_keys == ("T4-4:problems",)
    r.set_text("problems.body", NUMBERED + "行政复议被纠错1件，主要原因是答复文书说理不充分。")
    assert criteria(r)["第五部分分析被纠错案件的原因和措施"].passed is True


DEPARTMENT_DUE = "县级以上人民政府部门应在2025年1月31日前公布"


@pytest.mark.parametrize("date, kind, name, passed, detail", [
    ("2025-01-31", "department", "某某市商务局", True, f"成文日期2025年1月31日，{DEPARTMENT_DUE}"),
    ("2025-02-10", "department", "某某市商务局", False, f"成文日期2025年2月10日，{DEPARTMENT_DUE}"),
    ("2025-03-20", "government", "某某市人民政府", True,
     "成文日期2025年3月20日，县级以上地方人民政府应在2025年3月31日前公布"),
    ("", "department", "某某市商务局", None, f"{DEPARTMENT_DUE}，还有21天；填写成文日期后判断"),
])
def test_on_time_by_the_date_the_report_carries(date, kind, name, passed, detail):
    r = good()
    r.set_body_field("kind", kind)
    r.set_body_field("name", name)
    r.set_body_field("date", date)
    c = criteria(r)["按期发布"]
    assert (c.passed, c.detail) == (passed, detail)
    if not date:
        assert c.finding_keys == ("B-2:signature",)  # a click goes to the missing 成文日期


def test_a_township_has_no_legal_date_and_no_last_year_no_repetition_verdict():
    r = clean_report(last_year=False)
    r.set_body_field("kind", "government")
    r.set_body_field("name", "某某镇人民政府")
    got = criteria(r)
    assert got["按期发布"].passed is None and "以本地主管部门要求为准" in got["按期发布"].detail
    assert got["与上年报告不雷同（重复率低于50%）"].passed is None
    assert got["与上年报告不雷同（重复率低于50%）"].detail == "没有上年报告，无法比较重复率"


# --- the real reports ------------------------------------------------------------------------------------

real = pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")


def _real(stem: str) -> Report:
    return import_file(REALWORLD / f"{stem}.txt").report


def verdicts(report: Report) -> dict[str, bool | None]:
    return {title: c.passed for title, c in criteria(report).items()}


GOVERNMENT = "人民政府报告工作考核、社会评议、责任追究结果"
CORRECTED = "第五部分分析被纠错案件的原因和措施"


@real
def test_huaian_2024():
    assert verdicts(_real("08_huaian_2024")) == {
        "按期发布": None,  # the text gives no 成文日期
        "要素齐全": True, "表格数据勾稽一致": True, "正文数字与表格一致": True, "没有未填写的内容": True,
        "与上年报告不雷同（重复率低于50%）": None, "第五部分逐条列出问题和改进措施": True,
        CORRECTED: False,  # 69 cases 纠正, 五 never names them
        "第六部分说明信息处理费收取情况": True, GOVERNMENT: False}  # S-6: 监督保障 names none of the three


@real
def test_hongze_2024_beside_2023():
    this = _real("07_hongze_2024")
    r = new_from_last_year(_real("06_hongze_2023"))
    r.cells, r.texts, r.body, r.year = dict(this.cells), dict(this.texts), dataclasses.replace(this.body), this.year
    got = criteria(r)
    assert got["与上年报告不雷同（重复率低于50%）"].passed is False  # three parts of 一 over half 2023's text
    assert [k.partition(":")[0] for k in got["与上年报告不雷同（重复率低于50%）"].finding_keys] == ["S-9"] * 3
    assert got["正文数字与表格一致"].passed is False  # “受理政府信息公开申请17件” against 95 in 表三
    assert got["表格数据勾稽一致"].passed is True and got["要素齐全"].passed is True
    assert got[CORRECTED].passed is True  # “有效降低行政复议、行政诉讼发生率和纠错率”


@real
def test_hongze_2023_table_four_does_not_reconcile():
    c = criteria(_real("06_hongze_2023"))["表格数据勾稽一致"]
    assert c.passed is False
    assert c.finding_keys == ("T4-1:review_litigation.review", "T4-1:review_litigation.lit_after")
