"""The main window: the stack of start page and report editor, menus, dialogs, export and closing.

Files (open, save, start from last year, import, autosave, recovery) are in ui/window/file_actions.py, the menu bar in
ui/window/menus.py. Dialogs go through the small ``ask_*`` methods so tests can answer them without a modal loop.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import filelock, recovery

from .. import settings
from ..document import ReportDocument
from ..pages.exporting import BUTTONS as EXPORT_BUTTONS
from ..pages.exporting import question_box
from . import menus
from .editor import ReportEditor
from .file_actions import OPEN_BACKUP, RECENT_GONE, SAVED_NOTE, Cancel, FileActions, No, Yes
from .file_actions import example_path as example_path  # re-exported: the start page and tests import it here

# A killed process loses at most the last five seconds of typing; writing a ~50 KB file that often,
# and only after a change, costs nothing noticeable. Tests shorten it through NIANBAO_AUTOSAVE_MS.
AUTOSAVE_MS = int(os.environ.get("NIANBAO_AUTOSAVE_MS", "5000"))
FILE_FILTER = "年报文件 (*.nianbao);;所有文件 (*)"
# Questions whose answers read better as verbs than 是/否, keyed by the question's title (the tests answer
# ask_question by its standard buttons, the officer sees these words on them).
BUTTON_TEXTS = {
    "恢复未保存的修改": {Yes: "恢复", No: "不恢复"},
    "文件已损坏": {OPEN_BACKUP: "打开备份"},
    "文件夹不存在": {Yes: "新建文件夹并保存", No: "另选位置…"},
    RECENT_GONE: {Yes: "从列表中移除", No: "保留"},
    **EXPORT_BUTTONS,  # 导出征求意见稿 / 仍然导出 (ui/pages/exporting.py)
}


def _cancel_pdf(editor: ReportEditor | None) -> None:
    """A PDF or a preview being made for a report that is closing is not wanted any more."""
    page = editor.page_by_step.get("export") if editor is not None else None
    if page is not None:
        page.cancel_jobs()


MINIMUM = (960, 560)  # the window's least size where the screen has room for it


def _default_offscreen() -> bool:
    """Qt's offscreen platform without a screen configuration has a fixed 800×800 stand-in screen, not one an
    officer has: the tests and ``--screenshot`` render at the window size they ask for."""
    from PySide6.QtGui import QGuiApplication

    return (QGuiApplication.platformName() == "offscreen"
            and "configfile" not in os.environ.get("QT_QPA_PLATFORM", ""))


class MainWindow(FileActions, QMainWindow):
    def __init__(self):
        super().__init__()
        self.doc: ReportDocument | None = None
        self.editor: ReportEditor | None = None
        self.session_id = recovery.new_session_id()
        self._autosave_pending = False
        self.stack = QStackedWidget()
        self._start = None  # the start page, built when first shown
        self.find_dialog = self.help_dialog = None  # built when first asked for
        self.setCentralWidget(self.stack)
        menus.build(self)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        # Made now, not on the first message: a status bar appearing later would shift the whole page up.
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("statusDeadline")
        self.statusBar().addPermanentWidget(self.deadline_label)
        self.autosave_timer.timeout.connect(self._update_deadline)  # cheap; the count changes at midnight
        # 250 px of steps beside a grid whose label columns need ~600: below this the grid and the buttons overlap
        self.setMinimumSize(*MINIMUM)
        self.resize(1280, 720)
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.small_screen = self._fit_screen()
        self._update_title()

    def _fit_screen(self) -> bool:
        """On a screen smaller than the minimum (a netbook's 800×500, a projector) the window takes the whole
        screen instead of running off it; the editor then starts with its step list folded and says why."""
        screen = self.screen()
        if screen is None or _default_offscreen():
            return False
        free = screen.availableGeometry()
        if free.width() >= MINIMUM[0] and free.height() >= MINIMUM[1]:
            return False
        self.setMinimumSize(min(MINIMUM[0], free.width()), min(MINIMUM[1], free.height()))
        self.setGeometry(free)
        return True

    def _fit_frame(self) -> None:
        """Once shown, the window manager's frame is known: the whole frame goes inside the free area."""
        free = self.screen().availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        left, top = inner.x() - frame.x(), inner.y() - frame.y()
        width = free.width() - (frame.width() - inner.width())
        height = free.height() - (frame.height() - inner.height())
        self.setMinimumSize(min(MINIMUM[0], width), min(MINIMUM[1], height))
        self.setGeometry(free.x() + left, free.y() + top, width, height)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.small_screen:
            self._fit_frame()

    @property
    def start(self):
        if self._start is None:
            from ..pages.start_page import StartPage

            self._start = StartPage()
            self._start.actionChosen.connect(self._start_action)
            self._start.recentChosen.connect(self.open_recent)
            self._start.exampleChosen.connect(self.open_example)
            self.stack.addWidget(self._start)
        return self._start

    # --- menus --------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        has_doc = self.doc is not None
        for act in (self.act_save, self.act_save_as, self.act_find):
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

    # Every file dialog goes through ui.dialogs.file_dialogs (one table of purposes, each with its folder).

    def ask_open_path(self, title: str, filter_: str = FILE_FILTER, purpose: str = "open") -> str | None:
        from ..dialogs import file_dialogs

        return file_dialogs.open_file(self, title, filter_, purpose)

    def ask_save_path(self, title: str, suggested: str, filter_: str = FILE_FILTER,
                      purpose: str = "save") -> str | None:
        from ..dialogs import file_dialogs

        return file_dialogs.save_file(self, title, suggested, filter_, purpose)

    def ask_open_paths(self, title: str, filter_: str, purpose: str) -> list[str]:
        from ..dialogs import file_dialogs

        return file_dialogs.open_files(self, title, filter_, purpose)

    def ask_folder(self, title: str, purpose: str) -> str | None:
        from ..dialogs import file_dialogs

        return file_dialogs.choose_folder(self, title, purpose)

    def ask_question(self, title: str, text: str, buttons, default) -> QMessageBox.StandardButton:
        return question_box(self, title, text, buttons, default, BUTTON_TEXTS.get(title, {}), Cancel)

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def show_info(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def ask_text(self, title: str, label: str) -> str | None:
        """Pasted text of a whole published report (the dialog is sized for one)."""
        from ..dialogs.import_dialog import PasteDialog

        dialog = PasteDialog(self)
        dialog.setWindowTitle(title)
        dialog.prompt.setText(label)
        text = dialog.text.toPlainText() if dialog.exec() == PasteDialog.DialogCode.Accepted else ""
        return text if text.strip() else None

    def ask_import_source(self) -> str | None:
        """Import from a file or from pasted text (ui.dialogs.import_dialog.FROM_FILE / FROM_TEXT); None: cancelled."""
        from ..dialogs.import_dialog import ImportStartDialog

        dialog = ImportStartDialog(self)
        dialog.exec()
        return dialog.choice

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
        if self.small_screen:
            self.editor.steps_toggle.setChecked(True)
            free = self.screen().availableGeometry()
            if self.isVisible():  # the editor's pages may have widened the window as they were added
                self._fit_frame()
            # short: the deadline line shares the status bar; the tooltip says the rest
            self.statusBar().showMessage(f"屏幕较小（{free.width()}×{free.height()}）：已收起步骤列表。")
            self.statusBar().setToolTip(f"表格可左右、上下滚动；在至少{MINIMUM[0]}×{MINIMUM[1]}的屏幕上"
                                        "可同时看到步骤列表和整行表格。")
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
        # the deadline line comes just after the first paint: the count is not needed to draw the window
        self.deadline_label.setText("")
        QTimer.singleShot(0, self, lambda: self._follow_deadline(doc))
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
        if self.is_modified() and self.statusBar().currentMessage().startswith(SAVED_NOTE):
            self.statusBar().clearMessage()  # “已保存” is no longer true once the report changes again

    def _follow_deadline(self, doc: ReportDocument) -> None:
        from ..panels.deadline_line import state_for

        if doc is self.doc:  # not replaced by another report meanwhile
            state_for(doc).changed.connect(self._update_deadline)
            self._update_deadline()

    def _update_deadline(self) -> None:
        """The days left to publish, in the status bar; red once the date has passed."""
        from ..panels.deadline_line import paint, state_for

        if self.doc is None:
            self.deadline_label.setText("")
            return
        status = state_for(self.doc).status()
        paint(self.deadline_label, status)
        self.deadline_label.setToolTip(status.legal.basis if status.legal else "")

    def show_start(self) -> None:
        self.start.refresh()
        self.stack.setCurrentWidget(self.start)

    def _start_action(self, key: str) -> None:
        {"new": self.new_report, "open": self.open_dialog, "from_last_year": self.new_from_last_year_dialog,
         "import": self.import_dialog, "summary": self.new_summary_dialog, "example": self.open_example}[key]()

    # --- export ---------------------------------------------------------------------------------

    def export(self, kind: str, page_numbers: str = "odd_even") -> bool:
        """文件 › 导出 and the export page's buttons: every kind is exported by the page (ui/pages/exporting.py),
        which asks the one question first."""
        if self.doc is None or self.editor is None:
            return False
        page = self.editor.page("export")
        if kind in ("docx", "pdf"):
            return page.export_document(kind, page_numbers)
        return {"html": page.export_html, "xlsx": page.export_xlsx, "picture": page.export_picture,
                "all": page.export_all}[kind]()

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

    def find_replace(self):
        """编辑 › 查找和替换: one dialog per window, kept between uses (it remembers what was looked for)."""
        from ..dialogs.find_replace import FindReplaceDialog, selected_words

        if self.find_dialog is None:
            self.find_dialog = FindReplaceDialog(self)
        self.find_dialog.start(selected_words())
        return self.find_dialog

    def show_help(self):
        from ..dialogs.help_dialog import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        return self.help_dialog

    def _about(self) -> None:
        from app import __version__

        self.show_info("关于", f"政务公开年报编制助手 nianbao {__version__}\n"
                              "格式依据：国办公开办函〔2021〕30号；版式依据：GB/T 9704—2012。")

    def current_page(self) -> QWidget | None:
        return self.editor.pages.currentWidget() if self.editor else None
