"""编辑 › 查找和替换: one dialog over every text part, the officer's own sub-headings, 机关名称 and 落款.

The matching is app/find_replace.py; a replace (one match or all of them) is one undo step through
ReportDocument.replace_in_places. Going to a match opens its step and selects it in its editor, so the
officer sees each one before replacing it. The dialog is modeless and follows the window's current report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import find_replace as fr


def utf16_offset(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units: a character beyond the BMP (rare 汉字 in names) takes two."""
    return len(text[:index].encode("utf-16-le")) // 2


def show_match(editor, match: fr.Match) -> QWidget | None:
    """Open the step holding ``match`` in the report editor, select the match in its field and focus it."""
    doc = editor.doc
    place = match.place
    if place.kind == "body":
        step, kind, name = "basic", QLineEdit, f"body.{place.key}"
    else:
        section = place.key.partition(".")[0]
        # a section without a step of its own (the 报告说明) is edited on 基本信息
        step = section if any(s.id == section for s in editor.steps) else "basic"
        kind, name = (QLineEdit, f"heading:{place.key}") if place.kind == "heading" else (
            QPlainTextEdit, f"text:{place.key}")
    page = editor.go_to_step(step)
    field = page.findChild(kind, name)
    if field is None:
        return None
    text = fr.place_text(doc.report, place)
    start, end = utf16_offset(text, match.start), utf16_offset(text, match.end)
    if isinstance(field, QLineEdit):
        field.setSelection(start, end - start)
    else:
        cursor = field.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        field.setTextCursor(cursor)
        field.ensureCursorVisible()
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    if hasattr(page, "ensureWidgetVisible"):
        page.ensureWidgetVisible(field)
        # a page built just now has no layout yet: scroll again once it has one
        QTimer.singleShot(0, field, lambda: page.ensureWidgetVisible(field))
    return field


class FindReplaceDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("查找和替换")
        self.setModal(False)
        self.current: fr.Match | None = None  # the match shown last, in the report it was found in
        self._found_in = None
        self._shown_in: QWidget | None = None  # the field whose selection is the match shown
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.find_text = QLineEdit()
        self.find_text.setObjectName("findText")
        self.find_text.setPlaceholderText("如：2024")
        self.replace_text = QLineEdit()
        self.replace_text.setObjectName("replaceText")
        self.replace_text.setPlaceholderText("如：2025（留空即删除找到的文字）")
        form.addRow("查找内容：", self.find_text)
        form.addRow("替换为：", self.replace_text)
        layout.addLayout(form)
        note = QLabel("在机关名称、各部分文字、自拟的小标题和落款中查找（不含表格和上年原文）。")
        note.setWordWrap(True)
        note.setStyleSheet("color:#666;")
        layout.addWidget(note)
        self.status = QLabel(" ")
        self.status.setObjectName("findStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.next_button = QPushButton("查找下一个")
        self.next_button.setObjectName("findNext")
        self.next_button.setDefault(True)  # Enter in 查找内容 goes to the next match
        self.replace_button = QPushButton("替换")
        self.replace_button.setObjectName("replaceOne")
        self.replace_all_button = QPushButton("全部替换")
        self.replace_all_button.setObjectName("replaceAll")
        close = QPushButton("关闭")
        self.next_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close)
        for b in (self.next_button, self.replace_button, self.replace_all_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.find_text.textChanged.connect(self._needle_changed)
        self._needle_changed()
        self.resize(520, self.sizeHint().height())

    # --- state ------------------------------------------------------------------------------------

    @property
    def doc(self):
        return self.window_.doc

    def needle(self) -> str:
        return self.find_text.text()

    def _needle_changed(self) -> None:
        self.current = None
        has = bool(self.needle())
        for b in (self.next_button, self.replace_button, self.replace_all_button):
            b.setEnabled(has)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def start(self, needle: str | None = None) -> None:
        """Show the dialog (again), with the officer's selection as what to look for when there is one."""
        if needle:
            self.find_text.setText(needle)
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_text.setFocus()
        self.find_text.selectAll()

    def _valid_current(self) -> fr.Match | None:
        doc = self.doc
        if doc is None or self.current is None or self._found_in is not doc:
            return None
        return self.current if fr.still_there(doc.report, self.current, self.needle()) else None

    # --- actions ------------------------------------------------------------------------------------

    def find_next(self, after: tuple[int, int] | None = None) -> fr.Match | None:
        doc = self.doc
        if doc is None:
            self._say("没有打开的年报")
            return None
        needle = self.needle()
        current = self._valid_current()
        if after is None or isinstance(after, bool):  # (clicked(bool) passes a bool)
            after = (current.order, current.start + 1) if current is not None else None
        match = fr.find_next(doc.report, needle, after)
        self.current, self._found_in = match, doc
        if match is None:
            self._say(f"找不到“{needle}”")
            return None
        matches = fr.find_all(doc.report, needle)
        wrapped = after is not None and (match.order, match.start) < after
        self._say(f"第{matches.index(match) + 1}处，共{len(matches)}处：{fr.place_name(doc.report, match.place)}"
                  + ("（已从头开始）" if wrapped else ""))
        window = self.window_
        window.stack.setCurrentWidget(window.editor)  # from the start page too
        field = show_match(window.editor, match)
        if self._shown_in is not None and self._shown_in is not field:
            _deselect(self._shown_in)  # one highlighted match at a time: each editor keeps its own selection
        self._shown_in = field
        return match

    def replace(self) -> None:
        """Replace the match shown (a first click only finds one), then go on to the next."""
        doc = self.doc
        current = self._valid_current()
        if doc is None or current is None:
            self.find_next()
            return
        needle, replacement = self.needle(), self.replace_text.text()
        text = fr.replace_one(doc.report, current, needle, replacement)
        doc.replace_in_places([(current.place, text)], f"替换“{needle}”")
        match = self.find_next((current.order, current.start + len(replacement)))
        left = "" if match is not None else "，没有更多了"
        done = f"已替换1处{left}"
        self._say(f"{done}。{self.status.text()}" if match is not None else done)

    def replace_all(self) -> int:
        doc = self.doc
        if doc is None:
            self._say("没有打开的年报")
            return 0
        needle, replacement = self.needle(), self.replace_text.text()
        result = fr.replace_all(doc.report, needle, replacement)
        self.current = None
        if not result.count:
            self._say(f"找不到“{needle}”" if replacement != needle else "替换内容与查找内容相同")
            return 0
        doc.replace_in_places(result.changes, f"全部替换“{needle}”为“{replacement}”")
        self._say(f"已替换{result.count}处")
        self.status.setToolTip("涉及：" + "、".join(fr.place_name(doc.report, p) for p, _ in result.changes))
        return result.count


def _deselect(field: QWidget) -> None:
    try:
        if isinstance(field, QLineEdit):
            field.deselect()
        else:
            cursor = field.textCursor()
            cursor.clearSelection()
            field.setTextCursor(cursor)
    except RuntimeError:  # the field went with its report
        pass


def selected_words() -> str | None:
    """The text selected in the focused editor (one line), to look for it."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QLineEdit):
        text = widget.selectedText()
    elif isinstance(widget, QPlainTextEdit):
        text = widget.textCursor().selectedText()
    else:
        return None
    return text if text and "\u2029" not in text and "\n" not in text else None
