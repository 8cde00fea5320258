"""Parsing what the officer types into a number cell.

Forgiving but never guessing: full-width digits, thousands separators and surrounding spaces are
normalised; anything else is an error whose text is kept so nothing typed is lost.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

Number = int | Decimal

# ASCII only: after NFKC every digit the officer can type is 0-9; other scripts' digits are not guessed at.
_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
_PLAIN = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_DASHES = "/－—–-―─ー"
_MAX_DIGITS = 15  # more than any count or 万元 amount in a report; also keeps int() clear of Python's digit limit


class Parsed(NamedTuple):
    """The outcome of reading one cell: a number, a blank, or an error with the officer's text kept."""

    text: str
    value: Number | None = None
    error: str | None = None

    @property
    def blank(self) -> bool:
        return self.value is None and self.error is None

    @property
    def ok(self) -> bool:
        return self.value is not None


def normalise(text: str) -> str:
    """Full-width forms to half-width, surrounding spaces and invisible format characters removed."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("，", ",").replace("。", ".").replace("．", ".")
    # Zero-width spaces and BOMs come with text pasted from web pages; they are invisible, so drop them.
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Cf")
    return s.strip()


def parse_cell(text: str | None, kind: str = "count", decimals: int = 4) -> Parsed:
    """Read a cell as typed. ``kind`` is "count" (a whole number of items) or "amount" (万元)."""
    raw = "" if text is None else str(text)
    s = normalise(raw)
    if not s:
        return Parsed(raw)
    if s in _DASHES or s in ("无", "空"):
        return Parsed(raw, error="不是数字；没有发生请填0")
    negative = s[0] in "-－—–"
    if negative:
        s = s[1:]
    bad = next((ch for ch in s if ch not in "0123456789.," and not ch.isspace()), None)
    if bad is not None:
        if bad in "元万件个条次":
            return Parsed(raw, error=f"请只填数字，不要带单位“{bad}”")
        if bad in "零〇一二两三四五六七八九十百千":
            return Parsed(raw, error="请用阿拉伯数字填写（如“12”）")
        return Parsed(raw, error=f"含有非数字字符“{bad}”")
    if any(ch.isspace() for ch in s):
        return Parsed(raw, error="数字中间不能有空格")
    if _GROUPED.match(s):
        s = s.replace(",", "")
    elif "," in s:
        return Parsed(raw, error="千位分隔符的位置不对")
    if not _PLAIN.match(s):
        return Parsed(raw, error="小数点的位置不对")
    if negative:
        return Parsed(raw, error="不能为负数")
    if len(s.partition(".")[0].lstrip("0")) > _MAX_DIGITS:
        return Parsed(raw, error="数字过大")
    if kind == "count":
        if "." in s:
            whole, _, frac = s.partition(".")
            if frac.strip("0"):
                return Parsed(raw, error="件数必须是整数")
            s = whole
        return Parsed(raw, int(s))
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        return Parsed(raw, error="不是有效的数字")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        return Parsed(raw, error=f"金额最多保留{decimals}位小数")
    return Parsed(raw, value)


def format_number(value: Number | None) -> str:
    """A number as the report prints it: integers plain, decimals as entered (no exponent)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def canonical_text(parsed: Parsed) -> str:
    """What a valid cell is stored as: the number in plain digits; an invalid cell keeps its text."""
    if parsed.ok:
        return format_number(parsed.value)
    return parsed.text
