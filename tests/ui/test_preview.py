"""预览打印效果 on the 检查与导出 step (issue 15): the example's pages as LibreOffice prints them, page by page, made
off the GUI thread with a cancel; what to install without LibreOffice; the fonts line beside the PDF button."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import app.export.pdf_convert as pdf_convert
from app.export import fonts

pytest.importorskip("pypdfium2")


def _blank_pdf(path: Path, pages: int) -> None:
    """A real PDF of A4 pages with a black bar whose height tells the pages apart (pypdf, no LibreOffice)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    for n in range(pages):
        page = writer.add_blank_page(595, 842)
        stream = DecodedStreamObject()
        stream.set_data(f"0 0 0 rg 100 700 300 {20 * (n + 1)} re f".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
    with open(path, "wb") as f:
        writer.write(f)


class FakeConverter:
    """Stands in for LibreOffice; blocks until the test lets it go, then writes ``pages`` pages."""

    def __init__(self, pages: int = 3, data: bytes | None = None):
        self.pages, self.data = pages, data
        self.started, self.finish = threading.Event(), threading.Event()
        self.cancel = None
        self.docx: Path | None = None

    def __call__(self, docx, pdf=None, timeout=120, cancel=None):
        self.docx, self.cancel = Path(docx), cancel
        self.started.set()
        self.finish.wait(60)  # the worker thread waits for the test, never the GUI thread
        if cancel is not None and cancel.is_set():
            raise pdf_convert.PdfConversionCancelled()
        if self.data is not None:
            Path(pdf).write_bytes(self.data)
        else:
            _blank_pdf(Path(pdf), self.pages)
        return Path(pdf)


@pytest.fixture
def fake(monkeypatch):
    converter = FakeConverter()
    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_convert, "convert_to_pdf", converter)
    yield converter
    converter.finish.set()


def _dark_rows(image) -> int:
    """How many pixel rows of the image hold a dark pixel: text, rules, the fake pages' bars."""
    rows = 0
    for y in range(0, image.height(), 2):
        if any(image.pixelColor(x, y).lightness() < 100 for x in range(0, image.width(), 3)):
            rows += 1
    return rows


# --- the real thing ---------------------------------------------------------------------------------

@pytest.mark.skipif(pdf_convert.soffice_path() is None, reason="needs LibreOffice (soffice) to make the pages")
def test_preview_shows_the_examples_pages(window, qtbot, tmp_path):
    from pypdf import PdfReader

    from app.export.word import export_docx

    page = window.editor.go_to_step("export")
    assert page.preview_button.text() == "预览打印效果" and not page.preview.viewer.isVisible()
    page.preview_button.click()
    assert page.preview.busy.isVisible() and not page.preview_button.isEnabled()
    qtbot.waitUntil(lambda: page.preview.job is None, timeout=90_000)
    assert page.preview.message.isHidden(), page.preview.message.text()
    # as many pages as the PDF the officer would export
    docx = tmp_path / "a.docx"
    export_docx(window.doc.report, docx)
    expected = len(PdfReader(str(pdf_convert.convert_to_pdf(docx))).pages)
    assert page.preview.page_count() == expected > 1
    assert page.preview.viewer.isVisible() and page.preview_button.text() == "刷新预览"
    assert page.preview.position.text() == f"第 1 页 / 共 {expected} 页"
    first = page.preview.pages[0]
    assert abs(first.height() / first.width() - 297 / 210) < 0.01  # A4
    assert _dark_rows(first) > 50  # printed text, not a blank page
    shown = page.preview.page_view.pixmap()
    assert not shown.isNull() and shown.width() <= page.preview.width()  # 适合宽度: as wide as the pane
    window.grab().save(str(tmp_path / "preview.png"))  # to look at when it fails

    # navigation
    assert not page.preview.prev_button.isEnabled() and page.preview.next_button.isEnabled()
    page.preview.next_button.click()
    assert page.preview.position.text() == f"第 2 页 / 共 {expected} 页"
    assert page.preview.page_view.pixmap().toImage() != shown.toImage()
    page.preview.prev_button.click()
    assert page.preview.current == 0
    for _ in range(expected + 2):
        qtbot.keyClick(page.preview, Qt.Key.Key_PageDown)
    assert page.preview.position.text() == f"第 {expected} 页 / 共 {expected} 页"
    assert not page.preview.next_button.isEnabled() and page.preview.prev_button.isEnabled()


