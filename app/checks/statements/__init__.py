"""The statements of the narrative text: every count, share, 表二 figure and claim, whatever its wording.

``read_statements`` normalises the text (``normalise``), reads the counts of 表三 and 表四 (``grammar``, with
the words of ``lexicon``), the 表二 figures, shares and claims (``mentions_active``), and returns them as
``Mention``s addressed in the original text, which ``narrative`` compares with the tables.
"""

from __future__ import annotations

from .. import mentions_active
from ..mentions import Mention
from .grammar import Statement, read_counts
from .normalise import Normalised, normalise

_QUICK = ("件", "起", "宗", "条", "项", "次", "份", "个", "维持", "败诉", "纠错", "行政", "结案", "审结", "办结",
          "办理完毕", "%", "％", "元")


def read_statements(text: str) -> list[Mention]:
    if not text or not any(w in text for w in _QUICK):
        return []
    norm = normalise(text)
    s = norm.text
    counts = read_counts(s)
    found = _answered(s, counts)
    found += [_mention(c) for c in counts]
    found += mentions_active.find(s)
    return [_original(m, norm, text) for m in found]


def _mention(c: Statement) -> Mention:
    return Mention(c.kind, c.number, "", c.start, (c.figure,), approx=c.approx), c.end


def _answered(s: str, counts: list[Statement]) -> list:
    """“答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）” (evaluators E4): the three figures are
    checked together (X-9); the 答复 and 下年度 figures are taken out of the single counts, 上年结转 stays."""
    out = []
    for c in list(counts):
        if c.kind != "group:result_total" or not s.startswith("(含", c.end):
            continue
        close = s.find(")", c.end, c.end + 80)
        if close < 0:
            continue
        inside = [d for d in counts if c.end < d.start and d.end <= close]
        carried = next((d for d in inside if d.kind == "carried"), None)
        later = next((d for d in inside if d.kind == "carry_next"), None)
        if carried is None or later is None or "另有" not in s[carried.end:later.figure[0]]:
            continue
        counts.remove(c)
        counts.remove(later)
        out.append((Mention("answered", c.number, "", c.start, (c.figure, carried.figure, later.figure),
                            (carried.number, later.number)), close + 1))
    return out


def _original(found: tuple[Mention, int] | Mention, norm: Normalised, text: str) -> Mention:
    """The mention addressed in the officer's text: its quote and figures where they stand there."""
    m, end = (found, found.start + len(found.quote)) if isinstance(found, Mention) else found
    start, stop = norm.span(m.start, end)
    return m._replace(quote=text[start:stop], start=start, spans=tuple(norm.span(a, b) for a, b in m.spans))
