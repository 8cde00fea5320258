"""The 检查与导出 step: exporting from the app, asking first when the report has errors."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtWidgets import QMessageBox

from .conftest import cell

pytest.importorskip("app.export.word")


def test_export_word_from_the_app(window, dialogs, tmp_path):
    out = tmp_path / "导出" / "天山乡 年报.docx"
    out.parent.mkdir()
    dialogs.paths.append(str(out))
    page = window.editor.go_to_step("export")
    page.docx_button.click()
    assert out.exists()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "一、总体情况" in text and "六、其他需要报告的事项" in text
    assert str(out) in page.result.text()
    assert dialogs.questions == []  # no errors: nothing to confirm


def test_export_with_errors_asks_first(window, dialogs, tmp_path):
    window.doc.set_cell(cell("applications", "carry_next", "natural"), "3")
    page = window.editor.go_to_step("export")
    assert "还有1个错误" in page.summary.text()
    out = tmp_path / "a.docx"
    dialogs.answers.append(QMessageBox.StandardButton.No)
    dialogs.paths.append(str(out))
    assert not window.export("docx")
    assert "还有错误" in dialogs.questions[0] and not out.exists()


def test_pdf_without_libreoffice_says_so(window, dialogs, tmp_path, monkeypatch):
    import app.export.pdf_convert as pdf_convert

    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: None)
    dialogs.paths.append(str(tmp_path / "a.pdf"))
    assert not window.export("pdf")
    assert dialogs.errors and "LibreOffice" in dialogs.errors[0]
    assert not (tmp_path / "a.pdf").exists()


def test_body_names_that_are_not_file_names_still_export(window, dialogs, tmp_path, monkeypatch):
    window.doc.set_body_field("name", 'A/B:区*政府?"<>|')
    suggested = []
    out = tmp_path / "ok.docx"

    def ask_save_path(title, name, filter_=None, purpose=None):
        suggested.append(name)
        return str(out)

    monkeypatch.setattr(window, "ask_save_path", ask_save_path)
    assert window.export("docx")
    name = suggested[0].rsplit("/", 1)[-1]
    assert name.endswith("年政府信息公开工作年度报告.docx")
    assert not set('/\\:*?"<>|') & set(name)
    assert out.exists()


# --- the website version and 导出全部 ------------------------------------------------------------------

def test_export_the_website_version_from_the_app(window, dialogs, tmp_path):
    out = tmp_path / "网站 发布" / "天山乡 年报"
    out.parent.mkdir()
    dialogs.paths.append(str(out))
    page = window.editor.go_to_step("export")
    page.html_button.click()
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "<title>天山乡人民政府2024年政府信息公开工作年度报告</title>" in html and html.count("<table") == 3
    assert str(out.with_suffix(".html")) in page.result.text()


def test_copy_the_website_version_as_html_and_text(window, qtbot):
    from PySide6.QtWidgets import QApplication

    window.doc.set_body_field("name", "某某局<script>alert(1)</script>")
    page = window.editor.go_to_step("export")
    page.copy_button.click()
    mime = QApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    html, text = mime.html(), mime.text()
    assert html.count("<table") == 3 and "rowspan=" in html and "colspan=" in html
    assert "<script>" not in html and "某某局&lt;script&gt;alert(1)&lt;/script&gt;2024年" in html
    assert text.startswith("某某局<script>alert(1)</script>2024年政府信息公开工作年度报告\n")
    assert "\t" in text and "<td" not in text
    assert "已复制网页版" in page.result.text()


def test_export_all_without_libreoffice(window, dialogs, tmp_path, monkeypatch):
    import app.export.pdf_convert as pdf_convert

    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: None)
    page = window.editor.go_to_step("export")
    monkeypatch.setattr(page, "ask_folder", lambda: str(tmp_path / "导出 全部"))
    page.all_button.click()
    folder = tmp_path / "导出 全部" / "天山乡人民政府2024年政府信息公开工作年度报告"
    names = sorted(p.name for p in folder.iterdir())
    stem = folder.name
    assert names == sorted(f"{stem}{s}" for s in (".docx", ".html", ".xlsx", "（一图读懂）.png"))
    assert "未安装 LibreOffice，没有生成 PDF" in page.result.text() and f"{stem}.xlsx" in page.result.text()
    assert dialogs.errors == []


def test_export_all_makes_the_pdf_off_the_gui_thread(window, dialogs, tmp_path, monkeypatch, qtbot):
    import app.export.pdf_convert as pdf_convert

    def convert(docx, pdf=None, timeout=120, cancel=None):
        assert docx.name == "report.docx"  # the page's own temporary Word file, not the officer's
        pdf.write_bytes(b"%PDF-1.4 fake")
        return pdf

    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_convert, "convert_to_pdf", convert)
    page = window.editor.go_to_step("export")
    page.export_all(str(tmp_path))
    folder = tmp_path / "天山乡人民政府2024年政府信息公开工作年度报告"
    pdf = folder / f"{folder.name}.pdf"
    qtbot.waitUntil(lambda: pdf.exists() and page.job is None)
    assert f"{folder.name}.pdf" in page.result.text() and f"{folder.name}.docx" in page.result.text()
    assert len(list(folder.iterdir())) == 5


def test_export_all_with_errors_asks_first(window, dialogs, tmp_path, monkeypatch):
    window.doc.set_cell(cell("applications", "carry_next", "natural"), "3")
    page = window.editor.go_to_step("export")
    dialogs.answers.append(QMessageBox.StandardButton.No)
    out = tmp_path / "导出"
    assert not page.export_all(str(out))
    assert "还有错误" in dialogs.questions[0] and not out.exists()


def test_the_export_page_sums_up_and_a_failed_criterion_jumps_to_its_place(window, qtbot):
    page = window.editor.go_to_step("export")
    assert page.deadline.isVisibleTo(page) and page.indicators.rowCount() >= 7
    window.doc.set_text("overall.application", "本年新收政府信息公开申请8件。")  # 表三 says otherwise
    titles = [page.selfcheck.item(r, 1).text() for r in range(page.selfcheck.rowCount())]
    row = titles.index("正文数字与表格一致")
    assert page.selfcheck.item(row, 0).text() == "✗"
    page.selfcheck.cellClicked.emit(row, 1)
    assert window.editor.current_step() == "overall"


# --- unfinished text goes out only as a 征求意见稿; one question per batch (issue 23, item 2) -----------------

PHONE = "（请填写：电话）"


def _with_placeholder(window):
    window.doc.set_text("other.body", f"如对本报告有疑问，请联系：{PHONE}。")


def test_word_export_with_a_placeholder_offers_only_the_draft(window, dialogs, tmp_path):
    _with_placeholder(window)
    out = tmp_path / "征求 意见.docx"
    dialogs.answers.append(QMessageBox.StandardButton.Yes)  # 导出征求意见稿
    dialogs.paths.append(str(out))
    page = window.editor.go_to_step("export")
    page.docx_button.click()
    assert len(dialogs.questions) == 1
    title, text = dialogs.questions[0].split("：", 1)
    assert title == "报告还有未填写的内容"
    assert text.startswith(f"报告中还有1处未填写的内容（六：“{PHONE}”）。") and "导出“征求意见稿”" in text
    document = docx.Document(str(out))
    assert [p.text for p in document.sections[0].header.paragraphs] == ["征求意见稿"]
    assert "已导出征求意见稿" in page.result.text()


def test_the_question_buttons_say_what_they_do():
    from ui.window.main_window import BUTTON_TEXTS

    yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
    assert BUTTON_TEXTS["报告还有未填写的内容"] == {yes: "导出征求意见稿", cancel: "取消"}
    assert BUTTON_TEXTS["报告还有错误"] == {yes: "仍然导出", cancel: "取消"}


def test_cancelling_the_question_writes_nothing(window, dialogs, tmp_path):
    _with_placeholder(window)
    out = tmp_path / "a.docx"
    dialogs.answers.append(QMessageBox.StandardButton.Cancel)
    dialogs.paths.append(str(out))
    assert not window.export("docx")
    assert not out.exists() and dialogs.file_dialogs == []  # asked before the file name


def test_copy_the_website_version_asks_too(window, dialogs):
    from PySide6.QtWidgets import QApplication

    _with_placeholder(window)
    QApplication.clipboard().setText("之前的内容")
    page = window.editor.go_to_step("export")
    dialogs.answers.append(QMessageBox.StandardButton.Cancel)
    page.copy_button.click()
    assert QApplication.clipboard().text() == "之前的内容" and "未填写的内容" in dialogs.questions[0]
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.copy_button.click()
    mime = QApplication.clipboard().mimeData()
    assert ">征求意见稿</p>" in mime.html() and mime.text().startswith("征求意见稿\n")
    assert "已复制征求意见稿" in page.result.text()


def test_export_all_asks_once_for_its_five_files(window, dialogs, tmp_path, monkeypatch):
    import app.export.pdf_convert as pdf_convert

    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: None)
    _with_placeholder(window)
    window.doc.set_cell(cell("applications", "carry_next", "natural"), "3")
    page = window.editor.go_to_step("export")
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    assert page.export_all(str(tmp_path))
    assert len(dialogs.questions) == 1
    assert "1处未填写的内容" in dialogs.questions[0] and "表三有" in dialogs.questions[0]
    folder = tmp_path / "天山乡人民政府2024年政府信息公开工作年度报告（征求意见稿）"
    html = folder / f"{folder.name}.html"
    assert ">征求意见稿</p>" in html.read_text(encoding="utf-8")
    assert docx.Document(str(folder / f"{folder.name}.docx")).sections[0].header.paragraphs[0].text == "征求意见稿"
    assert (folder / f"{folder.name}（一图读懂）.png").read_bytes().startswith(b"\x89PNG")


def test_the_picture_is_exported_from_the_page_and_the_file_menu(window, dialogs, tmp_path):
    from PIL import Image

    page = window.editor.go_to_step("export")
    dialogs.paths.append(str(tmp_path / "图解"))  # no suffix typed: PNG, the first of the filter
    page.picture_button.click()
    png = tmp_path / "图解.png"
    assert Image.open(png).size[0] == 1080 and str(png) in page.result.text()
    menu = next(a for a in window.menuBar().actions() if a.text().startswith("文件")).menu()
    action = next(a for a in menu.actions() if a.text() == "导出图解（一图读懂）…")
    dialogs.paths.append(str(tmp_path / "图解.svg"))  # SVG chosen: kept as typed
    action.trigger()
    svg = (tmp_path / "图解.svg").read_text(encoding="utf-8")
    assert "一图读懂" in svg and "天山乡人民政府" in svg and "征求意见稿" not in svg
    assert dialogs.errors == [] and not (tmp_path / "图解.svg.png").exists()


def test_a_picture_of_an_unfinished_report_is_a_draft_in_its_title(window, dialogs, tmp_path):
    _with_placeholder(window)
    page = window.editor.go_to_step("export")
    dialogs.answers.append(QMessageBox.StandardButton.Yes)  # 导出征求意见稿
    dialogs.paths.append(str(tmp_path / "图解.svg"))
    assert page.export_picture()
    svg = (tmp_path / "图解.svg").read_text(encoding="utf-8")
    assert "政府信息公开工作年度报告（征求意见稿）" in svg and "请填写" not in svg
    assert "1处未填写的内容" in dialogs.questions[0]


def test_the_export_page_draws_the_indicators_year_by_year(window):
    page = window.editor.go_to_step("export")
    texts = page.charts.texts()
    assert "新收申请" in texts and "2024年" in texts


def test_table_errors_alone_ask_to_export_anyway(window, dialogs, tmp_path):
    window.doc.set_cell(cell("applications", "carry_next", "natural"), "3")
    out = tmp_path / "a.docx"
    dialogs.answers.append(QMessageBox.StandardButton.Yes)  # 仍然导出
    dialogs.paths.append(str(out))
    assert window.export("docx")
    assert dialogs.questions[0].startswith("报告还有错误：报告中表三有")
    assert all("征求意见稿" not in p.text for p in docx.Document(str(out)).sections[0].header.paragraphs)


# --- the workbook on its own, and every export in the 文件 menu (issue 23, item 15) --------------------------

def test_export_the_tables_as_a_workbook(window, dialogs, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "表格 2024"
    dialogs.paths.append(str(out))
    page = window.editor.go_to_step("export")
    page.xlsx_button.click()
    book = load_workbook(out.with_suffix(".xlsx"))
    assert {"表二", "表三", "表四"} <= set(book.sheetnames)
    assert str(out.with_suffix(".xlsx")) in page.result.text() and dialogs.file_dialogs == ["导出表格"]


def test_the_file_menu_holds_every_export(window, dialogs, tmp_path):
    file_menu = window.menuBar().actions()[0].menu()
    file_menu.aboutToShow.emit()
    texts = [a.text() for a in file_menu.actions()]
    for text in ("导出 Word 文档…", "导出 PDF…", "导出网页版…", "导出表格（xlsx）…", "导出全部…"):
        assert text in texts
    by_text = {a.text(): a for a in file_menu.actions()}
    assert all(by_text[t].isEnabled() for t in ("导出网页版…", "导出表格（xlsx）…"))
    dialogs.paths += [str(tmp_path / "表格.xlsx"), str(tmp_path / "网页.html")]
    by_text["导出表格（xlsx）…"].trigger()
    by_text["导出网页版…"].trigger()
    assert (tmp_path / "表格.xlsx").is_file() and (tmp_path / "网页.html").is_file()


def test_the_export_page_says_only_a_draft_can_be_exported_yet(window):
    page = window.editor.go_to_step("export")
    assert "征求意见稿" not in page.summary.text()
    _with_placeholder(window)
    assert "还有1处未填写的内容，现在只能导出“征求意见稿”" in page.summary.text()
