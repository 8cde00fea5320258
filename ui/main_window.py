"""The main window: menus, files (open, save, start from last year, import), autosave, export.

Dialogs go through the small ``ask_*`` methods so tests can answer them without a modal loop.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import filelock, oserrors, recovery, storage
from app.checks import has_errors
from app.report import Report
from app.resources_path import resource_path

from . import settings
from .document import ReportDocument
from .editor import ReportEditor

# A killed process loses at most the last five seconds of typing; writing a ~50 KB file that often,
# and only after a change, costs nothing noticeable. Tests shorten it through NIANBAO_AUTOSAVE_MS.
AUTOSAVE_MS = int(os.environ.get("NIANBAO_AUTOSAVE_MS", "5000"))
FILE_FILTER = "年报文件 (*.nianbao);;所有文件 (*)"
Yes, No, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Cancel
OPEN_BACKUP = QMessageBox.StandardButton.Open
# Questions whose answers read better as verbs than 是/否, keyed by the question's title (the tests answer
# ask_question by its standard buttons, the officer sees these words on them).
BUTTON_TEXTS = {
    "恢复未保存的修改": {Yes: "恢复", No: "不恢复"},
    "文件已损坏": {OPEN_BACKUP: "打开备份"},
    "文件夹不存在": {Yes: "新建文件夹并保存", No: "另选位置…"},
}
# storage's damaged-file messages suggest the .bak whether or not there is one; the window says it only
# when the backup is really there, and offers to open it.
_BACKUP_HINT = re.compile(r"[；;，,]?\s*可尝试打开同目录下的\s*\.bak\s*备份")


def example_path() -> Path:
    return resource_path("examples", "tianshan-2024.nianbao")


def _cancel_pdf(editor: ReportEditor | None) -> None:
    """A PDF being made for a report that is closing is not wanted any more."""
    page = editor.page_by_step.get("export") if editor is not None else None
    if page is not None:
        page.cancel_pdf()


class MainWindow(QMainWindow):
    def __init__(self):
        super().__init__()
        self.doc: ReportDocument | None = None
        self.editor: ReportEditor | None = None
        self.session_id = recovery.new_session_id()
        self._autosave_pending = False
        self.stack = QStackedWidget()
        self._start = None  # the start page, built when first shown
        self.setCentralWidget(self.stack)
        self._make_actions()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.resize(1280, 720)
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._update_title()

    @property
    def start(self):
        if self._start is None:
            from .start_page import StartPage

            self._start = StartPage()
            self._start.actionChosen.connect(self._start_action)
            self._start.recentChosen.connect(self.open_path)
            self._start.exampleChosen.connect(self.open_example)
            self.stack.addWidget(self._start)
        return self._start

    # --- menus --------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.act_new = file_menu.addAction("新建年报", self.new_report, QKeySequence.StandardKey.New)
        self.act_open = file_menu.addAction("打开…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction("以上年年报为基础新建…", self.new_from_last_year_dialog)
        file_menu.addAction("从已发布的年报导入…", self.import_dialog)
        file_menu.addAction("打开示例年报", self.open_example)
        file_menu.addSeparator()
        self.act_save = file_menu.addAction("保存", self.save, QKeySequence.StandardKey.Save)
        self.act_save_as = file_menu.addAction("另存为…", self.save_as, QKeySequence.StandardKey.SaveAs)
        file_menu.addAction("导出 Word 文档…", lambda: self.export("docx", "odd_even"))
        file_menu.addSeparator()
        file_menu.addAction("开始页", self.show_start)
        file_menu.addAction("退出", self.close, QKeySequence.StandardKey.Quit)
        self.edit_menu = bar.addMenu("编辑(&E)")
        self.act_undo = QAction("撤销", self)
        self.act_redo = QAction("重做", self)
        self.act_undo.setShortcuts([QKeySequence.StandardKey.Undo])
        self.act_redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        self.act_undo.triggered.connect(self.undo)
        self.act_redo.triggered.connect(self.redo)
        self.edit_menu.addAction(self.act_undo)
        self.edit_menu.addAction(self.act_redo)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction("关于", self._about)
        self._update_actions()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for f in settings.recent_files():
            self.recent_menu.addAction(f, lambda f=f: self.open_path(f))
        if not settings.recent_files():
            self.recent_menu.addAction("（无）").setEnabled(False)

    def _update_actions(self) -> None:
        has_doc = self.doc is not None
        for act in (self.act_save, self.act_save_as):
            act.setEnabled(has_doc)
        stack = self.doc.undo_stack if has_doc else None
        self.act_undo.setEnabled(bool(stack and stack.canUndo()))
        self.act_redo.setEnabled(bool(stack and stack.canRedo()))
        if stack is not None:
            self.act_undo.setText(f"撤销 {stack.undoText()}".strip())
            self.act_redo.setText(f"重做 {stack.redoText()}".strip())

    def undo(self) -> None:
        if self.doc is not None:
            self.doc.end_preview()
            self.doc.undo_stack.undo()

    def redo(self) -> None:
        if self.doc is not None:
            self.doc.undo_stack.redo()

    # --- dialogs (tests replace these) --------------------------------------------------------

    # Qt picks the platform's native file dialog where there is one (Windows, a desktop portal on Linux);
    # elsewhere its own, translated by ui.launch.install_chinese. Each purpose remembers its folder.

    def ask_open_path(self, title: str, filter_: str = FILE_FILTER, purpose: str = "open") -> str | None:
        from PySide6.QtWidgets import QFileDialog  # dialogs load on first use: start-up stays lean

        path, _ = QFileDialog.getOpenFileName(self, title, settings.last_folder(purpose) or "", filter_)
        if path:
            settings.set_last_folder(purpose, path)
        return path or None

    def ask_save_path(self, title: str, suggested: str, filter_: str = FILE_FILTER,
                      purpose: str = "save") -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, title, suggested, filter_)
        if path:
            settings.set_last_folder(purpose, path)
        return path or None

    def ask_question(self, title: str, text: str, buttons, default) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, self)
        box.setDefaultButton(default)
        for button, label in BUTTON_TEXTS.get(title, {}).items():
            if box.button(button) is not None:
                box.button(button).setText(label)
        box.exec()
        clicked = box.clickedButton()
        return box.standardButton(clicked) if clicked is not None else Cancel

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def show_info(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def ask_text(self, title: str, label: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getMultiLineText(self, title, label)
        return text if ok and text.strip() else None

    # --- documents ------------------------------------------------------------------------------

    def set_document(self, doc: ReportDocument, unsaved: bool = False) -> None:
        if self.doc is not None:
            if self.doc.path is not None and self.doc.path != doc.path:
                filelock.release(self.doc.path)
            recovery.discard(self.session_id)
            self.session_id = recovery.new_session_id()
        old_editor = self.editor
        self.doc = doc
        doc.setParent(self)
        self.editor = ReportEditor(doc)
        self.editor.exportRequested.connect(self.export)
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        if old_editor is not None:
            _cancel_pdf(old_editor)
            self.stack.removeWidget(old_editor)
            old_editor.deleteLater()
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.undo_stack.indexChanged.connect(self._update_actions)
        doc.pathChanged.connect(self._update_title)
        for signal in (doc.cellsChanged, doc.textChanged):
            signal.connect(self._mark_autosave)
        doc.bodyChanged.connect(self._mark_autosave)
        self._unsaved_restore = unsaved
        self._autosave_pending = unsaved
        self._update_title()
        self._update_actions()

    def _mark_autosave(self, *_args) -> None:
        self._autosave_pending = True

    def is_modified(self) -> bool:
        return self.doc is not None and (self.doc.dirty or getattr(self, "_unsaved_restore", False))

    def _update_title(self) -> None:
        if self.doc is None:
            self.setWindowTitle("年报编制助手")
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{self.doc.display_name()}[*] — 年报编制助手")
        self.setWindowModified(self.is_modified())

    def maybe_save(self) -> bool:
        """Ask before losing unsaved changes; True when it is fine to go on."""
        if not self.is_modified():
            return True
        answer = self.ask_question(
            "保存修改", f"“{self.doc.display_name()}”有尚未保存的修改，是否保存？",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_report(self) -> None:
        if self.maybe_save():
            self.set_document(ReportDocument(Report()))
            self.editor.go_to_step("basic")

    def open_dialog(self) -> None:
        path = self.ask_open_path("打开年报文件")
        if path:
            self.open_path(path)

    def _load(self, path: str | Path, title: str) -> tuple[Report | None, bool]:
        """Read a project file, or say why not (the current report stays open). A damaged file with a backup
        beside it (storage keeps the previous version as ``<name>.bak``) offers the backup instead; the second
        value is True when the report came from the backup."""
        path = Path(path)
        try:
            return storage.load(path), False
        except storage.ProjectFileError as e:
            reason = _BACKUP_HINT.sub("", str(e))
        backup = path.with_name(path.name + ".bak")
        if not backup.is_file():
            self.show_error(title, f"无法打开“{path.name}”：\n{reason}")
            return None, False
        import time

        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(backup.stat().st_mtime))
        answer = self.ask_question(
            "文件已损坏", f"无法打开“{path.name}”：\n{reason}\n\n"
            f"同一文件夹中有上次保存前的备份“{backup.name}”（{when}）。要打开备份吗？",
            OPEN_BACKUP | Cancel, OPEN_BACKUP)
        if answer != OPEN_BACKUP:
            return None, False
        try:
            return storage.load(backup), True
        except storage.ProjectFileError as e:
            self.show_error(title, f"备份“{backup.name}”也无法打开：\n{_BACKUP_HINT.sub('', str(e))}")
            return None, False

    def _take_lock(self, doc: ReportDocument, path: str | Path) -> bool:
        """Lock ``path`` for ``doc``, as every way of opening a file does. Held by another window: offer a copy
        (``doc.path`` becomes None, so Save asks where); False when the officer backs out."""
        try:
            taken = filelock.acquire(Path(path))
        except filelock.FileLocked as locked:
            answer = self.ask_question(
                "文件已被打开", f"“{Path(path).name}”已在{locked.info.describe()}中打开。\n"
                "两个窗口同时保存会互相覆盖。要打开一个副本吗？（副本保存时请另存为新文件）", Yes | No, No)
            if answer != Yes:
                return False
            doc.path = None
            return True
        if taken.took_over:
            self.statusBar().showMessage(taken.note, 10000)
        return True

    def open_path(self, path: str | Path, remember: bool = True) -> bool:
        if not self.maybe_save():
            return False
        report, from_backup = self._load(path, "无法打开文件")
        if report is None:
            return False
        doc = ReportDocument(report, path)
        if not self._take_lock(doc, path):
            return False
        remember = remember and doc.path is not None
        self.set_document(doc, unsaved=from_backup)
        if from_backup:
            self.statusBar().showMessage("已打开备份的内容；保存时将替换已损坏的文件", 15000)
        if remember:
            settings.add_recent(path)
            if self._start is not None:
                self._start.refresh()
        return True

    def open_example(self, path: str | Path | None = None) -> None:
        """A bundled example (the township one by default) opens as an unsaved copy, so saving never
        writes into the program's files."""
        if not self.maybe_save():
            return
        self.set_document(ReportDocument(storage.load(path or example_path())))

    def new_from_last_year_dialog(self) -> None:
        path = self.ask_open_path("选择上年的年报文件")
        if path:
            self.new_from_last_year(path)

    def new_from_last_year(self, path: str | Path) -> bool:
        if not self.maybe_save():
            return False
        last, _ = self._load(path, "无法打开上年文件")
        if last is None:
            return False
        from app.carryover import new_from_last_year

        self.set_document(ReportDocument(new_from_last_year(last)), unsaved=True)
        self.editor.go_to_step("basic")
        return True

    def ask_import_choice(self, result) -> str:
        """The import report with its choices; the officer may correct the inferred 本机关/汇总 there."""
        from .import_dialog import ImportReportDialog

        dialog = ImportReportDialog(result, self)
        dialog.exec()
        return dialog.choice

    def import_dialog(self) -> None:
        try:
            from app import importing
        except ModuleNotFoundError:
            self.show_error("无法导入", "此版本尚不支持导入已发布的年报")
            return
        answer = self.ask_question(
            "从已发布的年报导入", "从文件导入（Word、网页、PDF、文本）请选“是”；粘贴网页上复制的文字请选“否”。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            patterns = " ".join(f"*{s}" for s in importing.SUPPORTED_SUFFIXES)
            path = self.ask_open_path("选择已发布的年报", f"已发布的年报 ({patterns});;所有文件 (*)", "import")
            if path:
                self.import_source(path=path)
        elif answer == QMessageBox.StandardButton.No:
            text = self.ask_text("粘贴年报文字", "请把从政府网站复制的年报全文粘贴到下面：")
            if text:
                self.import_source(text=text)

    def import_source(self, path: str | None = None, text: str | None = None) -> bool:
        from app import importing
        from app.carryover import new_from_last_year

        from .import_dialog import CONTINUE, OPEN

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a PDF takes about a second
        try:
            result = importing.import_file(path) if path is not None else importing.import_text(text or "")
        except importing.ReportImportError as e:
            self.show_error("无法导入", str(e))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        choice = self.ask_import_choice(result)
        if choice not in (CONTINUE, OPEN) or not self.maybe_save():
            return False
        report = new_from_last_year(result.report) if choice == CONTINUE else result.report
        self.set_document(ReportDocument(report), unsaved=True)
        self.editor.go_to_step("basic")
        return True

    def show_start(self) -> None:
        self.start.refresh()
        self.stack.setCurrentWidget(self.start)

    def _start_action(self, key: str) -> None:
        {"new": self.new_report, "open": self.open_dialog, "from_last_year": self.new_from_last_year_dialog,
         "import": self.import_dialog, "example": self.open_example}[key]()

    # --- saving ---------------------------------------------------------------------------------

    def _suggested_name(self, suffix: str = storage.SUFFIX, purpose: str = "save") -> str:
        """A file name from the report's title, safe on Windows and Linux (no / \\ : * ? " < > |), in the
        folder last used for ``purpose`` (a saved report is saved again beside itself)."""
        r = self.doc.report
        stem = r.title() if r.body.name.strip() else f"年报{r.year or ''}"
        stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", stem).strip(" ._")[:120] or "年报"
        own = self.doc.path.parent if self.doc.path else None
        remembered = settings.last_folder(purpose)
        folder = (own or remembered) if purpose == "save" else (remembered or own)
        return str(Path(folder or Path.home()) / f"{stem}{suffix}")

    def save(self) -> bool:
        if self.doc is None:
            return False
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self, start: Path | None = None) -> bool:
        """Ask where to save; the dialog starts at ``start`` (where a failed save was going) when given."""
        if self.doc is None:
            return False
        if start is not None:
            folder = next((p for p in start.parents if p.is_dir()), Path.home())
            suggested = str(folder / start.name)
        else:
            suggested = str(self.doc.path or self._suggested_name())
        path = self.ask_save_path("另存为", suggested)
        if not path:
            return False
        if not path.endswith(storage.SUFFIX):
            path += storage.SUFFIX
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        if path == self.doc.path and self.doc.changed_on_disk() == "modified":
            answer = self.ask_question(
                "文件已被修改", f"“{path.name}”在打开后被其他程序或窗口修改过。\n"
                "选“是”用本窗口的内容覆盖它；选“否”另存为新文件。",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.No:
                return self.save_as()
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if not path.parent.exists():
            answer = self.ask_question(
                "文件夹不存在", f"要保存到的文件夹“{path.parent}”不存在。要新建这个文件夹并保存吗？",
                Yes | No | Cancel, Yes)
            if answer == No:
                return self.save_as(start=path)
            if answer != Yes:
                return False
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                return self._save_failed(path, e)
        if path != self.doc.path:
            try:
                filelock.acquire(path)
            except filelock.FileLocked as locked:
                self.show_error("无法保存", f"“{path.name}”正在{locked.info.describe()}中编辑，请另选文件名。")
                return False
        old_path = self.doc.path
        try:
            self.doc.save(path)
        except OSError as e:
            return self._save_failed(path, e)
        if old_path is not None and old_path != path:
            filelock.release(old_path)
        self._unsaved_restore = False
        recovery.discard(self.session_id)
        recovery.discard_declined()  # the autosaves the officer chose not to restore were kept until now
        self._autosave_pending = False
        settings.add_recent(path)
        self._update_title()
        return True

    def _save_failed(self, path: Path, error: OSError) -> bool:
        answer = self.ask_question(
            "保存失败",
            f"无法保存到“{path}”：{oserrors.describe(error)}。\n\n您的修改仍在程序中，没有丢失。是否另存到其他位置？",
            Yes | No, Yes)
        return self.save_as(start=path) if answer == Yes else False

    def autosave(self) -> None:
        """Write the working state to the recovery folder (never over the officer's file)."""
        if self.doc is None or not self._autosave_pending:
            return
        if not self.is_modified():
            recovery.discard(self.session_id)
            self._autosave_pending = False
            return
        try:
            recovery.write(self.session_id, self.doc.report, self.doc.path)
            self._autosave_pending = False
        except OSError as e:
            self.statusBar().showMessage(f"自动保存失败：{oserrors.describe(e)}", 10000)

    def offer_recovery(self) -> bool:
        """At start: restore what a crashed or killed session left. True when something was restored.

        The restored report takes its file's lock exactly as opening it does. Declined ("不恢复") or not
        restored, an autosave is set aside, not deleted: the next successful save removes it."""
        pending = recovery.pending()
        if not pending:
            return False
        rec = pending[0]
        answer = self.ask_question(
            "恢复未保存的修改", f"上次退出时有尚未保存的修改：\n{recovery.describe(rec)}\n\n是否恢复？"
            "选“不恢复”时，自动保存的内容仍保留到下次成功保存为止。", Yes | No, Yes)
        restored = False
        if answer == Yes:
            restored = self._restore(rec)
        for r in pending:
            if not (restored and r.id == rec.id):
                recovery.set_aside(r)
        return restored

    def _restore(self, rec: recovery.Recovery) -> bool:
        try:
            report = recovery.load(rec)
        except storage.ProjectFileError as e:
            self.show_error("无法恢复", str(e))
            return False
        doc = ReportDocument(report, rec.original)
        if rec.original and not self._take_lock(doc, rec.original):
            return False
        self.set_document(doc, unsaved=True)
        recovery.discard(rec.id)
        self.autosave()  # the restored state is protected again at once, under this session
        return True

    # --- export ---------------------------------------------------------------------------------

    def export(self, kind: str, page_numbers: str = "odd_even") -> bool:
        if self.doc is None:
            return False
        try:
            from app.export.word import ExportError, export_docx
        except ModuleNotFoundError:
            self.show_error("无法导出", "此版本尚不支持导出 Word 文档")
            return False
        if has_errors(self.doc.findings()):
            answer = self.ask_question(
                "报告还有错误", "检查发现报告中还有错误（如表格不平衡）。仍要导出吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if kind == "pdf":
            from app.export.pdf_convert import NOT_INSTALLED, soffice_path

            if soffice_path() is None:  # say so before the officer picks a file name
                self.show_error("无法导出 PDF", NOT_INSTALLED)
                return False
        suffix = ".pdf" if kind == "pdf" else ".docx"
        base = self._suggested_name(suffix, "export")
        filter_ = "PDF 文件 (*.pdf)" if kind == "pdf" else "Word 文档 (*.docx)"
        path = self.ask_save_path("导出", str(base), filter_, "export")
        if not path:
            return False
        path = Path(path if path.endswith(suffix) else path + suffix)
        page = self.editor.page("export")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the Word file itself takes a moment
        try:
            if kind == "pdf":
                # Word here, on the GUI thread, from the report as it is now; LibreOffice on a worker thread
                return page.start_pdf(self.doc.report, path, page_numbers,
                                      on_error=lambda text: self.show_error("无法导出 PDF", text),
                                      on_done=lambda: self.statusBar().showMessage(f"已导出：{path}", 10000))
            warnings = export_docx(self.doc.report, path, page_numbers=page_numbers)
        except ExportError as e:  # its text is already the whole message
            self.show_error("导出失败", str(e))
            return False
        except OSError as e:
            self.show_error("导出失败", f"无法写入“{path}”：{oserrors.describe(e)}")
            return False
        finally:
            QApplication.restoreOverrideCursor()
        page.show_result(path, warnings)
        self.statusBar().showMessage(f"已导出：{path}", 10000)
        return True

    # --- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        recovery.discard(self.session_id)
        _cancel_pdf(self.editor)
        if self.doc is not None and self.doc.path is not None:
            filelock.release(self.doc.path)
        settings.save_geometry(self.saveGeometry())
        event.accept()

    def _about(self) -> None:
        from app import __version__

        self.show_info("关于", f"政务公开年报编制助手 nianbao {__version__}\n"
                              "格式依据：国办公开办函〔2021〕30号；版式依据：GB/T 9704—2012。")

    def current_page(self) -> QWidget | None:
        return self.editor.pages.currentWidget() if self.editor else None
