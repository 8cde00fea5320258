"""Every wording variant the importer accepts, in one place: what real published reports print instead of
the format's own words, what canonical wording each stands for, and how the import log names it.

The canonical side is always words of the format definition (a test checks each one is still there), so a
label is typed once in the format file and only the *difference* is written here. Sources of the variants:
shared/research/official-format.md §1.4 and §15 of its problems table, and the published reports of
淮安市、洪泽区 and others.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class RowWording(NamedTuple):
    """A table row label printed with other words: ``canonical`` words of the label replaced by ``variant``."""

    table: str
    canonical: str
    variant: str
    note: str  # why a report writes it so, for the log
    adjacent: bool = False  # a variant too short to search for: accepted only right after the row before it


ROW_WORDINGS = (
    RowWording("active", "行政规范性文件", "规范性文件", "2019年（试行）格式和许多报告的写法"),
    RowWording("applications", "结转", "转结", "“结转”的常见误写"),
    RowWording("applications", "3.其他", "其他", "未加序号", adjacent=True),
)


class SectionWording(NamedTuple):
    """A section title printed with other words (the number is read separately)."""

    section: str
    words: str
    note: str


SECTION_WORDINGS = (
    SectionWording("review_litigation", "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                   "《条例》第五十条第三项的说法"),
    SectionWording("problems", "政府信息公开工作存在的主要问题及改进情况", "《条例》第五十条第四项的说法"),
)

# “2019年××市人民政府办公厅政府信息公开工作年度报告”: the year before the body's name (the name follows it)
YEAR_FIRST_TITLE = re.compile(r"(\d{4})年度?([^\d年，。；、,;]{2,40}?)(?:政府信息公开|政务公开)(?:工作)?年度?报告")
YEAR_FIRST_NOTE = "标题把年度写在机关名称之前（“{title}”），机关名称取年度之后的“{name}”"


def row_alternatives(table_id: str, labels: dict[str, str]) -> dict[str, list[tuple[str, RowWording]]]:
    """For each row of a table, the labels it may be printed with instead of its own (format label -> variant)."""
    out: dict[str, list[tuple[str, RowWording]]] = {}
    for rid, label in labels.items():
        for w in ROW_WORDINGS:
            if w.table == table_id and w.canonical in label:
                out.setdefault(rid, []).append((label.replace(w.canonical, w.variant), w))
    return out


def row_log(table_name: str, row_short: str, printed: str, w: RowWording) -> str:
    return f"{table_name}“{row_short}”行：原报告写作“{printed}”（{w.note}），已按这一行读取"


def section_log(title: str, number: str, w: SectionWording) -> str:
    return f"原报告的标题“{number}{w.words}”（{w.note}）即“{title}”，已按此读取"


def numbering_log(title: str, number: str) -> str:
    return f"原报告将“{title}”编号为“{number}、”"


# --- 汇总 or the body's own report ------------------------------------------------------------------------
# A summary (汇总) report counts for its whole area. Decided from the text, for the officer to confirm:
# - explicit words anywhere in the title, 前言 or 总体情况: “全市各级行政机关”, “综合/汇总…各县（区）…各部门…编制而成”;
# - “汇总” itself only in the title or the 前言 (a narrative “梳理和汇总” says nothing about the report);
# - a counting sentence “全市/全县/全区 + 共/累计 + …公开/申请… + a number” in a 人民政府's report. A department's
#   report may count its whole sector (全市共有学校…), and any report may say 全市 in passing: neither counts.
_AREA = "全[省市县区州盟旗]"
SCOPE_EXPLICIT = (
    re.compile(rf"{_AREA}各级(?:各类)?行政机关"),
    re.compile(r"(?:综合|汇总)[^。]{0,60}?各[县区市乡镇][^。]{0,80}?各[^。]{0,20}?(?:部门|单位|机构)[^。]{0,80}?编制而成"),
)
SCOPE_SUMMARY_WORD = "汇总"
SCOPE_COUNTING = re.compile(
    rf"{_AREA}(?:各地各部门|各级各部门)?(?:共|累计|总计|合计)[^。；，,]{{0,24}}?(?:公开|申请)[^。；，,]{{0,24}}?"
    r"\d[\d,.]*(?:万|余)?[件条个次项]?")
SCOPE_LOG = "根据“{evidence}”判断为汇总报告，请确认"
SCOPE_WORD_LOG = "标题或前言中有“汇总”字样，报告范围设为“汇总”，请核对"


class ScopeGuess(NamedTuple):
    scope: str  # "own" or "summary"
    evidence: str = ""  # the words it was decided on (for the log and the import dialog)
    log: str = ""


def infer_scope(heading_text: str, narrative: str, government: bool) -> ScopeGuess:
    """汇总 or not, from the title and 前言 (``heading_text``) and the 总体情况 (``narrative``), both compacted."""
    if SCOPE_SUMMARY_WORD in heading_text:
        return ScopeGuess("summary", SCOPE_SUMMARY_WORD, SCOPE_WORD_LOG)
    text = heading_text + "\n" + narrative
    for pattern in SCOPE_EXPLICIT:
        m = pattern.search(text)
        if m:
            return ScopeGuess("summary", _shown(m.group(0)), SCOPE_LOG.format(evidence=_shown(m.group(0))))
    if government:
        m = SCOPE_COUNTING.search(text)
        if m:
            return ScopeGuess("summary", m.group(0), SCOPE_LOG.format(evidence=m.group(0)))
    return ScopeGuess("own")


def _shown(evidence: str) -> str:
    """A long match shown by its ends, so the log line stays one line."""
    return evidence if len(evidence) <= 40 else f"{evidence[:18]}…{evidence[-18:]}"
