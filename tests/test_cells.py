"""Cell input: what the officer types into a number cell, and what the report then shows."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import storage
from app.cells import parse_cell, wanyuan_from_yuan
from app.export.word import build_document
from app.formatdef import CellRef
from app.report import Report

NATURAL = CellRef("applications", "new_received", "natural")
FEE = CellRef("active", "admin_fee", "amount_wanyuan")


@pytest.mark.parametrize("typed, value", [
    ("12", 12),
    ("１２", 12),  # full-width digits from a Chinese input method
    ("1,234", 1234),
    ("1，234", 1234),  # full-width comma
    ("1,234,567", 1234567),
    ("  7 ", 7),
    ("\u30007\u3000", 7),  # ideographic space around the number
    ("\t9\n", 9),
    ("\u00a03", 3),  # no-break space pasted from a web page
    ("\u200b15", 15),  # zero-width space pasted from a web page
    ("0", 0),
    ("007", 7),
    ("3.0", 3),  # Excel pastes whole numbers this way
])
def test_counts_are_accepted_and_normalised(typed, value):
    parsed = parse_cell(typed, "count")
    assert parsed.error is None
    assert parsed.value == value
    assert isinstance(parsed.value, int)


@pytest.mark.parametrize("typed, reason", [
    ("abc", "含有非数字字符“a”"),
    ("12a", "含有非数字字符“a”"),
    ("12件", "请只填数字，不要带单位“件”"),
    ("5万元", "请只填数字，不要带单位“万”"),
    ("-3", "不能为负数"),
    ("－3", "不能为负数"),  # full-width minus
    ("1.5", "件数必须是整数"),
    ("/", "不是数字；没有发生请填0"),
    ("—", "不是数字；没有发生请填0"),
    ("无", "不是数字；没有发生请填0"),
    ("12,34", "千位分隔符的位置不对"),
    ("1 2", "数字中间不能有空格"),
    ("5.", "小数点的位置不对"),
    (".5", "小数点的位置不对"),
    ("1.2.3", "小数点的位置不对"),
    ("٣", "含有非数字字符“٣”"),  # Arabic-Indic digit: not guessed at
    ("十二", "请用阿拉伯数字填写（如“12”）"),
    ("零", "请用阿拉伯数字填写（如“12”）"),
    ("1" * 40, "数字过大：有效数字超过15位，不是年报中的数"),
    ("1" * 16, "数字过大：有效数字超过15位，不是年报中的数"),
])
def test_bad_counts_get_a_clear_error_and_keep_the_text(typed, reason):
    parsed = parse_cell(typed, "count")
    assert parsed.value is None
    assert parsed.error == reason
    assert parsed.text == typed


def test_blank_is_blank_not_zero():
    for typed in ("", "   ", "\u3000", None):
        parsed = parse_cell(typed, "count")
        assert parsed.blank
        assert parsed.value is None and parsed.error is None


@pytest.mark.parametrize("typed, shown", [
    ("7730.28", "7730.28"),
    ("4166.241619", "4166.241619"),  # published to the 分: six decimals of 万元
    ("1.50", "1.50"),  # printed as typed: the trailing zero stays
    ("12.500000", "12.500000"),
    ("0.000001", "0.000001"),
    ("3", "3"),
    ("1,234.5", "1234.5"),
    ("１２．５", "12.5"),
    ("25.1万元", "25.1"),  # the column's own unit is understood and dropped
    ("25.1万", "25.1"),
    ("２５．１万元", "25.1"),  # full-width, as a Chinese input method types it
    ("12.50 万元", "12.50"),
    ("1,234.5万元", "1234.5"),
])
def test_amounts_keep_up_to_six_decimals_as_typed(typed, shown):
    report = Report(year=2024)
    report.set_cell(FEE, typed)
    assert report.cells[FEE].error is None
    assert report.cell_text(FEE) == shown
    assert report.value(FEE) == Decimal(shown)


def test_amount_with_seven_decimals_is_refused_and_kept():
    report = Report(year=2024)
    report.set_cell(FEE, "4166.2416191")
    assert report.cells[FEE].error == "金额单位为万元，最多保留6位小数"
    assert report.cell_text(FEE) == "4166.2416191"
    assert report.value(FEE) is None


@pytest.mark.parametrize("typed, reason, wanyuan", [
    ("251000元", "本栏单位为万元，251000元应填25.1", "25.1"),
    ("251,000元", "本栏单位为万元，251,000元应填25.1", "25.1"),
    ("２５１，０００元", "本栏单位为万元，251,000元应填25.1", "25.1"),
    ("41662416.19元", "本栏单位为万元，41662416.19元应填4166.241619", "4166.241619"),
    ("1000000元", "本栏单位为万元，1000000元应填100", "100"),
    ("1.234元", "本栏单位为万元，请换算为万元（最多6位小数）后填写", None),  # below the 分: nothing to offer
    ("-5元", "不能为负数", None),
    ("元", "只有单位“元”，没有数字", None),
])
def test_amount_in_yuan_is_never_converted_silently(typed, reason, wanyuan):
    report = Report(year=2024)
    report.set_cell(FEE, typed)
    assert report.value(FEE) is None
    assert report.cells[FEE].error == reason
    assert report.cell_text(FEE) == typed
    assert wanyuan_from_yuan(report.cell_text(FEE)) == (None if wanyuan is None else Decimal(wanyuan))


def test_yuan_in_a_count_cell_stays_an_error():
    report = Report(year=2024)
    report.set_cell(NATURAL, "251000元")
    assert report.cells[NATURAL].error == "请只填数字，不要带单位“元”"
    assert wanyuan_from_yuan("25.1万元") is None and wanyuan_from_yuan("25.1") is None


def test_report_keeps_the_typed_text_of_an_invalid_cell():
    report = Report(year=2024)
    report.set_cell(NATURAL, "十二")
    assert report.cell_text(NATURAL) == "十二"
    assert report.value(NATURAL) is None
    assert report.cells[NATURAL].error == "请用阿拉伯数字填写（如“12”）"


def test_report_shows_a_normalised_number():
    report = Report(year=2024)
    report.set_cell(NATURAL, " １，２３４ ")
    assert report.cell_text(NATURAL) == "1234"
    assert report.value(NATURAL) == 1234


def test_clearing_a_cell_makes_it_blank_and_returns_the_old_text():
    report = Report(year=2024)
    assert report.set_cell(NATURAL, "5") == ""
    assert report.set_cell(NATURAL, "") == "5"
    assert NATURAL not in report.cells
    assert report.cell_text(NATURAL) == ""


def test_a_cell_the_format_does_not_have_is_refused():
    report = Report(year=2024)
    with pytest.raises(KeyError):
        report.set_cell(CellRef("active", "license", "issued"), "1")


@given(st.text())
def test_parsing_never_raises_and_never_loses_the_text(text):
    for kind in ("count", "amount"):
        parsed = parse_cell(text, kind)
        assert parsed.text == text
        assert parsed.blank or parsed.ok or parsed.error
        if parsed.ok:
            assert parsed.value >= 0


@given(st.integers(min_value=0, max_value=10**12))
def test_every_whole_number_reads_back_in_any_spelling(n):
    plain = str(n)
    grouped = f"{n:,}"
    fullwidth = plain.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for typed in (plain, grouped, grouped.replace(",", "，"), fullwidth, f"\u3000{plain} "):
        assert parse_cell(typed, "count").value == n


def _exported_fee(report: Report) -> str:
    """The 行政事业性收费 cell of the exported .docx, found by the official grid position."""
    doc, _ = build_document(report)
    buf = io.BytesIO()
    doc.save(buf)
    table = report.fmt.tables["active"]
    g = next(g for g in table.grid if g.ref == FEE)
    return docx.Document(io.BytesIO(buf.getvalue())).tables[0].cell(g.r, g.c).text


@pytest.mark.parametrize("typed, printed", [
    ("4166.241619", "4166.241619"), ("12.50", "12.50"), ("25.1万元", "25.1"), ("２５．１万元", "25.1")])
def test_an_amount_goes_through_the_project_file_into_word_as_typed(typed, printed, tmp_path):
    report = Report(year=2024)
    report.set_cell(FEE, typed)
    path = tmp_path / "用户" / "年报 2024.nianbao"
    path.parent.mkdir()
    storage.save(report, path)
    assert f'"amount_wanyuan": "{printed}"' in path.read_text(encoding="utf-8")
    loaded = storage.load(path)
    assert loaded.cell_text(FEE) == printed and loaded.cells[FEE].error is None
    assert _exported_fee(loaded) == printed


@pytest.mark.parametrize("kind", ["count", "amount"])
@pytest.mark.parametrize("typed", ["1" * 4301, "1" * 10_000 + ".5", "1" + ",000" * 2000, "0." + "0" * 5000 + "1"])
def test_a_digit_string_longer_than_any_real_value_is_refused_before_conversion(kind, typed):
    parsed = parse_cell(typed, kind)
    assert parsed.value is None
    assert parsed.error == "数字过大：有效数字超过15位，不是年报中的数"
    assert parsed.text == typed


@pytest.mark.parametrize("kind", ["count", "amount"])
@pytest.mark.parametrize("typed", ["0" * 5000 + "5", "0" * 5000 + "5.0", "0005"])
def test_leading_zeros_are_read_as_the_number_they_are(kind, typed):
    # thousands of leading zeros once reached int() and Python's 4,300-digit limit (a traceback)
    parsed = parse_cell(typed, kind)
    assert parsed.error is None
    assert parsed.value == 5


def test_a_project_file_with_thousands_of_leading_zeros_in_a_cell_loads(tmp_path):
    report = Report(year=2024)
    report.set_cell(NATURAL, "5")
    path = tmp_path / "年报.nianbao"
    storage.save(report, path)
    path.write_text(path.read_text(encoding="utf-8").replace('"natural": 5', '"natural": "' + "0" * 5000 + '5"'),
                    encoding="utf-8")
    assert storage.load(path).value(NATURAL) == 5
