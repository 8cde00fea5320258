"""Clicking a finding goes to the number to correct; applying its fix leaves the officer where they were."""

from __future__ import annotations

from .conftest import cell


def click_finding(window, rule: str, key_part: str):
    panel = window.editor.findings
    row = next(i for i, f in enumerate(panel.findings()) if f.rule == rule and key_part in f.key)
    panel.list.setCurrentRow(row)
    panel.list.itemClicked.emit(panel.list.item(row))
    return panel.findings()[row]


def selected(page) -> set:
    return {page.model.ref_at(i) for i in page.view.selectionModel().selectedIndexes()}


def on_screen(page, ref) -> bool:
    view = page.view
    return view.viewport().rect().contains(view.visualRect(page.model.index_of(ref)).center())


def test_a_column_imbalance_goes_to_the_cell_its_fix_changes_and_the_fix_stays_put(window):
    window.doc.set_cell(cell("applications", "carry_next", "social"), "1")
    window.doc.set_cell(cell("applications", "carry_next", "legal"), "2")
    click_finding(window, "T3-1", "social")
    assert window.editor.current_step() == "applications"
    page = window.current_page()
    target = cell("applications", "carry_next", "social")
    assert selected(page) == {target}
    assert page.model.ref_at(page.view.currentIndex()) == target
    assert on_screen(page, target)  # 结转下年度 is the last row: the grid scrolls down to it

    panel = window.editor.findings
    assert panel.fix_button.isEnabled()
    panel.fix_button.click()
    assert window.doc.report.cell_text(target) == "0"
    # the grid still shows the corrected cell, and the button does not offer the legal column's fix
    assert selected(page) == {target}
    assert not panel.fix_button.isEnabled() and panel.fix_button.text() == "按建议修正"
    assert any(f.rule == "T3-1" and "legal" in f.key for f in panel.findings())
    panel.fix_button.click()
    assert window.doc.report.cell_text(cell("applications", "carry_next", "legal")) == "2"


    # the figure just typed unbalances the column: the click goes to that cell, its fix balances it there
    typed = cell("applications", "granted", "natural")
    window.doc.set_cell(typed, "50")
    finding = click_finding(window, "T3-1", "natural")
    assert finding.fix.cells == ((typed, "0"),)
    assert selected(page) == {typed}

    # without a fix (more results than applications whichever cell changes: neither the cell just typed nor 结转
    # can balance it without a negative figure) the click selects every cell of the equation
    window.doc.set_cell(cell("applications", "partial", "natural"), "1")
    finding = click_finding(window, "T3-1", "natural")
    assert finding.fix is None and len(finding.cells) > 1
    assert selected(page) == set(finding.cells)
