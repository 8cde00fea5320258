"""Numbers the narrative text quotes about applications and cases (checked against the tables).

Parsed once per text change and kept, so a keystroke in a grid only compares numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOT_END = r"[^。；;\d]"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("new", re.compile(rf"新收(?:到)?{_NOT_END}{{0,12}}?申请{_NOT_END}{{0,4}}?(\d+)\s*件")),
    ("carried", re.compile(rf"上年(?:度)?结转{_NOT_END}{{0,12}}?(\d+)\s*件")),
    ("carry_next", re.compile(rf"结转(?:至)?下(?:一)?年(?:度)?{_NOT_END}{{0,8}}?(\d+)\s*件")),
    ("received", re.compile(rf"(?<!新)(?:收到|受理){_NOT_END}{{0,12}}?申请{_NOT_END}{{0,4}}?(\d+)\s*件")),
    ("review", re.compile(rf"行政复议(?:申请|案件)?{_NOT_END}{{0,4}}?(\d+)\s*件")),
    ("litigation", re.compile(rf"行政诉讼(?:案件)?{_NOT_END}{{0,4}}?(\d+)\s*件")),
]


@dataclass(frozen=True)
class Mention:
    kind: str
    number: int
    quote: str
    start: int


def find_mentions(text: str) -> list[Mention]:
    if not text or "件" not in text:
        return []
    out = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            out.append(Mention(kind, int(m.group(1)), m.group(0), m.start()))
    return out
