"""Text carried over from last year: a part still mostly last year's (S-9), the whole report repeating last
year's by more than half (S-10), sentences still naming last year's year (S-11) or quoting last year's numbers
(S-12).

Evaluators deduct for it: 宿迁 when a report repeats last year's by more than 50 % (“与上年度重复率大于50%”),
鲤城 when it is 雷同 with past years, 30号 （四） names “内容雷同”. Repetition is measured the way plagiarism
checkers count it: a character of this year's text is “last year's” when it lies in a run of ``run`` (13)
consecutive characters that also occurs in last year's text of the same part, spaces ignored. Editing a
year or a number in a copied sentence leaves the sentence copied (only the changed characters become new),
which is what an evaluator comparing the two reports sees; a rewritten sentence shares no 13-character run.
The measure is linear in the text (a set of last year's runs, kept per part), and each part's result is
remembered, so a keystroke re-measures one part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import NamedTuple

from ..formatdef import CellRef
from .content import STATISTICS_YEAR
from .engine import Finding, LiveChecks, fmt_number, text_step
from .registry import rule_group

_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_YEAR = re.compile(r"(?<!\d)\d{4}(?=年)")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


class Repeat(NamedTuple):
    covered: int  # characters of this year's text (spaces left out) found in last year's
    total: int  # characters of this year's text, spaces left out
    unchanged: bool  # the part is last year's text as it was


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def _last_year_runs(lc: LiveChecks, key: str, n: int) -> tuple[str, set[str], set[str]]:
    """Last year's text of a part (spaces left out), its runs of n characters and its sentences, kept."""
    ly_text = lc.report.last_year.texts.get(key, "")
    memo = lc._memo.setdefault("staleness_last", {})
    hit = memo.get(key)
    if hit is None or hit[0] != ly_text:
        norm = _norm(ly_text)
        runs = {norm[i:i + n] for i in range(len(norm) - n + 1)}
        sentences = {_norm(m.group(0)) for m in _SENTENCE.finditer(ly_text)}
        hit = memo[key] = (ly_text, (norm, runs, sentences))
    return hit[1]


def repeat(lc: LiveChecks, key: str) -> Repeat:
    """How much of this year's text of a part is last year's (remembered per part until either text changes)."""
    text = lc.report.text(key)
    ly = lc.report.last_year
    ly_text = "" if ly is None else ly.texts.get(key, "")
    memo = lc._memo.setdefault("staleness_repeat", {})
    hit = memo.get(key)
    if hit is not None and hit[0] == (text, ly_text):
        return hit[1]
    this = _norm(text)
    result = Repeat(0, len(this), False)
    if this and ly_text.strip():
        n = lc.fmt.rules["S-9"].params["run"]
        last, runs, _ = _last_year_runs(lc, key, n)
        if this == last:
            result = Repeat(len(this), len(this), True)
        elif len(this) < n:
            result = Repeat(len(this) if this in last else 0, len(this), False)
        else:
            covered = end = 0
            for i in range(len(this) - n + 1):
                if this[i:i + n] in runs:
                    covered += i + n - max(i, end)
                    end = i + n
            result = Repeat(covered, len(this), False)
    memo[key] = ((text, ly_text), result)
    return result


def _percent(covered: int, total: int) -> int:
    return round(100 * covered / total) if total else 0


