"""The bundled examples: the township's all-zero report and the city's large one with its continuation.

The large example is 淮安市人民政府's published 2024 report as the importer reads it; its numbers must stay
exactly the hand-checked transcription in shared/realworld, and the 2025 file must stay what starting a
new report from it gives (so the start page's "continue" example is never hand-edited out of step).
"""

from __future__ import annotations

import pytest

from app import storage
from app.carryover import new_from_last_year
from app.checks import check_report, has_errors
from app.formatdef import CellRef

from .conftest import LARGE_EXAMPLE, ROOT
from .test_import_realworld import REALWORLD, expected_cells

EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.nianbao"))
CONTINUATION = ROOT / "resources" / "examples" / "huaian-2025.nianbao"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_opens_and_saves_back_byte_for_byte(path, tmp_path):
    report = storage.load(path)
    assert report.title().endswith("年政府信息公开工作年度报告")
    out = tmp_path / "示例 副本.nianbao"
    storage.save(report, out)
    assert out.read_bytes() == path.read_bytes()


def test_the_large_example_is_a_city_wide_report_without_errors(large_report):
    assert large_report.title() == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert (large_report.body.kind, large_report.body.scope) == ("government", "summary")
    assert not has_errors(check_report(large_report))
    a = lambda row, col="total": large_report.value(CellRef("applications", row, col))  # noqa: E731
    assert (a("new_received"), a("carried_over"), a("result_total"), a("carry_next")) == (3119, 34, 3050, 103)
    assert large_report.value(CellRef("active", "penalty", "decisions")) == 3985758


@pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")
def test_the_large_example_holds_every_published_number():
    import json

    data = json.loads((REALWORLD / "08_huaian_2024.json").read_text(encoding="utf-8"))
    report = storage.load(LARGE_EXAMPLE)
    for ref, value in expected_cells(data).items():
        assert report.value(ref) == value, ref


def test_the_continuation_is_what_starting_from_the_large_example_gives(large_report):
    assert storage.dumps(new_from_last_year(large_report)) == CONTINUATION.read_text(encoding="utf-8")
    report = storage.load(CONTINUATION)
    assert report.year == 2025 and report.last_year.year == 2024
    assert report.value(CellRef("applications", "carried_over", "total")) == 103
