"""Work the 检查与导出 page and its preview hand to a worker thread: LibreOffice's PDF and the fonts check.

A Python daemon thread rather than a QThread: the window can close while LibreOffice still runs without Qt
aborting on a running QThread's destruction. Each job reports back to the GUI thread through a signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal


def libreoffice(docx: Path, pdf: Path, cancelled: threading.Event) -> None:
    """The real converter; setting ``cancelled`` stops LibreOffice (within a fifth of a second)."""
    from app.export import pdf_convert

    pdf_convert.convert_to_pdf(docx, pdf, cancel=cancelled)


class PdfJob(QObject):
    """One conversion on a worker thread; the outcome comes back to the GUI thread as ``finished``."""

    finished = Signal(str)  # "" when the PDF was made, else the officer's message

    def __init__(self, docx: Path, convert: Callable[[Path, Path, threading.Event], None], parent=None):
        super().__init__(parent)
        self.docx = docx
        self.pdf = docx.with_suffix(".pdf")
        self.convert = convert
        self.cancelled = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._run, name="nianbao-pdf", daemon=True).start()

    def _run(self) -> None:
        from app.export.pdf_convert import PdfConversionError

        try:
            self.convert(self.docx, self.pdf, self.cancelled)
            error = ""
        except PdfConversionError as e:
            error = str(e)
        except Exception as e:  # a worker thread has no excepthook dialog: say it here
            error = f"生成 PDF 时出错：{e}"
        try:
            self.finished.emit(error)
        except RuntimeError:
            pass  # the page (and this job with it) is gone: nobody waits for the PDF


class FontsJob(QObject):
    """The fonts check (app/export/fonts.py) on a worker thread; its answer comes back as ``finished``."""

    finished = Signal(object)  # a fonts.FontCheck

    def start(self) -> None:
        threading.Thread(target=self._run, name="nianbao-fonts", daemon=True).start()

    def _run(self) -> None:
        from app.export import fonts

        try:
            answer = fonts.check_fonts()
        except Exception as e:  # check_fonts is meant never to raise; a worker thread has no excepthook dialog
            answer = fonts.FontCheck(False, reason=str(e))
        try:
            self.finished.emit(answer)
        except RuntimeError:
            pass  # the page is gone


def move_into_place(pdf: Path, target: Path) -> str:
    """Copy the finished PDF over ``target`` atomically; "" or the officer's message."""
    from app.export.pdf_convert import PdfConversionError, move_into_place

    try:
        move_into_place(pdf, target)
    except PdfConversionError as e:
        return str(e)
    return ""


# --- the window's dialogs, when the page is in one ----------------------------------------------------
