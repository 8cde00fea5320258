"""The report's outline, found by its words: the title, the six section headings, the sub-headings of
总体情况, and the 落款 and date at the end. Wording variants come from ``variants``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..formatdef import ReportFormat, Section
from .blocks import Para
from .tables import norm_label
from .text_source import tidy_spacing
from .variants import SECTION_WORDINGS, YEAR_FIRST_NOTE, YEAR_FIRST_TITLE, SectionWording, numbering_log, section_log

_TITLE = re.compile(r"(\d{4})年度?(?:政府信息公开|政务公开)(?:工作)?年度?报告")
_SUBHEAD = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,2})\s*[）)]\s*")
_PHRASE_END = "。：:；;"
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_NUM = r"[0-9]{1,4}|[〇○零O一二三四五六七八九十]{1,4}"
_DATE = re.compile(rf"^[（(]?({_NUM})年({_NUM})月({_NUM})日[）)]?$"
                   rf"|^[（(]?(\d{{4}})[-./](\d{{1,2}})[-./](\d{{1,2}})[）)]?$")
_DIVISION_END = "省市区县州盟旗乡镇"
_ORGANS_WITH_PLACE = ("人民政府", "街道办事处")
# how a body's name ends: a last line without a date is the 落款 only if it ends like one
_ORGAN_ENDINGS = ("政府", "办事处", "委员会", "办公室", "局", "厅", "委", "院", "署", "中心",
                  "处", "室", "所", "站", "馆", "队", "部", "会")


def compact(text: str) -> str:
    """NFKC with all whitespace removed: how headings and titles are compared."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def _skip(text: str, n: int) -> str:
    """The rest of ``text`` after its first ``n`` non-space characters."""
    count = 0
    for i, ch in enumerate(text):
        if count == n:
            return text[i:]
        if not ch.isspace():
            count += 1
    return ""


# --- section headings ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    section: str
    block: int
    rest: str  # text after the heading on the same line (一、总体情况。2024年…)
    number: str = ""  # the number as printed (“三” for a 二 numbered 三), "" when the line shows only words
    wording: SectionWording | None = None  # the variant the title was printed in, if not the format's

    def log_lines(self, title: str) -> list[str]:
        """What the officer is told about a heading that is not the format's: other words, another number."""
        num = title.partition("、")[0]
        lines = [section_log(title, f"{self.number}、" if self.number else "", self.wording)] if self.wording else []
        if self.number and self.number != num:
            lines.append(numbering_log(title, self.number))
        return lines


_NUMBERED = re.compile(r"^([一二三四五六七八九十]{1,2})([、,.，．]?)")


def _title_words(section: Section) -> tuple[str, list[tuple[str, SectionWording | None]]]:
    """A section's number and the words its title may be printed with (the format's first), compacted."""
    num, _, core = section.title.partition("、")
    return num, [(compact(core), None)] + [(compact(w.words), w) for w in SECTION_WORDINGS if w.section == section.id]


def _heading_match(text: str, s: str, section: str, num: str, words: list) -> Heading | None:
    """``text`` (``s`` compacted) as the heading of ``section``: by its words, whatever its number (a report may
    skip a section and renumber the rest, or number its tables 一、二、三 again after the text)."""
    for ncore, wording in words:
        if s == ncore:  # a heading numbered by Word's automatic list numbering shows only its words
            return Heading(section, -1, "", "", wording)
    m = _NUMBERED.match(s)
    if m is None:
        return None
    printed, used = m.group(1), m.end()
    if printed != num and not m.group(2):
        return None  # another number needs its 、 to be told from a line that merely starts with 三…
    rest = s[used:]
    for ncore, wording in words:
        if rest.startswith(ncore):
            tail = _skip(text, used + len(ncore)).lstrip("。.：:，, \u3000")
            return Heading(section, -1, tail, printed, wording)
    # a reworded heading (…和改进情况): its own number, same first four and last two characters, nothing after
    # it (“二、主动公开工作扎实推进，成效明显” in 总体情况 is a sentence, not the heading of 二)
    core_words = norm_label(words[0][0])
    if (printed == num and m.group(2) and norm_label(rest)[:4] == core_words[:4]
            and norm_label(rest).endswith(core_words[-2:]) and len(rest) <= len(words[0][0]) + 8 and "。" not in rest):
        return Heading(section, -1, "", printed)
    return None


