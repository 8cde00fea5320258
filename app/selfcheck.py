"""按评估要点自查: the report summed up the way an evaluator scores it, one line per criterion.

Each criterion names where it comes from (evaluators' notes §1.2, §1.3, §1.5 E10, E11), says whether the report
meets it, and lists the findings behind it so the officer can go to them. Most criteria are "no finding of these
rules": they are derived from the findings the checks already made, the rules picked by id from the format at
run time (the equations' rules, ``X-`` narrative, ``P-`` placeholders), so a rule added to a family counts
without a change here. What no rule checks — the 统计期限 sentence, a table never filled in, 五 in numbered
items, the publication date — is read from the report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .checks import Finding
from .dates import format_date
from .deadline import legal_deadline
from .formatdef import CellRef, ReportFormat
from .report import Report


class Criterion(NamedTuple):
    title: str
    source: str
    passed: bool | None  # None: cannot be judged yet (no last year to compare with, no legal date)
    finding_keys: tuple[str, ...]  # the findings behind it, in the findings' order
    detail: str  # one sentence: what was found, or why it passes


# the 统计期限 sentence: “统计期限自…”, or the period itself “2024年1月1日起至2024年12月31日”
_PERIOD = re.compile(r"统计(?:期限|时限|时间|区间)"
                     r"|\d{4}\s*年\s*1\s*月\s*1\s*日[^。]{0,6}至\s*\d{4}\s*年\s*12\s*月\s*31\s*日")
# “一是…二是…”, “1.” “2、”, “（一）（二）”, “第一，第二”: the item markers of a 五 written item by item
_ITEM_STYLES = (
    re.compile(r"([一二三四五六七八九十])是"),
    re.compile(r"(?:^|(?<=[\s。；：:，,]))([1-9])\s*[.．、]"),
    re.compile(r"[（(]([一二三四五六七八九十])[）)]"),
    re.compile(r"(?:^|(?<=[\s。；：:，,]))([1-9])\s*[）)]"),
    re.compile(r"第([一二三四五六七八九十])[，,、是]"),
)
_FIRST_TWO = ({"一", "二"}, {"1", "2"})  # a list has a first and a second item
_REPETITION = ("S-9", "S-10", "S-11")  # text carried over from last year (app/checks/staleness.py)
_CARRY = "T3-5"  # 上年结转 against last year's 结转下年度: a reconciliation across the two reports


def self_check(report: Report, findings: Sequence[Finding], today: dt.date | None = None) -> list[Criterion]:
    """The criteria, in the order an evaluator reads the report; ``findings`` are the report's current ones."""
    fmt = report.fmt
    ids = set(fmt.rules)
    out = [_on_time(report, findings, today or dt.date.today()), _complete(report, findings)]
    equations = {eq.rule for eq in fmt.equations} | {"CELL-INVALID", _CARRY}
    out.append(_family(findings, equations & ids, "表格数据勾稽一致",
                       "粤办函〔2010〕249号“数据失准”；国办公开办函〔2021〕30号“发布内容不准确”",
                       "三张表的合计与勾稽关系一致"))
    narrative = {r for r in ids if r.startswith("X-")} | ({"S-12"} & ids)
    out.append(_family(findings, narrative, "正文数字与表格一致", "国办公开办函〔2021〕30号“发布内容不准确”",
                       "正文引用的数字与表格一致"))
    out.append(_family(findings, {r for r in ids if r.startswith("P-")}, "没有未填写的内容",
                       "国办公开办函〔2021〕30号“敷衍塞责”；鲤城区政务公开指数“未按照要素撰写”",
                       "没有“请填写”“XXX”等未完成的内容"))
    repetition = _family(findings, set(_REPETITION) & ids, "与上年报告不雷同（重复率低于50%）",
                         "宿迁市政务公开测评“与上年度重复率大于50%的，扣0.5分”；国办公开办函〔2021〕30号“内容雷同”",
                         "各部分与上年报告相同的内容均未过半")
    if report.last_year is None and repetition.passed:
        repetition = repetition._replace(passed=None, detail="没有上年报告，无法比较重复率")
    out.append(repetition)
    out.append(_problems_item_by_item(report, findings))
    corrected = _corrected(report, findings)
    if corrected is not None:
        out.append(corrected)
    out.append(_family(findings, {"S-5", "T3-6"} & ids, "第六部分说明信息处理费收取情况",
                       "国办函〔2020〕109号；30号格式第六部分“收取信息处理费情况在此处报告”",
                       "第六部分说明了信息处理费的收取情况"))
    if report.body.kind == "government":
        out.append(_family(findings, {"S-6"} & ids, "人民政府报告工作考核、社会评议、责任追究结果",
                           "《政府信息公开条例》第五十条第四项", "写明了工作考核、社会评议和责任追究结果情况"))
    return out


def _family(findings: Iterable[Finding], rules: set[str], title: str, source: str, ok: str) -> Criterion:
    """A criterion met when none of ``rules`` has a finding."""
    hits = [f for f in findings if f.rule in rules]
    if not hits:
        return Criterion(title, source, True, (), ok)
    more = f"等{len(hits)}处问题" if len(hits) > 1 else ""
    return Criterion(title, source, False, tuple(f.key for f in hits), f"{hits[0].message}{more}")


