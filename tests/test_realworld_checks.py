"""What the checks say about three real published reports: every true error found, none invented.

The transcriptions in shared/realworld record by hand which published tables balance. 洪泽区 2023's
表四 puts the case counts under 维持/纠正 and 0 under 总计 (checked against the PDF's word positions), so
exactly those two totals are errors; the other two reports balance and must get no error at all.
"""

from __future__ import annotations

import pytest

from app.checks import check_report
from app.cli import main
from app.importing import import_file

from .test_import_realworld import REALWORLD

pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")

ERRORS = {  # report -> the (rule, cells) of every error the published report really has
    "06_hongze_2023": {("T4-1", "review"), ("T4-1", "lit_after")},
    "07_hongze_2024": set(),
    "08_huaian_2024": set(),
}


@pytest.mark.parametrize("kind", ["txt", "pdf"])
@pytest.mark.parametrize("stem", sorted(ERRORS))
def test_errors_are_exactly_the_published_reports_own(stem, kind):
    report = import_file(REALWORLD / f"{stem}.{kind}").report
    errors = {(f.rule, f.cells[0].row if f.cells else f.key) for f in check_report(report) if f.severity == "error"}
    assert errors == ERRORS[stem]


def test_the_cli_passes_a_balanced_published_report_and_fails_the_unbalanced_one(tmp_path, capsys):
    for stem, code in (("08_huaian_2024", 0), ("07_hongze_2024", 0), ("06_hongze_2023", 1)):
        out = tmp_path / f"{stem}.nianbao"
        assert main(["import", str(REALWORLD / f"{stem}.txt"), "-o", str(out)]) in (0,)
        capsys.readouterr()
        assert main(["check", str(out)]) == code, stem
