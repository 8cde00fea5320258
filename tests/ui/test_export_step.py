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
