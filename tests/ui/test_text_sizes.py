"""Text boxes grow with their text and with the window, instead of fixed boxes with half the page empty."""

from __future__ import annotations


def test_a_part_of_several_is_as_tall_as_its_text_and_grows_as_lines_are_typed(window, qtbot):
    page = window.editor.go_to_step("overall")
    part = page.editors["overall.platform"]
    part.editor.setPlainText("")
    qtbot.waitUntil(lambda: part.editor.height() > 0)
    empty = part.editor.height()
    window.doc.set_text("overall.platform", "\n".join(["加强平台建设。"] * 12))  # as a paste would
    qtbot.waitUntil(lambda: part.editor.height() > empty)
    grown = part.editor.height()
    lines = part.editor.document().documentLayout().documentSize().height()
    assert grown >= lines * part.editor.fontMetrics().lineSpacing()  # every line shows without scrolling
    window.doc.undo_stack.undo()
    qtbot.waitUntil(lambda: part.editor.height() == empty)


def test_the_only_part_of_a_section_fills_the_page_and_follows_the_window(window, qtbot):
    window.resize(1366, 768)
    page = window.editor.go_to_step("problems")
    part = page.editors["problems.body"]
    qtbot.waitUntil(lambda: part.editor.height() > 0)
    small = part.editor.height()
    assert small > page.viewport().height() // 2  # not a 200 px box with half the page empty
    window.resize(1366, 1000)
    qtbot.waitUntil(lambda: part.editor.height() > small)