@rule_group("text", "body")
def text_carried_over(lc: LiveChecks) -> Iterable[Finding]:
    """S-9 per part, S-11 per sentence, S-10 over the whole report."""
    r, fmt = lc.report, lc.fmt
    ly = r.last_year
    if ly is None:
        return []
    cache: dict[str, tuple] = lc._memo.setdefault("staleness_parts", {})
    out: list[Finding] = []
    shares: list[tuple[int, str]] = []
    covered = total = 0
    for key in fmt.text_keys():
        text = r.text(key)
        if not text.strip():
            continue
        rep = repeat(lc, key)
        covered += rep.covered
        total += rep.total
        if rep.covered and key.partition(".")[0] not in fmt.rules["S-9"].params["formula"]:
            shares.append((_percent(rep.covered, rep.total), key))
        inputs = (text, ly.texts.get(key, ""), r.year, ly.year)
        hit = cache.get(key)
        if hit is None or hit[0] != inputs:
            hit = cache[key] = (inputs, list(_part_findings(lc, key, text, rep)))
        out += hit[1]
    share = _percent(covered, total)
    params = fmt.rules["S-10"].params
    if shares and share > params["threshold"]:
        # the parts that repeat most, largest share first, ties in the order of the report
        top = sorted(shares, key=lambda s: -s[0])[:params["named"]]
        parts = "、".join(f"“{fmt.part_name(k)}”（{p}%）" for p, k in top)
        out.append(lc.finding("S-10", "report", text_step(top[0][1]), text_key=top[0][1],
                              last_year=ly.year or "上一", share=share, parts=parts))
    return out


def _part_findings(lc: LiveChecks, key: str, text: str, rep: Repeat) -> Iterable[Finding]:
    r, fmt = lc.report, lc.fmt
    ly = r.last_year
    step, part = text_step(key), fmt.part_name(key)
    params = fmt.rules["S-9"].params
    share = _percent(rep.covered, rep.total)
    last_year = ly.year or "上一"
    # A part of one or two sentences (under ``min_chars``, two printed lines) is said again the same way each
    # year when nothing changed (“全年收取信息处理费0元”): it is flagged only while it is last year's unchanged.
    if rep.unchanged:
        how = params["unchanged"].format(last_year=last_year)
        yield lc.finding("S-9", key, step, text_key=key, part=part, how=how)
        return  # S-9 says the whole part is last year's; its sentences are not listed one by one
    # The 报告说明 is a formula every report repeats (条例 basis, 统计期限), only its year changes and S-8
    # checks that: it is flagged when left unchanged, not for its share.
    formula = key.partition(".")[0] in params["formula"]
    if not formula and rep.total < params["min_chars"]:
        figures = _retouched(_norm(text), _norm(ly.texts.get(key, "")), params["few"])
        if figures:
            how = params["retouched"].format(last_year=last_year, figures="、".join(figures[:3]))
            yield lc.finding("S-9", key, step, text_key=key, part=part, how=how)
            return
    if not formula and rep.total >= params["min_chars"] and share > params["threshold"]:
        how = params["partly"].format(last_year=last_year, share=share)
        yield lc.finding("S-9", key, step, text_key=key, part=part, how=how)
    year = ly.year or (r.year - 1 if r.year else None)
    if year is None or year == r.year:
        return
    # A sentence naming last year's year is stale only when it is also last year's sentence as it was: “较2024年
    # 增长” written this year is a comparison, “截至2024年底” kept from last year's report is not this year's.
    # A statistics-period sentence is left to S-8, which already names the wrong year.
    named = re.compile(rf"(?<!\d){year}\s*年")
    _, _, sentences = _last_year_runs(lc, key, params["run"])
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        if named.search(sentence) and _norm(sentence) in sentences and not STATISTICS_YEAR.search(sentence):
            shown = sentence.strip()
            shown = shown if len(shown) <= 30 else shown[:29] + "…"
            yield lc.finding("S-11", f"{key}@{m.start():06d}", step, text_key=key, pos=m.start(), part=part,
                             sentence=shown, last_year=year, year=r.year or year + 1)


def _retouched(this: str, last: str, few: int) -> list[str]:
    """Last year's figures a short part still states, when it is last year's text but for its years and at most
    ``few`` other characters; empty otherwise.

    After 查找和替换 2024年→2025年 a one-sentence part looks new, yet “全年收取信息处理费3940元” still states last
    year's fee. A part that states no figure but 0 (“收取信息处理费0元”, “未收取”) says nothing happened, which
    may well be true again: it is left alone, as when its year alone was updated. A changed figure is an update.
    """
    this, last = _YEAR.sub("#", this), _YEAR.sub("#", last)
    figures = _FIGURE.findall(this)
    if figures != _FIGURE.findall(last) or not any(float(f) for f in figures):
        return []
    a, b = _FIGURE.sub("0", this), _FIGURE.sub("0", last)
    kept = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    if max(len(a), len(b)) - kept > few:
        return []
    return list(dict.fromkeys(f for f in figures if float(f)))


