"""Importing a published report from the app: the import report first, then this year's report."""

from __future__ import annotations

from pathlib import Path

from app.formatdef import CellRef

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "seed-tianshan-2024.txt"


def test_paste_published_text_and_start_this_year(window, dialogs, monkeypatch):
    shown = []
    monkeypatch.setattr(window, "ask_import_choice", lambda summary: shown.append(summary) or "continue")
    assert window.import_source(text=SEED.read_text(encoding="utf-8"))
    assert shown and "天山乡人民政府" in shown[0]
    report = window.doc.report
    assert report.year == 2025 and report.body.name == "天山乡人民政府"
    assert report.last_year is not None and report.last_year.year == 2024
    assert report.cell_text(CellRef("applications", "carried_over", "natural")) == "0"
    assert window.isWindowModified() and window.doc.path is None


def test_open_the_imported_report_as_published(window, dialogs, monkeypatch, tmp_path):
    source = tmp_path / "已发布 年报.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(window, "ask_import_choice", lambda summary: "open")
    assert window.import_source(path=str(source))
    assert window.doc.report.year == 2024
    assert "主动公开意识不够强" in window.doc.report.text("problems.body")


def test_garbage_gets_a_message_and_nothing_changes(window, dialogs, tmp_path):
    bad = tmp_path / "乱码.pdf"
    bad.write_bytes(b"\x00\x01not a pdf at all" * 100)
    before = window.doc
    assert not window.import_source(path=str(bad))
    assert dialogs.errors and "无法导入" in dialogs.errors[0]
    assert window.doc is before
