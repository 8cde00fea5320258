"""Numbers the narrative text quotes about applications and cases (checked against 表三 and 表四).

Parsed once per text change and kept, so a keystroke in a grid only compares numbers. The figures of 表二
and the shares (“…件，占X%”) are parsed in ``mentions_active``; ``find_mentions`` returns them all.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..cells import Number
from .numerals import NUMBER, read_number

_NOT_END = r"[^。；;\d\n]"  # a quote never runs past a sentence or a paragraph
_N = rf"(?P<n>{NUMBER})[^\S\n]*件"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("new", re.compile(rf"新收(?:到)?(?P<gap>{_NOT_END}{{0,12}}?)申请{_NOT_END}{{0,4}}?{_N}")),
    # “转结” is a common slip for “结转” (evaluators §5 item 3): the number is still last year's
    ("carried", re.compile(rf"上年(?:度)?(?:结转|转结){_NOT_END}{{0,12}}?{_N}")),
    ("carry_next", re.compile(rf"(?:结转|转结)(?:至|到)?下(?:一)?年(?:度)?{_NOT_END}{{0,8}}?{_N}")),
    ("received", re.compile(rf"(?<!新)(?:收到|受理)(?P<gap>{_NOT_END}{{0,12}}?)申请{_NOT_END}{{0,4}}?{_N}")),
    ("review", re.compile(rf"行政复议(?:申请|案件)?(?P<cases>{_NOT_END}{{0,4}}?){_N}")),
    ("litigation", re.compile(rf"行政诉讼(?:案件)?(?P<cases>{_NOT_END}{{0,4}}?){_N}")),
]
# 表三's result groups as reports name them (evaluators E2); the gap allows “不予公开的申请5件”, never a list
_GAP = r"[^\d，,。；;、\n]{0,6}?"
_GROUP_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("group:granted_partial", re.compile(rf"予以公开(?:和|及|与|、|以及)部分公开{_GAP}{_N}")),
    ("group:granted", re.compile(rf"(?<!不)予以公开(?!(?:和|及|与|、|以及)部分公开){_GAP}{_N}")),
    ("group:partial", re.compile(rf"(?<!予以公开[和及与、])部分公开{_GAP}{_N}")),
    ("group:deny", re.compile(rf"不予公开{_GAP}{_N}")),
    ("group:na", re.compile(rf"无法提供{_GAP}{_N}")),
    ("group:np", re.compile(rf"不予处理{_GAP}{_N}")),
    ("group:oth", re.compile(rf"其他处理{_GAP}{_N}")),
    ("group:result_total", re.compile(rf"办结(?:政府信息公开)?(?:申请)?{_GAP}{_N}")),
]
# “答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）” (evaluators E4)
_ANSWERED = re.compile(
    rf"(?:答复|办结|办理完毕)(?:政府信息公开)?(?:申请)?(?P<n>{NUMBER})[^\S\n]*件[^\S\n]*[（(]含上年(?:度)?(?:结转|转结)"
    rf"(?:的)?(?:申请)?(?P<m>{NUMBER})[^\S\n]*件[，,、；;]?[^\S\n]*另有(?P<k>{NUMBER})[^\S\n]*件"
    r"[^（）()。\n]{0,20}?下(?:一)?年(?:度)?[^（）()。\n]{0,12}[）)]")
# “行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件” (表四's result columns)
_BREAKDOWN_START = re.compile(r"[^\S\n]*[，,：:]?[^\S\n]*其中")
_BREAKDOWN_END = re.compile(r"[。；;\n]|复议|诉讼")
_RESULT = re.compile(rf"(?:结果)?(?P<col>维持|纠正|纠错|其他|尚未审结|未审结)(?:结果)?(?P<n>{NUMBER})[^\S\n]*件")
_RESULT_COLS = {"维持": "maintained", "纠正": "corrected", "纠错": "corrected", "其他": "other",
                "尚未审结": "pending", "未审结": "pending"}
_FILLER = " \u3000了共计各类的依"


class Mention(NamedTuple):
    kind: str
    number: Number  # the figure compared with the table
    quote: str
    start: int
    spans: tuple[tuple[int, int], ...] = ()  # where each figure stands in the text, for a fix of the text
    values: tuple[Number, ...] = ()  # further figures: the 答复 sentence's M and K, a share's percentage
    detail: str = ""  # a share's stated base, a claim's wording


def _about_disclosure(gap: str) -> bool:
    """Whether “收到…申请” speaks of disclosure requests: “受理行政许可申请1234件” or “收到行政复议申请2件”
    counts other applications and must not be compared with 表三."""
    if "复议" in gap or "诉讼" in gap:
        return False
    return "公开" in gap or not gap.strip(_FILLER)


def _one(kind: str, m: re.Match[str], group: str = "n") -> Mention | None:
    number = read_number(m.group(group))
    if number is None:
        return None
    return Mention(kind, number, m.group(0), m.start(), (m.span(group),))


def find_mentions(text: str) -> list[Mention]:
    if not text or ("件" not in text and "维持" not in text and "败诉" not in text and "纠错" not in text
                    and "行政" not in text):
        return []
    from . import mentions_active  # the table 二 figures, shares and claims live beside: keeps this module short

    out = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if "gap" in pattern.groupindex and not _about_disclosure(m.group("gap")):
                continue
            this = kind
            if "cases" in pattern.groupindex:
                # “行政复议纠错64件” counts one result column, not the cases
                col = next((c for w, c in _RESULT_COLS.items() if w in m.group("cases")), None)
                this = kind if col is None else f"{kind}:{col}"
            mention = _one(this, m)
            if mention is None:
                continue
            out.append(mention)
            if this in ("review", "litigation"):
                out += _breakdown(text, this, m.end())
    for kind, pattern in _GROUP_PATTERNS:
        out += filter(None, (_one(kind, m) for m in pattern.finditer(text)))
    out += _answered(text)
    out += mentions_active.find(text)
    return out


def _breakdown(text: str, kind: str, end: int) -> list[Mention]:
    """The result columns a 复议 or 诉讼 count is broken into, up to the end of its clause."""
    start = _BREAKDOWN_START.match(text, end)
    if start is None:
        return []
    stop = _BREAKDOWN_END.search(text, start.end())
    region_end = stop.start() if stop else len(text)
    out = []
    for m in _RESULT.finditer(text, start.end(), region_end):
        mention = _one(f"{kind}:{_RESULT_COLS[m.group('col')]}", m)
        if mention is not None:
            out.append(mention)
    return out


def _answered(text: str) -> list[Mention]:
    out = []
    for m in _ANSWERED.finditer(text):
        n, carried, later = (read_number(m.group(g)) for g in "nmk")
        if None in (n, carried, later):
            continue
        out.append(Mention("answered", n, m.group(0), m.start(), (m.span("n"), m.span("m"), m.span("k")),
                           (carried, later)))
    return out
