"""What may be published: a report with unfinished text goes out only as a 征求意见稿, never as the final version.

The app's own drafts leave “（请填写：电话）” for what only the officer knows, and the placeholder rules (P-1…P-3,
``app.checks.placeholders``) flag it as an error. A generic “仍要导出吗？” let it reach print all the same. So
every exporter (Word, PDF, website, clipboard, workbook) takes ``draft``: without it a report still holding
placeholders is refused with ``ExportError`` naming each one and where it is; with it the output is marked
征求意见稿 on every page (Word's header, the website's banner, the workbook's first row and print header) and
the placeholders are highlighted, so a draft can never pass for the published report.

Other errors (a table that does not add up) are the officer's call: they are named in the one question the app
asks before an export batch (``question``), but do not stop the export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..checks import Finding, check_report, rule_title
from ..checks.placeholders import find_placeholders
from ..report import Report

DRAFT_MARK = "征求意见稿"
UNFINISHED_RULES = frozenset({"P-1", "P-2", "P-3"})  # the placeholder family: text that is not finished
_LISTED = 10  # placeholders named in the refusal; the rest are counted
_ASKED = 3  # named in the question, which must stay readable in a message box
_BODY_FIELDS = {"name": "机关名称", "signature": "落款机关"}


class ExportError(OSError):
    """The document could not be written, or may not be (a final version with placeholders); the message is
    for the officer, in Chinese."""


class Unfinished(NamedTuple):
    """One placeholder (or lone “无”) in the report."""

    where: str  # the part's full name: “六、其他需要报告的事项”, “机关名称”
    short: str  # as a question names it: “六”, “一（二）”, “机关名称”
    found: str  # “（请填写：电话）”; for a lone “无”: 只写了“无”


def is_unfinished(finding: Finding) -> bool:
    return finding.rule in UNFINISHED_RULES


def unfinished(report: Report, findings: Iterable[Finding] | None = None) -> list[Unfinished]:
    """Each placeholder of the report in the order of its findings (the checks' own, or a fresh run's)."""
    findings = check_report(report) if findings is None else findings
    out = []
    for f in findings:
        if not is_unfinished(f):
            continue
        if f.text_key is not None:
            where, short = report.fmt.part_name(f.text_key), _short_part(report, f.text_key)
            text = report.text(f.text_key)
            if f.rule == "P-3":
                found = f"只写了“{text.strip()}”"
            else:
                at = [p.text for p in find_placeholders(text) if p.start == f.pos]
                found = f"“{at[0] if at else _quoted(f.message)}”"
        else:
            field = f.key.rpartition(":")[2]  # the engine's key is “P-2:signature”
            where = short = _BODY_FIELDS.get(field, field)
            value = getattr(report.body, field, "") or ""
            placeholders = find_placeholders(value)
            found = f"“{placeholders[0].text if placeholders else value.strip()}”"
        out.append(Unfinished(where, short, found))
    return out


def _quoted(message: str) -> str:
    # the last “…” of a P-1 message is the placeholder (“…中还有未填写的内容“XXX”，请补写后再导出”)
    quoted = re.findall("“([^”]*)”", message)
    return quoted[-1] if quoted else message


def _short_part(report: Report, text_key: str) -> str:
    section, part = report.fmt.part(text_key)
    if section.title is None:
        return part.label.split("（")[0]
    head = section.title.partition("、")[0]
    if part.heading:
        return head + part.heading.split("）")[0] + "）"
    return head


def require_final(report: Report, draft: bool) -> None:
    """Refuse a final version that would carry a placeholder (``draft`` False); a draft is always allowed."""
    if draft:
        return
    items = unfinished(report)
    if items:
        raise ExportError(refusal(items))


def refusal(items: Sequence[Unfinished]) -> str:
    listed = "；".join(f"{u.where}：{u.found}" for u in items[:_LISTED])
    more = f"；另有{len(items) - _LISTED}处" if len(items) > _LISTED else ""
    return (f"报告中还有{len(items)}处未填写的内容，不能导出正式版本（{listed}{more}）。"
            f"请补写后再导出，或导出“{DRAFT_MARK}”（每页标明{DRAFT_MARK}）。")


# --- the one question before an export batch ------------------------------------------------------------

class Question(NamedTuple):
    """What the app asks before an export batch: ``draft`` True when the only way out is a 征求意见稿."""

    title: str
    text: str
    draft: bool


def question(report: Report, findings: Sequence[Finding]) -> Question | None:
    """The question to ask before exporting ``report`` with ``findings``, or None when nothing is wrong."""
    items = unfinished(report, findings)
    others = _other_errors(report, findings)
    if not items and not others:
        return None
    parts = []
    if items:
        named = "、".join(f"{u.short}：{u.found}" for u in items[:_ASKED]) + ("…" if len(items) > _ASKED else "")
        parts.append(f"还有{len(items)}处未填写的内容（{named}）")
    parts += others
    head = "报告中" + "；".join(parts) + "。"
    if items:
        return Question("报告还有未填写的内容", head + f"\n\n正式版本不能带有未填写的内容。可以先导出“{DRAFT_MARK}”"
                                               f"（每页标明{DRAFT_MARK}，未填写处突出显示），补写后再导出正式版本。",
                        True)
    return Question("报告还有错误", head + "\n\n仍要导出吗？", False)


def _other_errors(report: Report, findings: Sequence[Finding]) -> list[str]:
    """“表三有2处错误（表三勾稽关系）”, one per step, in the order of the findings."""
    by_step: dict[str, list[Finding]] = {}
    for f in findings:
        if f.severity == "error" and not is_unfinished(f):
            by_step.setdefault(f.step, []).append(f)
    out = []
    for step, found in by_step.items():
        titles = list(dict.fromkeys(rule_title(report.fmt, f.rule) for f in found))
        out.append(f"{_step_name(report, step)}有{len(found)}处错误（{'、'.join(titles)}）")
    return out


def _step_name(report: Report, step: str) -> str:
    if step == "basic":
        return "基本信息"
    for section in report.fmt.sections:
        if section.id == step:
            if section.kind == "table":
                return report.fmt.tables[section.table].name
            if section.title:
                return f"第{section.title.partition('、')[0]}部分"
            return section.parts[0].label.split("（")[0] if section.parts else step
    return step
