"""Numbers the narrative text quotes about applications and cases (checked against the tables).

Parsed once per text change and kept, so a keystroke in a grid only compares numbers.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_NOT_END = r"[^。；;\d\n]"  # a quote never runs past a sentence or a paragraph
# 3119 or 3,119; at most 15 digits (no report counts more, and int() refuses thousands of digits)
_NUMBER = r"(\d{1,3}(?:[,，]\d{3}){1,4}|\d{1,15})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("new", re.compile(rf"新收(?:到)?(?P<gap>{_NOT_END}{{0,12}}?)申请{_NOT_END}{{0,4}}?{_NUMBER}[^\S\n]*件")),
    ("carried", re.compile(rf"上年(?:度)?结转{_NOT_END}{{0,12}}?{_NUMBER}[^\S\n]*件")),
    ("carry_next", re.compile(rf"结转(?:至)?下(?:一)?年(?:度)?{_NOT_END}{{0,8}}?{_NUMBER}[^\S\n]*件")),
    ("received", re.compile(rf"(?<!新)(?:收到|受理)(?P<gap>{_NOT_END}{{0,12}}?)申请"
                            rf"{_NOT_END}{{0,4}}?{_NUMBER}[^\S\n]*件")),
    ("review", re.compile(rf"行政复议(?:申请|案件)?{_NOT_END}{{0,4}}?{_NUMBER}[^\S\n]*件")),
    ("litigation", re.compile(rf"行政诉讼(?:案件)?{_NOT_END}{{0,4}}?{_NUMBER}[^\S\n]*件")),
]
_FILLER = " \u3000了共计各类的依"


class Mention(NamedTuple):
    kind: str
    number: int
    quote: str
    start: int


def _about_disclosure(gap: str) -> bool:
    """Whether “收到…申请” speaks of disclosure requests: “受理行政许可申请1234件” or “收到行政复议申请2件”
    counts other applications and must not be compared with 表三."""
    if "复议" in gap or "诉讼" in gap:
        return False
    return "公开" in gap or not gap.strip(_FILLER)


def find_mentions(text: str) -> list[Mention]:
    if not text or "件" not in text:
        return []
    out = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if "gap" in pattern.groupindex and not _about_disclosure(m.group("gap")):
                continue
            number = int(re.sub(r"[,，]", "", m.group(m.lastindex)))
            out.append(Mention(kind, number, m.group(0), m.start()))
    return out
