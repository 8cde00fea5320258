"""Export to Word, import again: the same numbers, texts and body come back."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import storage
from app.checks import check_report
from app.formatdef import load_format
from app.importing import import_file

from .importing_support import values

docx_export = pytest.importorskip("app.export.word", reason="the Word exporter (app.export.word) is not there yet")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"
FMT = load_format()


@pytest.mark.parametrize("project", [ROOT / "resources" / "examples" / "tianshan-2024.nianbao",
                                     FIXTURES / "sample-2023.nianbao"], ids=["tianshan-2024", "sample-2023"])
def test_export_then_import_gives_the_same_report(tmp_path, project):
    report = storage.load(project)
    path = tmp_path / "用户" / "年报 导出.docx"
    path.parent.mkdir()
    docx_export.export_docx(report, path)
    result = import_file(path)
    back = result.report
    assert back.texts == report.texts
    assert values(back) == values(report)
    assert back.year == report.year
    assert (back.body.name, back.body.kind, back.body.signature, back.body.date) == (
        report.body.name, report.body.kind, report.body.signature, report.body.date)
    assert result.unread == {}
    assert [f.message for f in result.findings] == [f.message for f in check_report(report)]


@pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")
@pytest.mark.parametrize("stem", ["06_hongze_2023", "08_huaian_2024"])
def test_an_imported_published_report_survives_export_and_import(tmp_path, stem):
    first = import_file(REALWORLD / f"{stem}.pdf").report
    path = tmp_path / f"{stem}.docx"
    docx_export.export_docx(first, path)
    again = import_file(path).report
    assert again.texts == first.texts
    assert values(again) == values(first)  # incl. 洪泽区 2023's totals that do not add up, kept as published
