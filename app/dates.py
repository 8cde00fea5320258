"""Reading a 成文日期 as officers type it (2026-1-20, 2026年1月20日, 2026.1.20 …) and writing it back.

The project file keeps ISO yyyy-mm-dd (``Body.date``); these functions sit between that and the text
box, so the desktop app and any other caller read dates the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# year, month, day separated by - . / 年 月 (spaces allowed around them), an optional 日/号 at the end
_YMD = re.compile(r"([0-9]{4})\s*[-./年]\s*([0-9]{1,2})\s*[-./月]\s*([0-9]{1,2})\s*[日号]?")
_MD = re.compile(r"([0-9]{1,2})\s*[-./月]\s*([0-9]{1,2})\s*[日号]?")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
EXAMPLES = "2026年1月20日、2026-1-20 或 2026.1.20"


class DateError(ValueError):
    """The text is not a date; the message says so in the officer's words."""


def parse_date(text: str, default_year: int | None = None) -> dt.date | None:
    """The date the officer typed, or None for an empty box.

    Full-width digits and punctuation (输入法全角) are read as half-width. Without a year ("1月20日")
    ``default_year`` is used when given. Anything else raises DateError with a Chinese message.
    """
    s = unicodedata.normalize("NFKC", text or "").strip()
    if not s:
        return None
    if m := _YMD.fullmatch(s) or _COMPACT.fullmatch(s):
        year, month, day = (int(g) for g in m.groups())
    elif default_year is not None and (m := _MD.fullmatch(s)):
        year, (month, day) = default_year, (int(g) for g in m.groups())
    else:
        raise DateError(f"“{text.strip()}”不是日期，请按{EXAMPLES}的样式填写")
    if not 1 <= month <= 12:
        raise DateError(f"“{text.strip()}”中的月份{month}不存在（应为1至12）")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{year}年{month}月没有{day}日") from None


def format_date(date: dt.date) -> str:
    """The date as printed in the 成文日期 line (GB/T 9704 7.3.5.4: Arabic numerals, no leading zeros)."""
    return f"{date.year}年{date.month}月{date.day}日"
