"""成文日期 as officers type it: every usual way of writing a date reads, anything else gets a Chinese reason."""

from __future__ import annotations

import datetime as dt

import pytest

from app.dates import DateError, format_date, parse_date

JAN_20 = dt.date(2026, 1, 20)


@pytest.mark.parametrize("text", [
    "2026-1-20", "2026-01-20", "2026年1月20日", "2026.1.20", "2026/1/20", "20260120", " 2026 年 1 月 20 日 ",
    "２０２６年１月２０日", "2026年01月20日", "2026年1月20号", "2026.01.20",
])
def test_every_usual_spelling_reads(text):
    assert parse_date(text) == JAN_20


def test_empty_box_means_no_date():
    assert parse_date("") is None and parse_date("   ") is None


def test_without_a_year_the_given_year_is_used():
    assert parse_date("1月20日", default_year=2026) == JAN_20
    assert parse_date("1-20", default_year=2026) == JAN_20
    with pytest.raises(DateError, match="不是日期"):
        parse_date("1月20日")


@pytest.mark.parametrize("text, message", [
    ("未填写2026-01-20", "“未填写2026-01-20”不是日期，请按2026年1月20日、2026-1-20 或 2026.1.20的样式填写"),
    ("下周一", "“下周一”不是日期"),
    ("2026-13-01", "月份13不存在"),
    ("2026年2月30日", "2026年2月没有30日"),
    ("2025-02-29", "2025年2月没有29日"),
])
def test_what_is_not_a_date_gets_a_reason(text, message):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert message in str(caught.value)


def test_printed_form_has_no_leading_zeros():
    assert format_date(dt.date(2026, 1, 5)) == "2026年1月5日"
    assert parse_date(format_date(JAN_20)) == JAN_20
