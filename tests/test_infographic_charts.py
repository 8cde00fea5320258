"""Charts on 检查与导出 (issue 21, item 2): each indicator year by year — earlier reports of the same body among
the recent files, last year's, this year's — following the officer's edits; in a 汇总 the units side by side,
most received first, those with errors marked."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

pytest.importorskip("PySide6")

from app import storage  # noqa: E402
from app.formatdef import CellRef  # noqa: E402
from app.infographic.charts import indicator_series, unit_bars  # noqa: E402
from app.report import Unit  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"
RECEIVED = CellRef("applications", "new_received", "natural")


def load(name: str):
    return storage.load(EXAMPLES / f"{name}.nianbao")


def test_series_run_from_the_earliest_year_to_this_one():
    report = load("huaian-2025")
    older = load("huaian-2024")
    older.year = 2023  # a report of the year before last, opened earlier
    series = {s.name: s for s in indicator_series(report, [older, load("tianshan-2024")])}
    assert [y for y, _ in series["新收申请"].points] == [2023, 2024, 2025]
    assert [v for _, v in series["新收申请"].points] == [3119, 3119, None]
    assert series["实质公开率"].unit == "%"


def test_a_summary_lists_its_units_most_received_first_with_their_errors():
    report = load("huaian-2024")
    big = Unit("清江浦区人民政府", cells={})
    small = Unit("淮阴区人民政府", cells={}, own=True)
    for unit, n in ((big, "900"), (small, "12")):
        probe = storage.load(EXAMPLES / "tianshan-2024.nianbao")
        probe.set_cell(RECEIVED, n)
        probe.set_cell(CellRef("applications", "granted", "natural"), n)  # every application answered
        unit.cells = dict(probe.cells)
    small.cells[CellRef("applications", "new_received", "total")] = probe.parse_for(
        CellRef("applications", "new_received", "total"), "99")  # a total that does not add up
    report.units = [small, big, Unit("未报送单位")]
    bars = unit_bars(report)
    assert [(b.name, b.received) for b in bars] == [("清江浦区人民政府", 900), ("淮阴区人民政府", 99)]
    assert bars[0].errors == 0 and bars[1].errors >= 1 and bars[1].own


@pytest.fixture
def panel_for(qtbot):
    from ui.document import ReportDocument
    from ui.panels.charts_panel import ChartsPanel

    def make(report, earlier=()):
        doc = ReportDocument(report)
        panel = ChartsPanel(doc, earlier=lambda _r: list(earlier))
        qtbot.addWidget(panel)
        panel.resize(640, panel.height())
        return doc, panel

    return make


def test_the_panel_draws_each_indicator_by_year_and_follows_edits(panel_for):
    doc, panel = panel_for(load("huaian-2025"))
    texts = panel.texts()
    i = texts.index("新收申请")
    assert texts[i + 1:i + 5] == ["2024年", "3119件", "2025年", "—"]
    doc.set_cell(RECEIVED, "3200")
    texts = panel.texts()
    i = texts.index("新收申请")
    assert texts[i + 1:i + 5] == ["2024年", "3119件", "2025年", "3200件"]
    assert panel.grab().width() == panel.width()  # paints without error


def test_the_panel_shows_a_summarys_units(panel_for):
    report = load("huaian-2024")
    unit = Unit("清江浦区人民政府", cells=dict(report.cells))
    report.units = [unit]
    _, panel = panel_for(report)
    texts = panel.texts()
    assert "各单位本年新收申请（1个单位）" in texts
    assert texts[texts.index("清江浦区人民政府") + 1] == "3119件"
    panel.grab()


def test_earlier_reports_come_from_the_recent_files_of_the_same_body(tmp_path, monkeypatch):
    from ui.panels import charts_panel

    older = load("huaian-2024")
    older.year = 2023
    storage.save(older, tmp_path / "2023.nianbao")
    storage.save(load("tianshan-2024"), tmp_path / "other.nianbao")
    (tmp_path / "broken.nianbao").write_text("{", encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("2023.nianbao", "other.nianbao", "broken.nianbao", "gone.nianbao")]
    monkeypatch.setattr("ui.settings.recent_files", lambda: paths)
    found = charts_panel.recent_reports(load("huaian-2025"))
    assert [r.year for r in found] == [2023]


def test_the_panel_takes_each_units_errors_from_the_summary_and_follows_its_list(panel_for):
    import hashlib

    report = load("huaian-2024")
    good = Unit("清江浦区人民政府", cells=dict(report.cells), sha256=hashlib.sha256(b"a").hexdigest(),
                year=report.year)
    bad = Unit("淮阴区人民政府", cells=dict(report.cells), sha256=hashlib.sha256(b"b").hexdigest(), year=report.year)
    bad.cells[RECEIVED] = report.parse_for(RECEIVED, "1")  # 表三 no longer balances in that unit
    report.units = [good, bad]
    doc, panel = panel_for(report)
    # the counts the units page shows (n个错误), not worked out again
    assert {u.name: u.errors for u in panel.units()} == {"清江浦区人民政府": 0, "淮阴区人民政府": 2}
    doc.edit_units("移除单位", lambda con: con.set_entries([e for e in con.entries if e.unit.name != "淮阴区人民政府"]))
    assert [u.name for u in panel.units()] == ["清江浦区人民政府"]
    doc.set_text("problems.body", "一是……")  # an edit of the text leaves the units' bars as they are
    assert [u.name for u in panel.units()] == ["清江浦区人民政府"]
