"""Three real published reports import from their PDF and from their text with every number transcribed.

The hand-checked transcriptions (shared/realworld/*.json) use their own key names; ``expected_cells``
maps them onto our cells. The folder sits beside the repository (../shared in the CI clone).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.carryover import new_from_last_year
from app.formatdef import CellRef, load_format
from app.importing import import_file

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"
pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")

FMT = load_format()
REPORTS = {  # file stem -> (body name from the title, year, uses the 2019 single “（六）其他处理” row)
    "06_hongze_2023": ("洪泽区人民政府", 2023, True),
    "07_hongze_2024": ("淮安市洪泽区人民政府", 2024, True),
    "08_huaian_2024": ("淮安市人民政府", 2024, False),
}
_APP_ROWS = {
    "new": "new_received", "carried_over": "carried_over", "disclosed": "granted", "partly_disclosed": "partial",
    **{f"withheld_{i}": r for i, r in enumerate(
        ["deny_secret", "deny_law", "deny_3s1w", "deny_third", "deny_internal", "deny_process", "deny_casefile",
         "deny_query"], start=1)},
    **{f"unable_{i}": r for i, r in enumerate(["na_not_held", "na_need_make", "na_unclear"], start=1)},
    **{f"not_processed_{i}": r for i, r in enumerate(
        ["np_petition", "np_repeat", "np_publication", "np_massive", "np_confirm"], start=1)},
    **{f"other_{i}": r for i, r in enumerate(["oth_no_fix", "oth_no_fee", "oth_other"], start=1)},
    "total_handled": "result_total", "carry_forward": "carry_next",
}
_REVIEW_ROWS = {"review": "review", "suit_direct": "lit_direct", "suit_after_review": "lit_after"}


def _num(v) -> int | Decimal:
    return v if isinstance(v, int) else Decimal(str(v))


def expected_cells(data: dict) -> dict[CellRef, int | Decimal | None]:
    """Every cell the transcription speaks of: a number, or None where the report has no such row."""
    out: dict[CellRef, int | Decimal | None] = {}
    active = data["active"]
    for key, row in (("rules", "rules"), ("normative_docs", "normative_docs")):
        for col, v in zip(("issued", "repealed", "valid"), active[key], strict=True):
            out[CellRef("active", row, col)] = _num(v)
    for key, row in (("licensing", "license"), ("punishment", "penalty"), ("enforcement", "coercion")):
        out[CellRef("active", row, "decisions")] = _num(active[key])
    out[CellRef("active", "admin_fee", "amount_wanyuan")] = _num(active["fees_wan_yuan"])
    cols = [c.id for c in FMT.tables["applications"].cols]
    for key, row in _APP_ROWS.items():
        values = data["applications"][key]
        for i, col in enumerate(cols):
            out[CellRef("applications", row, col)] = None if values is None else _num(values[i])
    combined = (data.get("extra") or {}).get("other_combined")
    if combined is not None:  # our documented decision: the 2019 single row goes to “3.其他”
        for col, v in zip(cols, combined, strict=True):
            out[CellRef("applications", "oth_other", col)] = _num(v)
    rcols = [c.id for c in FMT.tables["review_litigation"].cols]
    for key, row in _REVIEW_ROWS.items():
        for col, v in zip(rcols, data["review_litigation"][key], strict=True):
            out[CellRef("review_litigation", row, col)] = _num(v)
    return out


@pytest.fixture(scope="module", params=[(stem, kind) for stem in REPORTS for kind in ("pdf", "txt")],
                ids=lambda p: f"{p[0]}.{p[1]}")
def imported(request):
    stem, kind = request.param
    return stem, import_file(REALWORLD / f"{stem}.{kind}")


def test_every_transcribed_number_is_imported_as_published(imported):
    stem, result = imported
    expected = expected_cells(json.loads((REALWORLD / f"{stem}.json").read_text(encoding="utf-8")))
    assert len(expected) == len(FMT.all_cells())  # the transcription covers all 200 cells
    wrong = []
    for ref, want in expected.items():
        parsed = result.report.cells.get(ref)
        got = None if parsed is None else parsed.value
        if got != want:
            wrong.append(f"{ref.table}.{ref.row}.{ref.col}: expected {want}, imported {got}")
    assert wrong == []


def test_cells_without_a_published_number_are_reported_not_zeroed(imported):
    stem, result = imported
    legacy = REPORTS[stem][2]
    assert result.legacy_2019 is legacy
    other_rows = [CellRef("applications", r, c.id) for r in ("oth_no_fix", "oth_no_fee")
                  for c in FMT.tables["applications"].cols]
    if legacy:
        for ref in other_rows:
            assert ref not in result.report.cells
            assert "2019年旧格式" in result.unread[ref]
        assert any("2019年旧格式的单行“（六）其他处理”" in line and "3.其他" in line for line in result.log)
        assert any("未能读取" in line and "1.逾期不补正" in line for line in result.log)
    else:
        assert result.unread == {}
        assert not any("未能读取" in line for line in result.log)


def test_title_body_year_and_texts(imported):
    stem, result = imported
    name, year, _ = REPORTS[stem]
    report = result.report
    assert report.body.name == name
    assert report.body.kind == "government"
    assert report.year == year
    assert report.title() == f"{name}{year}年政府信息公开工作年度报告"
    for key in FMT.text_keys():
        assert report.text(key), f"{key} is empty"
    assert report.text("preamble.body").startswith("本报告由")
    assert report.text("overall.active").startswith("主要通过政府门户网站") or stem == "08_huaian_2024"
    assert "信息处理费" in report.text("other.body")
    assert "2023 年" not in report.text("overall.intro") and f"{year}年" in report.text("overall.intro")


def test_published_errors_are_kept_and_shown(imported):
    stem, result = imported
    errors = {(f.rule, f.message) for f in result.findings if f.severity == "error"}
    if stem == "06_hongze_2023":
        # 表四 as published: 10+1+0+0 under 行政复议 but 总计 0; 5 复议后起诉 but 总计 0
        assert CellRef("review_litigation", "review", "total") in result.report.cells
        assert result.report.cells[CellRef("review_litigation", "review", "total")].value == 0
        assert {rule for rule, _ in errors} == {"T4-1"}
        assert len(errors) == 2
        summary = result.summary()
        assert "表四“行政复议”：总计填写为0" in summary and "数字按原报告导入" in summary
    else:
        assert errors == set()


@pytest.mark.parametrize("kind", ["pdf", "txt"])
def test_huaian_narrative_numbers_agree_with_its_tables(kind):
    result = import_file(REALWORLD / f"08_huaian_2024.{kind}")
    assert not [f for f in result.findings if f.rule.startswith("X-")]
    assert "全市共受理政府信息公开申请3119件" in result.report.text("overall.application")


@pytest.mark.parametrize("stem", list(REPORTS))
def test_pdf_and_its_text_give_the_same_report(stem):
    """pypdf's reading of the PDF and pdftotext's layout text are different streams; the report is one."""
    from_pdf = import_file(REALWORLD / f"{stem}.pdf").report
    from_txt = import_file(REALWORLD / f"{stem}.txt").report
    assert from_pdf.texts == from_txt.texts
    assert from_pdf.cells == from_txt.cells


@pytest.mark.parametrize("stem, paragraphs", [("06_hongze_2023", 1), ("07_hongze_2024", 2), ("08_huaian_2024", 2)])
def test_wrapped_lines_are_rejoined_into_the_published_paragraphs(stem, paragraphs):
    report = import_file(REALWORLD / f"{stem}.pdf").report
    problems = report.text("problems.body").split("\n")
    assert len(problems) == paragraphs
    assert problems[-1].startswith("针对存在问题") or paragraphs == 1
    assert len(report.text("other.body").split("\n")) == 1
    assert "\n" not in report.text("preamble.body")


def test_start_this_years_report_from_an_imported_one(imported):
    stem, result = imported
    new = new_from_last_year(result.report)
    assert new.year == REPORTS[stem][1] + 1
    assert new.body.name == result.report.body.name
    for col in FMT.tables["applications"].cols:
        last = result.report.value(CellRef("applications", "carry_next", col.id))
        ref = CellRef("applications", "carried_over", col.id)
        assert new.value(ref) == last