def find_headings(fmt: ReportFormat, blocks: list) -> dict[str, Heading]:
    """Each titled section's heading, wherever it stands: one printed with the format's own number wins over
    one numbered otherwise; among equals the first."""
    found: dict[str, Heading] = {}
    sections = [(s.id, *_title_words(s)) for s in fmt.sections if s.title]
    for i, b in enumerate(blocks):
        if not isinstance(b, Para) or len(b.text) > 200:
            continue
        s = compact(b.text)
        if not s:
            continue
        for section, num, words in sections:
            h = _heading_match(b.text, s, section, num, words)
            if h is None:
                continue
            before = found.get(section)
            if before is None or (h.number in ("", num) and before.number not in ("", num)):
                found[section] = Heading(section, i, h.rest, h.number, h.wording)
            break
    return found


# --- title, body, year, 落款, date ------------------------------------------------------------------

@dataclass
class Title:
    name: str
    year: int
    last_block: int  # the title's last line
    text: str = ""  # the whole title as printed (compacted), e.g. with “（汇总）” after it
    year_first: bool = False  # “2019年××市人民政府办公厅政府信息公开工作年度报告”

    def log_line(self) -> str:
        if self.year_first:
            return YEAR_FIRST_NOTE.format(title=self.text, name=self.name)
        return f"标题：{self.name}{self.year}年政府信息公开工作年度报告"


def _match_title(s: str) -> tuple[str, int, bool] | None:
    """Name, year and whether the year came first, for a compacted line that is a report's title."""
    m = _TITLE.search(s)
    if m:
        return re.split(r"[:：]", s[: m.start()])[-1], int(m.group(1)), False
    m = YEAR_FIRST_TITLE.search(s)
    if m and not re.search(r"[:：>]", m.group(2)):
        return m.group(2), int(m.group(1)), True
    return None


def find_title(blocks: list, end: int, hint: str = "") -> Title | None:
    """The last line (or pair of lines) before 一、 that reads “<机关>YYYY年政府信息公开工作年度报告”
    (or “YYYY年<机关>政府信息公开工作年度报告”)."""
    lines = [(i, compact(b.text)) for i, b in enumerate(blocks[:end]) if isinstance(b, Para)]
    best: Title | None = None
    for k, (i, s) in enumerate(lines):
        for j, joined in ((i, s), (lines[k + 1][0] if k + 1 < len(lines) else -1,
                                   s + (lines[k + 1][1] if k + 1 < len(lines) else ""))):
            if j < 0 or len(joined) > 70 or "。" in joined:
                continue
            got = _match_title(joined)
            if not got:
                continue
            name, year, year_first = got
            if not name and k > 0:
                prev = lines[k - 1][1]
                if 2 <= len(prev) <= 40 and not re.search(r"[。，；]", prev):
                    name = prev
            best = Title(name, year, j, joined, year_first)
            break
    if best is None and hint:
        got = _match_title(compact(hint))
        if got:
            return Title(got[0], got[1], -1, compact(hint), got[2])
    return best


