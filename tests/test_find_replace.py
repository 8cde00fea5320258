"""Find and replace over a report's words (app/find_replace.py): what is searched, in which order, and the new texts."""

from __future__ import annotations

import pytest

from app.find_replace import Match, Place, find_all, find_next, place_name, places, replace_all, replace_one
from app.report import Report


@pytest.fixture
def report() -> Report:
    r = Report(year=2024)
    r.set_body_field("name", "示例县商务局")
    r.set_body_field("signature", "示例县商务局（2024年）")
    r.set_text("overall.intro", "2024年，本局认真贯彻条例。咨询电话0902-1234567。")
    r.set_text("problems.body", "2024年存在的问题：2024年度公开不够及时。")
    r.set_heading("overall.platform", "（四）2024年政府信息公开平台建设")
    return r


def test_every_match_in_reading_order_with_its_part_and_offset(report):
    found = [(m.place.kind, m.place.key, m.start) for m in find_all(report, "2024")]
    assert found == [("text", "overall.intro", 0), ("heading", "overall.platform", 3),
                     ("text", "problems.body", 0), ("text", "problems.body", 11), ("body", "signature", 7)]


def test_replace_all_gives_every_new_text_and_the_count(report):
    result = replace_all(report, "2024", "2025")
    assert result.count == 5
    assert dict(result.changes) == {
        Place("text", "overall.intro"): "2025年，本局认真贯彻条例。咨询电话0902-1234567。",
        Place("heading", "overall.platform"): "（四）2025年政府信息公开平台建设",
        Place("text", "problems.body"): "2025年存在的问题：2025年度公开不够及时。",
        Place("body", "signature"): "示例县商务局（2025年）",
    }
    assert report.text("overall.intro").startswith("2024")  # only computed: the UI applies it as one undo step


def test_a_phone_number_in_one_part_and_the_name_in_two_fields(report):
    assert [m.place.key for m in find_all(report, "0902-1234567")] == ["overall.intro"]
    assert replace_all(report, "示例县商务局", "示例县商务和工业信息化局").count == 2


def test_the_formats_own_headings_the_date_and_last_years_text_are_not_searched(report):
    report.set_body_field("date", "2025-01-20")
    assert Place("heading", "overall.active") not in places(report)  # the format's wording, not the officer's
    assert find_all(report, "主动公开") == []
    assert find_all(report, "2025-01") == []


def test_empty_needle_and_same_replacement_change_nothing(report):
    assert find_all(report, "") == []
    assert replace_all(report, "", "x").count == 0
    assert replace_all(report, "2024", "2024").changes == []


def test_matches_do_not_overlap_and_a_replacement_holding_the_needle_is_counted_once():
    r = Report()
    r.set_text("other.body", "aaaa")
    assert [m.start for m in find_all(r, "aa")] == [0, 2]
    assert replace_all(r, "aa", "aaa").changes == [(Place("text", "other.body"), "aaaaaa")]


def test_find_next_goes_on_from_a_position_and_wraps_round(report):
    first = find_next(report, "2024")
    assert (first.place.key, first.start) == ("overall.intro", 0)
    after_first = find_next(report, "2024", (first.order, first.start + 1))
    assert after_first.place == Place("heading", "overall.platform")
    last = find_all(report, "2024")[-1]
    assert find_next(report, "2024", (last.order, last.end)) == first
    assert find_next(report, "不存在的词") is None


def test_replace_one_refuses_a_match_edited_since_it_was_found(report):
    match = find_all(report, "2024")[2]
    assert replace_one(report, match, "2024", "2025") == "2025年存在的问题：2024年度公开不够及时。"
    report.set_text("problems.body", "存在的问题：2024年度公开不够及时。")
    assert replace_one(report, match, "2024", "2025") is None
    assert replace_one(report, Match(Place("body", "name"), 0, 0, 2), "示例", "") == "县商务局"


def test_places_are_named_as_the_officer_knows_them(report):
    assert place_name(report, Place("body", "name")) == "机关名称"
    assert place_name(report, Place("text", "problems.body")) == "五、存在的主要问题及改进情况"
    assert place_name(report, Place("heading", "overall.platform")).endswith("的小标题")
