"""Numbers as reports write them: 3119, 3,119, 43.67, and in Chinese characters (三件, 十二件, 两件, 一百零五件).

The mention patterns embed ``NUMBER`` (counts) or ``DECIMAL`` (shares, amounts) and read the match with
``read_number``.
"""

from __future__ import annotations

import re
from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
# A Chinese count starts with a digit or 十 (“十二”); “数十件” and “上百件” are no count, hence the look-behind.
_CHINESE = r"(?<![数几余多上近约])[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]{0,8}"
# 3119 or 3,119; at most 15 digits (no report counts more, and int() refuses thousands of digits)
_ARABIC = r"(?<![\d.])(?:\d{1,3}(?:[,，]\d{3}){1,4}|\d{1,15})(?![\d.])"
NUMBER = rf"(?:{_ARABIC}|{_CHINESE})"
DECIMAL = r"(?<![\d.])\d{1,15}(?:\.\d{1,6})?(?![\d.])"


def chinese_to_int(s: str) -> int | None:
    """一百零五 → 105, 十二 → 12, 两千 → 2000; None when the characters are not one well-formed number."""
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # “二三” is no number
            digit = _DIGITS[ch] or None
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            total = (total + section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def read_number(s: str) -> int | None:
    """The value of a ``NUMBER`` match."""
    if s[0].isdigit():
        return int(re.sub(r"[,，]", "", s))
    return chinese_to_int(s)


def read_decimal(s: str) -> Decimal:
    return Decimal(s)


def decimals_of(s: str) -> int:
    """How many decimals a written figure has: 43.7 → 1."""
    return len(s.partition(".")[2])
