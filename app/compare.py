"""The check after publication: the report as published on the website, compared with the project file.

CMS editors damage pasted reports (evaluators.md §4 item 3): 〔〕 and 年/月/日 vanish around numbers
("国办公开办函202130号", "从202511日到20251231日"), tables go missing under their headings, numbers shift.
The published page (saved .html/.mht, copied text, the PDF or .docx) is read with the importer, and so is
the website version the project prints (``export.html``): comparing two readings by the same importer,
whatever the importer normalises (headings split off, punctuation width) is normalised on both sides, and
what remains is what publishing changed. Each ``Difference`` says where to jump: a cell, or a text part.
Qt-free.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from .cells import format_number
from .checks import Finding
from .formatdef import CellRef
from .importing import ImportResult, ReportImportError, import_bytes, import_text
from .report import Report

KINDS = ("title", "signature", "date", "table", "cell", "damaged", "missing", "changed", "extra")


class Difference(NamedTuple):
    kind: str  # one of KINDS
    where: str  # the officer's name of the place: 表三“（一）予以公开／自然人”, 六、其他需要报告的事项, 标题
    message: str  # the whole sentence, in Chinese
    step: str  # "basic" or the section id the editor jumps to
    cells: tuple[CellRef, ...] = ()
    text_key: str | None = None

    def as_finding(self) -> Finding:
        """The editor's jump takes a Finding: the difference as one (no fix)."""
        key = f"compare:{self.kind}:{self.where}:{self.cells[0] if self.cells else self.text_key}"
        return Finding(key, f"CMP-{self.kind}", "error", self.message, self.step, self.cells, self.text_key)


class Published(NamedTuple):
    result: ImportResult
    text: str  # every paragraph and table cell as read, where damaged 文号 and dates are looked for
    name: str  # how the officer names the source: the file name, or 粘贴的文字


def read_published(path: str | os.PathLike) -> Published:
    """A published page saved from the browser, its copied text (.txt), the PDF or .docx; raises
    ``ReportImportError`` with the officer's message when it cannot be read as a report."""
    from .importing import read_report_file

    path = Path(path)
    data = read_report_file(path)
    result = import_bytes(data, path.name)
    return Published(result, _source_text(data, path.name), path.name)


def read_published_text(text: str, name: str = "粘贴的文字") -> Published:
    """Text copied from the published page (a page's HTML source pasted whole is read as a page)."""
    if not isinstance(text, str) or not text.strip():
        raise ReportImportError("没有可核对的文字")
    start = text.lstrip()[:2048].lower()
    if start.startswith("<") and ("<html" in start or "<table" in start or "<body" in start):
        data = text.encode("utf-8")
        return Published(import_bytes(data, "粘贴.html"), _source_text(data, "粘贴.html"), name)
    return Published(import_text(text), text, name)


def _source_text(data: bytes, name: str) -> str:
    from .importing import read_source  # the importer's reader of any kind (see the module docstring)
    from .importing.blocks import Grid

    doc = read_source(data, name)
    return "\n".join("\n".join("\t".join(row) for row in b.rows) if isinstance(b, Grid) else b.text
                     for b in doc.blocks)


# --- the comparison ---------------------------------------------------------------------------------

def expected_reading(project: Report) -> Report:
    """The project as the importer reads its own website version: what a faithful publication reads as."""
    from .export.html import render_text, website

    try:
        return import_text(render_text(website(project))).report
    except ReportImportError:
        return project  # nothing importable (an empty report): compare with the project itself


def compare(project: Report, published: Published) -> list[Difference]:
    """Every difference between the published report and the project, in the order of the report."""
    expected, got = expected_reading(project), published.result.report
    out: list[Difference] = []
    if got.title() != expected.title():
        out.append(Difference("title", "标题", f"标题不同：已发布为“{got.title() or '（没有找到标题）'}”，"
                                             f"应为“{expected.title()}”", "basic"))
    damaged = list(_damaged_tokens(project, published.text))
    out += _body_differences(project, expected, got, damaged, published.text)
    out += _table_differences(expected, published.result)
    out += [d for d in damaged if d.text_key is not None]
    out += _text_differences(expected, got, {d.text_key for d in damaged}, _ending_lines(project, published.text))
    return _in_report_order(project, out)


def _ending_lines(project: Report, published_text: str) -> set[str]:
    """The 落款 and the date as lines of text: where a damaged date hid the ending from the importer, they are
    read as the last paragraphs of 六, and are not extra text (the 落款 and date are compared on their own)."""
    body = project.body
    lines = {_norm(body.signature or body.name)}
    d = body.date_value()
    if d:
        pattern = _damaged_pattern(_DATE.match(f"{d.year}年{d.month}月{d.day}日"))
        lines |= {_norm(m.group(0)) for m in pattern.finditer(published_text)}
    return lines