# --- with a converter the test holds ------------------------------------------------------------------

def test_the_window_keeps_running_and_cancel_stops_the_preview(window, qtbot, fake):
    page = window.editor.go_to_step("export")
    page.preview_button.click()
    assert fake.started.wait(30)
    assert page.preview.busy.isVisible() and not page.preview_button.isEnabled()
    window.doc.set_text("other.body", "预览期间继续编辑")  # the GUI thread is free
    page.preview.cancel_button.click()
    assert not page.preview.busy.isVisible() and page.preview_button.isEnabled()
    assert "已取消预览" in page.preview.message.text()
    assert fake.cancel is not None and fake.cancel.is_set()  # LibreOffice is told to stop
    fake.finish.set()
    qtbot.waitUntil(lambda: not fake.docx.parent.exists())  # the temporary Word file goes, late or not
    assert page.preview.page_count() == 0 and not page.preview.viewer.isVisible()


def test_pages_come_back_in_order_and_an_edit_marks_them_old(window, qtbot, fake):
    page = window.editor.go_to_step("export")
    page.preview_button.click()
    fake.finish.set()
    qtbot.waitUntil(lambda: page.preview.job is None)
    assert page.preview.page_count() == 3 and page.preview.position.text() == "第 1 页 / 共 3 页"
    bars = [_dark_rows(image) for image in page.preview.pages]
    assert bars[0] < bars[1] < bars[2]  # page n has the bar n × 20 pt high
    assert page.preview.message.isHidden()
    assert not fake.docx.parent.exists()
    window.doc.set_text("other.body", "改过了")
    assert page.preview.message.isVisible() and "报告已修改，预览不是最新的" in page.preview.message.text()
    assert page.preview_button.text() == "刷新预览"


def test_a_pdf_that_cannot_be_read_is_explained(window, qtbot, monkeypatch):
    converter = FakeConverter(data=b"not a pdf at all")
    converter.finish.set()
    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_convert, "convert_to_pdf", converter)
    page = window.editor.go_to_step("export")
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.preview.job is None)
    assert "未能生成预览：无法读取生成的 PDF" in page.preview.message.text()
    assert page.preview.page_count() == 0 and page.preview_button.isEnabled()


def test_without_libreoffice_the_preview_says_what_to_install(window, monkeypatch):
    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: None)
    page = window.editor.go_to_step("export")
    assert not page.start_preview()
    text = page.preview.message.text()
    assert page.preview.message.isVisible() and "未安装 LibreOffice，无法预览打印效果" in text
    assert "libreoffice-writer" in text and "Word/WPS" in text
    assert page.preview.job is None and page.preview_button.isEnabled()


# --- the fonts line ---------------------------------------------------------------------------------

def test_the_fonts_line_names_the_missing_fonts_and_their_substitutes(window, qtbot, monkeypatch):
    answer = "Noto Serif CJK SC\nNoto Sans CJK SC\nSimHei,黑体\nFangSong_GB2312,仿宋_GB2312\n"
    fake_fontconfig = lambda cmd: answer if cmd[0] == "fc-list" else None
    monkeypatch.setattr(fonts, "check_fonts",
                        functools.partial(fonts.check_fonts, platform="linux", run=fake_fontconfig))
    page = window.editor.go_to_step("export")
    qtbot.waitUntil(lambda: "本机缺少" in page.fonts_line.text())
    assert page.fonts_line.text() == "本机缺少方正小标宋简体、楷体_GB2312，PDF中将以 Noto Serif CJK SC 代替。"
    assert page.fonts_line.isVisible()
    # beside the PDF button: right under its row
    assert 0 < page.fonts_line.y() - page.pdf_button.mapTo(page.fonts_line.parent(), page.pdf_button.rect().topLeft()
                                                           ).y() < 3 * page.pdf_button.height()


def test_the_fonts_line_when_the_machine_cannot_be_asked(window, qtbot, monkeypatch):
    monkeypatch.setattr(fonts, "check_fonts", functools.partial(fonts.check_fonts, platform="darwin"))
    page = window.editor.go_to_step("export")
    qtbot.waitUntil(lambda: "未能检查" in page.fonts_line.text())