def _t3(row: str) -> CellRef:
    return CellRef("applications", row, "total")


def _t4(row: str) -> CellRef:
    return CellRef("review_litigation", row, "total")


# The totals each kind of quoted number speaks of (see mentions.py); “收到申请N件” may count the new ones only
# or the new and the carried-over ones together, so it is compared with both sums.
_QUOTED: dict[str, tuple[tuple[CellRef, ...], ...]] = {
    "new": ((_t3("new_received"),),), "carried": ((_t3("carried_over"),),), "carry_next": ((_t3("carry_next"),),),
    "received": ((_t3("new_received"),), (_t3("new_received"), _t3("carried_over"))),
    "review": ((_t4("review"),),), "litigation": ((_t4("lit_direct"), _t4("lit_after")),),
}
_CELLS = tuple(dict.fromkeys(ref for sums in _QUOTED.values() for refs in sums for ref in refs))


@rule_group("text", "table:applications", "table:review_litigation")
def numbers_carried_over(lc: LiveChecks) -> Iterable[Finding]:
    """S-12: a quoted number that is last year's value of its total but not this year's."""
    ly = lc.report.last_year
    if ly is None:
        return []
    this = {ref: lc.num(ref) for ref in _CELLS}
    inputs = (lc._mentions_version, tuple(this.values()))
    memo = lc._memo.get("staleness_numbers")
    if memo is not None and memo[0] == inputs:
        return memo[1]
    last = lc._memo.get("staleness_last_totals")  # last year's report changes only through recheck_all
    if last is None:
        last = lc._memo["staleness_last_totals"] = {ref: lc.last_num(ref) for ref in _CELLS}
    # a text keystroke re-parses that part's mentions only (a new list): the other parts' findings are kept
    parts: dict[str, tuple] = lc._memo.setdefault("staleness_number_parts", {})
    found: list[Finding] = []
    for key, mentions in lc._mentions.items():
        hit = parts.get(key)
        if hit is None or hit[0] is not mentions or hit[1] != inputs[1]:
            hit = parts[key] = (mentions, inputs[1], _quoted_last_year(lc, key, mentions, this, last))
        found += hit[2]
    lc._memo["staleness_numbers"] = (inputs, found)
    return found


def _quoted_last_year(lc: LiveChecks, key: str, mentions, this: dict, last: dict) -> list[Finding]:
    found: list[Finding] = []
    if mentions and not repeat(lc, key).unchanged:  # an unchanged part: S-9 already says it is last year's
        ly, fmt = lc.report.last_year, lc.fmt
        for m in mentions:
            sums = _QUOTED.get(m.kind)
            if sums is None:
                continue  # a kind of quote that does not speak of one total (a share, a claim)
            this_values = {_sum(this, refs) for refs in sums}
            last_values = [_sum(last, refs) for refs in sums]
            # a 0 repeated is no sign of copying: many bodies have no case of a kind year after year
            if not m.number or None in this_values or m.number in this_values or m.number not in last_values:
                continue
            refs = sums[last_values.index(m.number)]
            found.append(lc.finding(
                "S-12", f"{key}@{m.start:06d}", text_step(key), cells=refs, text_key=key, pos=m.start,
                part=fmt.part_name(key),
                quote=m.quote, last_year=ly.year or "上一", what=_what(lc, refs), last=fmt_number(m.number),
                this=fmt_number(_sum(this, refs))))
    return found


def _sum(values: dict, refs: tuple[CellRef, ...]):
    parts = [values[ref] for ref in refs]
    return None if any(v is None for v in parts) else sum(parts)


def _what(lc: LiveChecks, refs: tuple[CellRef, ...]) -> str:
    table = lc.fmt.tables[refs[0].table]
    name = "表三" if refs[0].table == "applications" else "表四"
    label = "与".join(f"“{table.row(ref.row).short}”" for ref in refs)
    return f"{name}{label}总计" + ("之和" if len(refs) > 1 else "")