def _on_time(report: Report, findings: Sequence[Finding], today: dt.date) -> Criterion:
    """条例 第四十九条's date for the body (app/deadline.py), against the 成文日期, or today while there is none."""
    title, source = "按期发布", "《政府信息公开条例》第四十九条；国办公开办函〔2021〕30号“不按时发布”"
    keys = tuple(f.key for f in findings if f.rule == "B-3")  # a 成文日期 in the wrong year
    if report.year is None:
        return Criterion(title, source, None, keys, "还没有填写报告年度")
    legal = legal_deadline(report.year, report.body.kind, report.body.name)
    if legal.due is None:
        return Criterion(title, source, None, keys, legal.basis)
    due = format_date(legal.due)
    signed = report.body.date_value()
    if signed is None:
        # Judged by the 成文日期, the date the report carries: without one (a report being written, or one
        # imported from a page that did not give it) the day count is shown, not a verdict.
        days = (legal.due - today).days
        when = f"还有{days}天" if days >= 0 else f"已超过{-days}天"
        keys += tuple(f.key for f in findings if f.rule == "B-2")  # the finding that asks for the date
        return Criterion(title, source, None, keys, f"{legal.who}应在{due}前公布，{when}；填写成文日期后判断")
    detail = f"成文日期{format_date(signed)}，{legal.who}应在{due}前公布"
    return Criterion(title, source, signed <= legal.due and not keys, keys, detail)


def _complete(report: Report, findings: Sequence[Finding]) -> Criterion:
    """E10: title with body and year, the 统计期限 sentence, the six sections, the three tables (鲤城 “要素”)."""
    fmt = report.fmt
    missing: list[str] = []
    keys: list[str] = []

    def lacks(what: str, rules: set[str], also: bool = False) -> None:
        hits = [f.key for f in findings if f.rule in rules]
        if hits or also:
            missing.append(what)
            keys.extend(hits)

    lacks("标题中的机关名称或年度", {"B-1", "B-4"}, not report.body.name.strip() or report.year is None)
    lacks("统计期限说明", set(), not any(_PERIOD.search(report.text(k)) for k in fmt.text_keys()))
    lacks("第一部分的内容", {"S-1", "S-1b"})
    for table_id in fmt.tables:
        blank = [f.key for f in findings if f.rule == "CELL-BLANK" and f.key == f"CELL-BLANK:{table_id}"
                 and len(f.cells) == _inputs(fmt, table_id)]
        if blank:
            missing.append(fmt.table_name(table_id))
            keys.extend(blank)
    lacks("第五部分", {"S-4"}, not report.text("problems.body").strip())
    lacks("第六部分", set(), not report.text("other.body").strip())
    if not report.text("other.body").strip():
        keys.extend(f.key for f in findings if f.rule == "S-5")
    title, source = "要素齐全", "鲤城区政务公开指数“未按照要素撰写”；社科院年报评估“要素齐全”"
    if not missing:
        return Criterion(title, source, True, (), "标题、统计期限、六个部分和三张表齐全")
    return Criterion(title, source, False, tuple(keys), "缺少" + "、".join(missing))


def _inputs(fmt: ReportFormat, table_id: str) -> int:
    return sum(1 for ref in fmt.tables[table_id].cells() if not fmt.is_total(ref))


def _problems_item_by_item(report: Report, findings: Sequence[Finding]) -> Criterion:
    """E11: 五 lists its problems and measures item by item (固镇 “逐条”), not a paragraph of praise
    (社科院 “泛泛而谈”).

    Items are numbered when one style of marker counts from 一/1 to 二/2 at least.
    """
    title, source = "第五部分逐条列出问题和改进措施", "固镇县年报部署会“逐条”；社科院2016年报评估“泛泛而谈”"
    hits = [f for f in findings if f.rule in ("S-4", "S-4b")]
    keys = tuple(f.key for f in hits)
    text = report.text("problems.body")
    numbered = any(any(first <= {m.group(1) for m in style.finditer(text)} for first in _FIRST_TWO)
                   for style in _ITEM_STYLES)
    if hits:
        return Criterion(title, source, False, keys, hits[0].message)
    if not numbered:
        return Criterion(title, source, False, keys,
                         "第五部分没有分条（如“一是……二是……”“1. 2.”“（一）（二）”）列出问题和措施")
    return Criterion(title, source, True, keys, "第五部分分条列出了问题和改进措施")


def _corrected(report: Report, findings: Sequence[Finding]) -> Criterion | None:
    """E14, only when 表四 has 结果纠正: 五 explains the cases (T4-4); evaluators deduct per case (宿迁)."""
    table = report.fmt.tables["review_litigation"]
    if not any(report.value(CellRef(table.id, row.id, "corrected")) for row in table.rows):
        return None
    title = "第五部分分析被纠错案件的原因和措施"
    source = "宿迁市政务公开测评“被行政复议纠错或行政诉讼败诉…每出现1例…扣2分”"
    hits = [f for f in findings if f.rule == "T4-4"]
    if hits:
        return Criterion(title, source, False, tuple(f.key for f in hits), hits[0].message)
    return Criterion(title, source, True, (), "第五部分写到了被纠错案件的原因或改进措施")
