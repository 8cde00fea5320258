"""汇总 core, the parts the app drives: read before placing, conflicts to ask about, files gone or changed,
the whole list at once (undo), and the 汇总's findings over findings the app already has."""

from __future__ import annotations

from app import storage
from app.checks import check_report
from app.consolidate import FILE_CHANGED, FILE_GONE, Consolidation
from app.consolidate.findings import annotate, consolidation_findings
from app.formatdef import CellRef
from app.report import Report

NEW = CellRef("applications", "new_received", "natural")
CARRY = CellRef("applications", "carry_next", "natural")


def unit_file(path, name: str, n: int, balanced: bool = True):
    report = Report(year=2024)
    report.body.name = name
    report.set_cell(NEW, str(n))
    if balanced:
        report.set_cell(CARRY, str(n))
    path.parent.mkdir(parents=True, exist_ok=True)
    storage.save(report, path)
    return path


def test_read_then_place_is_add_in_two_steps(tmp_path):
    a = unit_file(tmp_path / "甲.nianbao", "甲局", 2)
    con = Consolidation(year=2024)
    entries = con.read([tmp_path])
    assert [e.label for e in entries] == ["甲局"] and con.entries == []
    assert con.place(entries) == entries and con.summed_cells()[NEW].value == 2
    assert entries[0].unit.path == str(a)


def test_conflicts_are_bodies_already_summed_from_another_file_with_other_content(tmp_path):
    con = Consolidation(year=2024)
    con.add([unit_file(tmp_path / "一" / "甲.nianbao", "甲局", 2)])
    other = con.read([unit_file(tmp_path / "二" / "甲（更正）.nianbao", "甲局", 3)])
    assert [(new.unit.path, old.label) for new, old in con.conflicts(other)] == [(other[0].unit.path, "甲局")]
    same_path = con.read([tmp_path / "一" / "甲.nianbao"])
    assert con.conflicts(same_path) == []  # the same file again simply replaces its entry
    con.place(other, replace=True)
    assert len(con.entries) == 1 and con.summed_cells()[NEW].value == 3


def test_check_files_says_which_files_are_gone_or_changed_without_reading_them(tmp_path):
    a = unit_file(tmp_path / "甲.nianbao", "甲局", 2)
    b = unit_file(tmp_path / "乙.nianbao", "乙局", 3)
    c = unit_file(tmp_path / "丙.nianbao", "丙局", 4)
    con = Consolidation(year=2024)
    con.add([a, b, c])
    a.unlink()
    unit_file(b, "乙局", 30)
    assert [e.label for e in con.check_files()] == ["甲局", "乙局"]
    assert [e.note for e in con.entries] == [FILE_GONE, FILE_CHANGED, ""]
    assert con.summed_cells()[NEW].value == 9  # nothing re-read


def test_set_entries_puts_back_a_list_and_its_states(tmp_path):
    con = Consolidation(year=2024)
    con.add([unit_file(tmp_path / "甲.nianbao", "甲局", 2)])
    before = list(con.entries)
    con.add([unit_file(tmp_path / "又甲.nianbao", "甲局", 5)])
    assert [e.state for e in con.entries] == ["ok", "duplicate"]
    con.set_entries(before)
    assert [e.state for e in con.entries] == ["ok"] and con.summed_cells()[NEW].value == 2


def test_annotate_names_failing_units_in_findings_given_as_consolidation_findings_does(tmp_path):
    con = Consolidation(year=2024)
    con.add([unit_file(tmp_path / "甲.nianbao", "甲局", 2), unit_file(tmp_path / "乙.nianbao", "乙局", 3, False)])
    report = con.total("某县人民政府")
    findings = check_report(report)
    out = annotate(con, report, findings)
    assert len(out) >= len(findings) and [f.key for f in out[:len(findings)]] == [f.key for f in findings]
    t31 = [f for f in out if f.rule == "T3-1"]
    assert t31 and all("该式在“乙局”的表中不成立" in f.message for f in t31)
    tables = {f.key: f for f in consolidation_findings(con, report)}
    assert all(tables[f.key] == f for f in out if f.key in tables)