def _body_differences(project: Report, expected: Report, got: Report, damaged: list[Difference],
                      published_text: str) -> list:
    out = []
    want, have = expected.body.signature or expected.body.name, got.body.signature or got.body.name
    date_damage = [d for d in damaged if d.text_key is None]
    printed = {_norm(line) for line in published_text.splitlines()}
    if want and have != want and not (date_damage and _norm(want) in printed):
        shown = f"已发布为“{have}”" if have else "已发布版本中没有找到落款"
        out.append(Difference("signature", "落款", f"落款不同：{shown}，应为“{want}”", "basic"))
    if project.body.date and got.body.date != expected.body.date:
        if date_damage:
            out += date_damage
        else:
            shown = f"已发布为{_date_text(got)}" if got.body.date else "已发布版本中没有找到成文日期"
            out.append(Difference("date", "成文日期", f"成文日期不同：{shown}，应为{_date_text(expected)}", "basic"))
    return out


def _date_text(report: Report) -> str:
    d = report.body.date_value()
    return f"“{d.year}年{d.month}月{d.day}日”" if d else f"“{report.body.date}”"


def _table_differences(expected: Report, result: ImportResult) -> list[Difference]:
    got = result.report
    out = []
    for table in expected.fmt.tables.values():
        refs = table.cells()
        wanted = {ref: format_number(expected.value(ref)) for ref in refs}
        if not any(wanted.values()):
            continue
        if not any(ref in got.cells for ref in refs):  # the importer marks each cell of a missing table unread
            message = f"{table.name}（{table.title}）在已发布版本中没有找到：整张表缺失"
            out.append(Difference("table", table.name, message, table.section, (refs[0],)))
            continue
        for ref in refs:
            place = f"{table.name}“{table.place(ref)}”"
            parsed = got.cells.get(ref)
            have = (parsed.text if parsed.error else format_number(parsed.value)) if parsed else ""
            if have == wanted[ref]:
                continue
            if ref in result.unread:
                message = f"{place}在已发布版本中无法读取（{result.unread[ref]}），应为 {wanted[ref] or '空'}"
            elif not have:
                message = f"{place}在已发布版本中是空的，应为 {wanted[ref]}"
            elif not wanted[ref]:
                message = f"{place}已发布为 {have}，项目中为空"
            else:
                message = f"{place}已发布为 {have}，应为 {wanted[ref]}"
            out.append(Difference("cell", place, message, table.section, (ref,)))
    return out


# --- 文号 and dates whose characters were dropped ---------------------------------------------------

_WENHAO = re.compile(r"([\u4e00-\u9fff]{0,8})〔(\d{4})〕(\d{1,4})号")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_OPEN, _CLOSE = "〔[［(（【", "〕]］)）】"
_FRAGILE = "〔〕年月日"
_SPACE = re.compile(r"\s+")


def _damaged_pattern(token: re.Match) -> re.Pattern:
    """The token with each of its fragile characters optional (and spaces allowed): its published forms."""
    if token.re is _WENHAO:
        _, year, number = token.groups()
        return re.compile(rf"[{re.escape(_OPEN)}]?\s*(?<!\d){year}\s*[{re.escape(_CLOSE)}]?\s*{number}(?!\d)\s*号")
    year, month, day = token.groups()
    return re.compile(rf"(?<!\d){year}\s*年?\s*{int(month)}\s*月?\s*{int(day)}(?!\d)\s*日?")


_LEAD_WORDS = ("按照", "根据", "依据", "落实", "贯彻", "执行", "参照", "印发", "转发", "对照", "按", "据", "和", "及")


def _issuer(prefix: str) -> str:
    """The 发文机关代字 before a 文号 (“国办公开办函”), without the verb the sentence put before it."""
    changed = True
    while changed:
        changed = False
        for word in _LEAD_WORDS:
            if prefix.startswith(word) and len(prefix) > len(word) + 1:
                prefix, changed = prefix[len(word):], True
    return prefix


def _lost(token: str, found: str) -> str:
    dropped = [ch for ch in _FRAGILE if token.count(ch) > found.count(ch)]
    return "".join(f"“{ch}”" for ch in dropped)