def _cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if all(ch in _CN_DIGIT for ch in s):  # a year written digit by digit: 二〇二五
        return int("".join(str(_CN_DIGIT[ch]) for ch in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGIT.get(tens, None) if tens else 1
        o = _CN_DIGIT.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    return None


def parse_date(text: str) -> str | None:
    """A line that is only a date (2025年1月26日, 二〇二五年一月二十六日, 2025-01-26) as ISO, else None."""
    import datetime as dt

    m = _DATE.match(compact(text))
    if not m:
        return None
    parts = [g for g in m.groups() if g is not None]
    y, mo, d = (_cn_int(p) for p in parts)
    if y is None or mo is None or d is None:
        return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _looks_like_signature(text: str) -> bool:
    s = compact(text)
    return 2 <= len(s) <= 40 and not re.search(r"[。，,；;：:！？]", s) and not _SUBHEAD.match(s)


def short_body_name(signature: str) -> str:
    """The shortest recognisable name: 哈密市伊州区天山乡人民政府 -> 天山乡人民政府 (see the module docstring)."""
    s = compact(signature)
    for organ in _ORGANS_WITH_PLACE:
        if s.endswith(organ) and len(s) > len(organ):
            place = s[: -len(organ)]
            ends = [i for i, ch in enumerate(place[:-1]) if ch in _DIVISION_END]
            for i in reversed(ends):
                if len(place) - i - 1 >= 2:
                    return place[i + 1:] + organ
            return s
    return s


@dataclass
class Ending:
    signature: str = ""
    date: str = ""
    keep: int = 0  # paragraphs of the last section before the 落款
    dropped: int = 0  # paragraphs after the date (a web page's footer)


def find_ending(paras: list[str]) -> Ending:
    """The 落款 and date at the end of the last section: a date-only line, the line above it the 落款."""
    for k in range(len(paras) - 1, -1, -1):
        text = paras[k]
        iso = parse_date(text)
        signature = ""
        keep = k
        if iso is None:
            m = re.match(r"^(.{2,40}?)[\s\u3000]+(\S+)$", text.strip())
            if m and _looks_like_signature(m.group(1)) and parse_date(m.group(2)):
                iso, signature = parse_date(m.group(2)), m.group(1).strip()
            else:
                continue
        elif k > 0 and _looks_like_signature(paras[k - 1]):
            signature, keep = tidy_spacing(paras[k - 1]), k - 1
        return Ending(signature, iso, keep, len(paras) - k - 1)
    # no date: a last line that is only a body's name is still the 落款
    if paras and _looks_like_signature(paras[-1]) and compact(paras[-1]).endswith(_ORGAN_ENDINGS):
        return Ending(tidy_spacing(paras[-1]), "", len(paras) - 1, 0)
    return Ending(keep=len(paras))


# --- texts ------------------------------------------------------------------------------------------

def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def _which_part(fmt: ReportFormat, phrase: str) -> str | None:
    s = compact(phrase)
    for part in fmt.section("overall").parts:
        if not part.heading:
            continue
        if part.label in s or (_subsequence(part.label, s) and len(s) <= 2 * len(part.label) + 10):
            return part.id
    return None


def split_overall(fmt: ReportFormat, paras: list[str]) -> tuple[dict[str, list[str]], list[str], dict[str, str]]:
    """总体情况's paragraphs into its parts by the words of （一）…（五） headings.

    Returns the parts, the parts whose heading was found, and the officer's own wording of each heading that
    differs from the format's (“（四）政府信息公开平台建设情况” for （四）平台建设), under the format's number:
    the app prints every part, so a report that skipped one keeps no gap in its numbering."""
    section = fmt.section("overall")
    parts: dict[str, list[str]] = {p.id: [] for p in section.parts}
    current = section.parts[0].id
    seen: list[str] = []
    printed: dict[str, str] = {}
    for p in paras:
        m = _SUBHEAD.match(p)
        if m is None and len(compact(p)) <= 16 and not re.search(r"[。，；]", p) and _which_part(fmt, p):
            m = re.match(r"\s*", p)  # a sub-heading numbered automatically by Word: only its words are in the text
        if m:
            rest = p[m.end():]
            cut = next((i for i, ch in enumerate(rest[:40]) if ch in _PHRASE_END), None)
            whole = True
            if cut is not None:
                phrase, body = rest[:cut], rest[cut + 1:].strip()
            elif len(rest) <= 30:
                phrase, body = rest, ""
            else:
                phrase, body, whole = rest[:20], p, False  # no end to the heading: keep the paragraph whole
            part = _which_part(fmt, phrase)
            if part is not None:
                current = part
                seen.append(part)
                if whole:
                    own = _own_heading(next(x.heading for x in section.parts if x.id == part), phrase)
                    if own:
                        printed[part] = own
                if body:
                    parts[part].append(body)
                continue
        parts[current].append(p)
    return parts, seen, printed


def _own_heading(heading: str, phrase: str) -> str | None:
    """The officer's heading under the format's number, or None when it says what the format's says."""
    number = _SUBHEAD.match(heading)
    words = tidy_spacing(phrase).strip().rstrip(_PHRASE_END + "。．. \u3000")
    if not words or number is None:
        return None
    own = heading[: number.end()] + words
    return None if norm_label(own) == norm_label(heading) else own
