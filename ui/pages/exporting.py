"""The exports of the 检查与导出 page, and the one question asked before each batch of them.

Word, PDF, the website version (file and clipboard), the workbook and 导出全部 all begin with ``ask_before_export``:
one question naming the actual errors (“报告中还有3处未填写的内容（六：“（请填写：电话）”…）、表三有2处错误…”),
worded in ``app.export.publishing.question``. A report with placeholders can only go out as a 征求意见稿
(导出征求意见稿 / 取消); one with other errors only after 仍然导出. 导出全部 asks once for its four files.

The dialogs are the main window's (``ask_save_path``, ``ask_question``, ``show_error``) when the page is in one,
as the tests answer them there; a page on its own falls back to plain message boxes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app import oserrors

from ..dialogs import file_dialogs

CANCELLED = None  # ask_before_export's answer when the officer says 取消
# The question's buttons read as what they do (the window's BUTTON_TEXTS, keyed by the question's title).
_YES, _CANCEL = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
BUTTONS = {
    "报告还有未填写的内容": {_YES: "导出征求意见稿", _CANCEL: "取消"},
    "报告还有错误": {_YES: "仍然导出", _CANCEL: "取消"},
}


def host(page):
    """The main window when the page is in one (its dialogs are the ones tests answer), else None."""
    window = page.window()
    return window if hasattr(window, "ask_save_path") else None


def ask_question(page, title: str, text: str, buttons, default):
    window = host(page)
    if window is not None:
        return window.ask_question(title, text, buttons, default)
    return question_box(page, title, text, buttons, default, BUTTONS.get(title, {}), default)


def question_box(parent, title: str, text: str, buttons, default, labels: dict, unanswered):
    """A question with our own button labels (导出征求意见稿, 仍然导出 …); ``unanswered`` when closed without a
    click. The main window's questions and the page's outside a window both ask through it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.setDefaultButton(default)
    for button, label in labels.items():
        if box.button(button) is not None:
            box.button(button).setText(label)
    box.exec()
    clicked = box.clickedButton()
    return box.standardButton(clicked) if clicked is not None else unanswered


def show_error(page, title: str, text: str) -> None:
    window = host(page)
    if window is not None:
        window.show_error(title, text)
    else:
        QMessageBox.warning(page, title, text)


def ask_open_path(page, title: str, filter_: str, purpose: str) -> str | None:
    window = host(page)
    if window is not None:
        return window.ask_open_path(title, filter_, purpose)
    return file_dialogs.open_file(page, title, filter_, purpose)


def ask_export_path(page, title: str, suffix: str, filter_: str, also: tuple[str, ...] = ()) -> Path | None:
    """Where to write one exported file, ``suffix`` added when the officer gave none of it or ``also``."""
    window = host(page)
    suggested = suggested_name(page, suffix)
    if window is not None:
        path = window.ask_save_path(title, suggested, filter_, "export")
    else:
        path = file_dialogs.save_file(page, title, suggested, filter_, "export")
    if not path:
        return None
    return Path(path if path.lower().endswith((suffix, *also)) else path + suffix)


def suggested_name(page, suffix: str) -> str:
    window = host(page)
    if window is not None and hasattr(window, "suggested_name"):
        return window.suggested_name(suffix, "export")
    return str(Path.home() / f"年报{suffix}")


def ask_before_export(page) -> bool | None:
    """The one question before an export batch: False exports the final version (nothing is wrong, or the
    officer said 仍然导出), True a 征求意见稿 (placeholders are left), ``CANCELLED`` (None) nothing."""
    from app.export.publishing import question

    asked = question(page.doc.report, page.doc.findings())
    if asked is None:
        return False
    if ask_question(page, asked.title, asked.text, _YES | _CANCEL, _CANCEL) != _YES:
        return CANCELLED
    return asked.draft


def _done(draft: bool) -> str:
    return "（征求意见稿）" if draft else ""


# --- one file each --------------------------------------------------------------------------------------

def export_document(page, kind: str, page_numbers: str) -> bool:
    """导出 Word 文档 / 导出 PDF: the Word file here, the PDF through LibreOffice off the window's thread."""
    from app.export.word import ExportError, export_docx

    draft = ask_before_export(page)
    if draft is CANCELLED:
        return False
    if kind == "pdf":
        from app.export.pdf_convert import NOT_INSTALLED, soffice_path

        if soffice_path() is None:  # say so before the officer picks a file name
            show_error(page, "无法导出 PDF", NOT_INSTALLED)
            return False
    suffix = ".pdf" if kind == "pdf" else ".docx"
    path = ask_export_path(page, "导出", suffix, "PDF 文件 (*.pdf)" if kind == "pdf" else "Word 文档 (*.docx)")
    if path is None:
        return False
    window = host(page)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the Word file itself takes a moment
    try:
        if kind == "pdf":
            status = (lambda: window.statusBar().showMessage(f"已导出：{path}", 10000)) if window else (lambda: None)
            return page.start_pdf(page.doc.report, path, page_numbers, draft=draft,
                                  on_error=lambda text: show_error(page, "无法导出 PDF", text), on_done=status)
        warnings = export_docx(page.doc.report, path, page_numbers=page_numbers, draft=draft)
    except ExportError as e:  # its text is already the whole message
        show_error(page, "导出失败", str(e))
        return False
    except OSError as e:
        show_error(page, "导出失败", f"无法写入“{path}”：{oserrors.describe(e)}")
        return False
    finally:
        QApplication.restoreOverrideCursor()
    page.show_result(path, warnings, draft)
    if window is not None:
        window.statusBar().showMessage(f"已导出{_done(draft)}：{path}", 10000)
    return True


