"""Unfinished text: placeholders left in a text part or a body field (P-1, P-2), a lone “无” where the part
must say something (P-3).

Evaluators deduct for a report that was not finished (鲤城 “未按照要素撰写”, 30号 “敷衍塞责”); the app's own
drafts leave “（请填写：…）” for what only the officer knows (app/drafts.py), so those must not reach the
printed report. Each part's findings depend on its own text only, so a keystroke re-reads one part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .engine import Finding, LiveChecks, text_step
from .registry import rule_group

_OPEN, _CLOSE = re.escape("（(【[〔"), re.escape("）)】]〕")  # escaped: they sit inside [...] classes
_PLACEHOLDER = re.compile(
    # a bracketed request to fill in: the drafts' “（请填写：…）”, templates' “【请输入…】”, “[待补充]”
    rf"[{_OPEN}][^\S\n]*(?:请|待|此处|在此)?(?:填写|填入|输入|补充|补写|填报)[^{_CLOSE}\n]{{0,40}}[{_CLOSE}]"
    # the same request without brackets: no finished sentence says “此处填写”
    r"|(?:此处|在此)(?:填写|填入|输入|补充)"
    # brackets left empty, or holding only an ellipsis or blanks: “（  ）”, “[…]”, “【……】”
    rf"|[{_OPEN}](?:[^\S\n]|…|\.|_|＿)*[{_CLOSE}]"
    # fill-in blanks “____”
    r"|_{2,}|＿{2,}"
    # “XXX局”, “××镇”, “XXX号”: a real name or 文号 never spells itself in X's. Not inside a Latin word or a
    # number, so “xxgk” (信息公开) in a web address or “XXI” stays real text.
    r"|(?<![A-Za-z0-9])[XxＸｘ×]{2,}(?![A-Za-z0-9])"
)
_MAX_PER_PART = 20  # a pasted template full of blanks is one problem; the list stays readable
_NONE_WORDS = {"无", "暂无"}
_LONE_MAX = 40  # characters: “暂无。” with any spacing a person types around it
_PUNCTUATION = re.compile(r"[\s。．.、，,！!；;：:]")


class Placeholder(NamedTuple):
    start: int
    end: int
    text: str


# Where a placeholder can start (every alternative above begins with one of these). Searching for these first and
# trying the whole pattern only there is what finditer does, five times faster: sre tries all five alternatives
# at every character otherwise (a batch check of 1,000 reports spent 1.6 s here).
_START = re.compile(rf"[{_OPEN}_＿XxＸｘ×]|此处|在此")


def find_placeholders(text: str) -> list[Placeholder]:
    """The placeholders in a text, in order (also used by the editor to put the cursor on the first one)."""
    out = []
    pos = 0
    while (start := _START.search(text, pos)) is not None:
        m = _PLACEHOLDER.match(text, start.start())  # the lookbehind still sees the character before
        if m is None:
            pos = start.start() + 1
            continue
        out.append(Placeholder(m.start(), m.end(), m.group(0)))
        pos = m.end()
    return out


def is_lone_none(text: str) -> bool:
    """Whether a text says only “无” (or “暂无”), punctuation and spaces aside."""
    text = text.strip()
    # a part of any length is not a lone “无”: not worth a pass over all of it
    return len(text) <= _LONE_MAX and _PUNCTUATION.sub("", text) in _NONE_WORDS


def _shown(found: str) -> str:
    return found if len(found) <= 24 else found[:23] + "…"


@rule_group("text")
def placeholders_in_texts(lc: LiveChecks) -> Iterable[Finding]:
    """P-1 placeholders in a text part, P-3 a lone “无” in a part that must say something."""
    return lc.per_text_part("placeholders", lambda _key, text: text, lambda key, text: _part_findings(lc, key, text))


def _part_findings(lc: LiveChecks, key: str, text: str) -> Iterable[Finding]:
    fmt = lc.fmt
    step, part = text_step(key), fmt.part_name(key)
    for p in find_placeholders(text)[:_MAX_PER_PART]:
        yield lc.finding("P-1", f"{key}@{p.start:06d}", step, text_key=key, pos=p.start, part=part,
                         found=_shown(p.text))
    # A lone “无” is a placeholder only where the part must report something: every part of 一 (the format
    # lists what each covers; a body that did nothing on a point says so in words, and no real report writes
    # “无” there). Not in 五: S-4b already flags a 五 of “无”, one finding per problem. Not in 六: “无” is the
    # usual wording for “nothing else to report”, and S-5 already asks for the 信息处理费 sentence. Not in the
    # optional 报告说明: it is not one of the six parts the format requires.
    if key.partition(".")[0] in fmt.rules["P-3"].params["sections"] and is_lone_none(text):
        yield lc.finding("P-3", key, step, text_key=key, part=part, text=text.strip())


_BODY_FIELDS = (("name", "机关名称"), ("signature", "落款机关"))


@rule_group("body")
def placeholders_in_body(lc: LiveChecks) -> Iterable[Finding]:
    """P-2: the name and the 落款 print as the title and the signature, so a placeholder there is printed too."""
    body = lc.report.body
    for name, label in _BODY_FIELDS:
        value = getattr(body, name)
        found = find_placeholders(value)
        if found:
            yield lc.finding("P-2", name, "basic", field=label, found=_shown(found[0].text))
        elif is_lone_none(value):
            yield lc.finding("P-2", name, "basic", field=label, found=value.strip())