def _damaged_tokens(project: Report, published_text: str):
    """文号 (〔2021〕30号) and dates (2025年1月1日) of the project that the published text has lost characters of.

    The n-th published form of a token is taken for its n-th place in the project (both in reading order), so
    a damaged copy is named at the part it belongs to; the 落款's date comes last."""
    places: dict[str, list[tuple[str | None, re.Match]]] = {}
    sources: list[tuple[str | None, str]] = [(key, project.text(key)) for key in project.fmt.text_keys()]
    d = project.body.date_value()
    if d:
        sources.append((None, f"{d.year}年{d.month}月{d.day}日"))
    for key, text in sources:
        tokens = sorted([*_WENHAO.finditer(text), *_DATE.finditer(text)], key=lambda m: m.start())
        for token in tokens:
            core = token.group(0)[len(token.group(1)):] if token.re is _WENHAO else token.group(0)
            places.setdefault(core, []).append((key, token))
    for core, where in places.items():
        token = where[0][1]
        wenhao = token.re is _WENHAO
        for n, found in enumerate(_damaged_pattern(token).finditer(published_text)):
            key, token = where[min(n, len(where) - 1)]
            lost = _lost(core, _SPACE.sub("", found.group(0)))
            if not lost:
                continue
            issuer = _issuer(token.group(1)) if wenhao else ""
            before = published_text[max(0, found.start() - len(issuer)):found.start()]
            shown = (before if before == issuer else "") + found.group(0).strip()
            what = "文号" if wenhao else ("成文日期" if key is None else "日期")
            step, name = ("basic", "成文日期") if key is None else (project.fmt.part(key)[0].id,
                                                                 project.fmt.part_name(key))
            yield Difference("damaged", name, f"{what}“{issuer}{core}”在已发布版本中成了“{shown}”（{lost}丢失）",
                             step, text_key=key)


# --- paragraphs ---------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    """Ignoring whitespace and punctuation width (a CMS turns ，into , and back)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def _undamaged(text: str) -> str:
    return re.sub(f"[{re.escape(_FRAGILE + _OPEN + _CLOSE)}]", "", text)


def _snippet(a: str, b: str) -> str:
    """The first change between two paragraphs, with a few characters around it."""
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return ""
    _, i1, i2, j1, j2 = ops[0]
    cut = lambda s, lo, hi: ("…" if lo > 8 else "") + s[max(0, lo - 8):hi + 8] + ("…" if hi + 8 < len(s) else "")  # noqa: E731
    more = f"等{len(ops)}处" if len(ops) > 1 else ""
    return f"“{cut(a, i1, i2)}”成了“{cut(b, j1, j2)}”{more}"


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _text_differences(expected: Report, got: Report, damaged_keys: set, ending: set[str]) -> list[Difference]:
    from .export.blocks import text_lines

    out = []
    for key in expected.fmt.text_keys():
        section, _ = expected.fmt.part(key)
        name = expected.fmt.part_name(key)
        want_lines, have_lines = text_lines(expected.text(key)), text_lines(got.text(key))
        want, have = [_norm(p) for p in want_lines], [_norm(p) for p in have_lines]
        while have and have[-1] in ending and have[-1] not in want:
            have.pop()
        if want == have:
            continue
        if want and not have:
            out.append(Difference("missing", name, f"“{name}”在已发布版本中没有找到", section.id, text_key=key))
            continue
        if "".join(want) == "".join(have):
            out.append(Difference("changed", name, f"“{name}”的分段与项目不同（段落被合并或拆开）", section.id,
                                  text_key=key))
            continue
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, want, have, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                a, b = want[i1 + k], have[j1 + k]
                if _undamaged(a) == _undamaged(b) and key in damaged_keys:
                    continue  # only 〔〕 or 年月日 dropped: named above with the 文号 or date
                change = _snippet(_SPACE.sub("", want_lines[i1 + k]), _SPACE.sub("", have_lines[j1 + k]))
                out.append(Difference("changed", name, f"“{name}”中的段落有改动：{change}", section.id, text_key=key))
            for a in want_lines[i1 + pairs:i2]:
                out.append(Difference("missing", name, f"“{name}”中缺少段落“{_short(a)}”", section.id, text_key=key))
            for b in have_lines[j1 + pairs:j2]:
                out.append(Difference("extra", name, f"“{name}”中多出段落“{_short(b)}”", section.id, text_key=key))
    return out


def _in_report_order(project: Report, diffs: list[Difference]) -> list[Difference]:
    order = {"basic": -1} | {s.id: i for i, s in enumerate(project.fmt.sections)}
    return sorted(diffs, key=lambda d: (d.kind != "title", order.get(d.step, 99)))
