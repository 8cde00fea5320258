"""Parsing what the officer types into a number cell.

Forgiving but never guessing: full-width digits, thousands separators and surrounding spaces are
normalised, and an amount may carry its own unit (万元 / 万); anything else is an error whose text is kept
so nothing typed is lost. An amount typed in 元 is such an error too, never divided behind the officer's
back: ``wanyuan_from_yuan`` says what it would be in 万元, and the check engine offers that as a fix.
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
# Significant digits: more than any count or 万元 amount in a report (a province's 万元 to the 分 has 12). Judged
# on the text before any conversion, so int() and Decimal() never see thousands of digits (Python refuses to
# convert more than 4,300 into an int, leading zeros included).
MAX_SIGNIFICANT_DIGITS = 15
TOO_LONG = f"数字过大：有效数字超过{MAX_SIGNIFICANT_DIGITS}位，不是年报中的数"
# Published reports give 万元 to the 分 (4166.241619 万元): six decimals. The format file says so per column.
DEFAULT_DECIMALS = 6
_OWN_UNITS = ("万元", "万")  # an amount cell's own unit: typing it changes nothing
_YUAN = "元"


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


def parse_cell(text: str | None, kind: str = "count", decimals: int = DEFAULT_DECIMALS) -> Parsed:
    """Read a cell as typed. ``kind`` is "count" (a whole number of items) or "amount" (万元)."""
    raw = "" if text is None else str(text)
    s = normalise(raw)
    if not s:
        return Parsed(raw)
    if s in _DASHES or s in ("无", "空"):
        return Parsed(raw, error="不是数字；没有发生请填0")
    if kind == "amount":
        s, unit = _split_unit(s)
        if not s:
            return Parsed(raw, error=f"只有单位“{unit}”，没有数字")
        if unit == _YUAN:
            return Parsed(raw, error=_yuan_reason(s, decimals))
    value, error = _read(s, kind)
    if error is None and kind == "amount" and _decimal_places(value) > decimals:
        error = f"金额单位为万元，最多保留{decimals}位小数"
    if error is not None:
        return Parsed(raw, error=error)
    return Parsed(raw, value)


def wanyuan_from_yuan(text: str | None, decimals: int = DEFAULT_DECIMALS) -> Decimal | None:
    """The 万元 an amount typed in 元 stands for ("251,000元" -> 25.1), or None when it is not one.

    None too when the 元 figure has more precision than the column can hold (below the 分), so a fix
    is never offered that the cell would refuse.
    """
    s = normalise("" if text is None else str(text))
    s, unit = _split_unit(s)
    if unit != _YUAN or not s:
        return None
    value, error = _read(s, "amount")
    return None if value is None else yuan_to_wanyuan(value, decimals)


def yuan_to_wanyuan(yuan: Number, decimals: int = DEFAULT_DECIMALS) -> Decimal | None:
    """An amount of 元 in 万元, or None when that needs more than ``decimals`` places."""
    # 251000元 is 25.1万元, not 25.1000; and 1000000元 is 100, not 1E+2.
    wanyuan = Decimal(format(Decimal(yuan).scaleb(-4).normalize(), "f"))
    return None if _decimal_places(wanyuan) > decimals else wanyuan


def _split_unit(s: str) -> tuple[str, str]:
    """The number and the unit an amount was typed with ("" when none); "万元" is looked for before "元"."""
    for unit in (*_OWN_UNITS, _YUAN):
        if s.endswith(unit):
            return s[: -len(unit)].rstrip(), unit
    return s, ""


def _yuan_reason(number: str, decimals: int) -> str:
    """Why an amount in 元 is refused, with the 万元 figure to type when there is one."""
    _, error = _read(number, "amount")
    if error is not None:
        return error
    wanyuan = wanyuan_from_yuan(number + _YUAN, decimals)
    if wanyuan is None:
        return f"本栏单位为万元，请换算为万元（最多{decimals}位小数）后填写"
    return f"本栏单位为万元，{number}{_YUAN}应填{format_number(wanyuan)}"


def _decimal_places(value: Number | None) -> int:
    if not isinstance(value, Decimal):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _read(s: str, kind: str) -> tuple[Number | None, str | None]:
    """A normalised number without unit: its value, or why it is not one (decimal places not judged here)."""
    negative = s[0] in "-－—–"
    if negative:
        s = s[1:]
    bad = next((ch for ch in s if ch not in "0123456789.," and not ch.isspace()), None)
    if bad is not None:
        if bad in "元万件个条次":
            return None, f"请只填数字，不要带单位“{bad}”"
        if bad in "零〇一二两三四五六七八九十百千":
            return None, "请用阿拉伯数字填写（如“12”）"
        return None, f"含有非数字字符“{bad}”"
    if any(ch.isspace() for ch in s):
        return None, "数字中间不能有空格"
    if _GROUPED.match(s):
        s = s.replace(",", "")
    elif "," in s:
        return None, "千位分隔符的位置不对"
    if not _PLAIN.match(s):
        return None, "小数点的位置不对"
    if negative:
        return None, "不能为负数"
    whole, dot, frac = s.partition(".")
    whole = whole.lstrip("0") or "0"  # "0005" is the number 5
    # zeros before the first digit and after the last decimal are not significant ("5.000" is five)
    if len(whole.lstrip("0")) + len(frac.rstrip("0")) > MAX_SIGNIFICANT_DIGITS:
        return None, TOO_LONG
    if kind == "count":
        if frac.strip("0"):
            return None, "件数必须是整数"
        return int(whole), None
    s = whole + dot + frac  # the decimals as typed: the column's places are judged by the caller
    try:
        return Decimal(s), None
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        return None, "不是有效的数字"


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
