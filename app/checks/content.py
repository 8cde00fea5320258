"""Structure and content rules: the body and title (B-1…B-4), required parts (S-1, S-4…S-6), and each text's
own currency — old-format labels, statistics year (S-7, S-8). Text carried over from last year (S-9…S-12) is
in ``staleness``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .engine import Finding, LiveChecks, text_step
from .registry import rule_group


@rule_group("body")
def body_complete(lc: LiveChecks) -> Iterable[Finding]:
    """B-1…B-4: what the title and the 落款 need."""
    r = lc.report
    if not r.body.name.strip():
        yield lc.finding("B-1", "name", "basic")
    if r.year is None:
        yield lc.finding("B-4", "year", "basic", problem="未填写")
    elif not 2000 <= r.year <= 2100:
        yield lc.finding("B-4", "year", "basic", problem=f"“{r.year}”不是有效年份")
    missing = [w for w, v in (("落款机关", r.body.signature), ("成文日期", r.body.date)) if not v.strip()]
    if missing:
        yield lc.finding("B-2", "signature", "basic", what="、".join(missing))
    date = r.body.date_value()
    if date and r.year and date.year != r.year + 1:
        yield lc.finding("B-3", "date", "basic", date=f"{date.year}年{date.month}月{date.day}日",
                         year=r.year, next_year=r.year + 1)


@rule_group("text", "body")
def texts_present(lc: LiveChecks) -> Iterable[Finding]:
    """S-1, S-4, S-5, S-6: parts the format requires."""
    r, fmt = lc.report, lc.fmt
    overall = fmt.section("overall")
    keys = overall.text_keys()
    if not any(r.text(k).strip() for k in keys):
        yield lc.finding("S-1", "overall", "overall", text_key=keys[0])
    else:
        for key in keys[1:]:
            if not r.text(key).strip():
                yield lc.finding("S-1b", key, "overall", text_key=key, part=fmt.part_name(key))
    problems = r.text("problems.body").strip()
    if not problems:
        yield lc.finding("S-4", "problems", "problems", text_key="problems.body")
    elif len(re.sub(r"[\s。．.、，,！!]", "", problems)) <= 4:
        yield lc.finding("S-4b", "problems", "problems", text_key="problems.body", text=problems)
    keywords = fmt.rules["S-5"].params["keywords"]
    if not any(k in r.text("other.body") for k in keywords):
        yield lc.finding("S-5", "other", "other", text_key="other.body")
    if r.body.kind == "government":
        # The format asks for it under 监督保障, the regulation (第五十条第四项) under 问题及改进; either counts,
        # and so does the usual wording: “纳入绩效考核” reports 工作考核, “追究责任” reports 责任追究.
        where = "".join(r.text(k) for k in keys) + r.text("problems.body")
        missing = [k for k in fmt.rules["S-6"].params["keywords"] if k[-2:] not in where]
        if missing:
            yield lc.finding("S-6", "supervision", "overall", text_key="overall.supervision",
                             missing="、".join(missing))


@rule_group("text", "body")
def texts_current(lc: LiveChecks) -> Iterable[Finding]:
    """S-7 old-format markers, S-8 statistics year.

    Each part's findings depend on its own text only (and the year), so a keystroke re-reads one part.
    """
    return lc.per_text_part("texts_current", lambda _key, text: (text, lc.report.year),
                            lambda key, text: _text_current(lc, key, text))


def _text_current(lc: LiveChecks, key: str, text: str) -> Iterable[Finding]:
    r, fmt = lc.report, lc.fmt
    step = text_step(key)
    where = fmt.part_name(key)
    for marker in _old_format_labels(tuple(fmt.rules["S-7"].params["markers"]), text):
        yield lc.finding("S-7", f"{key}.{marker}", step, text_key=key, where=f"“{where}”", marker=marker)
    if r.year:
        for m in STATISTICS_YEAR.finditer(text):
            if int(m.group(1)) != r.year:
                yield lc.finding("S-8", f"{key}.{m.start()}", step, text_key=key, where=f"“{where}”",
                                 found=m.group(1), year=r.year)


STATISTICS_YEAR = re.compile(r"统计(?:期限|时限|时间|区间)[^。；]{0,8}?(\d{4})\s*年")


def _old_format_labels(markers: tuple[str, ...], text: str) -> list[str]:
    """The markers that stand alone as cell labels of a table pasted as text (between spaces, tabs, bars,
    digits or line ends), not inside a sentence: “公开政府集中采购项目信息” is prose, not the 2019 table."""
    if not any(m in text for m in markers):  # the usual case, and a substring test is far cheaper than the scan
        return []
    found = {m.group(1) for m in _marker_pattern(markers).finditer(text)}
    return [m for m in markers if m in found]


@cache
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?<![^\s|｜0-9])({alternatives})(?![^\s|｜0-9])")
