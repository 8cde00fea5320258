"""What today's text checks read of real agencies' wording (issue 19).

For every count annotated by hand in tests/data/wording/paragraphs.jsonl (real 依申请公开, 复议/诉讼 and 表二
sentences of published 年报, gathered from many agencies and levels), asks the text-reading code the checks
use (``app.checks.mentions.find_mentions`` and the cells each kind of mention is compared with,
``app.checks.narrative.refs_of``) whether it finds that number and compares it with the annotated cell.

Prints, per kind of statement, tried / read / matched to the right cell / %, the same by counter and by
where the number stands, the numbers read where no cell applies (each a possible false alarm), and the
most common phrasings left unread. Not timed: run by hand, ``.venv/bin/python benchmarks/wording.py``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import app.checks.narrative_active  # noqa: E402,F401  (registers the 表二, share and claim kinds)
from app.checks.mentions import Mention, find_mentions  # noqa: E402
from app.checks.narrative import figure_cells  # noqa: E402
from app.formatdef import CellRef  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "wording" / "paragraphs.jsonl"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_COUNTERS = "件次条份项起宗个部"
# The words a phrasing is summed up by in the list of unread phrasings, longest first
_KEYWORDS = sorted((
    "收到 受理 接收 接到 办理 处理 新收 答复 回复 办结 完成 共计 "
    "合计 申请 依申请公开 上年 上年度 结转 转结 下年 下一年度 次年 "
    "继续办理 行政复议 复议 行政诉讼 诉讼 起诉 争议 维持 纠正 尚未审结 "
    "撤销 予以公开 部分公开 不予公开 无法提供 不予处理 其他处理 不掌握 "
    "信息不存在 自然人 公民个人 法人或其他组织 商业企业 规范性文件 规章 "
    "制发 废止 有效 行政许可 行政处罚 行政强制 收费 占 撤回 重复申请 "
    "逾期").split(), key=len, reverse=True)


def load() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def cells_of(count: dict) -> set[CellRef]:
    ids = count.get("cells") or ([count["cell"]] if count.get("cell") else [])
    return {CellRef(*i.split(".")) for i in ids}


def number_pos(text: str, count: dict) -> int:
    """Where the annotated number stands in the text: in its phrase, the last figure of that value."""
    start = text.find(count["phrase"])
    hits = [m for m in _NUMBER.finditer(count["phrase"]) if float(m.group()) == float(count["number"])]
    return start + hits[-1].start()


def covers(m: Mention, pos: int) -> bool:
    return any(s <= pos < e for s, e in m.spans)


def compared_with(m: Mention, wanted: set[CellRef], pos: int) -> set[CellRef]:
    """The cells the figure at ``pos`` is compared with: the annotated set when it is one of its alternatives."""
    for (s, e), alternatives in figure_cells(m):
        if s <= pos < e:
            return set(wanted) if frozenset(wanted) in alternatives else set(alternatives[0])
    return set()


def kind_of_statement(count: dict) -> str:
    p, cells = count["phrase"], cells_of(count)
    rows = {c.row for c in cells}
    cols = {c.col for c in cells}
    if "%" in p or "％" in p:
        return "share “N件（P%）”/“占P%”"
    if any(c.table == "active" for c in cells):
        return "表二 figure"
    if any(c.table == "review_litigation" for c in cells):
        if "review" in rows and rows & {"lit_direct", "lit_after"}:
            return "复议 + 诉讼 together"
        if cols - {"total"}:
            return "表四 result column (维持/纠正/尚未审结…)"
        return "行政复议 total" if rows == {"review"} else "行政诉讼 total"
    if cols - {"total"}:
        return "applicant breakdown (自然人/法人…)"
    if rows == {"carried_over"}:
        return "carried over from last year"
    if rows == {"carry_next"}:
        return "carried to next year"
    if rows == {"result_total"}:
        return "handled total (办结/答复)"
    if rows == {"new_received"}:
        return "received: " + verb_form(p)
    return "result group (予以公开/不予公开/无法提供…)"


def verb_form(phrase: str) -> str:
    verb = next((v for v in ("新收", "收到", "受理", "接收", "接到", "办理", "处理") if v in phrase), "no verb")
    digit = _NUMBER.search(phrase)
    noun = min((i for i in (phrase.find("申请"), phrase.find("依申请")) if i >= 0), default=-1)
    order = "number before noun" if digit and 0 <= noun and digit.start() < noun else "number after noun"
    return f"{verb}, {order}"


def counter_of(count: dict) -> str:
    phrase = count["phrase"]
    start = number_pos(phrase, count)
    tail = phrase[_NUMBER.match(phrase, start).end():].lstrip(" \u3000")
    return tail[:2] if tail.startswith("件次") else (tail[:1] if tail[:1] in _COUNTERS else "other")


def shape(phrase: str, number: float) -> str:
    """The phrasing summed up: its key words in order, N for the number, then its counter."""
    out, i = [], 0
    while i < len(phrase):
        m = _NUMBER.match(phrase, i)
        if m:
            out.append("N" if float(m.group()) == float(number) else "Y")
            i = m.end()
            if i < len(phrase) and phrase[i] in _COUNTERS:
                out[-1] += phrase[i]
                i += 1
            continue
        word = next((w for w in _KEYWORDS if phrase.startswith(w, i)), None)
        if word:
            out.append(word)
            i += len(word)
        else:
            i += 1
    return "·".join(out)


def measure(paragraphs: list[dict]):
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_counter: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    unread: Counter[str] = Counter()
    example: dict[str, str] = {}
    wrong: list[str] = []
    stray: list[str] = []
    for para in paragraphs:
        text = para["text"]
        mentions = find_mentions(text)
        counts = [m for m in mentions if m.kind != "share"]
        shares = [m for m in mentions if m.kind == "share"]
        for count in para["counts"]:
            pos = number_pos(text, count)
            kind = kind_of_statement(count)
            wanted = cells_of(count)
            if kind.startswith("share"):
                hit = [m for m in shares if len(m.spans) > 1 and m.spans[1][0] <= pos < m.spans[1][1]]
                right = [m for m in hit if m.values and float(m.values[0]) == float(count["number"])]
            elif not wanted:
                hit = [m for m in counts if covers(m, pos)]
                if hit:
                    stray.append(f"{para['id']}: “{count['phrase']}” read as {hit[0].kind} ({count.get('note', '')})")
                continue
            else:
                hit = [m for m in counts if covers(m, pos)]
                right = [m for m in hit if compared_with(m, wanted, pos) == wanted]
                if hit and not right:
                    wrong.append(f"{para['id']}: “{count['phrase']}” read as {hit[0].kind}, annotated "
                                 + ", ".join(sorted(".".join(c) for c in wanted)))
            for table in (by_kind[kind], by_counter[counter_of(count)] if not kind.startswith("share") else None):
                if table is None:
                    continue
                table[0] += 1
                table[1] += bool(hit)
                table[2] += bool(right)
            if not right:
                key = shape(count["phrase"], count["number"])
                unread[key] += 1
                example.setdefault(key, count["phrase"])
    return by_kind, by_counter, unread, example, wrong, stray


def table(title: str, rows: dict[str, list[int]]) -> None:
    print(f"\n{title:<46} {'tried':>5} {'read':>5} {'right':>5} {'%':>6}")
    total = [0, 0, 0]
    for name, (tried, read, right) in sorted(rows.items(), key=lambda kv: -kv[1][0]):
        print(f"{name:<46} {tried:>5} {read:>5} {right:>5} {100 * right / tried:>5.0f}%")
        total = [a + b for a, b in zip(total, (tried, read, right), strict=True)]
    print(f"{'all':<46} {total[0]:>5} {total[1]:>5} {total[2]:>5} {100 * total[2] / max(total[0], 1):>5.0f}%")


def main() -> None:
    paragraphs = load()
    levels = Counter(p["level"] for p in paragraphs)
    print(f"{len(paragraphs)} paragraphs, {sum(len(p['counts']) for p in paragraphs)} annotated figures; levels: "
          + ", ".join(f"{k} {v}" for k, v in levels.most_common()))
    by_kind, by_counter, unread, example, wrong, stray = measure(paragraphs)
    table("kind of statement", by_kind)
    table("counter (shares left out)", by_counter)
    print(f"\nread but compared with another cell ({len(wrong)}):")
    for line in wrong:
        print("  " + line)
    print(f"\nread where no cell applies ({len(stray)}; each a possible false alarm):")
    for line in stray:
        print("  " + line)
    print("\nmost common phrasings not read to the right cell (N = the figure):")
    for phrasing, n in unread.most_common(20):
        print(f"  {n:>3}  {phrasing:<28} e.g. “{example[phrasing]}”")


if __name__ == "__main__":
    main()
