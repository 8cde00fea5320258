"""Last year's short parts (S-9) and 六's 信息处理费 against 表二's 收费 (S-13), issue 23 item 4.

The officer starts 2025 from the 2024 file and replaces 2024年 by 2025年 everywhere: 六 then reads like new,
yet still states last year's fee. A short part that is last year's but for its years and a few characters, and
still states last year's figures, is flagged; one that states nothing happened (“0元”) may say so again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.checks import check_report
from app.find_replace import replace_all
from app.formatdef import CellRef
from app.report import LastYear, Report
from app.storage import load

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"
FEE = CellRef("active", "admin_fee", "amount_wanyuan")
OTHER_2024 = "2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。"


def s9(r: Report, key: str = "other.body") -> list[str]:
    return [f.message for f in check_report(r) if f.rule == "S-9" and f.text_key == key]


def s13(r: Report) -> list:
    return [f for f in check_report(r) if f.rule == "S-13"]


def short(last: str, this: str) -> Report:
    r = Report(year=2025)
    r.set_text("other.body", this)
    r.last_year = LastYear(2024, {}, {"other.body": last})
    return r


def test_huaian_2025_after_replacing_the_year_is_told_six_is_last_years():
    r = load(EXAMPLES / "huaian-2025.nianbao")
    for place, text in replace_all(r, "2024年", "2025年").changes:
        r.set_text(place.key, text)
    assert r.text("other.body").startswith("2025年，市政府")
    assert s9(r) == ["“六、其他需要报告的事项”除年份或个别字词外仍是2024年报告的原文，所写数字（3940）也与上年相同，"
                     "请按本年情况修改（内容雷同是通报问题之一）"]


@pytest.mark.parametrize("this", [
    OTHER_2024.replace("2024年", "2025年"),
    OTHER_2024.replace("2024年", "2025年").replace("全年收取", "全年共收取"),  # a word added, the fee kept
])
def test_a_short_part_with_last_years_figure_is_flagged(this):
    assert len(s9(short(OTHER_2024, this))) == 1


HONGZE_2023 = "2023年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。"


@pytest.mark.parametrize("last, this", [
    (OTHER_2024, OTHER_2024.replace("2024年", "2025年").replace("3940", "1200")),  # the fee updated
    (OTHER_2024, "2025年，市政府全年收取政府信息公开信息处理费3940元，均按件计收，已全部上缴国库。"),  # rewritten
    # nothing happened, said the same way again (洪泽区 published exactly this in 2023 and 2024)
    (HONGZE_2023, HONGZE_2023.replace("2023年", "2024年")),
])
def test_an_updated_rewritten_or_nothing_happened_part_is_not(last, this):
    assert s9(short(last, this)) == []


def fee_report(six: str, amount: str | None) -> Report:
    r = Report(year=2025)
    r.set_text("other.body", six)
    r.set_cell(FEE, amount)
    return r


def test_six_charging_more_than_table_two_holds_is_asked_about():
    (f,) = s13(fee_report("全年收取政府信息公开信息处理费3940元。", "0.2"))
    assert f.severity == "warning" and f.cells == (FEE,) and f.text_key == "other.body"
    assert f.message == ("“六、其他需要报告的事项”写“信息处理费3940元”（合0.394万元），多于表二“行政事业性收费”的本年"
                         "收费金额0.2万元；信息处理费属于行政事业性收费，第六部分一般按元、表二按万元填写，请核对两处")


def test_table_two_holding_sixs_yuan_as_wanyuan_is_offered_the_wanyuan():
    (f,) = s13(fee_report("全年收取信息处理费960元。", "960"))
    assert "如表二按元填写，应为0.096万元" in f.message
    assert f.fix.label == "表二收费金额改为0.096万元" and f.fix.cells == ((FEE, "0.096"),)


@pytest.mark.parametrize("six, amount", [
    ("全年收取政府信息公开信息处理费3940元。", "96171.6"),  # 淮安市 2024 as published: 表二 counts every fee
    ("全年收取信息处理费960元。", "0.096"),
    ("本年度未收取信息处理费。", "25.1"),  # other fees only
    ("全年收取信息处理费0元。", "0"),
    ("全年收取信息处理费3940元。", None),  # 表二 blank: CELL-BLANK asks first
    ("收取信息处理费共计0.5万元。", "0.5"),
])
def test_figures_that_can_both_be_right_are_left_alone(six, amount):
    assert s13(fee_report(six, amount)) == []
