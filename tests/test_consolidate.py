"""汇总 core: the sum of the units' cells, totals computed, identities naming units, re-reading corrected files."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import storage
from app.consolidate import Consolidation, Entry, expected_units, read_unit, tables_findings
from app.formatdef import CellRef, load_format
from app.report import Body, Report, Unit

FMT = load_format()
INPUTS = [ref for ref in FMT.all_cells() if ref not in FMT.totals]
TOTALS = list(FMT.totals)
FEE = CellRef("active", "admin_fee", "amount_wanyuan")
APP = "applications"
COLS = [c.id for c in FMT.tables[APP].cols if c.id != "total"]
RESULTS = [r.id for r in FMT.tables[APP].rows if r.id not in ("new_received", "carried_over", "result_total",
                                                                  "carry_next")]


def t3(row: str, col: str) -> CellRef:
    return CellRef(APP, row, col)


def unit(name: str, values: dict[CellRef, object], year: int = 2024) -> Unit:
    report = Report(year=year)
    for ref, v in values.items():
        report.set_cell(ref, str(v))
    return Unit(name=name, path=f"/单位/{name}.nianbao", sha256=hashlib.sha256(name.encode()).hexdigest(),
                year=year, cells=report.cells)


def consolidation(*units: Unit) -> Consolidation:
    con = Consolidation(year=2024)
    for u in units:
        con.add_unit(u)
    return con


# --- random units ----------------------------------------------------------------------------------

small = st.integers(min_value=0, max_value=50)
amounts = st.decimals(min_value=0, max_value=10000, places=6, allow_nan=False, allow_infinity=False)


@st.composite
def balanced_unit_cells(draw) -> dict[CellRef, object]:
    """A unit whose 表三 balances by construction (一＋二＝三＋四 in every column), other cells random or blank."""
    cells: dict[CellRef, object] = {}
    for ref in INPUTS:
        if ref.table != APP and draw(st.booleans()):
            cells[ref] = draw(amounts) if ref == FEE else draw(small)
    for col in COLS:
        results = {r: draw(small) for r in RESULTS if draw(st.booleans())}
        carry_next = draw(small)
        out = sum(results.values()) + carry_next
        carried = draw(st.integers(min_value=0, max_value=out))
        cells.update({t3(r, col): v for r, v in results.items()})
        cells[t3("carry_next", col)] = carry_next
        cells[t3("carried_over", col)] = carried
        cells[t3("new_received", col)] = out - carried
    return cells


@st.composite
def any_unit_cells(draw) -> dict[CellRef, object]:
    """Any unit: random input cells, blank or not, and now and then a typed total (right or wrong)."""
    cells: dict[CellRef, object] = {}
    for ref in INPUTS:
        if draw(st.integers(0, 2)):
            cells[ref] = draw(amounts) if ref == FEE else draw(small)
    for ref in draw(st.lists(st.sampled_from(TOTALS), max_size=3)):
        cells[ref] = draw(small)
    return cells


def _sum_of_units(con: Consolidation, ref: CellRef):
    values = [e.unit.cells[ref].value for e in con.taken() if ref in e.unit.cells]
    return sum(values) if values else None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_unit_cells(), min_size=1, max_size=5))
def test_every_input_cell_of_the_sum_is_the_sum_of_the_units_and_totals_compute(units):
    con = consolidation(*(unit(f"单位{i}", cells) for i, cells in enumerate(units)))
    total = con.total("示例县人民政府")
    for ref in INPUTS:
        expected = _sum_of_units(con, ref)
        assert (total.cells[ref].value if ref in total.cells else None) == expected, ref
    assert not any(ref in total.cells for ref in TOTALS)  # totals left automatic
    for ref, eq in FMT.totals.items():
        assert total.value(ref) == sum(total.value(t) or 0 for t in eq.rhs)
    # what is saved reads back as the same numbers, the 万元 amount exactly
    again = storage.loads(storage.dumps(total))
    assert again.cells == total.cells
    assert again.body.scope == "summary"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(balanced_unit_cells(), min_size=1, max_size=5))
def test_the_sum_balances_when_every_unit_balances(units):
    con = consolidation(*(unit(f"单位{i}", cells) for i, cells in enumerate(units)))
    assert [e.state_text() for e in con.entries] == ["无错误"] * len(units)
    total = con.total("示例县人民政府")
    assert [f.rule for f in con.findings(total) if f.severity == "error"] == []
    for ref in TOTALS:  # every unit balances: the sum's totals equal the sum of the units' totals
        assert total.value(ref) == sum(Report(cells=e.unit.cells).value(ref) for e in con.taken())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_unit_cells(), min_size=1, max_size=4))
def test_an_identity_failing_in_the_sum_names_a_unit_whose_tables_fail_it(units):
    con = consolidation(*(unit(f"单位{i}", cells) for i, cells in enumerate(units)))
    for f in con.findings():
        if f.rule == "T3-1":
            assert "该式在“单位" in f.message and "的表中不成立" in f.message


# --- named cases ---------------------------------------------------------------------------------

def test_amounts_add_up_exactly_in_wanyuan():
    con = consolidation(unit("甲局", {FEE: "0.1"}), unit("乙局", {FEE: "0.2"}), unit("丙局", {FEE: "4166.241619"}))
    total = con.total()
    assert total.cells[FEE].value == Decimal("4166.541619")
    assert '"amount_wanyuan": "4166.541619"' in storage.dumps(total)


def test_a_cell_blank_in_every_unit_stays_blank_and_one_zero_makes_it_zero():
    ref = CellRef("active", "license", "decisions")
    assert ref not in consolidation(unit("甲局", {}), unit("乙局", {})).total().cells
    assert consolidation(unit("甲局", {}), unit("乙局", {ref: 0})).total().cells[ref].value == 0


def test_an_unbalanced_unit_is_named_in_the_sums_identity():
    good = unit("甲局", {t3("new_received", "natural"): 3, t3("granted", "natural"): 3})
    bad = unit("乙局", {t3("new_received", "natural"): 5, t3("granted", "natural"): 4})
    con = consolidation(good, bad)
    assert [e.state_text() for e in con.entries] == ["无错误", "1个错误"]
    t31 = [f.message for f in con.findings() if f.rule == "T3-1"]
    assert t31 == ["表三“自然人”列：第一项＋第二项＝8，第三项（七）总计＋第四项＝7，相差1；该式在“乙局”的表中不成立"]


def test_a_unit_total_that_does_not_match_its_terms_is_not_taken_and_named():
    new = t3("new_received", "natural")
    typed = unit("乙局", {new: 5, t3("new_received", "commercial"): 1, t3("new_received", "total"): 9,
                          t3("granted", "natural"): 5, t3("granted", "commercial"): 1})
    con = consolidation(unit("甲局", {new: 2, t3("granted", "natural"): 2}), typed)
    total = con.total()
    assert total.value(t3("new_received", "total")) == 8
    hz2 = [f.message for f in con.findings(total) if f.rule == "HZ-2"]
    assert hz2 == ["表三“一、本年新收／总计”：汇总数按分项计算为8；“乙局”填9，与其分项之和不符，未采用"]
    tip = con.explain(t3("new_received", "total"))
    assert "乙局：9" in tip and "各单位合计数之和为11" in tip


def test_a_unit_cell_that_is_not_a_number_is_named_and_left_out():
    con = consolidation(unit("甲局", {t3("granted", "natural"): "3件"}), unit("乙局", {t3("granted", "natural"): 2}))
    assert con.total().cells[t3("granted", "natural")].value == 2
    hz1 = [f.message for f in con.findings() if f.rule == "HZ-1"]
    assert hz1 == ["“甲局”表三“（一）予以公开／自然人”填的是“3件”，不是数字，未计入汇总"]


def test_explain_lists_the_units_of_a_cell_largest_first():
    ref = CellRef("active", "penalty", "decisions")
    con = consolidation(unit("甲局", {ref: 3}), unit("乙局", {ref: 40}), unit("丙局", {ref: 0}))
    assert [(s.name, s.value) for s in con.breakdown(ref)] == [("甲局", 3), ("乙局", 40)]
    assert con.explain(ref) == "表二“行政处罚”汇总数：43（2个单位）\n  乙局：40\n  甲局：3"
    assert con.explain(ref, limit=1).endswith("  其余1个单位共3")


def test_another_year_and_the_same_body_twice_are_named_and_not_summed():
    ref = CellRef("active", "penalty", "decisions")
    con = consolidation(unit("甲局", {ref: 1}), unit("乙局", {ref: 10}, year=2023), unit("甲 局", {ref: 100}))
    assert [e.state_text() for e in con.entries] == ["无错误", "年度不符", "重复"]
    assert con.entries[1].reason == "年度为2023年，与汇总年度（2024年）不符"
    assert con.entries[2].reason == ("“甲局”已由甲局.nianbao计入汇总，同一机关只能计入一次；"
                                     "如果这是更正后的文件，请移除甲局.nianbao")
    assert con.total().cells[ref].value == 1
    assert [f.rule for f in con.findings() if f.severity == "error"] == ["HZ-4"]
    # each kind named with its own units: another year is not a duplicate
    assert next(f.message for f in con.findings() if f.rule == "HZ-4") == (
        "2个单位未计入汇总（年度不符1个：“乙局”；重复1个：“甲 局”），请移除，或换成正确的文件")
    con.remove(con.entries[2])
    assert next(f.message for f in con.findings() if f.rule == "HZ-4") == (
        "“乙局”未计入汇总：年度为2023年，与汇总年度（2024年）不符；请移除，或换成正确的文件")


def test_last_years_file_of_a_body_already_summed_is_another_year_not_a_corrected_file():
    # the officer adds the folder that still holds last year's file: it is of another year, so it neither asks
    # to replace this year's file nor, when told to replace, takes its place
    ref = CellRef("active", "penalty", "decisions")
    con = consolidation(unit("甲局", {ref: 1}), unit("乙局", {ref: 2}))
    old = Entry(Unit(name="甲局", path="/单位/上年/甲局.nianbao", sha256="old", year=2023, cells={}))
    assert con.conflicts([old]) == []
    con.place([old], replace=True)
    assert [(e.label, e.state_text()) for e in con.entries] == [("甲局", "无错误"), ("乙局", "无错误"),
                                                                ("甲局", "年度不符")]
    assert con.entries[2].reason == "年度为2023年，与汇总年度（2024年）不符"
    assert con.total().value(ref) == 3


def test_a_units_reason_does_not_name_its_own_file_again():
    e = read_unit("/单位/不存在.pdf")
    assert e.problem == "找不到文件：/单位/不存在.pdf" and e.why() == "找不到文件"


def _save_unit(path, name: str, penalty: int, year: int = 2024) -> None:
    report = Report(year=year, body=Body(name=name))
    report.set_cell(CellRef("active", "penalty", "decisions"), str(penalty))
    storage.save(report, path)


def test_a_corrected_file_saved_over_the_old_one_updates_the_sum_on_refresh_or_re_adding(tmp_path):
    ref = CellRef("active", "penalty", "decisions")
    folder = tmp_path / "用户" / "单位"
    folder.mkdir(parents=True)
    _save_unit(folder / "甲局.nianbao", "甲局", 1)
    _save_unit(folder / "乙局.nianbao", "乙局", 10)
    con = Consolidation()
    con.add([folder])
    assert con.total().cells[ref].value == 11
    assert con.refresh() == []  # nothing changed: nothing re-read
    _save_unit(folder / "乙局.nianbao", "乙局", 20)
    assert [e.label for e in con.refresh()] == ["乙局"]
    assert con.total().cells[ref].value == 21
    _save_unit(folder / "乙局.nianbao", "乙局", 30)
    con.add([folder / "乙局.nianbao"])
    assert len(con.entries) == 2 and con.total().cells[ref].value == 31


def test_a_corrected_file_under_a_new_name_is_a_duplicate_unless_it_replaces(tmp_path):
    ref = CellRef("active", "penalty", "decisions")
    _save_unit(tmp_path / "乙局.nianbao", "乙局", 10)
    _save_unit(tmp_path / "乙局（更正）.nianbao", "乙局", 12)
    con = Consolidation()
    con.add([tmp_path / "乙局.nianbao"])
    con.add([tmp_path / "乙局（更正）.nianbao"])
    assert [e.state for e in con.entries] == ["ok", "duplicate"]
    con.remove(con.entries[1])
    con.add([tmp_path / "乙局（更正）.nianbao"], replace=True)
    assert [e.unit.path.endswith("乙局（更正）.nianbao") for e in con.entries] == [True]
    assert con.total().cells[ref].value == 12


def test_the_saved_summary_keeps_the_taken_values_and_rechecks_without_the_unit_files(tmp_path):
    ref = CellRef("active", "penalty", "decisions")
    _save_unit(tmp_path / "甲局.nianbao", "甲局", 1)
    _save_unit(tmp_path / "乙局.nianbao", "乙局", 10)
    con = Consolidation()
    con.add([tmp_path])
    out = tmp_path / "用户" / "汇总 2024.nianbao"
    out.parent.mkdir()
    storage.save(con.total("示例县人民政府"), out)
    for name in ("甲局", "乙局"):
        (tmp_path / f"{name}.nianbao").unlink()
    saved = storage.load(out)
    # a folder is read in file-name order (乙 sorts before 甲)
    assert [(u.name, u.year, len(u.sha256)) for u in saved.units] == [("乙局", 2024, 64), ("甲局", 2024, 64)]
    again = Consolidation.from_report(saved)
    assert [e.state_text() for e in again.entries] == ["无错误", "无错误"]
    assert again.total().cells == saved.cells
    assert [(s.name, s.value) for s in again.breakdown(ref)] == [("乙局", 10), ("甲局", 1)]
    again.refresh()  # the files are gone: the values taken are still what is shown
    assert again.total().cells[ref].value == 11
    assert again.entries[0].note == "文件已不在原处或无法读取，显示的是上次读取的数值"


def test_next_year_starts_from_this_years_units_and_shows_the_missing_ones(tmp_path):
    last = Consolidation(year=2023)
    for name in ("甲局", "乙局"):
        last.add_unit(unit(name, {}, year=2023))
    last_report = last.total("示例县人民政府")
    this = Report(year=2024, units=expected_units(last_report))
    con = Consolidation.from_report(this)
    assert [e.state_text() for e in con.entries] == ["与上年相比缺报", "与上年相比缺报"]
    _save_unit(tmp_path / "甲局-2024.nianbao", "甲局", 7)
    con.add([tmp_path / "甲局-2024.nianbao"])
    assert [e.state_text() for e in con.entries] == ["无错误", "与上年相比缺报"]
    hz = [f.message for f in con.findings() if f.rule.startswith("HZ")]
    assert hz == ["与上年相比缺报：“乙局”尚未报送，汇总数不含这些单位"]
    saved = storage.loads(storage.dumps(con.total("示例县人民政府")))
    assert [(u.name, bool(u.sha256)) for u in saved.units] == [("甲局", True), ("乙局", False)]


def test_tables_findings_leave_out_texts_and_body():
    rules = {f.rule for f in tables_findings(Report(year=2024))}
    assert rules == {"CELL-BLANK"}  # no B-1 (name) or S-1 (texts): a 汇总 takes only the numbers


def test_a_changed_file_that_cannot_be_read_keeps_the_values_taken(tmp_path):
    ref = CellRef("active", "penalty", "decisions")
    _save_unit(tmp_path / "甲局.nianbao", "甲局", 4)
    con = Consolidation()
    con.add([tmp_path])
    (tmp_path / "甲局.nianbao").write_text("{", encoding="utf-8")
    assert con.refresh() == []
    assert con.total().cells[ref].value == 4
    assert con.entries[0].note.startswith("文件已更改但无法读取（文件已损坏或不完整")
