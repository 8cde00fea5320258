"""A narrative finding's fix changes the figure in the text, as its own undo step."""

from __future__ import annotations

from app.checks import Finding
from app.formatdef import CellRef


def _finding(doc, rule: str) -> Finding:
    return next(f for f in doc.findings() if f.rule == rule)


def test_a_text_fix_corrects_the_figure_and_undoes_alone(window):
    doc = window.doc
    new = doc.report.value(CellRef("applications", "new_received", "total"))
    before = doc.report.text("overall.application")
    doc.set_text("overall.application", before + f"本年新收政府信息公开申请{new + 1}件。")
    finding = _finding(doc, "X-1")
    assert finding.fix.label == f"把文中{new + 1}改为{new}"

    doc.apply_fix(finding)
    assert doc.report.text("overall.application") == before + f"本年新收政府信息公开申请{new}件。"
    assert "X-1" not in {f.rule for f in doc.findings()}
    assert doc.undo_stack.undoText() == f"把文中{new + 1}改为{new}"

    doc.undo_stack.undo()  # the typing before the fix is still there: the fix did not merge into it
    assert doc.report.text("overall.application") == before + f"本年新收政府信息公开申请{new + 1}件。"


def test_a_text_fix_is_not_applied_to_a_text_edited_since(window):
    doc = window.doc
    before = doc.report.text("overall.application")
    new = doc.report.value(CellRef("applications", "new_received", "total"))
    doc.set_text("overall.application", f"本年新收政府信息公开申请{new + 1}件。" + before)
    finding = _finding(doc, "X-1")
    doc.set_text("overall.application", "重写了。" + doc.report.text("overall.application"))
    doc.apply_fix(finding)
    assert doc.report.text("overall.application") == f"重写了。本年新收政府信息公开申请{new + 1}件。" + before
