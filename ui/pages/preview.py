"""预览打印效果 on the 检查与导出 page: the pages as the PDF will print them, before anything is exported.

The pages come from the same path as the PDF (Word file → LibreOffice → PDF), so the preview shows what
the officer will publish: the fonts this machine substitutes, where pages break, the tables. WPS has no
headless conversion, and Word through COM automation is not used (it needs a running Word under the
officer's account and pywin32, neither of which the bundle can count on), so without LibreOffice the pane
says what to install.

The PDF's pages are drawn into images by pypdfium2 (PDFium, the engine inside Chrome and QtPdf): a 4 MB
wheel for every platform, where QtPdf is only in PySide6-Addons (a 175 MB wheel that would have to match
PySide6-Essentials' version exactly) and pdftoppm does not exist on Windows. See packaging/README.md.

Conversion and drawing run on a worker thread (``jobs.PdfJob``, the PDF export's pattern) with a
busy bar and 取消, so the window keeps answering; the images come back to the GUI thread when the job ends.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..document import ReportDocument

NO_CONVERTER = ("未安装 LibreOffice，无法预览打印效果。请安装 LibreOffice（免费软件；统信UOS、麒麟可在应用商店中安装，"
                "或运行 sudo apt install libreoffice-writer；Windows 请从 LibreOffice 官方网站下载安装），"
                "安装后再点“预览打印效果”。也可先导出 Word 文档，在 Word/WPS 中查看。")
RENDER_SCALE = 1.5  # pixels per PDF point: an A4 page is 893 × 1263, sharp enough when shown smaller
SHOW_WIDTH = 620  # the widest a page is shown, in device-independent pixels: the page scrolls as a whole


def part_pages(headings: list[str], page_texts: list[str]) -> list[tuple[str, int]]:
    """(heading, index of the page it is printed on) for each heading found, in the document's order: a heading
    is looked for from the page of the one before it, spaces and line breaks ignored (the PDF's text has both)."""
    squeezed = ["".join(text.split()) for text in page_texts]
    out, at = [], 0
    for heading in headings:
        key = "".join(heading.split())
        for index in range(at, len(squeezed)):
            if key and key in squeezed[index]:
                out.append((heading, index))
                at = index
                break
    return out


def render_pages(pdf: Path, cancel: threading.Event, scale: float = RENDER_SCALE,
                 texts: list[str] | None = None) -> list[QImage]:
    """Every page of ``pdf`` as an image (on the worker thread: QImage, unlike QPixmap, may be made there);
    each page's text into ``texts`` when given (where each part is printed)."""
    from app.export.pdf_convert import PdfConversionCancelled, PdfConversionError

    try:
        import pypdfium2
    except ImportError:
        raise PdfConversionError("缺少 pypdfium2 组件，无法显示预览；可导出 PDF 后用阅读器查看") from None
    try:
        document = pypdfium2.PdfDocument(str(pdf))
    except pypdfium2.PdfiumError as e:
        raise PdfConversionError(f"无法读取生成的 PDF（{e}）") from None
    images = []
    try:
        for index in range(len(document)):
            if cancel.is_set():
                raise PdfConversionCancelled()
            page = document[index]
            # rev_byteorder: PDFium's BGR comes out as RGB, which QImage reads without another copy
            bitmap = page.render(scale=scale, rev_byteorder=True)
            data = bytes(bitmap.buffer)
            image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
            images.append(image.copy())  # the copy owns its pixels; ``data`` goes away with this frame
            if texts is not None:
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
            page.close()
    finally:
        document.close()
    return images


class PreviewPane(QWidget):
    """The button's result: a busy row while LibreOffice works, then one page at a time with 上一页/下一页."""

    stateChanged = Signal()  # a job started or ended: the page's button follows
    pagesReady = Signal()  # new pages are shown: the page scrolls to them
    partActivated = Signal(str)  # a part in the list was double-clicked: its step, to go and edit it

    def __init__(self, doc: ReportDocument, page_numbers: Callable[[], str],
                 convert: Callable[[Path, Path, threading.Event], None], parent=None,
                 title_bold: Callable[[], bool] = lambda: False):
        super().__init__(parent)
        self.doc = doc
        self.page_numbers = page_numbers
        self.title_bold = title_bold
        self.convert = convert
        self.job = None
        self.pages: list[QImage] = []
        self.parts: list[tuple[str, int]] = []  # (heading, page index) as printed
        self.steps: dict[str, str] = {}  # heading → the step where it is edited
        self.draft = False  # the pages shown are a 征求意见稿 (placeholders left, highlighted)
        self.fit = "width"  # "width": the page as wide as the pane; "page": the whole page in the window
        self.current = 0
        self.stale = False
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a click on the page, then PageUp/PageDown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.busy = QWidget()
        busy = QHBoxLayout(self.busy)
        busy.setContentsMargins(0, 0, 0, 0)
        busy.addWidget(QLabel("正在生成预览…"))
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setMaximumWidth(240)
        busy.addWidget(bar)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setObjectName("cancelPreview")
        self.cancel_button.clicked.connect(self.cancel)
        busy.addWidget(self.cancel_button)
        busy.addStretch(1)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.viewer = QWidget()
        viewer = QVBoxLayout(self.viewer)
        viewer.setContentsMargins(0, 0, 0, 0)
        nav = QHBoxLayout()
        self.prev_button = QPushButton("上一页")
        self.prev_button.setObjectName("previewPrev")
        self.prev_button.clicked.connect(lambda: self.show_page(self.current - 1))
        self.next_button = QPushButton("下一页")
        self.next_button.setObjectName("previewNext")
        self.next_button.clicked.connect(lambda: self.show_page(self.current + 1))
        self.position = QLabel()
        self.position.setObjectName("previewPosition")
        nav.addWidget(self.prev_button)
        nav.addWidget(self.position)
        nav.addWidget(self.next_button)
        self.fit_width_button = QPushButton("适合宽度")
        self.fit_width_button.setObjectName("previewFitWidth")
        self.fit_width_button.clicked.connect(lambda: self.set_fit("width"))
        self.fit_page_button = QPushButton("整页")
        self.fit_page_button.setObjectName("previewFitPage")
        self.fit_page_button.clicked.connect(lambda: self.set_fit("page"))
        for button in (self.fit_width_button, self.fit_page_button):
            button.setCheckable(True)
            nav.addWidget(button)
        nav.addStretch(1)
        viewer.addLayout(nav)
        self.draft_line = QLabel("预览的是征求意见稿：报告中还有未填写的内容，已用黄色标出；每页页眉标明“征求意见稿”。")
        self.draft_line.setObjectName("previewDraft")
        self.draft_line.setWordWrap(True)
        self.draft_line.setStyleSheet("color:#9c5700;")
        self.draft_line.hide()
        viewer.addWidget(self.draft_line)
        body = QHBoxLayout()
        # where each part is printed: a click shows its page
        self.part_list = QListWidget()
        self.part_list.setObjectName("previewParts")
        self.part_list.setMaximumWidth(260)
        self.part_list.itemClicked.connect(lambda item: self.show_page(item.data(Qt.ItemDataRole.UserRole)))
        self.part_list.itemDoubleClicked.connect(self._part_activated)
        self.part_list.setToolTip("单击：显示该部分所在的页；双击：转到该部分编辑")
        body.addWidget(self.part_list)  # as tall as the page beside it
        self.page_view = QLabel()
        self.page_view.setObjectName("previewPage")
        self.page_view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # a white page on grey, as a reader shows it: the page's own edge is otherwise invisible
        self.page_view.setStyleSheet("background:#8a8a8a;padding:10px;")
        body.addWidget(self.page_view, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        viewer.addLayout(body)
        self.viewer.hide()
        layout.addWidget(self.viewer)
        doc.undo_stack.indexChanged.connect(self._report_changed)
        self.destroyed.connect(_cancel_on_destroy(self))

    # --- making the preview ------------------------------------------------------------------------------

    def start(self) -> bool:
        """Write the Word file now, then convert and draw it in the background. False without LibreOffice."""
        from app.export import pdf_convert
        from app.export.blocks import Heading1, Heading2, printed_report
        from app.export.publishing import unfinished
        from app.export.word import export_docx

        from .jobs import PdfJob

        self.cancel(quiet=True)
        if pdf_convert.soffice_path() is None:
            self._say(NO_CONVERTER)
            return False
        report = self.doc.report
        # a report with placeholders can only be exported as a 征求意见稿: previewed as one, its placeholders marked
        draft = bool(unfinished(report, self.doc.findings()))
        headings, self.steps = [], {}
        titled = {section.title: section.id for section in report.fmt.sections if section.title}
        step = "basic"
        for block in printed_report(report).blocks:
            if isinstance(block, Heading1):
                step = titled.get(block.text, step)
            if isinstance(block, (Heading1, Heading2)):
                headings.append(block.text)
                self.steps.setdefault(block.text, step)  # a sub-heading is edited on its section's step
        work = Path(tempfile.mkdtemp(prefix="nianbao-preview-"))
        try:
            export_docx(report, work / "report.docx", page_numbers=self.page_numbers(), draft=draft,
                        title_bold=self.title_bold())
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        images: list[QImage] = []
        texts: list[str] = []
        convert = self.convert

        def convert_and_draw(docx: Path, pdf: Path, cancelled: threading.Event) -> None:
            try:
                convert(docx, pdf, cancelled)
                images.extend(render_pages(pdf, cancelled, texts=texts))
            finally:
                # the images are all the pane needs: the files go now, even if the pane is gone meanwhile
                shutil.rmtree(docx.parent, ignore_errors=True)

        job = PdfJob(work / "report.docx", convert_and_draw, self)
        job.finished.connect(lambda error: self._finished(job, images, error, draft, part_pages(headings, texts)))
        self.job = job
        self.busy.show()
        self.message.hide()
        job.start()
        self.stateChanged.emit()
        return True

    def cancel(self, quiet: bool = False) -> None:
        """Stop LibreOffice (through the job's event) and forget the job; the pages shown before stay."""
        if self.job is None:
            return
        self.job.cancelled.set()
        self.job = None
        self.busy.hide()
        if not quiet:
            self._say("已取消预览。")
        self.stateChanged.emit()

    def _finished(self, job, images: list[QImage], error: str, draft: bool = False,
                  parts: list[tuple[str, int]] | None = None) -> None:
        if job is not self.job or job.cancelled.is_set():
            job.deleteLater()
            return
        self.job = None
        job.deleteLater()
        self.busy.hide()
        if error or not images:
            self._say(f"未能生成预览：{error or 'PDF 没有页面'}")
        else:
            self.pages = images
            self.draft = draft
            self.parts = parts or []
            self.stale = False
            self.message.hide()
            self.draft_line.setVisible(draft)
            self._fill_parts()
            self.viewer.show()
            self.show_page(0)
        self.stateChanged.emit()
        if self.pages and not error:
            self.pagesReady.emit()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _report_changed(self, _index: int) -> None:
        # an edit after the preview was made: say so rather than show old pages as if they were current
        if self.pages and not self.stale:
            self.stale = True
            self._say("报告已修改，预览不是最新的；点“刷新预览”重新生成。")

    # --- showing it --------------------------------------------------------------------------------------

    def page_count(self) -> int:
        return len(self.pages)

    def _fill_parts(self) -> None:
        self.part_list.clear()
        for heading, index in self.parts:
            item = QListWidgetItem(f"第{index + 1}页　{heading}")  # the page first: a long heading is cut at the right
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setData(Qt.ItemDataRole.UserRole + 1, self.steps.get(heading, ""))
            self.part_list.addItem(item)
        self.part_list.setVisible(bool(self.parts))

    def _part_activated(self, item: QListWidgetItem) -> None:
        step = item.data(Qt.ItemDataRole.UserRole + 1)
        if step:
            self.partActivated.emit(step)

    def set_fit(self, fit: str) -> None:
        """适合宽度: the page as wide as the pane leaves; 整页: the whole page as tall as the window shows."""
        self.fit = fit
        self.show_page(self.current)

    def page_size(self, image: QImage) -> QSize:
        """The size the page is drawn at for the fit chosen (never larger than it was rendered)."""
        if self.fit == "page":
            height = max(200, self._visible_height() - self._chrome_height())
            return image.size().scaled(QSize(10 ** 6, min(height, image.height())), Qt.AspectRatioMode.KeepAspectRatio)
        room = self.width() - (self.part_list.width() + 20 if self.parts else 0) - 40
        width = max(200, min(room, image.width())) if room > 0 else min(SHOW_WIDTH, image.width())
        return image.size().scaled(QSize(width, 10 ** 6), Qt.AspectRatioMode.KeepAspectRatio)

    def _visible_height(self) -> int:
        # the pane sits in the export page's scroll area: what it shows is that area's viewport
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QAbstractScrollArea):
            widget = widget.parentWidget()
        return widget.viewport().height() if widget is not None else self.window().height()

    def _chrome_height(self) -> int:
        # the 上一页/下一页 row, the draft line and the grey frame around the page stay in view with it
        rows = self.prev_button.sizeHint().height() + (self.draft_line.sizeHint().height() if self.draft else 0)
        return rows + 40

    def show_page(self, index: int) -> None:
        if not self.pages:
            return
        self.current = max(0, min(index, len(self.pages) - 1))
        image = self.pages[self.current]
        pixmap = QPixmap.fromImage(image.scaled(self.page_size(image), Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))
        self.fit_width_button.setChecked(self.fit == "width")
        self.fit_page_button.setChecked(self.fit == "page")
        for row in range(self.part_list.count()):
            item = self.part_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == self.current:
                self.part_list.setCurrentItem(item)
                break
        self.page_view.setPixmap(pixmap)
        self.position.setText(f"第 {self.current + 1} 页 / 共 {len(self.pages)} 页")
        self.prev_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current < len(self.pages) - 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.pages and event.size().width() != event.oldSize().width():
            self.show_page(self.current)  # 适合宽度 follows the window

    def keyPressEvent(self, event) -> None:
        # PageUp/PageDown move through the pages once the viewer has focus (a click on a page gives it)
        if self.pages and event.key() == Qt.Key.Key_PageDown:
            self.show_page(self.current + 1)
        elif self.pages and event.key() == Qt.Key.Key_PageUp:
            self.show_page(self.current - 1)
        else:
            super().keyPressEvent(event)


def _cancel_on_destroy(pane: PreviewPane) -> Callable[..., None]:
    """A slot for ``destroyed`` that holds no reference to the pane (gone by then), only to its jobs."""
    holder = {"pane": pane}

    def cancel(*_args) -> None:
        pane_ = holder.pop("pane", None)
        job = getattr(pane_, "job", None) if pane_ is not None else None
        if job is not None:
            job.cancelled.set()

    return cancel
