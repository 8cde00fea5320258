"""A text step (一、五、六, and the optional 报告说明): one editor per part of the section.

Each editor shows what the part must cover, last year's text beside it when there is one, its own
findings, and two buttons for a draft rendered from this year's numbers: insert it at the cursor, or replace
the part with it (one undo step either way).

对照上年原文 (a button of the page, when the report has last year's texts) turns the two texts side by side into
a comparison: what this year's text shares with last year's is shaded in both (app/text_compare.py, the
measure of the S-9 warning), so what was changed stands out unshaded, and each part says how much is shared.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import drafts, text_compare
from app.checks import SEVERITY_NAMES
from app.checks.placeholders import find_placeholders
from app.checks.staleness import repeat
from app.formatdef import Part, Section

from ..document import ReportDocument
from ..palette import STATE_COLORS
from ..undo_keys import UndoKeyFilter

# A part's box shows at least this many lines, and grows with its text up to the second figure.
FIT_MIN_LINES, FIT_MAX_LINES = 5, 24
SHARED_COLOR = "#fbe3a6"  # last year's words, in both texts of the comparison


def _utf16(text: str):
    """Python offsets of ``text`` to Qt's (UTF-16) positions: they differ after a character beyond the BMP."""
    if all(ord(ch) < 0x10000 for ch in text):
        return lambda i: i
    prefix = [0]
    for ch in text:
        prefix.append(prefix[-1] + (2 if ord(ch) >= 0x10000 else 1))
    return prefix.__getitem__


def shade(edit: QPlainTextEdit, spans: list[tuple[int, int]]) -> None:
    """Shade ``spans`` of ``edit``'s text as extra selections: the text, its undo and its cursor stay as they are."""
    pos = _utf16(edit.toPlainText())
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(SHARED_COLOR))
    marks = []
    for start, end in spans:
        mark = QTextEdit.ExtraSelection()
        cursor = QTextCursor(edit.document())
        cursor.setPosition(pos(start))
        cursor.setPosition(pos(end), QTextCursor.MoveMode.KeepAnchor)
        mark.cursor, mark.format = cursor, fmt
        marks.append(mark)
    edit.setExtraSelections(marks)


