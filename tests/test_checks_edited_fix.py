"""The fix of an unbalanced 表三 column sets the cell the officer just typed (issue 23, item 6).

Typing a figure that unbalances a column is a slip in that cell far more often than a change to 结转下年度, so
after an edit the fix proposes the figure that balances the column in the edited cell (and the click on the
finding goes there); a full check, which knows of no edit, keeps 结转下年度 as the fix.
"""

from __future__ import annotations

from app.checks import LiveChecks, check_report
from app.report import Report

from .test_checks import A, apply_fix, clean_report


def t31(findings) -> list:
    return [f for f in findings if f.rule == "T3-1"]


def type_cell(r: Report, live: LiveChecks, ref, text: str) -> None:
    r.set_cell(ref, text)
    live.cell_changed(ref)


def test_the_fix_sets_the_cell_just_typed_and_a_full_check_keeps_carry_next():
    r = clean_report()
    live = LiveChecks(r)
    typed = A("new_received", "natural")  # 5 → 7: the column no longer balances
    type_cell(r, live, typed, "7")
    (f,) = t31(live.findings())
    assert f.fix.label == "将刚填写的“一、本年新收／自然人”改为5"
    assert f.fix.cells == ((typed, "5"),)
    (fresh,) = t31(check_report(r))
    assert fresh.fix.label == "将“四、结转下年度继续办理”改为3"
    assert fresh.fix.cells == ((A("carry_next", "natural"), "3"),)
    apply_fix(r, f)
    live.cell_changed(typed)
    assert t31(live.findings()) == [] and r.cell_text(typed) == "5"


def test_a_result_cell_counted_through_the_automatic_total_is_balanced_the_other_way():
    r = clean_report()
    live = LiveChecks(r)
    typed = A("deny_secret", "natural")  # on the 办理结果 side, summed by （七）总计
    type_cell(r, live, typed, "3")
    (f,) = t31(live.findings())
    assert f.fix.cells == ((typed, "0"),)
    assert t31(check_report(r))[0].fix is None  # 结转下年度 would have to be −2: no usual fix at all


def test_the_latest_edit_of_the_column_is_the_target_and_other_columns_keep_theirs():
    r = clean_report()
    live = LiveChecks(r)
    type_cell(r, live, A("new_received", "natural"), "7")
    type_cell(r, live, A("granted", "natural"), "9")  # same column, typed after
    (f,) = t31(live.findings())
    assert f.fix.cells[0][0] == A("granted", "natural")
    type_cell(r, live, A("new_received", "commercial"), "3")  # another column breaks too
    targets = {f.cells[0].col: f.fix.cells[0][0] for f in t31(live.findings())}
    assert targets == {"natural": A("granted", "natural"), "commercial": A("new_received", "commercial")}


def test_a_typed_carry_next_and_a_recheck_keep_the_usual_target():
    r = clean_report()
    live = LiveChecks(r)
    type_cell(r, live, A("carry_next", "natural"), "2")
    assert t31(live.findings())[0].fix.label == "将“四、结转下年度继续办理”改为1"
    type_cell(r, live, A("new_received", "natural"), "7")
    live.recheck_all()  # e.g. last year's report replaced: no edit is “just made” any more
    assert t31(live.findings())[0].fix.cells[0][0] == A("carry_next", "natural")