def test_a_preview_of_a_report_that_is_closed_is_stopped(window, qtbot, fake):
    page = window.editor.go_to_step("export")
    page.preview_button.click()
    assert fake.started.wait(30)
    window.doc.undo_stack.setClean()
    window.open_example()  # another report in the window: the old page goes, and LibreOffice with it
    qtbot.waitUntil(lambda: fake.cancel.is_set())
    fake.finish.set()
    qtbot.waitUntil(lambda: not fake.docx.parent.exists())


def test_closing_the_window_stops_a_preview(window, qtbot, fake):
    page = window.editor.go_to_step("export")
    page.preview_button.click()
    assert fake.started.wait(30)
    window.doc.undo_stack.setClean()
    window.close()
    assert fake.cancel.is_set()  # LibreOffice is told to stop, not left running after the window
    fake.finish.set()


# --- a whole page, the parts and their pages, the draft's marks (issue 23, item 14) ---------------------------

def test_parts_are_found_on_their_pages_in_order():
    from ui.pages.preview import part_pages

    pages = ["天山乡人民政府\n2024年政府信息公开\n工作年度报告 一、总体情况", "二、主动公开政府\n信息情况 表",
             "三、收到和处理"]
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理", "九、不存在"]
    assert part_pages(headings, pages) == [("一、总体情况", 0), ("二、主动公开政府信息情况", 1), ("三、收到和处理", 2)]


@pytest.mark.skipif(pdf_convert.soffice_path() is None, reason="needs LibreOffice (soffice) to make the pages")
def test_the_preview_lists_the_parts_and_fits_a_whole_page(window, qtbot):
    window.open_path(str(Path(__file__).resolve().parents[2] / "resources" / "examples" / "huaian-2024.nianbao"))
    page = window.editor.go_to_step("export")
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.preview.job is None, timeout=90_000)
    pane = page.preview
    names = [pane.part_list.item(i).text() for i in range(pane.part_list.count())]
    assert names[0] == "第1页　一、总体情况" and any(n.endswith("页　六、其他需要报告的事项") for n in names)
    four = next(i for i, n in enumerate(names) if n.endswith("四、政府信息公开行政复议、行政诉讼情况"))
    item = pane.part_list.item(four)
    pane.part_list.itemClicked.emit(item)
    assert pane.current == item.data(Qt.ItemDataRole.UserRole) > 0
    assert item.text().startswith(f"第{pane.current + 1}页　")
    assert not pane.draft_line.isVisibleTo(pane)  # the published report has no placeholder
    # a double click goes to the part's step, to edit it
    pane.part_list.itemDoubleClicked.emit(pane.part_list.item(names.index("第1页　（一）主动公开")))
    assert window.editor.current_step() == "overall"
    page = window.editor.go_to_step("export")
    pane.part_list.itemDoubleClicked.emit(item)
    assert window.editor.current_step() == "review_litigation"
    page = window.editor.go_to_step("export")
    pane.fit_page_button.click()
    viewport = page.scroll.viewport().height()
    assert pane.fit_page_button.isChecked() and pane.page_view.pixmap().height() <= viewport
    pane.fit_width_button.click()
    assert pane.page_view.pixmap().width() <= pane.width() and pane.page_view.pixmap().height() > viewport


def test_a_report_with_placeholders_is_previewed_as_the_marked_draft(window, qtbot, monkeypatch, tmp_path):
    import docx as python_docx

    seen = {}

    def convert(docx, pdf=None, timeout=120, cancel=None):
        document = python_docx.Document(str(docx))
        seen["header"] = [p.text for p in document.sections[0].header.paragraphs]
        seen["marked"] = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color is not None]
        _blank_pdf(Path(pdf), 2)
        return Path(pdf)

    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_convert, "convert_to_pdf", convert)
    window.doc.set_text("other.body", "如有疑问请联系：（请填写：电话）。")
    page = window.editor.go_to_step("export")
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.preview.job is None, timeout=30_000)
    assert seen == {"header": ["征求意见稿"], "marked": ["（请填写：电话）"]}
    assert page.preview.draft_line.isVisibleTo(page.preview) and "黄色标出" in page.preview.draft_line.text()
