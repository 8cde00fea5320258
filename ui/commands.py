"""Undo commands: thin wrappers that call the Report's edit methods and notify the document.

Typing in one text part merges into one undo step; a paste or a fix over many cells is one step. The
commands know the document only by what they call on it (``EditedDocument``), so this module does not
import the document, which pushes them.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from app.formatdef import CellRef, ReportFormat
from app.report import Report


class _Signal(Protocol):
    def emit(self, *args) -> None: ...


class EditedDocument(Protocol):
    """What an undo command needs of the document: the report to edit and the calls that announce an edit."""

    report: Report
    fmt: ReportFormat
    headingChanged: _Signal

    def cells_edited(self, refs: list[CellRef]) -> None: ...
    def text_edited(self, key: str) -> None: ...
    def body_edited(self) -> None: ...


TEXT_COMMAND_ID = 1001


class SetCellsCommand(QUndoCommand):
    def __init__(self, doc: EditedDocument, changes: list[tuple[CellRef, str | None]], label: str):
        super().__init__(label)
        self.doc = doc
        self.new = list(changes)
        self.old: list[tuple[CellRef, str]] = [(ref, doc.report.cell_text(ref)) for ref, _ in changes]

    def _apply(self, changes) -> None:
        for ref, text in changes:
            self.doc.report.set_cell(ref, text)
        self.doc.cells_edited([ref for ref, _ in changes])

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


BULK_CHARS = 10  # a change bigger than this (paste, clearing a part) is an undo step of its own


class SetTextCommand(QUndoCommand):
    def __init__(self, doc: EditedDocument, key: str, text: str):
        super().__init__(f"编辑“{doc.fmt.part_name(key)}”")
        self.doc, self.key = doc, key
        self.old, self.new = doc.report.text(key), text
        self.bulk = abs(len(text) - len(self.old)) > BULK_CHARS

    def id(self) -> int:
        return TEXT_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetTextCommand) or other.key != self.key or self.bulk or other.bulk:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.doc.report.set_text(self.key, self.new)
        self.doc.text_edited(self.key)

    def undo(self) -> None:
        self.doc.report.set_text(self.key, self.old)
        self.doc.text_edited(self.key)


class SetBodyCommand(QUndoCommand):
    LABELS = {"name": "机关名称", "kind": "机关类型", "scope": "报告范围", "signature": "落款", "date": "成文日期"}

    def __init__(self, doc: EditedDocument, name: str, value: str):
        super().__init__(f"修改{self.LABELS.get(name, name)}")
        self.doc, self.name = doc, name
        self.old, self.new = getattr(doc.report.body, name), value

    def id(self) -> int:
        return TEXT_COMMAND_ID + 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # typing a name is one step; switching field starts a new one
        if not isinstance(other, SetBodyCommand) or other.name != self.name or self.name in ("kind", "scope"):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.doc.report.set_body_field(self.name, self.new)
        self.doc.body_edited()

    def undo(self) -> None:
        self.doc.report.set_body_field(self.name, self.old)
        self.doc.body_edited()


class SetHeadingCommand(QUndoCommand):
    """The officer's own wording of a part's sub-heading; typing in one heading merges into one step."""

    def __init__(self, doc: EditedDocument, key: str, text: str):
        super().__init__(f"修改“{doc.fmt.part_name(key)}”的小标题")
        self.doc, self.key = doc, key
        self.old, self.new = doc.report.part_heading(key) or "", text

    def id(self) -> int:
        return TEXT_COMMAND_ID + 2

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetHeadingCommand) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.doc.report.set_heading(self.key, self.new)
        self.doc.headingChanged.emit(self.key)

    def undo(self) -> None:
        self.doc.report.set_heading(self.key, self.old)
        self.doc.headingChanged.emit(self.key)


class SetYearCommand(QUndoCommand):
    def __init__(self, doc: EditedDocument, year: int | None):
        super().__init__("修改年度")
        self.doc, self.old, self.new = doc, doc.report.year, year

    def redo(self) -> None:
        self.doc.report.set_year(self.new)
        self.doc.body_edited()

    def undo(self) -> None:
        self.doc.report.set_year(self.old)
        self.doc.body_edited()


class ReplaceInPlacesCommand(QUndoCommand):
    """Find and replace over several fields (text parts, own sub-headings, name, 落款) as ONE undo step.

    ``changes`` are (Place, new text) from app/find_replace.py. Its id stays -1: typing after it never merges
    into it, and it never merges into the typing before it.
    """

    def __init__(self, doc: EditedDocument, changes: list, label: str):
        super().__init__(label)
        self.doc = doc
        self.new = list(changes)
        from app.find_replace import place_text  # loads with the first replace, not at start-up

        self.old = [(place, place_text(doc.report, place)) for place, _ in changes]

    def _apply(self, changes) -> None:
        report = self.doc.report
        for place, text in changes:
            if place.kind == "body":
                report.set_body_field(place.key, text)
            elif place.kind == "heading":
                report.set_heading(place.key, text)
            else:
                report.set_text(place.key, text)
        # tell the views after every field holds its new text: a check reading two parts sees both
        for place, _ in changes:
            if place.kind == "text":
                self.doc.text_edited(place.key)
            elif place.kind == "heading":
                self.doc.headingChanged.emit(place.key)
        if any(place.kind == "body" for place, _ in changes):
            self.doc.body_edited()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
