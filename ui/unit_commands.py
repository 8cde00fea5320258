"""Undo commands for a 汇总's unit list: adding, re-reading, removing units, marking the office's own report.

Files are read once, before the command is made (a PDF takes a second); the command holds the list of
entries before and after, so undo and redo only swap lists and let the document work out the sums again.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from app.consolidate import Consolidation, Entry


class UnitsDocument(Protocol):
    """What the unit-list commands need of the document (it pushes them; this module does not import it)."""

    consolidation: Consolidation

    def units_edited(self) -> None: ...



class SetUnitsCommand(QUndoCommand):
    def __init__(self, doc: UnitsDocument, old: list[Entry], new: list[Entry], label: str):
        super().__init__(label)
        self.doc = doc
        self.old, self.new = list(old), list(new)

    def _apply(self, entries: list[Entry]) -> None:
        self.doc.consolidation.set_entries(entries)
        self.doc.units_edited()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
