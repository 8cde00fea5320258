"""Which cell each count of 表三 and 表四 in a sentence speaks of, whatever its word order and verb.

A count is a number with its counter (3件, 两起, 1 件次; 约/近/余/多 make it approximate). What it counts is
read from the words of its own clause before it (its *head*: “收到政府信息公开申请5件”) and, when the head
says nothing, after it (its *tail*: “1件结转下年办理”, “收到4件政府信息公开申请”). Of the lexicon's
phrases in the head the one nearest the number that names a cell decides (“结转上年后新收到…47件” is new);
then a verb of answering (办结, 答复), then a verb of receiving or handling with the application named
(收到…申请, 办理…依申请公开). A few rules combine counts of one sentence: a result of 表四 (维持1件) belongs
to the 复议 or 诉讼 counted before it, “其他1件” and “撤回2件” to 表三's 其他处理 unless the sentence is about
cases, “合计N件” after counts by channel is the applications received.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..numerals import NUMBER, read_number
from .lexicon import phrases, tag_of

COUNT = re.compile(rf"(?P<pre>大约|约|近|逾|超过|共约)?(?P<n>{NUMBER})(?P<mid>余|多)?"
                   r"(?P<c>件次|件|起|宗|个|条|项|次|份|例)(?P<post>左右|以上|之多)?")
_STOP = ",;。:()!?\n"  # a head or tail never runs past a clause
_SENTENCE_END = re.compile(r"[。;!?\n]")
_TAIL_CHARS = 30
# the rows of a result group, for a sub-row named with its group (“因本机关不掌握相关政府信息无法提供1件”)
GROUP_ROWS = {
    "group:deny": ("deny_secret", "deny_law", "deny_3s1w", "deny_third", "deny_internal", "deny_process",
                   "deny_casefile", "deny_query"),
    "group:na": ("na_not_held", "na_need_make", "na_unclear"),
    "group:np": ("np_petition", "np_repeat", "np_publication", "np_massive", "np_confirm"),
    "group:oth": ("oth_no_fix", "oth_no_fee", "oth_other"),
}
_CELL_WORDS = ("new", "carried", "carry_next", "row:", "group:", "t4:", "col:", "applicant:", "withdrawn", "other",
               "block", "publish", "channel")
_APPLICATION = ("receive", "handle", "noun", "done")
_T3_RESULTS = ("group:", "row:")


class Word(NamedTuple):
    tag: str
    start: int
    end: int


class Statement(NamedTuple):
    """One count read from the normalised text: what it counts (a kind of ``narrative``) and where."""
    kind: str
    number: int
    start: int  # the quoted phrase, in the normalised text
    end: int
    figure: tuple[int, int]  # where the number stands
    approx: bool
    sentence: int


class _Context:
    """What the sentence has said so far."""

    def __init__(self) -> None:
        self.t4: str | None = None  # the 表四 group last counted
        self.t3_results = False  # a 表三 result group or row was counted
        self.kinds: list[str] = []  # each count's reading so far (“channel” for a count by channel)


def _words(text: str, start: int, end: int) -> list[Word]:
    # one character past the end, so that a phrase may look ahead at the number (“其他1件”)
    return [Word(tag_of(m), m.start(), m.end()) for m in phrases().finditer(text, start, end + 1)
            if m.end() <= end and tag_of(m) != "generic"]


def _clause_start(text: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and text[i - 1] not in _STOP:
        i -= 1
    return i


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    i = pos
    while i < ceiling and text[i] not in _STOP:
        i += 1
    return i


def read_counts(text: str) -> list[Statement]:
    """Every count of 表三 or 表四 the normalised ``text`` states, with the kind of cell it is compared with."""
    counts = [m for m in COUNT.finditer(text)]
    out: list[Statement] = []
    ctx, sentence = _Context(), 0
    last_end = 0
    for i, c in enumerate(counts):
        boundary = max((m.end() for m in _SENTENCE_END.finditer(text, last_end, c.start())), default=None)
        if boundary is not None:
            ctx, sentence = _Context(), sentence + 1
        head_start = _clause_start(text, c.start(), last_end)
        following = counts[i + 1].start() if i + 1 < len(counts) else len(text)
        tail_end = _clause_end(text, c.end(), min(following, c.end() + _TAIL_CHARS))
        last_end = c.end()
        head, tail = _words(text, head_start, c.start()), _words(text, c.end(), tail_end)
        reading = _decide(text, head, tail, c, ctx)
        if reading is None:
            ctx.kinds.append("channel" if _by_channel(head) else "")
            continue
        kind, start, end = reading
        ctx.kinds.append(kind)
        if kind.split(":")[0] in ("review", "litigation", "cases", "lit_direct", "lit_after") and ":" not in kind:
            ctx.t4 = kind
        if kind.startswith(_T3_RESULTS):
            ctx.t3_results = True
        number = read_number(c.group("n"))
        if number is None:
            continue
        approx = bool(c.group("pre") or c.group("mid") or c.group("post"))
        out.append(Statement(kind, number, start, max(end, c.end()), c.span("n"), approx, sentence))
    return _combine(text, out)


def _by_channel(head: list[Word]) -> bool:
    return any(w.tag == "channel" for w in head)


def _decide(text: str, head: list[Word], tail: list[Word], c: re.Match[str], ctx: _Context):
    """(kind, quote start, quote end) of one count, or None when it counts nothing the tables hold."""
    cell = None
    for k in range(len(head) - 1, -1, -1):
        w = head[k]
        if w.tag == "channel":
            # “通过信函、网络等渠道收到依申请公开23件”: the channel says how they came in, the count is of them
            if any(u.tag in _APPLICATION for u in head[k + 1:]):
                continue
            return None
        if w.tag.startswith(_CELL_WORDS):
            cell = w
            break
    if cell is not None:
        return _cell_reading(text, head, cell, ctx)
    done = [w for w in head if w.tag == "done"]
    if done:
        return "group:result_total", done[-1].start, c.end()
    verbs = [w for w in head if w.tag in ("receive", "handle")]
    nouns = [w for w in head if w.tag in ("noun", "noun_weak")]
    tail_noun = next((w for w in tail if w.tag.startswith("noun")), None)
    if verbs:
        verb = next((w for w in verbs if w.tag == "receive"), verbs[-1])
        kind = "received" if verb.tag == "receive" else "handled"
        if any(w.tag == "noun" for w in nouns) or (tail_noun is not None and tail_noun.tag == "noun"):
            return kind, verb.start, tail_noun.end if tail_noun is not None and not nouns else c.end()
        # “办理向管委会申请的政府信息48件”: a bare 申请 is a disclosure request only when the clause says so
        if (nouns or tail_noun) and re.search("公开|信息", text[verb.start:c.start()]):
            return kind, verb.start, c.end()
        return None
    strong = next((w for w in head if w.tag == "noun"), None)
    if strong is not None:
        return "received", strong.start, c.end()
    if any(w.tag == "total_word" for w in head):
        # “网上申请105件，快递17件，合计122件”: the sum of the channels is the applications received
        if ctx.kinds and all(k == "channel" for k in ctx.kinds):
            return "received", head[-1].start, c.end()
        return None
    if head:
        return None
    return _tail_reading(text, tail, c, ctx)


def _cell_reading(text: str, head: list[Word], cell: Word, ctx: _Context):
    tag = cell.tag
    if tag in ("block", "publish"):
        return None
    if tag.startswith("col:"):
        group = next((w for w in reversed(head) if w.tag.startswith("t4:")), None)
        name = group.tag[3:] if group is not None else ctx.t4
        if name is None:
            return None
        return f"{name}:{tag[4:]}", (group or cell).start, cell.end
    if tag in GROUP_ROWS:
        # a sub-row named before its group is that row, unless “等” makes it an example (“因不掌握等原因无法提供”)
        sub = [w for w in head if w.start < cell.start and w.tag[4:] in GROUP_ROWS[tag]]
        if sub and "等" not in text[sub[-1].end:cell.start]:
            return sub[-1].tag, sub[-1].start, cell.end
        return tag, cell.start, cell.end
    if tag in ("other", "withdrawn"):
        group = next((w for w in reversed(head) if w.tag.startswith("t4:")), None)
        if group is not None or ctx.t4 is not None:
            return f"{group.tag[3:] if group else ctx.t4}:other", cell.start, cell.end
        if tag == "withdrawn" or ctx.t3_results:
            return "row:oth_other", cell.start, cell.end
        return None
    if tag.startswith("t4:"):
        return tag[3:], cell.start, cell.end
    return tag, cell.start, cell.end


def _tail_reading(text: str, tail: list[Word], c: re.Match[str], ctx: _Context):
    """A count with nothing before it: “1件结转下年办理”, “4件由于重复申请不予处理”, “有3件被申请行政复议”."""
    for w in tail:
        tag = w.tag
        if tag.startswith("noun") or tag in ("receive", "handle", "total_word"):
            continue
        if tag in ("block", "publish", "channel", "other") or tag.startswith("col:"):
            return None
        if tag.startswith("t4:"):
            if re.search("被|提起|引起|引发|申请", text[c.end():w.start]):
                return tag[3:], c.start(), w.end
            return None
        if tag == "done":
            return "group:result_total", c.start(), w.end
        if tag == "withdrawn":
            return ("row:oth_other" if ctx.t4 is None else f"{ctx.t4}:other"), c.start(), w.end
        return tag, c.start(), w.end
    return None


def _combine(text: str, found: list[Statement]) -> list[Statement]:
    """Rules over a sentence's counts: what a count means depends on the others it stands with."""
    out = []
    by_sentence: dict[int, list[Statement]] = {}
    for s in found:
        by_sentence.setdefault(s.sentence, []).append(s)
    for group in by_sentence.values():
        kinds = {s.kind for s in group}
        seen: set[str] = set()
        for s in group:
            # “共受理…59件，结转上年后新收到…47件”: beside a 新收 figure, 受理 counts something else
            if s.kind == "received" and "new" in kinds:
                continue
            # “因本机关不掌握…无法提供1件，信息不存在的1件”: a row named twice is not known to be that row
            if s.kind.startswith("row:") and s.kind in seen:
                continue
            # “制发政府信息130件，其中主动公开18件，不予公开112件”: documents withheld, not applications
            if s.kind.startswith(_T3_RESULTS) and s.kind != "group:result_total" and "主动公开" in \
                    text[_sentence_start(text, s.start):s.start]:
                continue
            seen.add(s.kind)
            out.append(s)
    return out


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in "。;!?\n") + 1
