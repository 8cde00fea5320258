"""PDF export runs LibreOffice off the GUI thread (issue 13, defect 6): the window keeps running, a busy row
says "正在生成PDF…", and 取消 gives the window back at once without writing the officer's file."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

import app.export.pdf_convert as pdf_convert

pytest.importorskip("app.export.word")


class SlowConverter:
    """Stands in for LibreOffice: blocks until the test lets it finish."""

    def __init__(self, error: str | None = None):
        self.started = threading.Event()
        self.finish = threading.Event()
        self.docx: Path | None = None
        self.error = error

    def __call__(self, docx, pdf=None, timeout=120, cancel=None):
        self.docx = Path(docx)
        self.cancel = cancel
        self.started.set()
        self.finish.wait(60)  # a worker thread waiting for the test, never the GUI thread
        if cancel is not None and cancel.is_set():
            raise pdf_convert.PdfConversionCancelled()  # as the real one does once it has stopped soffice
        if self.error:
            raise pdf_convert.PdfConversionError(self.error)
        Path(pdf).write_bytes(b"%PDF-1.4 made by the fake converter")
        return Path(pdf)


@pytest.fixture
def slow(monkeypatch):
    converter = SlowConverter()
    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_convert, "convert_to_pdf", converter)
    yield converter
    converter.finish.set()


def _start(window, dialogs, target):
    dialogs.paths.append(str(target))
    page = window.editor.go_to_step("export")
    page.pdf_button.click()
    return page


def test_window_keeps_running_while_the_pdf_is_made(window, dialogs, qtbot, tmp_path, slow):
    target = tmp_path / "导出" / "天山乡 年报.pdf"
    target.parent.mkdir()
    page = _start(window, dialogs, target)
    assert slow.started.wait(30)
    assert page.busy.isVisible() and "正在生成PDF…" in " ".join(
        w.text() for w in page.busy.findChildren(type(page.result)))
    assert not page.pdf_button.isEnabled()
    ticks = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])  # the event loop runs while LibreOffice works
    window.doc.set_text("other.body", "导出期间继续编辑")  # and the officer can keep typing
    assert not target.exists()
    slow.finish.set()
    qtbot.waitUntil(lambda: not page.busy.isVisible())
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in page.result.text() and page.pdf_button.isEnabled()
    assert dialogs.errors == []


def test_cancel_gives_the_window_back_and_writes_nothing(window, dialogs, qtbot, tmp_path, slow):
    target = tmp_path / "a.pdf"
    page = _start(window, dialogs, target)
    assert slow.started.wait(30)
    page.cancel_button.click()
    assert not page.busy.isVisible() and page.pdf_button.isEnabled()
    assert "已取消" in page.result.text()
    assert slow.cancel is not None and slow.cancel.is_set()  # the converter is told to stop LibreOffice
    slow.finish.set()  # the converter finishes late: its PDF is thrown away with its temporary folder
    qtbot.waitUntil(lambda: not slow.docx.parent.exists())
    assert not target.exists()
    assert "已取消" in page.result.text() and dialogs.errors == []


def test_a_failed_conversion_is_explained(window, dialogs, qtbot, tmp_path, monkeypatch):
    converter = SlowConverter(error="LibreOffice 未能生成 PDF（返回码 1）")
    converter.finish.set()
    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_convert, "convert_to_pdf", converter)
    page = _start(window, dialogs, tmp_path / "a.pdf")
    qtbot.waitUntil(lambda: bool(dialogs.errors))
    assert "无法导出 PDF" in dialogs.errors[0] and "返回码 1" in dialogs.errors[0]
    assert not page.busy.isVisible() and not (tmp_path / "a.pdf").exists()


def test_closing_the_window_cancels_the_pdf(window, dialogs, qtbot, tmp_path, slow):
    page = _start(window, dialogs, tmp_path / "a.pdf")
    assert slow.started.wait(30)
    window.doc.undo_stack.setClean()
    assert window.close()
    assert page.job is None and "已取消" in page.result.text()
