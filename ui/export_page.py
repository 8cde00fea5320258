"""Step 检查与导出: the findings first, then Word (and PDF) export, asking before exporting errors.

PDF goes through LibreOffice, which takes seconds. It runs on a worker thread (``PdfJob``) while the page
shows "正在生成PDF…" with a cancel button, so the window keeps painting and answering. A Python thread
rather than a QProcess: the conversion is more than starting soffice (private profile, font map, an ASCII
copy of the file) and lives, Qt-free and shared with the command line, in app/export/pdf_convert.py. A daemon
thread rather than a QThread: the window can close while LibreOffice still runs without Qt aborting on a
running QThread's destruction. The PDF is made in a temporary folder and moved to the officer's file on
the GUI thread only if the job was not cancelled.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.checks import severity_counts
from app.report import Report

from .document import ReportDocument
from .palette import STATE_COLORS


def _libreoffice(docx: Path, pdf: Path, cancelled: threading.Event) -> None:
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


class ExportPage(QWidget):
    exportRequested = Signal(str, str)  # kind ("docx" or "pdf"), page-number mode

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>检查与导出</h2>"))
        self.summary = QLabel()
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        options = QHBoxLayout()
        options.addWidget(QLabel("页码："))
        self.page_numbers = QComboBox()
        self.page_numbers.addItem("按公文格式（单页居右、双页居左）", "odd_even")
        self.page_numbers.addItem("居中", "center")
        options.addWidget(self.page_numbers)
        options.addStretch(1)
        layout.addLayout(options)
        buttons = QHBoxLayout()
        self.docx_button = QPushButton("导出 Word 文档…")
        self.docx_button.setObjectName("exportDocx")
        self.docx_button.clicked.connect(lambda: self.exportRequested.emit("docx", self.page_numbers.currentData()))
        self.pdf_button = QPushButton("导出 PDF…")
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.clicked.connect(lambda: self.exportRequested.emit("pdf", self.page_numbers.currentData()))
        buttons.addWidget(self.docx_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.busy = QWidget()
        busy = QHBoxLayout(self.busy)
        busy.setContentsMargins(0, 0, 0, 0)
        busy.addWidget(QLabel("正在生成PDF…"))
        bar = QProgressBar()
        bar.setRange(0, 0)  # no percentage from LibreOffice: a moving bar says it is working
        bar.setMaximumWidth(240)
        busy.addWidget(bar)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setObjectName("cancelPdf")
        self.cancel_button.clicked.connect(self.cancel_pdf)
        busy.addWidget(self.cancel_button)
        busy.addStretch(1)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.job: PdfJob | None = None
        self.convert = _libreoffice  # tests put a fake converter here or in app.export.pdf_convert
        self.result = QLabel()
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.result.setOpenExternalLinks(True)
        layout.addWidget(self.result)
        checklist = QLabel(
            "发布前请确认：<br>"
            "1. 上方没有“错误”；“警告”已逐条核对。<br>"
            "2. 在政府网站“政府信息公开工作年度报告”栏目发布，各平台只保留同一个版本。<br>"
            "3. 部门须于每年1月31日前、县级以上人民政府须于3月31日前向社会公布（条例第四十九条），以本地要求为准。")
        checklist.setWordWrap(True)
        checklist.setStyleSheet("color:#444;background:#fafafa;border:1px solid #ddd;padding:8px;")
        layout.addWidget(checklist)
        layout.addStretch(1)
        doc.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        findings = self.doc.findings()
        counts = severity_counts(findings)
        if counts["error"]:
            head = (f"<b style='color:{STATE_COLORS['error']}'>还有{counts['error']}个错误</b>，"
                    "导出前请先在下方问题列表中逐条修正（点击问题可跳到对应位置）。")
        elif counts["warning"]:
            head = (f"<b style='color:{STATE_COLORS['warning']}'>没有错误，有{counts['warning']}个警告</b>，"
                    "请逐条核对后再导出。")
        else:
            head = f"<b style='color:{STATE_COLORS['done']}'>检查通过</b>，可以导出。"
        self.summary.setText(f"{head}<br>报告标题：{self.doc.report.title()}")

    def show_result(self, path: Path, warnings: list[str]) -> None:
        lines = [f"已导出：<a href='{path.as_uri()}'>{path}</a>"] + [f"注意：{w}" for w in warnings]
        self.result.setText("<br>".join(lines))

    # --- PDF on a worker thread ------------------------------------------------------------------------

    def start_pdf(self, report: Report, target: Path, page_numbers: str,
                  on_error: Callable[[str], None], on_done: Callable[[], None]) -> bool:
        """Write the Word file now (raises ExportError/OSError as export_docx does), then convert it to
        ``target`` in the background. True when the conversion started."""
        from app.export.word import export_docx

        work = Path(tempfile.mkdtemp(prefix="nianbao-export-"))
        try:
            warnings = export_docx(report, work / "report.docx", page_numbers=page_numbers)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        self.cancel_pdf()
        job = PdfJob(work / "report.docx", self.convert, self)
        job.finished.connect(lambda error: self._pdf_finished(job, target, warnings, error, on_error, on_done))
        self.job = job
        self._set_busy(True)
        self.result.setText("")
        job.start()
        return True

    def cancel_pdf(self) -> None:
        """Stop waiting for the PDF: the window is free at once, the officer's file is never written."""
        if self.job is None:
            return
        self.job.cancelled.set()
        self.job = None
        self._set_busy(False)
        self.result.setText("已取消生成 PDF。")

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.docx_button.setEnabled(not busy)
        self.pdf_button.setEnabled(not busy)

    def _pdf_finished(self, job: PdfJob, target: Path, warnings: list[str], error: str,
                      on_error: Callable[[str], None], on_done: Callable[[], None]) -> None:
        try:
            if job.cancelled.is_set() or job is not self.job:
                return
            self.job = None
            self._set_busy(False)
            if not error:
                error = _move_into_place(job.pdf, target)
            if error:
                self.result.setText("未能生成 PDF。")
                on_error(error)
                return
            self.show_result(target, warnings)
            on_done()
        finally:
            shutil.rmtree(job.docx.parent, ignore_errors=True)
            job.deleteLater()


def _move_into_place(pdf: Path, target: Path) -> str:
    """Copy the finished PDF over ``target`` atomically; "" or the officer's message."""
    from app.export.pdf_convert import PdfConversionError, move_into_place

    try:
        move_into_place(pdf, target)
    except PdfConversionError as e:
        return str(e)
    return ""
