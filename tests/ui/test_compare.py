"""检查与导出 › 核对已发布版本: a published copy (pasted text or a saved page) against the open report; each
difference listed in Chinese, and a click goes to its cell or its text."""

from __future__ import annotations

import copy

from app.export.html import website_html

from .conftest import cell

TYPED = "按照国办公开办函〔2021〕30号要求，自2024年3月1日起按季度统计。"


def published(window, number: str | None = None, damage_text: bool = False):
    """The website version of the open report as a CMS might publish it: one cell changed, 〔〕 and 年月 dropped."""
    report = copy.deepcopy(window.doc.report)
    if number is not None:
        report.set_cell(cell("applications", "new_received", "natural"), number)
    html, text, _ = website_html(report)
    if damage_text:
        for good, bad in (("国办公开办函〔2021〕30号", "国办公开办函202130号"), ("2024年3月1日", "2024 3 1 日")):
            html, text = html.replace(good, bad), text.replace(good, bad)
    return html, text


def open_dialog(window):
    page = window.editor.go_to_step("export")
    page.compare_button.click()
    assert page.compare_dialog.isVisible()
    return page.compare_dialog


def items(dialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def click(dialog, text_part: str) -> None:
    row = next(i for i, t in enumerate(items(dialog)) if text_part in t)
    dialog.list.itemClicked.emit(dialog.list.item(row))


def test_an_identical_copy_reads_as_identical(window):
    dialog = open_dialog(window)
    dialog.pasted.setPlainText(published(window)[1])
    dialog.text_button.click()
    assert "已发布的版本与本报告一致" in dialog.summary.text() and items(dialog) == []


def test_differences_are_listed_and_a_click_goes_to_the_cell_or_the_text(window):
    window.doc.set_text("other.body", TYPED)
    ref = cell("applications", "new_received", "natural")
    right = window.doc.report.cell_text(ref) or "0"
    wrong = str(int(right) + 7)
    dialog = open_dialog(window)
    dialog.compare_text(published(window, wrong, damage_text=True)[1])
    listed = items(dialog)
    assert "有4处不同" in dialog.summary.text()
    assert f"表三“一、本年新收／自然人”已发布为 {wrong}，应为 {right}" in listed
    assert listed[1].startswith("表三“一、本年新收／总计”已发布为")  # the published total was summed with it
    assert "文号“国办公开办函〔2021〕30号”在已发布版本中成了“国办公开办函202130号”（“〔”“〕”丢失）" in listed
    assert "日期“2024年3月1日”在已发布版本中成了“2024 3 1 日”（“年”“月”丢失）" in listed

    click(dialog, "一、本年新收")
    assert window.editor.current_step() == "applications"
    page = window.current_page()
    assert page.model.ref_at(page.view.currentIndex()) == ref
    click(dialog, "文号")
    assert window.editor.current_step() == "other"


def test_a_saved_page_chosen_as_a_file(window, dialogs, tmp_path):
    saved = tmp_path / "已发布 网页" / "年报.html"
    saved.parent.mkdir()
    saved.write_text(published(window, "999")[0], encoding="utf-8")
    dialog = open_dialog(window)
    dialogs.paths.append(str(saved))
    dialog.file_button.click()
    assert "已发布为 999" in " ".join(items(dialog)) and "年报.html" in dialog.summary.text()


def test_something_that_is_not_a_report_says_so(window, tmp_path):
    dialog = open_dialog(window)
    dialog.compare_text("今天天气很好。")
    assert dialog.summary.text().startswith("无法读取已发布的版本：") and items(dialog) == []
    picture = tmp_path / "截图.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    dialog.compare_file(picture)
    assert "图片" in dialog.summary.text()
