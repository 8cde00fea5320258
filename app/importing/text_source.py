"""Plain text as a source: text pasted from a web page, a .txt file, or the text layer of a PDF.

Lines become ``Para`` blocks; a line with tabs between cells (a table copied from a browser or Word)
becomes a table row. Text whose lines are wrapped at a page width (PDF, pdftotext) is detected so
that paragraphs can be rejoined; the helpers for that live here too, because only flattened text
needs them.
"""

from __future__ import annotations

import re
import unicodedata

from ..limits import readers as limits
from .blocks import MAX_TEXT_CHARS, Grid, Para, ReportImportError, SourceDoc, check_block_count

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-－—–―]\s*\d{1,3}\s*[-－—–―]|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60\u2018-\u201f\u2026\u2014\u00b7"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?=[{_CJK}])")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A paragraph that starts a new part: （一）… or 一、… (a wrapped line rarely starts with one).
_PART_START = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．])")
_SENTENCE_END = tuple("。；：！？）」』”")


def decode_text(data: bytes) -> str:
    """Bytes of a text file to str: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"))
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM has a zero in every other byte of ASCII text; anything else is binary.
        zeros_odd, zeros_even = head[1::2].count(0), head[0::2].count(0)
        if zeros_odd > len(head) // 4 and zeros_even == 0:
            return _checked(data.decode("utf-16-le", errors="replace"))
        if zeros_even > len(head) // 4 and zeros_odd == 0:
            return _checked(data.decode("utf-16-be", errors="replace"))
        raise ReportImportError("这是二进制文件，不是文字、网页、Word 或 PDF 格式的年报")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _checked(data.decode("gb18030", errors="replace"))


def _checked(text: str) -> str:
    """Refuse decoded text that is mostly control characters or replacement marks: a binary file."""
    sample = text[:20000]
    if sample:
        bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f"))
        if bad > max(8, len(sample) // 20):
            raise ReportImportError("这是二进制文件或编码无法识别的文件，不是文字格式的年报")
    return text


def check_size(text: str) -> None:
    if not text.strip():
        raise ReportImportError("内容是空的，没有可导入的文字")
    if len(text) > MAX_TEXT_CHARS:
        raise ReportImportError(f"内容过长（{len(text)} 个字符），不像是一份年报（通常只有两三万字）")


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def from_text(text: str, kind: str = "文字") -> SourceDoc:
    """Lines of text to blocks; page-number lines dropped; tab-separated lines grouped into table rows."""
    check_size(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    check_block_count(text.count("\n"))
    longest = max(map(len, text.split("\n")))
    if longest > limits.FIELD_CHARS:  # before the per-character passes below and the recognition
        raise ReportImportError(limits.refusal("一段的文字", longest, limits.FIELD_CHARS, "个字符"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # zero-width marks from web pages
    blocks: list = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line.strip() or is_page_number(line):
            continue
        if line.count("\t") >= 2:
            cells = [c.strip() for c in line.split("\t")]
            if blocks and isinstance(blocks[-1], Grid):
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Grid([cells]))
            continue
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" \u3000"))
        blocks.append(Para(expanded.strip(), indent))
    lines = [b.text for b in blocks if isinstance(b, Para)]
    return SourceDoc(blocks, kind, wrapped=is_wrapped(lines))


# --- wrapped lines ------------------------------------------------------------------------------

def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def tidy_spacing(text: str) -> str:
    """Remove the spaces a PDF (or pdftotext's justification) puts next to Chinese characters."""
    text = _SPACE_NEAR_CJK.sub("", text)
    return re.sub(r"[ \t\u00a0]{2,}", " ", text).strip()


def _line_width(line: str) -> int:
    return display_width(tidy_spacing(line))


def full_width_of(lines: list[str], min_lines: int = 5, min_share: float = 0.35) -> int | None:
    """The width of a full line: the most common width among long lines (text lines share it; table lines vary).

    To decide that pasted text is wrapped at all, ``min_lines`` long lines, and ``min_share`` of them,
    must have that width; a PDF always is wrapped, so less evidence is asked for there.
    """
    # Only prose-length lines count: table labels are short and would otherwise look like a page width.
    widths = [w for w in (_line_width(line) for line in lines) if w >= 36]
    if len(widths) < min_lines:
        return None
    best, best_count = None, 0
    for w in sorted(set(widths)):
        count = sum(1 for x in widths if w - 2 <= x <= w + 2)
        if count > best_count or (count == best_count and best is not None and w > best):
            best, best_count = w, count
    if best is None or best_count < max(min_lines, len(widths) * min_share):
        return None
    return max(x for x in widths if x <= best + 2)


def is_wrapped(lines: list[str]) -> bool:
    """Lines cut at a page width (most long lines equally long) rather than one line per paragraph."""
    return full_width_of(lines) is not None


def rejoin(lines: list[Para], width: int | None) -> list[str]:
    """Wrapped lines back into paragraphs (``width``: a full line's display width, from ``full_width_of``).

    A paragraph ends after a line clearly shorter than a full line, before a line indented deeper than
    the one before it (pdftotext keeps first-line indents), and before （一）/一、 following a sentence end.
    """
    paras: list[str] = []
    current = ""
    prev: Para | None = None
    for line in lines:
        text = tidy_spacing(line.text)
        if not text:
            continue
        if prev is not None and current:
            # A justified line (spaces spread across it) is full although its text is short: use its raw width
            # too. Half-width digits make widths inexact, so only a clearly short line ends a paragraph, and
            # one that does not end a sentence must be very short (a heading without a full stop).
            used = max(display_width(re.sub(r"\s+", " ", prev.text.strip())), _line_width(prev.text))
            ends = current.rstrip().endswith(_SENTENCE_END)
            # without a page width (too few long lines to tell one) every line is taken as a paragraph
            short = width is None or used < (width - 6 if ends else width * 0.6)
            indented = line.indent >= prev.indent + 2
            part_start = bool(_PART_START.match(text)) and ends
            if short or indented or part_start:
                paras.append(current)
                current = ""
        if current and current[-1].isascii() and current[-1].isalnum() and text[0].isascii() and text[0].isalpha():
            current += " "
        current += text
        prev = line
    if current:
        paras.append(current)
    return paras


# --- punctuation --------------------------------------------------------------------------------

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_MARK = re.compile(r" *([,;:?!]) *")
_PAREN = re.compile(r"\(([^()\n]*)\)")


def restore_fullwidth(text: str) -> str:
    """Half-width , ; : ? ! ( ) in Chinese text back to full width (web copies are often NFKC-flattened).

    A mark is changed only next to a Chinese character (so 1,234 and 10:30 stay), and a pair of
    parentheses only when it encloses Chinese.
    """
    if not _HAN.search(text):
        return text

    def mark(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        # a full-width mark carries its own spacing: the spaces around the half-width one go
        return _HALF_TO_FULL[m.group(1)] if _is_chinese(before) or _is_chinese(after) else m.group(0)

    result = _HALF_MARK.sub(mark, text)
    return _PAREN.sub(lambda m: f"（{m.group(1)}）" if _HAN.search(m.group(1)) else m.group(0), result)


def _is_chinese(ch: str) -> bool:
    return bool(ch) and (bool(_HAN.match(ch)) or ch in "“”‘’《》〔〕【】）（")
