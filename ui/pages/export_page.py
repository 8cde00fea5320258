"""Step 检查与导出: the findings first, then Word (and PDF) export, asking before exporting errors; the website
version (导出网页版, 复制网页版 as HTML and plain text), 导出全部 into one folder, and 核对已发布版本.

Every export (Word, PDF, 网页版, 复制网页版, 表格, 导出全部) is in ui/pages/exporting.py and asks its one question
first; Word and PDF come there through the main window (``exportRequested`` → ``MainWindow.export``), as the
文件 menu's do.

PDF goes through LibreOffice, which takes seconds. It runs on a worker thread (``PdfJob``) while the page
shows "正在生成PDF…" with a cancel button, so the window keeps painting and answering. A Python thread
rather than a QProcess: the conversion is more than starting soffice (private profile, font map, an ASCII
copy of the file) and lives, Qt-free and shared with the command line, in app/export/pdf_convert.py. A daemon
thread rather than a QThread: the window can close while LibreOffice still runs without Qt aborting on a
running QThread's destruction. The PDF is made in a temporary folder and moved to the officer's file on
the GUI thread only if the job was not cancelled.

预览打印效果 shows the pages the PDF will have (ui/pages/preview.py, the same worker pattern). Under the buttons a line
says which official fonts this machine lacks and what the PDF draws instead (app/export/fonts.py); it is asked
on a worker thread each time the page is shown, since fontconfig may first have to build its cache.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.checks import severity_counts
from app.export.publishing import is_unfinished
from app.report import Report

from ..dialogs import file_dialogs
from ..document import ReportDocument
from ..palette import STATE_COLORS
from ..panels.charts_panel import ChartsPanel
from ..panels.deadline_line import DeadlineLine
from ..panels.indicators_panel import IndicatorsPanel
from ..panels.selfcheck_panel import SelfCheckPanel
from . import exporting
from .jobs import FontsJob, PdfJob, libreoffice, move_into_place
from .preview import PreviewPane

FONTS_TOOLTIP = ("Word 文档中写的仍是公文字体的名称，在装有这些字体的电脑上打开即按原字体显示；"
                 "PDF 在本机生成，缺少的字体以所列字体代替并嵌入 PDF。"
                 "如需与正式印发的公文一致，请安装缺少的字体后再生成 PDF。")


class ExportPage(QWidget):
    exportRequested = Signal(str, str)  # kind ("docx" or "pdf"), page-number mode

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        # the page scrolls as a whole: on a 1000×600 laptop window the self-check and the indicators do not fit
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        self.scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(inner)
        layout.addWidget(QLabel("<h2>检查与导出</h2>"))
        self.summary = QLabel()
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.deadline = DeadlineLine(doc)
        layout.addWidget(self.deadline)
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
        self.html_button = self._button(buttons, "导出网页版…", "exportHtml", self.export_html)
        self.xlsx_button = self._button(buttons, "导出表格…", "exportXlsx", self.export_xlsx)
        self.picture_button = self._button(buttons, "导出图解…", "exportPicture", self.export_picture)
        self.picture_button.setToolTip("“一图读懂”长图（PNG 或 SVG）：主要数字与上年对比、存在问题和改进措施，"
                                       "数字与报告表格一致，供网站与报告一同发布")
        self.all_button = self._button(buttons, "导出全部…", "exportAll", self.export_all)
        self.preview_button = self._button(buttons, "预览打印效果", "previewPages", self.start_preview)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.fonts_line = QLabel("正在检查本机字体…")
        self.fonts_line.setObjectName("fontsLine")
        self.fonts_line.setWordWrap(True)
        self.fonts_line.setStyleSheet("color:#555;")
        self.fonts_line.setToolTip(FONTS_TOOLTIP)
        layout.addWidget(self.fonts_line)
        self.fonts_job: FontsJob | None = None
        self.fonts_answer = None  # the last fonts check (fonts.FontCheck), once it has come back
        web = QHBoxLayout()
        self.copy_button = self._button(web, "复制网页版", "copyHtml", self.copy_html)
        self.compare_button = self._button(web, "核对已发布版本…", "comparePublished", self.open_compare)
        hint = QLabel("在网站编辑器中粘贴网页版可保留表格；发布后请用“核对已发布版本”检查数字、文号和日期。")
        hint.setWordWrap(True)
        web.addWidget(hint, 1)
        layout.addLayout(web)
        self.compare_dialog = None
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
        self.convert = libreoffice  # tests put a fake converter here or in app.export.pdf_convert
        self.result = QLabel()
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.result.setOpenExternalLinks(True)
        layout.addWidget(self.result)
        # the converter is looked up at each call, so a test's fake in self.convert serves the preview too
        self.preview = PreviewPane(doc, lambda: self.page_numbers.currentData(),
                                   lambda docx, pdf, cancelled: self.convert(docx, pdf, cancelled),
                                   title_bold=self.title_bold)
        self.preview.stateChanged.connect(self._preview_state)
        self.preview.pagesReady.connect(self._scroll_to_preview)
        self.preview.partActivated.connect(self.go_to_step)
        layout.addWidget(self.preview)
        checklist = QLabel(
            "发布前请确认：<br>"
            "1. 上方没有“错误”；“警告”已逐条核对。<br>"
            "2. 在政府网站“政府信息公开工作年度报告”栏目发布，各平台只保留同一个版本。<br>"
            "3. 部门须于每年1月31日前、县级以上人民政府须于3月31日前向社会公布（条例第四十九条），以本地要求为准。")
        checklist.setWordWrap(True)
        checklist.setStyleSheet("color:#444;background:#fafafa;border:1px solid #ddd;padding:8px;")
        layout.addWidget(checklist)
        review = QHBoxLayout()
        self.selfcheck = SelfCheckPanel(doc)
        self.selfcheck.findingActivated.connect(self.jump_to)
        self.indicators = IndicatorsPanel(doc)
        review.addWidget(self._titled("按评估要点自查", self.selfcheck), 3, Qt.AlignmentFlag.AlignTop)
        review.addWidget(self._titled("主要指标（本年与上年）", self.indicators), 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(review)
        # the indicators year by year (and, in a 汇总, the units side by side): what the 一图读懂 draws from
        self.charts = ChartsPanel(doc)
        layout.addWidget(QLabel("<b>历年对比</b>"))
        layout.addWidget(self.charts)
        layout.addStretch(1)
        doc.findingsChanged.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _titled(title: str, widget: QAbstractScrollArea) -> QWidget:
        # as tall as its rows: the page scrolls, a table inside it should not scroll on its own as well
        widget.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(QLabel(f"<b>{title}</b>"))
        column.addWidget(widget)
        return box

    def _button(self, row: QHBoxLayout, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

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
        left = sum(1 for f in findings if is_unfinished(f))
        if left:  # said before the officer presses a button: the final version is not on offer yet
            head += (f"<br>报告中还有{left}处未填写的内容，现在只能导出“征求意见稿”（每页标明，未填写处突出显示）；"
                     "补写后即可导出正式版本。")
        self.summary.setText(f"{head}<br>报告标题：{html.escape(self.doc.report.title())}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():  # shown as a step, not the window coming back from the task bar
            self.check_fonts()

    def check_fonts(self) -> None:
        """Ask again which fonts are missing (an officer may have installed one since)."""
        if self.fonts_job is not None:
            return
        job = FontsJob(self)
        job.finished.connect(lambda answer: self._fonts_checked(job, answer))
        self.fonts_job = job
        job.start()

    def _fonts_checked(self, job: FontsJob, answer) -> None:
        self.fonts_job = None
        self.fonts_answer = answer
        job.deleteLater()
        self.fonts_line.setText(answer.message())

    def title_bold(self) -> bool:
        """The PDF and the preview draw the title bold when this machine lacks 方正小标宋 (word.build_document)."""
        from app.export.fonts import title_needs_bold

        return self.fonts_answer is not None and title_needs_bold(self.fonts_answer)

    def start_preview(self) -> bool:
        from app.export.word import ExportError

        try:
            return self.preview.start()
        except (ExportError, OSError) as e:
            _show_error(self, "无法预览", str(e))
            return False

    def _preview_state(self) -> None:
        self.preview_button.setEnabled(self.preview.job is None)
        self.preview_button.setText("刷新预览" if self.preview.pages else "预览打印效果")

    def _scroll_to_preview(self) -> None:
        # the pages sit below the buttons: bring them, from their 上一页/下一页 row, to the top of the view. The
        # layouts settle first (each level would on its own pass of the event loop), else the page has not
        # grown by the preview's height yet and the bar cannot reach it.
        for _level in range(4):  # pane, its viewer, the page's inner widget, the scroll area
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.scroll.verticalScrollBar().setValue(self.preview.mapTo(self.scroll.widget(), QPoint(0, 0)).y())

    def show_result(self, path: Path, warnings: list[str], draft: bool = False) -> None:
        done = "已导出征求意见稿" if draft else "已导出"
        lines = [f"{done}：<a href='{path.as_uri()}'>{path}</a>"] + [f"注意：{w}" for w in warnings]
        self.result.setText("<br>".join(lines))

    # --- PDF on a worker thread ------------------------------------------------------------------------

    def start_pdf(self, report: Report, target: Path, page_numbers: str,
                  on_error: Callable[[str], None], on_done: Callable[[], None], draft: bool = False) -> bool:
        """Write the Word file now (raises ExportError/OSError as export_docx does), then convert it to
        ``target`` in the background. True when the conversion started."""
        from app.export.word import export_docx

        work = Path(tempfile.mkdtemp(prefix="nianbao-export-"))
        try:
            warnings = export_docx(report, work / "report.docx", page_numbers=page_numbers, draft=draft,
                                   title_bold=self.title_bold())
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        self.cancel_pdf()
        job = PdfJob(work / "report.docx", self.convert, self)
        job.finished.connect(lambda error: self._pdf_finished(job, target, warnings, error, on_error, on_done, draft))
        self.job = job
        self._set_busy(True)
        self.result.setText("")
        job.start()
        return True

    def cancel_jobs(self) -> None:
        """The report is closing: stop LibreOffice for the PDF and for the preview alike."""
        self.cancel_pdf()
        self.preview.cancel(quiet=True)

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
        for button in (self.docx_button, self.pdf_button, self.all_button):
            button.setEnabled(not busy)

    def _pdf_finished(self, job: PdfJob, target: Path, warnings: list[str], error: str,
                      on_error: Callable[[str], None], on_done: Callable[[], None], draft: bool = False) -> None:
        try:
            if job.cancelled.is_set() or job is not self.job:
                return
            self.job = None
            self._set_busy(False)
            if not error:
                error = move_into_place(job.pdf, target)
            if error:
                self.result.setText("未能生成 PDF。")
                on_error(error)
                return
            self.show_result(target, warnings, draft)
            on_done()
        finally:
            shutil.rmtree(job.docx.parent, ignore_errors=True)
            job.deleteLater()

    # --- the website version, the workbook, 导出全部 (ui/pages/exporting.py), the check after publication ------

    def export_html(self) -> bool:
        return exporting.export_html(self)

    def export_xlsx(self) -> bool:
        return exporting.export_xlsx(self)

    def export_picture(self) -> bool:
        return exporting.export_picture(self)

    def copy_html(self) -> bool:
        return exporting.copy_html(self)

    def export_all(self, folder: str | None = None) -> bool:
        return exporting.export_all(self, folder)

    def export_document(self, kind: str, page_numbers: str | None = None) -> bool:
        """导出 Word 文档 / 导出 PDF (the buttons go through the window's ``export``, which comes here)."""
        return exporting.export_document(self, kind, page_numbers or self.page_numbers.currentData())

    def ask_folder(self) -> str | None:
        host = exporting.host(self)
        title = "导出全部：选择存放的文件夹（将在其中新建以报告命名的文件夹）"
        if host is not None:
            return host.ask_folder(title, "export_all")
        return file_dialogs.choose_folder(self, title, "export_all")

    def open_compare(self):
        """核对已发布版本: a dialog beside the editor; a click on a difference jumps to its cell or text."""
        from ..dialogs.compare_dialog import CompareDialog

        if self.compare_dialog is None:
            self.compare_dialog = CompareDialog(lambda: self.doc.report, lambda *a: _ask_open_path(self, *a), self)
            self.compare_dialog.differenceActivated.connect(self.jump_to)
        self.compare_dialog.show()
        self.compare_dialog.raise_()
        return self.compare_dialog

    def go_to_step(self, step: str) -> None:
        """The report editor holding this page shows the step (a part double-clicked in the preview)."""
        widget = self.parent()
        while widget is not None and not hasattr(widget, "go_to_step"):
            widget = widget.parent()
        if widget is not None:
            widget.go_to_step(step)

    def jump_to(self, finding) -> None:
        """The report editor holding this page goes to the finding's place (ReportEditor.jump_to)."""
        widget = self.parent()
        while widget is not None and not hasattr(widget, "jump_to"):
            widget = widget.parent()
        if widget is not None:
            widget.jump_to(finding)


def _show_error(page: ExportPage, title: str, text: str) -> None:
    exporting.show_error(page, title, text)


def _ask_open_path(page: ExportPage, title: str, filter_: str, purpose: str) -> str | None:
    return exporting.ask_open_path(page, title, filter_, purpose)
