"""Importing PDFs: one made from a report exported to Word (the published shape), and PDFs to refuse.

The real published PDFs are in test_import_realworld.py.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdf
import pytest

from app import storage
from app.formatdef import load_format
from app.importing import ReportImportError, import_bytes, import_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
FMT = load_format()


def test_pdf_of_an_exported_report_imports_text_and_numbers(tmp_path):
    pytest.importorskip("app.export.word", reason="the Word exporter (app.export.word) is not there yet")
    pdf_convert = pytest.importorskip("app.export.pdf_convert", reason="app.export.pdf_convert is not there")
    if pdf_convert.soffice_path() is None and not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: no PDF can be made here")
    from app.export.word import export_docx

    report = storage.load(FIXTURES / "sample-2023.nianbao")
    docx_path = tmp_path / "用户" / "示例区 2023.docx"
    docx_path.parent.mkdir()
    export_docx(report, docx_path)
    pdf = pdf_convert.convert_to_pdf(docx_path)
    result = import_file(pdf)
    got = result.report
    assert result.source_kind == "PDF"
    assert got.body.name == report.body.name and got.year == report.year
    assert got.body.signature == report.body.signature and got.body.date == report.body.date
    assert got.texts == report.texts
    assert {ref: got.value(ref) for ref in FMT.all_cells()} == {ref: report.value(ref) for ref in FMT.all_cells()}
    assert result.unread == {}


def _pdf(writer: pypdf.PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_scanned_pdf_without_text_layer():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    with pytest.raises(ReportImportError, match="没有文字层"):
        import_bytes(_pdf(writer), "扫描件.pdf")


def test_pdf_with_an_open_password():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret", algorithm="RC4-128")
    with pytest.raises(ReportImportError, match="已加密"):
        import_bytes(_pdf(writer), "加密.pdf")


def test_broken_pdf():
    with pytest.raises(ReportImportError, match="PDF 文件已损坏"):
        import_bytes(b"%PDF-1.4\n1 0 obj garbage" + bytes(100), "坏.pdf")


def test_pdf_restricted_only_by_an_owner_password_still_imports():
    realworld = Path(__file__).resolve().parents[2] / "shared" / "realworld" / "08_huaian_2024.pdf"
    if not realworld.is_file():
        pytest.skip(f"real published reports not found at {realworld.parent}")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(realworld))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")  # copy/print restrictions, no open password
    result = import_bytes(_pdf(writer), "受限.pdf")
    assert result.report.title() == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert len(result.report.cells) == 200