class PartEditor(QFrame):
    """Editor of one text part; edits go through the undo stack (typing merges into one step)."""

    def __init__(self, doc: ReportDocument, section: Section, part: Part, parent=None, fill: bool = False):
        super().__init__(parent)
        self.doc, self.key = doc, f"{section.id}.{part.id}"
        self.part = part
        self.setObjectName("partEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.heading = None
        if part.heading:
            # the printed sub-heading: the format's short label unless the officer's report words it its own way
            # (kept from last year's file or import); blank goes back to the format's wording
            self.heading = QLineEdit(doc.report.part_heading(self.key) or "")
            self.heading.setObjectName(f"heading:{self.key}")
            self.heading.setPlaceholderText(part.heading)
            self.heading.setToolTip(f"导出时打印的小标题；清空即恢复为格式规定的“{part.heading}”")
            font = self.heading.font()
            font.setBold(True)
            self.heading.setFont(font)
            self.heading.setMaximumWidth(self.heading.fontMetrics().horizontalAdvance("（四）" + "字" * 22))
            self.heading.textEdited.connect(lambda text: doc.set_heading(self.key, text))
            self.heading.installEventFilter(UndoKeyFilter(doc, self))
            doc.headingChanged.connect(self._heading_changed)
            head.addWidget(self.heading, 1)
        else:
            head.addWidget(QLabel(f"<b>{part.label}</b>"))
        head.addStretch(1)
        self.draft_button = self.replace_button = None
        if drafts.available(self.key):
            head.addWidget(QLabel("按本年数据生成草稿："))
            self.draft_button = QPushButton("插入到光标处")
            self.draft_button.setToolTip("根据表格中的数字生成一段文字，插入到光标处；数字与表格保持一致")
            self.draft_button.clicked.connect(self.insert_draft)
            head.addWidget(self.draft_button)
            # inserting leaves last year's paragraph in place; replacing is what starting afresh needs
            self.replace_button = QPushButton("替换为草稿")
            self.replace_button.setToolTip("用按本年数据生成的草稿替换本部分的全部文字（可撤销）")
            self.replace_button.clicked.connect(self.replace_with_draft)
            head.addWidget(self.replace_button)
        layout.addLayout(head)
        self.guide = QLabel()
        self.guide.setWordWrap(True)
        self.guide.setStyleSheet("color:#555;")
        layout.addWidget(self.guide)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fff2cc;padding:4px;border-radius:3px;")
        layout.addWidget(self.banner)
        body = QHBoxLayout()
        self.editor = QPlainTextEdit()
        self.editor.setObjectName(f"text:{self.key}")
        self.editor.setUndoRedoEnabled(False)  # the document's undo stack owns undo
        self.fill = fill
        if fill:  # the section's only part takes the page's height
            self.editor.setMinimumHeight(FIT_MIN_LINES * self.editor.fontMetrics().lineSpacing())
        else:  # one of several: as tall as its text, so the page shows all of them and scrolls as one
            self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.editor.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.editor.setPlaceholderText(f"在此填写“{part.heading or part.label}”")
        self.editor.textChanged.connect(self._typed)
        self.editor.installEventFilter(UndoKeyFilter(doc, self))
        # A fresh editor's cursor sits at 0 without the officer having put it there; once they click, tab or
        # move into the text, 0 is where they want the draft (issue 23, item 7).
        self.cursor_placed = False
        self.editor.installEventFilter(self)
        self.editor.viewport().installEventFilter(self)
        self.editor.cursorPositionChanged.connect(self._cursor_moved)
        body.addWidget(self.editor, 3)
        self.last_year = self.compare_note = None
        self.comparing = False
        ly = doc.report.last_year
        if ly is not None and ly.texts.get(self.key):
            side = QVBoxLayout()
            side.addWidget(QLabel(f"{ly.year or '上'}年原文（只读）"))
            self.last_year = QPlainTextEdit(ly.texts[self.key])
            self.last_year.setObjectName(f"lastYear:{self.key}")
            self.last_year.setReadOnly(True)
            self.last_year.setStyleSheet("background:#f6f6f6;color:#444;")
            side.addWidget(self.last_year)
            self.compare_note = QLabel()
            self.compare_note.setObjectName(f"compareNote:{self.key}")
            self.compare_note.setWordWrap(True)
            self.compare_note.hide()
            side.addWidget(self.compare_note)
            body.addLayout(side, 2)
        layout.addLayout(body)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self._loading = False
        self.reload()
        if not fill:
            self._fit_height()
        doc.textChanged.connect(self._changed_elsewhere)
        doc.findingsChanged.connect(self.refresh_findings)
        doc.bodyChanged.connect(self._update_guide)
        self._update_guide()
        self.refresh_findings()

    def _update_guide(self) -> None:
        guide = self.part.guide
        if self.part.government_guide and self.doc.report.body.kind == "government":
            guide = f"{guide}<br><b>{self.part.government_guide}</b>"
        self.guide.setText(guide)

    def reload(self) -> None:
        """Show the report's text (after undo/redo), keeping the cursor where it was if possible."""
        text = self.doc.report.text(self.key)
        if self.editor.toPlainText() == text:
            return
        pos = self.editor.textCursor().position()
        self._loading = True
        self.editor.setPlainText(text)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(pos, len(text)))
        self.editor.setTextCursor(cursor)
        self._loading = False

    _PLACING = (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in self._PLACING:
            self.cursor_placed = True
        return False

    def _cursor_moved(self) -> None:
        if not self._loading:
            self.cursor_placed = True

    def _typed(self) -> None:
        if not self._loading:
            self.doc.set_text(self.key, self.editor.toPlainText())
        if self.comparing:
            self._mark_shared()

    # --- 对照上年原文 ---------------------------------------------------------------------------

    def set_comparing(self, on: bool) -> None:
        if self.last_year is None:
            return
        self.comparing = on
        self.compare_note.setVisible(on)
        if on:
            self._mark_shared()
        else:
            self.editor.setExtraSelections([])
            self.last_year.setExtraSelections([])

    def _mark_shared(self) -> None:
        """Shade what the two texts share, in both; one pass over each text, so it follows every keystroke."""
        this, last = self.editor.toPlainText(), self.last_year.toPlainText()
        run = self.doc.fmt.rules["S-9"].params["run"]
        mine = text_compare.shared_spans(this, last, run)
        shade(self.editor, mine.spans)
        shade(self.last_year, text_compare.shared_spans(last, this, run).spans)
        year = self.doc.report.last_year.year or "上"
        self.compare_note.setText(
            f"<span style='background:{SHARED_COLOR}'>&nbsp;浅黄底&nbsp;</span>：与{year}年原文相同的文字，"
            f"约占本部分的{mine.percent}%" if mine.total else f"本部分还没有文字；{year}年原文在上面")

    def _fit_height(self, _size=None) -> None:
        """Height for the text's laid-out lines plus one to type into, between FIT_MIN_LINES and FIT_MAX_LINES
        (a longer text scrolls inside its box); recomputed only when the number of lines changes."""
        lines = int(self.editor.document().documentLayout().documentSize().height()) + 1
        lines = max(FIT_MIN_LINES, min(FIT_MAX_LINES, lines))
        margins = 2 * (self.editor.frameWidth() + int(self.editor.document().documentMargin())) + 4
        height = lines * self.editor.fontMetrics().lineSpacing() + margins
        if self.editor.height() != height:
            self.editor.setFixedHeight(height)

    def _heading_changed(self, key: str) -> None:
        shown = self.doc.report.part_heading(self.key) or ""
        # a field being typed that means the same heading (e.g. cleared: the format's) is left as it is
        if key == self.key and (self.heading.text().strip() or self.part.heading) != shown:
            self.heading.setText(shown)

    def _changed_elsewhere(self, key: str) -> None:
        if key == self.key:
            self.reload()

    def insert_draft(self) -> None:
        text = drafts.render_draft(self.doc.report, self.key)
        cursor = self.editor.textCursor()
        if self.editor.toPlainText() and not self.cursor_placed:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            text = "\n" + text
        cursor.insertText(text)
        self.editor.setTextCursor(cursor)

    def replace_with_draft(self) -> None:
        """The whole part becomes the draft, as one undo step (a macro: the next keystroke does not merge into it,
        and a draft about as long as the text it replaces is not merged into the typing before it)."""
        text = drafts.render_draft(self.doc.report, self.key)
        if text != self.doc.report.text(self.key):
            stack = self.doc.undo_stack
            stack.beginMacro(f"用草稿替换“{self.doc.fmt.part_name(self.key)}”")
            self.doc.set_text(self.key, text)
            stack.endMacro()
        self._select_first_placeholder()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh_findings(self) -> None:
        findings = self.doc.findings_for_text(self.key)
        # The banner says the part is last year's text as it was; once edited, S-9 stays in the list below while
        # most of the part is still last year's, with the share.
        still_last_year = any(f.rule == "S-9" for f in findings) and repeat(self.doc.checks, self.key).unchanged
        ly = self.doc.report.last_year
        banner = f"这是{ly.year if ly and ly.year else '上'}年的原文，请按本年情况修改。" if still_last_year else ""
        shown = [f for f in findings if not (still_last_year and f.rule == "S-9")]
        problems = "<br>".join(
            f"<span style='color:{STATE_COLORS[f.severity]}'>【{SEVERITY_NAMES[f.severity]}】</span>{f.message}"
            for f in shown)
        # touch the labels only when their text changes: every change relayouts the page
        for label, text in ((self.banner, banner), (self.problems, problems)):
            if label.text() != text or label.isHidden() == bool(text):
                label.setText(text)
                label.setVisible(bool(text))

    def focus_text(self, pos: int | None = None) -> None:
        """Focus the editor; at ``pos`` when given, else on the first placeholder still to be filled in."""
        if pos is not None:
            cursor = self.editor.textCursor()
            cursor.setPosition(max(0, min(pos, len(self.editor.toPlainText()))))
            self.editor.setTextCursor(cursor)
        else:
            self._select_first_placeholder()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _select_first_placeholder(self) -> None:
        found = find_placeholders(self.editor.toPlainText())
        if found:
            cursor = self.editor.textCursor()
            cursor.setPosition(found[0].start)
            cursor.setPosition(found[0].end, QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)


class TextPage(QScrollArea):
    def __init__(self, doc: ReportDocument, section: Section, parent=None):
        super().__init__(parent)
        self.section = section
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        top = QHBoxLayout()
        if section.title:
            heading = QLabel(f"<h2>{section.title}</h2>")
            heading.setWordWrap(True)
            top.addWidget(heading, 1)
        else:
            top.addStretch(1)
        layout.addLayout(top)
        self.editors: dict[str, PartEditor] = {}
        self.compare_button = None
        ly = doc.report.last_year
        if ly is not None and any(ly.texts.get(f"{section.id}.{part.id}") for part in section.parts):
            self.compare_button = QPushButton(f"对照{ly.year or '上'}年原文")
            self.compare_button.setObjectName("compareLastYear")
            self.compare_button.setCheckable(True)
            self.compare_button.setToolTip("在本年文字和上年原文中用浅黄底标出两者相同的文字，改过的地方不标；再点一次取消")
            self.compare_button.toggled.connect(self.set_comparing)
            top.addWidget(self.compare_button)
        fill = len(section.parts) == 1
        for part in section.parts:
            editor = PartEditor(doc, section, part, fill=fill)
            editor.setSizePolicy(QSizePolicy.Policy.Preferred,
                                 QSizePolicy.Policy.Expanding if fill else QSizePolicy.Policy.Minimum)
            self.editors[editor.key] = editor
            layout.addWidget(editor)
        if not fill:
            layout.addStretch(1)
        self.setWidget(inner)

    def set_comparing(self, on: bool) -> None:
        for editor in self.editors.values():
            editor.set_comparing(on)

    def focus_text(self, key: str, pos: int | None = None) -> None:
        editor = self.editors.get(key)
        if editor is not None:
            self.ensureWidgetVisible(editor)
            QTimer.singleShot(0, editor, lambda: editor.focus_text(pos))  # the editor as context: no call once gone