# The formats, their suffixes, dialog filters and writers come from the one table the command line reads too
# (app/export/formats.py).

def export_html(page) -> bool:
    return _export_kinds(page, "导出网页版", ("html",))


def export_xlsx(page) -> bool:
    """导出表格: the three tables as a workbook (app/export/xlsx.py), on their own."""
    return _export_kinds(page, "导出表格", ("xlsx",))


def export_picture(page) -> bool:
    """导出图解: the 一图读懂 picture (app/infographic), PNG for the website or SVG for a designer to edit."""
    return _export_kinds(page, "导出图解（一图读懂）", ("png", "svg"))


def _export_kinds(page, title: str, kinds: tuple[str, ...]) -> bool:
    from app.export.formats import BY_KIND

    formats = [BY_KIND[k] for k in kinds]
    suffixes = [s for f in formats for s in f.suffixes]
    return _export_file(page, title, suffixes[0], ";;".join(f.dialog_filter for f in formats), formats[0].write,
                        also=tuple(suffixes[1:]))


def _export_file(page, title: str, suffix: str, filter_: str, write, also: tuple[str, ...] = ()) -> bool:
    """Asked once, a path chosen, written by ``write(report, path, draft=…)`` and its warnings shown."""
    from app.export.word import ExportError

    draft = ask_before_export(page)
    if draft is CANCELLED:
        return False
    path = ask_export_path(page, title, suffix, filter_, also)
    if path is None:
        return False
    try:
        warnings = write(page.doc.report, path, draft=draft)
    except ExportError as e:
        show_error(page, "导出失败", str(e))
        return False
    page.show_result(path, warnings, draft)
    return True


def copy_html(page) -> bool:
    """The website version on the clipboard as HTML (a CMS editor keeps its tables) and as plain text: asked
    first like every export, since what is copied is pasted into the website."""
    from app.export.html import website_html
    from app.export.word import ExportError

    draft = ask_before_export(page)
    if draft is CANCELLED:
        return False
    try:
        html, text, warnings = website_html(page.doc.report, fragment=True, draft=draft)
    except ExportError as e:
        show_error(page, "无法复制", str(e))
        return False
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText(text)
    QApplication.clipboard().setMimeData(mime)
    what = "征求意见稿" if draft else "网页版"
    lines = [f"已复制{what}：在网站编辑器中粘贴即可（表格和格式保留；只收纯文字的地方粘贴的是文字）。"]
    page.result.setText("<br>".join(lines + [f"注意：{w}" for w in warnings]))
    return True


# --- 导出全部 ------------------------------------------------------------------------------------------------

def export_all(page, folder: str | None = None) -> bool:
    """One folder named after the report, with the .docx, the HTML, the .xlsx, the 一图读懂 picture and (with
    LibreOffice) the PDF; the question is asked once for all of them."""
    from app.export.html import export_html as write_html
    from app.export.pdf_convert import soffice_path
    from app.export.word import ExportError, export_docx
    from app.export.xlsx import export_xlsx as write_xlsx
    from app.infographic import export_image

    draft = ask_before_export(page)
    if draft is CANCELLED:
        return False
    folder = folder or page.ask_folder()
    if not folder:
        return False
    stem = Path(suggested_name(page, ".docx")).stem + ("（征求意见稿）" if draft else "")
    target = Path(folder) / stem
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        show_error(page, "导出失败", f"无法新建文件夹“{target}”：{oserrors.describe(e)}")
        return False
    report, page_numbers = page.doc.report, page.page_numbers.currentData()
    writers = [(".docx", lambda p: export_docx(report, p, page_numbers=page_numbers, draft=draft)),
               (".html", lambda p: write_html(report, p, draft=draft)),
               (".xlsx", lambda p: write_xlsx(report, p, draft=draft))]
    written, warnings = [], []
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        for suffix, write in writers:
            path = target / f"{stem}{suffix}"
            warnings += [w for w in write(path) if w not in warnings]
            written.append(path)
        picture = target / f"{stem}（一图读懂）.png"
        try:  # a machine without a Chinese font still gets the report itself
            warnings += [w for w in export_image(report, picture, draft=draft) if w not in warnings]
            written.append(picture)
        except ExportError as e:
            warnings.append(f"没有生成图解：{e}")
    except ExportError as e:
        show_error(page, "导出失败", str(e))
        return False
    finally:
        QApplication.restoreOverrideCursor()

    def show(pdf: Path | None, note: str = "") -> None:
        files = written + ([pdf] if pdf else [])
        head = f"已导出{_done(draft)}到文件夹：<a href='{target.as_uri()}'>{target}</a>"
        lines = [head] + [f"　{p.name}" for p in files]
        page.result.setText("<br>".join(lines + ([f"注意：{note}"] if note else []) + [f"注意：{w}" for w in warnings]))

    if soffice_path() is None:
        show(None, "未安装 LibreOffice，没有生成 PDF（可在 Word/WPS 中打开导出的文档，另存为 PDF）")
        return True
    pdf = target / f"{stem}.pdf"
    page.start_pdf(report, pdf, page_numbers, draft=draft, on_error=lambda text: show(None, f"未能生成 PDF：{text}"),
                   on_done=lambda: show(pdf))
    show(None, "正在生成 PDF…")
    return True
