"""Deadlines (app/deadline.py): which 第四十九条 date applies to which body, and the days counted to it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.deadline import deadline_status, is_township, legal_deadline

TODAY = dt.date(2025, 12, 3)


@pytest.mark.parametrize("kind,name,due", [
    ("department", "示例县商务局", dt.date(2025, 1, 31)),  # 第一款, whatever its scope
    ("department", "示例市人民政府办公室", dt.date(2025, 1, 31)),  # the office reporting on itself
    ("government", "示例市人民政府", dt.date(2025, 3, 31)),  # 第二款: 本级政府's report
    ("government", "天山乡人民政府", None),
    ("government", "示例街道办事处", None),
    ("government", "示例镇政府", None),
])
def test_the_date_follows_the_kind_of_body(kind, name, due):
    assert legal_deadline(2024, kind, name).due == due


def test_a_township_has_no_legal_date_and_is_told_to_ask_locally():
    status = deadline_status(2024, "government", "天山乡人民政府", today=TODAY)
    assert status.text == "乡镇人民政府、街道办事处的发布期限法律未作规定，以本地主管部门要求为准"
    assert status.state == "none" and status.due is None
    assert "第四十九条" in status.legal.basis
    assert is_township("某某苏木人民政府") and not is_township("镇江市人民政府")


def test_days_are_counted_to_january_31_of_the_next_year():
    status = deadline_status(2025, "department", "示例县商务局", today=TODAY)
    assert status.text == "距法定发布期限（2026年1月31日）还有59天"
    assert (status.state, status.days) == ("ok", 59)


def test_the_last_two_weeks_the_day_itself_and_after():
    assert deadline_status(2025, "department", today=dt.date(2026, 1, 20)).state == "soon"
    assert deadline_status(2025, "department", today=dt.date(2026, 1, 31)).text == "今天是法定发布期限（2026年1月31日）"
    past = deadline_status(2025, "department", today=dt.date(2026, 2, 3))
    assert past.text == "已超过法定发布期限（2026年1月31日）3天" and past.state == "overdue"


def test_a_government_summary_counts_to_march_31():
    status = deadline_status(2025, "government", "示例市人民政府", today=dt.date(2026, 3, 1))
    assert status.text == "距法定发布期限（2026年3月31日）还有30天"


def test_an_earlier_local_deadline_is_counted_and_the_legal_one_named():
    status = deadline_status(2025, "department", "示例县商务局", local=dt.date(2026, 1, 26), today=TODAY)
    assert status.text == "距本地要求期限（2026年1月26日）还有54天（法定期限2026年1月31日）"
    past = deadline_status(2025, "department", local=dt.date(2026, 1, 26), today=dt.date(2026, 1, 28))
    assert past.text == "已超过本地要求期限（2026年1月26日）2天，距法定期限还有3天" and past.state == "overdue"


def test_a_local_deadline_after_the_legal_one_does_not_move_it():
    status = deadline_status(2025, "department", local=dt.date(2026, 2, 10), today=TODAY)
    assert status.due == dt.date(2026, 1, 31)
    assert status.text.endswith("（本地要求2026年2月10日，晚于法定期限）")


def test_a_township_with_a_local_deadline_counts_to_it():
    status = deadline_status(2025, "government", "天山乡人民政府", local=dt.date(2026, 2, 20), today=TODAY)
    assert status.text == "距本地要求期限（2026年2月20日）还有79天" and status.state == "ok"


def test_no_year_no_count():
    assert deadline_status(None, "department", today=TODAY).text == "填写报告年度后显示发布期限"


def test_once_past_a_dated_report_is_judged_by_its_date_not_by_the_days_since():
    on_time = deadline_status(2024, "government", "淮安市人民政府", today=dt.date(2026, 12, 3),
                              dated=dt.date(2025, 2, 25))
    assert on_time.text == "成文日期2025年2月25日，在法定发布期限（2025年3月31日）之前" and on_time.state == "ok"
    late = deadline_status(2024, "department", "淮安市商务局", today=dt.date(2026, 12, 3), dated=dt.date(2025, 2, 25))
    assert late.text == "成文日期2025年2月25日，晚于法定发布期限（2025年1月31日）" and late.state == "overdue"
    counting = deadline_status(2024, "department", "淮安市商务局", today=dt.date(2025, 1, 10),
                               dated=dt.date(2025, 1, 20))
    assert counting.text.startswith("距法定发布期限（2025年1月31日）还有21天")  # not past: the days left
