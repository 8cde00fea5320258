"""The date a report must be published by (条例 第四十九条), and the line that counts the days to it.

第四十九条 names two dates for the report on year N, both in year N + 1:

- 第一款: 县级以上人民政府部门 submit it to the 主管部门 and publish it by 1月31日. This is the body, not the scope:
  a department's 汇总 of its own system or subordinate units is still that department's report, so it is due
  by 1月31日 as well. A government's 办公室/办公厅 reporting on its own work is a department here too (its
  kind is "department": app.report.guess_body_kind).
- 第二款: the 主管部门 of a 县级以上地方人民政府 publishes 本级政府's report by 3月31日. That is the report of a
  人民政府 (kind "government"), whether it covers the whole region (汇总) or, rarely, only the government
  itself: the article names no other date for a government's report, and the office's own one is a department's.
- 乡镇人民政府 and 街道办事处 are not named at all: their dates come from the county's rules (怀化, 新野 set
  them in February or March), so the app gives none and says "以本地主管部门要求为准".

Local 主管部门 often set an earlier date for submitting (怀化: 1月26日), so the officer may add a local
deadline; the line counts to whichever date comes first, and names the other. Everything takes ``today`` so
the tests (and a report prepared late) do not depend on the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import format_date

# within this many days the line turns orange: a report usually needs a week or two of 审核 and 签发
SOON_DAYS = 14
LOCAL_RULE = "以本地主管部门要求为准"
_TOWNSHIP = re.compile(r"(乡|镇|苏木)(人民)?政府$|街道办事处$|街道$")


@dataclass(frozen=True)
class LegalDeadline:
    due: dt.date | None  # None: the law names no date for this body
    who: str  # the kind of body, as 第四十九条 words it
    clause: str  # where the date comes from, in a few words
    basis: str  # the clause, quoted


def is_township(name: str) -> bool:
    """乡、镇、苏木人民政府 and 街道办事处, read from the name (the project file records no level)."""
    return bool(_TOWNSHIP.search(name.strip()))


def legal_deadline(year: int, kind: str, name: str = "") -> LegalDeadline:
    """The 第四十九条 date for the report on ``year`` of a body of ``kind`` ("government"/"department")."""
    if kind == "department":
        return LegalDeadline(dt.date(year + 1, 1, 31), "县级以上人民政府部门", "《政府信息公开条例》第四十九条第一款",
                             "《政府信息公开条例》第四十九条第一款：县级以上人民政府部门应当在每年1月31日前向本级政府信息"
                             "公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。")
    if is_township(name):
        return LegalDeadline(None, "乡镇人民政府、街道办事处", "《政府信息公开条例》第四十九条未规定",
                             "《政府信息公开条例》第四十九条只规定了县级以上人民政府部门（1月31日前）和县级以上地方人民"
                             f"政府（3月31日前）的期限，乡镇人民政府、街道办事处的期限{LOCAL_RULE}。")
    return LegalDeadline(dt.date(year + 1, 3, 31), "县级以上地方人民政府", "《政府信息公开条例》第四十九条第二款",
                         "《政府信息公开条例》第四十九条第二款：县级以上地方人民政府的政府信息公开工作主管部门应当在"
                         "每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。")


@dataclass(frozen=True)
class DeadlineStatus:
    text: str  # one line, for the status bar
    state: str  # "overdue", "soon", "ok" or "none" (no date to count to)
    due: dt.date | None  # the date counted to
    days: int | None  # days from today to ``due`` (negative once past)
    legal: LegalDeadline | None


def _count(label: str, due: dt.date, days: int) -> str:
    when = f"{label}（{format_date(due)}）"
    if days > 0:
        return f"距{when}还有{days}天"
    if days == 0:
        return f"今天是{when}"
    return f"已超过{when}{-days}天"


def _state(days: int) -> str:
    return "overdue" if days < 0 else "soon" if days <= SOON_DAYS else "ok"


def deadline_status(year: int | None, kind: str, name: str = "", local: dt.date | None = None,
                    today: dt.date | None = None, dated: dt.date | None = None) -> DeadlineStatus:
    """How many days are left: to the local deadline when it comes first, else to the legal one.

    Once the date is past, a report whose 成文日期 (``dated``) is set is judged by it instead: a report
    opened after it was published was on time or late, and counting the days since says neither.
    """
    status = _status(year, kind, name, local, today or dt.date.today())
    if dated is None or status.days is None or status.days >= 0:
        return status
    on_time = dated <= status.due
    label = "本地要求期限" if status.due == local else "法定发布期限"
    text = (f"成文日期{format_date(dated)}，{'在' if on_time else '晚于'}{label}（{format_date(status.due)}）"
            f"{'之前' if on_time else ''}")
    return DeadlineStatus(text, "ok" if on_time else "overdue", status.due, status.days, status.legal)


def _status(year: int | None, kind: str, name: str, local: dt.date | None, today: dt.date) -> DeadlineStatus:
    if year is None:
        return DeadlineStatus("填写报告年度后显示发布期限", "none", None, None, None)
    legal = legal_deadline(year, kind, name)
    if legal.due is None and local is None:
        return DeadlineStatus(f"{legal.who}的发布期限法律未作规定，{LOCAL_RULE}", "none", None, None, legal)
    if local is not None and (legal.due is None or local < legal.due):
        days = (local - today).days
        text = _count("本地要求期限", local, days)
        if legal.due is not None:
            legal_days = (legal.due - today).days
            # past the local date the legal one still matters: say how far it is
            text += (f"，距法定期限还有{legal_days}天" if days < 0 and legal_days >= 0
                     else f"（法定期限{format_date(legal.due)}）")
        return DeadlineStatus(text, _state(days), local, days, legal)
    days = (legal.due - today).days
    text = _count("法定发布期限", legal.due, days)
    if local is not None and local != legal.due:  # a local date after the legal one does not move it
        text += f"（本地要求{format_date(local)}，晚于法定期限）"
    return DeadlineStatus(text, _state(days), legal.due, days, legal)
