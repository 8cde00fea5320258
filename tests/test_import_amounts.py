"""Importing 表二（八）行政事业性收费 as published: 万元 to the 分, with or without a unit, or wrongly in 元."""

from __future__ import annotations

import pytest

from app.checks import check_report
from app.formatdef import CellRef
from app.importing import import_text

from .importing_support import FIXTURES

SEED = FIXTURES / "seed-tianshan-2024.txt"
FEE = CellRef("active", "admin_fee", "amount_wanyuan")


def _published_with_fee(printed: str) -> str:
    """The seed report (天山乡, copied from its web page) with another figure in the fee cell."""
    text = SEED.read_text(encoding="utf-8")
    assert "行政事业性收费 |\n0 |" in text
    return text.replace("行政事业性收费 |\n0 |", f"行政事业性收费 |\n{printed} |")


@pytest.mark.parametrize("printed, kept", [
    ("4166.241619", "4166.241619"),  # six decimals: a published figure to the 分
    ("4166.241619万元", "4166.241619"),
])
def test_a_published_amount_is_read_as_printed_without_a_finding(printed, kept):
    result = import_text(_published_with_fee(printed))
    report = result.report
    assert report.cells[FEE].error is None
    assert report.cell_text(FEE) == kept
    assert str(report.value(FEE)) == kept
    assert not [f for f in check_report(report) if FEE in f.cells]
    assert not [line for line in result.log if "行政事业性收费" in line and "未能读取" in line]


def test_an_amount_printed_in_yuan_is_kept_and_its_fix_offers_wanyuan():
    report = import_text(_published_with_fee("41662416.19元")).report
    assert report.cell_text(FEE) == "41662416.19元" and report.value(FEE) is None
    (f,) = [f for f in check_report(report) if FEE in f.cells]
    assert f.rule == "CELL-INVALID" and f.fix.label == "改为4166.241619万元"
