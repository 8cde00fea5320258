"""Files for the main window: new, new 汇总, open, start from last year, import, save, autosave and recovery.

A mixin of MainWindow, so the dialogs it asks go through the window's ``ask_*`` methods (tests answer them
there) and the window keeps one place for its menus and layout.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app import filelock, oserrors, recovery, storage
from app.report import Body, Report, guess_body_kind
from app.resources_path import resource_path

from .. import settings
from ..document import ReportDocument

Yes, No, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Cancel
OPEN_BACKUP = QMessageBox.StandardButton.Open
SAVED_NOTE = "已保存"
RECENT_GONE = "文件已不存在"


def example_path() -> Path:
    return resource_path("examples", "tianshan-2024.nianbao")


class FileActions:
    """Opening and saving reports; mixed into MainWindow (``self`` is the window)."""

    # --- documents ------------------------------------------------------------------------------

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

    def ask_summary_body(self) -> tuple[str, int] | None:
        """The consolidating body's name and the year (ui/dialogs/summary_dialog.py); None: cancelled."""
        from ..dialogs.summary_dialog import NewSummaryDialog

        dialog = NewSummaryDialog(self)
        return dialog.values() if dialog.exec() == NewSummaryDialog.DialogCode.Accepted else None

    def new_summary_dialog(self) -> None:
        answer = self.ask_summary_body()
        if answer is not None:
            self.new_summary(*answer)

    def new_summary(self, name: str, year: int) -> bool:
        """A 汇总 with no units yet: its 汇总各单位 step is shown, empty, with the buttons that add them."""
        if not self.maybe_save():
            return False
        report = Report(year=year, body=Body(name=name, kind=guess_body_kind(name), scope="summary"))
        self.set_document(ReportDocument(report, summary=True))
        self.editor.go_to_step("units")
        return True

    def open_dialog(self) -> None:
        path = self.ask_open_path("打开年报文件")
        if path:
            self.open_path(path)

    def _load(self, path: str | Path, title: str) -> tuple[Report | None, bool]:
        """Read a project file, or say why not (the current report stays open). A damaged file with a backup
        beside it (storage keeps the previous version as ``<name>.bak``) offers the backup instead; the second
        value is True when the report came from the backup."""
        path = Path(path)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the largest 汇总 takes seconds to read
        try:
            return storage.load(path), False
        except storage.ProjectFileError as e:
            reason, damaged = e.reason, e.damaged
        finally:
            QApplication.restoreOverrideCursor()
        backup = storage.backup_path(path)
        if not (damaged and backup.is_file()):  # a foreign file is not helped by our backup
            self.show_error(title, f"无法打开“{path.name}”：\n{reason}")
            return None, False
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
            self.show_error(title, f"备份“{backup.name}”也无法打开：\n{e.reason}")
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
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a 汇总 checks each of its units once
        try:
            doc = ReportDocument(report, path)
        finally:
            QApplication.restoreOverrideCursor()
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

    def open_recent(self, path: str) -> bool:
        """A recent file; one that is no longer there (moved, deleted, or on a USB stick not plugged in) is
        offered for removal from the list rather than opened to an error."""
        if Path(path).exists():
            return self.open_path(path)
        answer = self.ask_question(RECENT_GONE, f"找不到“{Path(path).name}”：\n{path}\n\n文件可能已移动、删除，"
                                   "或在未插入的U盘上。从“最近打开”列表中移除吗？", Yes | No, No)
        if answer == Yes:
            settings.remove_recent(path)
            if self._start is not None:
                self._start.refresh()
        return False

    def open_example(self, path: str | Path | None = None) -> None:
        """A bundled example (the township one by default) opens as an unsaved copy, so saving never
        writes into the program's files."""
        if not self.maybe_save():
            return
        self.set_document(ReportDocument(storage.load(path or example_path())))

    def new_from_last_year_dialog(self) -> None:
        path = self.ask_open_path("选择上年的年报文件", purpose="last_year")
        if path:
            self.new_from_last_year(path)

    def new_from_last_year(self, path: str | Path) -> bool:
        if not self.maybe_save():
            return False
        last, _ = self._load(path, "无法打开上年文件")
        if last is None:
            return False
        from app.carryover import new_from_last_year

        doc = ReportDocument(new_from_last_year(last))
        doc.origin = Path(path)
        self.set_document(doc, unsaved=True)
        self.editor.go_to_step("basic")
        return True

    def ask_import_choice(self, result) -> str:
        """The import report with its choices; the officer may correct the inferred 本机关/汇总 there."""
        from ..dialogs.import_dialog import ImportReportDialog

        dialog = ImportReportDialog(result, self)
        dialog.exec()
        return dialog.choice

    def import_dialog(self) -> None:
        try:
            from app import importing
        except ModuleNotFoundError:
            self.show_error("无法导入", "此版本尚不支持导入已发布的年报")
            return
        from ..dialogs.import_dialog import FROM_FILE, FROM_TEXT

        source = self.ask_import_source()
        if source == FROM_FILE:
            patterns = " ".join(f"*{s}" for s in importing.SUPPORTED_SUFFIXES)
            path = self.ask_open_path("选择已发布的年报", f"已发布的年报 ({patterns});;所有文件 (*)", "import")
            if path:
                self.import_source(path=path)
        elif source == FROM_TEXT:
            text = self.ask_text("粘贴年报文字", "请把从政府网站复制的年报全文（包括三张表格）粘贴到下面：")
            if text:
                self.import_source(text=text)

    def import_source(self, path: str | None = None, text: str | None = None) -> bool:
        from app import importing
        from app.carryover import new_from_last_year

        from ..dialogs.import_dialog import CONTINUE, OPEN

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
        doc = ReportDocument(report)
        doc.origin = Path(path) if path is not None else None
        self.set_document(doc, unsaved=True)
        self.editor.go_to_step("basic")
        return True


    # --- saving ---------------------------------------------------------------------------------

    def suggested_name(self, suffix: str = storage.SUFFIX, purpose: str = "save") -> str:
        """A file name from the report's title, safe on Windows and Linux (no / \\ : * ? " < > |), in the
        folder last used for ``purpose`` (a saved report is saved again beside itself, a new one first beside the
        file it was started from)."""
        r = self.doc.report
        stem = r.title() if r.body.name.strip() else f"年报{r.year or ''}"
        stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", stem).strip(" ._")[:120] or "年报"
        own = self.doc.path.parent if self.doc.path else self.doc.origin.parent if self.doc.origin else None
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
            suggested = str(self.doc.path or self.suggested_name())
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
        # Ctrl+S leaves nothing else to see: the note stays until the report changes again (_update_title)
        self.statusBar().showMessage(f"{SAVED_NOTE} {time.strftime('%H:%M')}（{path.name}）")
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

