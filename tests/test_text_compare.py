"""What the side-by-side view shades as last year's (app/text_compare.py; issue 23, item 15)."""

from __future__ import annotations

from app.text_compare import shared_spans

LAST = "2024年，我乡政务公开工作取得了一些成效，但还存在不足。下一步将加强培训。"


def test_an_unchanged_text_is_shared_whole():
    got = shared_spans(LAST, LAST, 13)
    assert got.spans == [(0, len(LAST))] and got.percent == 100


def test_a_changed_year_breaks_the_shading_and_a_new_sentence_is_not_shaded():
    this = LAST.replace("2024年", "2025年") + "今年新设了政务公开专区。"
    got = shared_spans(this, LAST, 13)
    shaded = "".join(this[a:b] for a, b in got.spans)
    assert "政务公开专区" not in shaded  # new
    assert this[:got.spans[0][0]].startswith("2025")  # the changed year is not last year's
    assert "但还存在不足。下一步将加强培训。" in shaded
    assert 0 < got.percent < 100


def test_spaces_and_line_breaks_do_not_count_and_are_shaded_inside_a_stretch():
    this = "2024年，我乡政务公开工作\n取得了一些成效，但还存在不足。"
    got = shared_spans(this, LAST, 13)
    assert got.spans == [(0, len(this))]
    assert got.total == len(this) - 1


def test_nothing_in_common_and_empty_texts():
    assert shared_spans("全新的文字，与上年没有任何相同之处。", LAST, 13).spans == []
    assert shared_spans("", LAST, 13).percent == 0
    assert shared_spans(LAST, "", 13).spans == []


def test_a_short_part_is_shared_only_when_it_is_there_whole():
    assert shared_spans("加强培训。", LAST, 13).spans == [(0, 5)]
    assert shared_spans("加强宣传。", LAST, 13).spans == []
