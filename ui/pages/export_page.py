"""Step 检查与导出: the findings first, then Word (and PDF) export, asking before exporting errors; the website
version (导出网页版, 复制网页版 as HTML and plain text), 导出全部 into one folder, and 核对已发布版本.

Word and PDF go through the main window (``exportRequested``); the other actions live here and use the window's
dialogs (``ask_save_path``, ``ask_question``, ``show_error``) when the page is in one, as the tests answer them there.

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

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import oserrors
from app.checks import has_errors, severity_counts
from app.report import Report

from ..dialogs import file_dialogs
from ..document import ReportDocument
from ..palette import STATE_COLORS
from ..panels.deadline_line import DeadlineLine
from ..panels.indicators_panel import IndicatorsPanel
from ..panels.selfcheck_panel import SelfCheckPanel
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
                                   lambda docx, pdf, cancelled: self.convert(docx, pdf, cancelled))
        self.preview.stateChanged.connect(self._preview_state)
        self.preview.pagesReady.connect(self._scroll_to_preview)
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
        self.summary.setText(f"{head}<br>报告标题：{self.doc.report.title()}")

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
        job.deleteLater()
        self.fonts_line.setText(answer.message())

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
                      on_error: Callable[[str], None], on_done: Callable[[], None]) -> None:
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
            self.show_result(target, warnings)
            on_done()
        finally:
            shutil.rmtree(job.docx.parent, ignore_errors=True)
            job.deleteLater()

    # --- the website version, 导出全部, the check after publication ------------------------------------

    def export_html(self) -> bool:
        from app.export.html import export_html as write_html
        from app.export.word import ExportError

        if not _errors_confirmed(self):
            return False
        host = _host(self)
        ask = host.ask_save_path if host is not None else (
            lambda title, name, filter_, purpose: file_dialogs.save_file(self, title, name, filter_, purpose))
        path = ask("导出网页版", _suggested(self, ".html"), "网页 (*.html)", "export")
        if not path:
            return False
        path = Path(path if path.lower().endswith((".html", ".htm")) else path + ".html")
        try:
            warnings = write_html(self.doc.report, path)
        except ExportError as e:
            _show_error(self, "导出失败", str(e))
            return False
        self.show_result(path, warnings)
        return True

    def copy_html(self) -> None:
        """The website version on the clipboard as HTML (a CMS editor keeps its tables) and as plain text."""
        from app.export.html import website_html

        html, text, warnings = website_html(self.doc.report, fragment=True)
        mime = QMimeData()
        mime.setHtml(html)
        mime.setText(text)
        QApplication.clipboard().setMimeData(mime)
        lines = ["已复制网页版：在网站编辑器中粘贴即可（表格和格式保留；只收纯文字的地方粘贴的是文字）。"]
        self.result.setText("<br>".join(lines + [f"注意：{w}" for w in warnings]))

    def export_all(self, folder: str | None = None) -> bool:
        """One folder named after the report, with the .docx, the HTML, the .xlsx and (with LibreOffice) the PDF."""
        from app.export.html import export_html as write_html
        from app.export.pdf_convert import soffice_path
        from app.export.word import ExportError, export_docx
        from app.export.xlsx import export_xlsx

        if not _errors_confirmed(self):
            return False
        folder = folder or self.ask_folder()
        if not folder:
            return False
        stem = Path(_suggested(self, ".docx")).stem
        target = Path(folder) / stem
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            _show_error(self, "导出失败", f"无法新建文件夹“{target}”：{oserrors.describe(e)}")
            return False
        report, page_numbers = self.doc.report, self.page_numbers.currentData()
        writers = [(".docx", lambda p: export_docx(report, p, page_numbers=page_numbers)),
                   (".html", lambda p: write_html(report, p)), (".xlsx", lambda p: export_xlsx(report, p))]
        written, warnings = [], []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for suffix, write in writers:
                path = target / f"{stem}{suffix}"
                warnings += [w for w in write(path) if w not in warnings]
                written.append(path)
        except ExportError as e:
            _show_error(self, "导出失败", str(e))
            return False
        finally:
            QApplication.restoreOverrideCursor()

        def show(pdf: Path | None, note: str = "") -> None:
            files = written + ([pdf] if pdf else [])
            lines = [f"已导出到文件夹：<a href='{target.as_uri()}'>{target}</a>"] + [f"　{p.name}" for p in files]
            self.result.setText("<br>".join(lines + ([f"注意：{note}"] if note else []) +
                                            [f"注意：{w}" for w in warnings]))

        if soffice_path() is None:
            show(None, "未安装 LibreOffice，没有生成 PDF（可在 Word/WPS 中打开导出的文档，另存为 PDF）")
            return True
        pdf = target / f"{stem}.pdf"
        self.start_pdf(report, pdf, page_numbers, on_error=lambda text: show(None, f"未能生成 PDF：{text}"),
                       on_done=lambda: show(pdf))
        show(None, "正在生成 PDF…")
        return True

    def ask_folder(self) -> str | None:
        host = _host(self)
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

    def jump_to(self, finding) -> None:
        """The report editor holding this page goes to the finding's place (ReportEditor.jump_to)."""
        widget = self.parent()
        while widget is not None and not hasattr(widget, "jump_to"):
            widget = widget.parent()
        if widget is not None:
            widget.jump_to(finding)


def _host(page: ExportPage):
    """The main window when the page is in one (its dialogs are the ones tests answer), else None."""
    window = page.window()
    return window if hasattr(window, "ask_save_path") else None


def _ask_question(page: ExportPage, title: str, text: str, buttons, default):
    host = _host(page)
    if host is not None:
        return host.ask_question(title, text, buttons, default)
    return QMessageBox.question(page, title, text, buttons, default)


def _show_error(page: ExportPage, title: str, text: str) -> None:
    host = _host(page)
    if host is not None:
        host.show_error(title, text)
    else:
        QMessageBox.warning(page, title, text)


def _ask_open_path(page: ExportPage, title: str, filter_: str, purpose: str) -> str | None:
    host = _host(page)
    if host is not None:
        return host.ask_open_path(title, filter_, purpose)
    return file_dialogs.open_file(page, title, filter_, purpose)


def _suggested(page: ExportPage, suffix: str) -> str:
    host = _host(page)
    if host is not None and hasattr(host, "suggested_name"):
        return host.suggested_name(suffix, "export")
    return str(Path.home() / f"年报{suffix}")


def _errors_confirmed(page: ExportPage) -> bool:
    """As for Word: a report with errors is exported only when the officer says so."""
    if not has_errors(page.doc.findings()):
        return True
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    text = "检查发现报告中还有错误（如表格不平衡）。仍要导出吗？"
    return _ask_question(page, "报告还有错误", text, yes | no, no) == yes
