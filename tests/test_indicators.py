"""The analysts' indicators: the figures of 淮安市's 2025 analysis recomputed from its numbers, the real 洪泽区 and
淮安市 reports, and None wherever a base is 0 or a year's table is unknown."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from app.carryover import new_from_last_year
from app.formatdef import CellRef
from app.importing import import_file
from app.indicators import Indicator, change_text, format_value, indicators
from app.report import LastYear, Report

from .test_checks import clean_report
from .test_import_realworld import REALWORLD

NAMES = ["新收申请", "实质公开率", "无法提供占比", "本机关不掌握占无法提供比", "复议纠错率", "诉讼纠错率", "结转占比"]


def A(row: str, col: str = "natural") -> CellRef:  # noqa: N802
    return CellRef("applications", row, col)


def T4(row: str, col: str) -> CellRef:  # noqa: N802
    return CellRef("review_litigation", row, col)


def shown(report: Report) -> dict[str, tuple[str, str, str]]:
    """What the panel prints per indicator: this year, last year, the change."""
    return {i.name: (format_value(i.this, i.unit), format_value(i.last, i.unit), change_text(i))
            for i in indicators(report)}


def filled(numbers: dict[CellRef, int], year: int = 2025) -> Report:
    r = Report(year=year)
    for ref, n in numbers.items():
        r.set_cell(ref, str(n))
    return r


def test_the_figures_of_the_huaian_analysis():
    # KIROGOVCOMPARE docs/huaian-2025-ai-report-final.md: 3,259 vs 3,119 (+4.5%); 887 of 925 无法提供 = 95.9%;
    # 复议 60 纠正 of 264 = 22.7%; 诉讼 3 of 58 = 5.2%
    this = filled({A("new_received"): 3259, A("na_not_held"): 887, A("na_need_make"): 30, A("na_unclear"): 8,
                   T4("review", "maintained"): 204, T4("review", "corrected"): 60,
                   T4("lit_direct", "corrected"): 2, T4("lit_direct", "maintained"): 38,
                   T4("lit_after", "corrected"): 1, T4("lit_after", "maintained"): 17})
    this.last_year = LastYear(2024, filled({A("new_received"): 3119}, 2024).cells)
    got = shown(this)
    assert list(got) == NAMES
    assert got["新收申请"] == ("3259件", "3119件", "+140件（+4.5%）")
    assert got["本机关不掌握占无法提供比"][0] == "95.9%"
    assert got["复议纠错率"][0] == "22.7%"
    assert got["诉讼纠错率"][0] == "5.2%"
    assert got["复议纠错率"][1:] == ("—", "")  # last year's 表四 was not given: unknown, not 0 %


def test_shares_of_the_clean_report_with_their_formulas():
    r = clean_report()  # 新收 6, 上年结转 1; 公开 4, 部分公开 1, 不掌握 1 of （七）总计 6; 结转 1; 复议 1 维持
    got = {i.name: i for i in indicators(r)}
    assert got["实质公开率"] == Indicator("实质公开率", Decimal("83.3"), None, "%",
                                       "表三（（一）予以公开＋（二）部分公开）÷（七）总计")
    assert shown(r)["无法提供占比"] == ("16.7%", "—", "")
    assert shown(r)["本机关不掌握占无法提供比"] == ("100.0%", "—", "")
    assert shown(r)["复议纠错率"] == ("0.0%", "—", "")
    assert shown(r)["诉讼纠错率"][0] == "—"  # no 诉讼 at all: the base is 0
    assert shown(r)["结转占比"][0] == "14.3%"  # 1 of 6 + 1
    assert all(i.formula_text for i in indicators(r))


def test_change_in_points_for_a_share_and_flat_when_equal():
    last = filled({A("granted"): 1, A("na_not_held"): 1, A("new_received"): 2}, 2024)
    this = filled({A("granted"): 3, A("na_not_held"): 1, A("new_received"): 4})
    this.last_year = LastYear(2024, last.cells)
    got = shown(this)
    assert got["实质公开率"] == ("75.0%", "50.0%", "+25.0个百分点")
    assert got["无法提供占比"] == ("25.0%", "50.0%", "−25.0个百分点")
    assert got["本机关不掌握占无法提供比"] == ("100.0%", "100.0%", "持平")
    assert got["新收申请"] == ("4件", "2件", "+2件（+100.0%）")


def test_nothing_is_computed_from_an_empty_or_unreadable_table():
    r = Report(year=2025)
    assert all(i.this is None and i.last is None for i in indicators(r))
    r.set_cell(A("granted"), "abc")
    r.set_cell(A("partial"), "2")
    got = shown(r)
    assert got["实质公开率"] == ("—", "—", "")
    assert got["无法提供占比"] == ("—", "—", "")


real = pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")


def _real(stem: str) -> Report:
    return import_file(REALWORLD / f"{stem}.txt").report


@real
def test_huaian_2024():
    assert shown(_real("08_huaian_2024")) == {
        "新收申请": ("3119件", "—", ""), "实质公开率": ("59.5%", "—", ""), "无法提供占比": ("25.6%", "—", ""),
        "本机关不掌握占无法提供比": ("98.5%", "—", ""), "复议纠错率": ("18.2%", "—", ""),
        "诉讼纠错率": ("10.9%", "—", ""), "结转占比": ("3.3%", "—", "")}


@real
def test_hongze_2024_beside_2023():
    this = _real("07_hongze_2024")
    r = new_from_last_year(_real("06_hongze_2023"))
    r.cells, r.texts, r.body, r.year = dict(this.cells), dict(this.texts), dataclasses.replace(this.body), this.year
    got = shown(r)
    assert got["新收申请"] == ("95件", "21件", "+74件（+352.4%）")
    assert got["实质公开率"] == ("62.1%", "19.0%", "+43.1个百分点")
    # 2023's published 表四 has 0 under 总计 (an error of that report): no 纠错率 for it
    assert got["复议纠错率"] == ("50.0%", "—", "")
    assert got["结转占比"] == ("0.0%", "0.0%", "持平")
