"""Draft paragraphs rendered from this year's numbers (jinja2, sandboxed), for the text steps.

The numbers come from the tables, so a draft always agrees with them (and with checks X-1…X-4). Who the
draft speaks of follows the report's scope: a 汇总 report counts for its whole area ("全市共…"), a
本机关 report for the body itself ("本机关…"). Where last year's text broke a figure down (复议 and 诉讼
by result, 表三 by 处理结果), this year's draft does too. Whatever the tables cannot know is left as a
"（请填写：…）" placeholder for the officer.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from .cells import format_number
from .formatdef import CellRef
from .report import Report

_DENIED = ("deny_secret", "deny_law", "deny_3s1w", "deny_third", "deny_internal", "deny_process",
           "deny_casefile", "deny_query")
_GROUPS = {
    "denied": _DENIED,
    "unable": ("na_not_held", "na_need_make", "na_unclear"),
    "not_processed": ("np_petition", "np_repeat", "np_publication", "np_massive", "np_confirm"),
    "other_handling": ("oth_no_fix", "oth_no_fee", "oth_other"),
}
_RESULT_COLS = ("maintained", "corrected", "other", "pending")  # 表四's results, without 总计

# The government (or its office doing the 汇总) stands for the area named before it: 淮安市人民政府办公室 → 淮安市.
_GOVERNMENT_SUFFIX = re.compile(r"(?:人民政府|政府)(?:办公室|办公厅)?$")
# The last character of the area names its level; 自治县/自治旗/自治区/自治州 end with theirs too.
_LEVELS = "省市州盟区县旗镇乡"
_VILLAGE_LEVELS = "镇乡"  # no “各级” below the county: a 镇 has no levels of its own

# Last year's text broke 复议 or 诉讼 down when, in the same clause, the case word is followed by a result word
# (“被申请行政复议5件，其中结果维持3件…”) before the other case word starts. Read clause by clause in one pass,
# not by a backtracking pattern: last year's text may be long. “复议后起诉” inside a 诉讼 clause is still 诉讼.
_CLAUSE = re.compile(r"[。；;\n]")
_CASE_WORDS = re.compile(r"(行政复议|诉讼)")
_CASE_TOPICS = {"行政复议": "review", "诉讼": "litigation"}
_RESULT_WORDS = ("维持", "纠正", "纠错", "败诉", "审结")
_GRANTED_NUMBER = re.compile(r"(?:予以|同意)公开[^。；;\n\d]{0,10}\d")
_OTHER_RESULT_NUMBER = re.compile(r"(?:部分公开|不予公开|无法提供|不予处理)[^。；;\n\d]{0,10}\d")


# Contact details only the officer can confirm this year: a draft from last year's 报告说明 asks for them again
# rather than print last year's (a moved office, a new phone). Each keeps its label and becomes “（请填写：…）”,
# which P-1 stops at export. Legal references stay: 国令第711号 is the 2019 revision of the 条例, still in force
# (shared/research/official-format.md §2), and 国办公开办函〔2021〕30号 is the format this app follows.
_CONTACTS = (
    ("电子邮箱", re.compile(r"(?P<label>(?:电子邮箱|电子信箱|电子邮件|邮箱|E-?mail|e-?mail)[:：]?\s*)"
                        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")),
    ("电话", re.compile(r"(?P<label>(?:联系电话|咨询电话|电话|传真)[:：]?\s*)"
                      r"\(?\d{3,4}\)?[-－—\s]?\d{7,8}(?:[、,，/或]\s*\(?\d{3,4}\)?[-－—\s]?\d{7,8})*")),
    ("邮编", re.compile(r"(?P<label>(?:邮政编码|邮编)[:：]?\s*)\d{6}")),
    ("地址", re.compile(r"(?P<label>(?:通讯地址|联系地址|办公地址|地址)[:：]\s*)[^，,；;。）)\n]+")),
)


def _template_file(text_key: str):
    return _template(f"{text_key}.j2")


def _template(name: str):
    return resources.files("resources").joinpath("templates", "drafts", name)


@cache
def _env():
    # jinja2 is imported on first use: the app's start-up does not pay for it
    from jinja2 import FunctionLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    def load(name: str):
        path = _template(name)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    env = SandboxedEnvironment(loader=FunctionLoader(load), undefined=StrictUndefined, autoescape=False,
                               keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)
    env.filters["n"] = lambda v: format_number(v) if v is not None else "0"
    return env


def available(text_key: str) -> bool:
    return _template_file(text_key).is_file()


def region_word(name: str) -> str:
    """How a 汇总 report names its whole area: 淮安市人民政府 → 全市, 洪泽区人民政府 → 全区, ××县 → 全县.

    Read from the body's name; a name that names no area (a 局, a 管委会) gives 全辖区.
    """
    place = _GOVERNMENT_SUFFIX.sub("", re.sub(r"\s+", "", name))
    if place and place[-1] in _LEVELS:
        return "全" + place[-1]
    return "全辖区"


def _wording(report: Report) -> dict:
    """Who the draft says did and counted things, by scope (the templates never decide this themselves)."""
    if report.body.scope == "summary":
        region = region_word(report.body.name)
        bodies = "各单位" if region[-1] in _VILLAGE_LEVELS else "各级行政机关"
        return {"summary": True, "region": region, "actor": region + bodies, "counted": region + "共",
                "tally": region + "共"}
    return {"summary": False, "region": "本机关", "actor": "本机关", "counted": "本机关", "tally": ""}


def _last_year_detail(report: Report) -> dict[str, bool]:
    """Which figures last year's text broke down; without last year's text, 表三 by result as before."""
    ly = report.last_year
    texts = "\n".join(ly.texts.values()) if ly is not None else ""
    if not texts.strip():
        return {"results": True, "review": False, "litigation": False}
    found = {"results": bool(_GRANTED_NUMBER.search(texts) and _OTHER_RESULT_NUMBER.search(texts)),
             "review": False, "litigation": False}
    for clause in _CLAUSE.split(texts):
        topic = None
        for piece in _CASE_WORDS.split(clause):
            if piece in _CASE_TOPICS:
                topic = _CASE_TOPICS[piece]
            elif topic is not None and any(word in piece for word in _RESULT_WORDS):
                found[topic] = True
    return found


def _results(report: Report, rows: tuple[str, ...]) -> str:
    """表四's results summed over rows, named by the table's own column labels: 结果维持3件、结果纠正1件…."""
    table = report.fmt.tables["review_litigation"]
    parts = []
    for col in _RESULT_COLS:
        count = sum(report.value(CellRef("review_litigation", row, col)) or 0 for row in rows)
        parts.append(f"{table.col(col).label}{format_number(count)}件")
    return "、".join(parts)


def _context(report: Report) -> dict:
    v = lambda t, r, c: report.value(CellRef(t, r, c)) or 0  # noqa: E731
    apps = {row.id: v("applications", row.id, "total") for row in report.fmt.tables["applications"].rows}
    groups = {name: sum(apps[r] for r in rows) for name, rows in _GROUPS.items()}
    active = {row.id: {c: v("active", row.id, c) for c in row.cols} for row in report.fmt.tables["active"].rows}
    rl = {row.id: v("review_litigation", row.id, "total") for row in report.fmt.tables["review_litigation"].rows}
    return {
        "name": report.body.name.strip() or "本机关",
        # a report without a year gets a placeholder rather than “年，…”
        "year": report.year or "（请填写：年度）",
        "apps": apps, "groups": groups, "active": active, "rl": rl,
        "litigation": rl["lit_direct"] + rl["lit_after"],
        "review_results": _results(report, ("review",)),
        "litigation_results": _results(report, ("lit_direct", "lit_after")),
        "detail": _last_year_detail(report),
        "government": report.body.kind == "government",
        **_wording(report),
    }


def preamble_from_last_year(report: Report) -> str | None:
    """Last year's 报告说明 as this year's draft: its years moved on, its contact details asked for again.

    The 报告说明 is a formula a body keeps from year to year (条例 basis, 统计期限, whom to ask), so its own
    wording is a better draft than the template's; None when last year had none.
    """
    ly = report.last_year
    text = "" if ly is None else ly.texts.get("preamble.body", "").strip()
    if not text:
        return None
    if ly.year and report.year and ly.year != report.year:
        text = re.sub(rf"(?<!\d){ly.year}(?=\s*年)", str(report.year), text)
    for what, pattern in _CONTACTS:
        text = pattern.sub(lambda m, what=what: f"{m.group('label')}（请填写：{what}）", text)
    return text


def heading_style(report: Report, text_key: str) -> str | None:
    """How last year's text of a part wrote its numbered sub-headings: "run_in" (“（一）存在的问题。正文…”),
    "own_line" (the heading alone on its line), None when it had none; the draft writes them the same way."""
    from .export.blocks import level2_split  # the export's own reading of a 二级标题, so both agree

    ly = report.last_year
    styles = set()
    for line in ("" if ly is None else ly.texts.get(text_key, "")).splitlines():
        split = level2_split(line.strip())
        if split is not None:
            styles.add("run_in" if split[1] else "own_line")
    return "run_in" if "run_in" in styles else ("own_line" if styles else None)


def render_draft(report: Report, text_key: str) -> str:
    """A draft paragraph for one text part; the officer's text is never part of the template."""
    if text_key == "preamble.body":
        kept = preamble_from_last_year(report)
        if kept is not None:
            return kept
    template = _env().get_template(f"{text_key}.j2")
    return template.render(**_context(report), headings=heading_style(report, text_key)).strip()
