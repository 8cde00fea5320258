"""One open report as the UI sees it: the domain Report, its live checks, undo stack and file.

Widgets never change the Report directly: they push undo commands (ui/commands.py), which call the
Report's edit methods and then tell this object what changed, so checks and views stay in step.
A cell editor may *preview* what is being typed: the checks see it at once, the undo stack only
when the edit is committed.

A 汇总 (``consolidation`` is not None) holds its units here: its tables are the sums of the units' cells,
so they change only with the unit list (``edit_units``, one undo step per change) and refuse edits
(``editRefused``); its texts and body are edited as in any report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app import storage
from app.cells import canonical_text
from app.checks import SEVERITIES, Finding, LiveChecks
from app.formatdef import CellRef
from app.report import Report

if TYPE_CHECKING:  # a unit report never needs the 汇总 machinery: it loads with the first 汇总
    from app.consolidate import Consolidation

from .commands import SetBodyCommand, SetCellsCommand, SetHeadingCommand, SetTextCommand, SetYearCommand

SUMMARY_READ_ONLY = "汇总表由各单位数字相加，请在单位的文件中修改"


class ReportDocument(QObject):
    cellsChanged = Signal(str)  # table id: values (and computed totals) of that table changed
    textChanged = Signal(str)  # text key
    headingChanged = Signal(str)  # text key whose printed sub-heading changed (no check reads headings)
    bodyChanged = Signal()
    findingsChanged = Signal()
    # the cells whose shown number or findings changed with an edit (a set of CellRef): a grid
    # repaints those instead of re-reading its 180 cells on every keystroke
    cellsTouched = Signal(object)
    pathChanged = Signal()
    unitsChanged = Signal()  # a 汇总's unit list, or what is known of its units' files, changed
    editRefused = Signal(str)  # an edit that cannot be made (a 汇总's summed cells): the message to show

    def __init__(self, report: Report, path: str | Path | None = None, parent: QObject | None = None,
                 summary: bool = False):
        """``summary``: a 汇总 even before it has units (文件 › 新建汇总年报)."""
        super().__init__(parent)
        self.report = report
        self.fmt = report.fmt
        self.path: Path | None = Path(path) if path else None
        # the file this report was started from (last year's report, a published one imported): the first save
        # is offered beside it, where the officer keeps the year's files
        self.origin: Path | None = None
        self._stamp = self._disk_stamp()
        self.undo_stack = QUndoStack(self)
        self.consolidation: Consolidation | None = None
        self._units_version = 0  # bumped on every change of the unit list: the 汇总's own findings follow it
        self._summary_findings: tuple[tuple, list[Finding], list[Finding]] | None = None
        if summary or report.consolidates or (report.body.scope == "summary" and report.units):
            report.consolidates = True
            # the sums are worked out from the units as kept, so the tables always are the units' sums
            from app.consolidate import Consolidation

            self.consolidation = Consolidation.from_report(report)
            self._apply_units()
        self.checks = LiveChecks(report)
        self._preview: tuple[CellRef, str] | None = None  # (cell, committed text) while an editor is open
        self._by_cell: dict[CellRef, list[Finding]] = {}
        self._by_text: dict[str, list[Finding]] = {}
        self._index_findings()

    # --- state --------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def findings(self) -> list[Finding]:
        # computed once per edit in _index_findings: the panel, the step list, the pages and the
        # grids all ask for it on the same keystroke
        return self._findings

    def findings_for_cell(self, ref: CellRef) -> list[Finding]:
        return self._by_cell.get(ref, [])

    def findings_for_text(self, key: str) -> list[Finding]:
        return self._by_text.get(key, [])

    @property
    def is_summary(self) -> bool:
        return self.consolidation is not None

    def display_name(self) -> str:
        return self.path.name if self.path else "未命名.nianbao"

    # --- edits (through the undo stack) ------------------------------------------------------

    def set_cell(self, ref: CellRef, text: str) -> None:
        self.set_cells([(ref, text)], "修改单元格")

    def set_cells(self, changes: list[tuple[CellRef, str | None]], label: str) -> None:
        """Several cells as one undo step (a paste, a fix, clearing a selection, a typed cell committed).

        A cell being typed in is put back to its committed value without a check: the command that follows
        checks it once with the new value, so Enter is one check and the flags never flash back to the old
        value. When nothing is committed the cell put back is checked then."""
        restored = self._end_preview_quietly()
        changes = [] if self.refuse_cell_edit() else [
            (ref, text) for ref, text in changes if self.report.cell_text(ref) != self._normalised(ref, text)]
        if changes:
            self.undo_stack.push(SetCellsCommand(self, changes, label))
        if restored is not None and restored not in {ref for ref, _ in changes}:
            self.cell_edited(restored)

    def set_text(self, key: str, text: str) -> None:
        if self.report.text(key) != text:
            self.undo_stack.push(SetTextCommand(self, key, text))

    def set_heading(self, key: str, text: str) -> None:
        if (self.report.part_heading(key) or "") != (text.strip() or self.fmt.part(key)[1].heading):
            self.undo_stack.push(SetHeadingCommand(self, key, text))

    def set_body_field(self, name: str, value: str) -> None:
        if getattr(self.report.body, name) != value:
            self.undo_stack.push(SetBodyCommand(self, name, value))

    def set_year(self, year: int | None) -> None:
        if self.report.year != year:
            self.undo_stack.push(SetYearCommand(self, year))

    def replace_in_places(self, changes: list, label: str) -> None:
        """New texts for several fields (find and replace: (Place, text) from app/find_replace.py) as one undo
        step; fields whose text does not change are left out."""
        from app.find_replace import place_text

        from .commands import ReplaceInPlacesCommand

        changes = [(place, text) for place, text in changes if place_text(self.report, place) != text]
        if changes:
            self.undo_stack.push(ReplaceInPlacesCommand(self, changes, label))

    def apply_fix(self, finding: Finding) -> None:
        fix = finding.fix
        if fix is not None and fix.cells and self.refuse_cell_edit():
            return  # a fix is one step: its text part is not made without its cells
        if fix is not None:
            self.set_cells(list(fix.cells), fix.label)
        if fix is not None and fix.text is not None:  # a narrative fix: the figure in the text, as one undo step
            text = fix.text.apply(self.report.text(fix.text.text_key))
            if text is not None:  # (None: the text was edited since the finding was made)
                self.undo_stack.beginMacro(fix.label)  # a macro is never merged with the typing before it
                self.set_text(fix.text.text_key, text)
                self.undo_stack.endMacro()

    def _normalised(self, ref: CellRef, text: str | None) -> str:
        parsed = self.report.parse_for(ref, text)
        return "" if parsed.blank else canonical_text(parsed)

    # --- live preview of an open cell editor ------------------------------------------------------

    def preview_cell(self, ref: CellRef, text: str) -> None:
        """Check what is being typed before it is committed (the officer sees flags per keystroke)."""
        if self._preview is None or self._preview[0] != ref:
            self.end_preview()
            self._preview = (ref, self.report.cell_text(ref))
        self.report.set_cell(ref, text)
        self.cell_edited(ref)

    def previewing(self, ref: CellRef) -> bool:
        """True while an open editor's text is being checked for this cell."""
        return self._preview is not None and self._preview[0] == ref

    def end_preview(self) -> None:
        """Put back the committed value and check it (an editor closed without a commit: Escape, focus lost)."""
        ref = self._end_preview_quietly()
        if ref is not None:
            self.cell_edited(ref)

    def _end_preview_quietly(self) -> CellRef | None:
        """Put back the committed value without checking; the cell, when its value was put back."""
        if self._preview is None:
            return None
        ref, committed = self._preview
        self._preview = None
        if self.report.cell_text(ref) == committed:
            return None
        self.report.set_cell(ref, committed)
        return ref

    # --- notifications from commands ----------------------------------------------------------

    def cell_edited(self, ref: CellRef) -> None:
        self.cells_edited([ref])

    def cells_edited(self, refs: list[CellRef]) -> None:
        values: set[CellRef] = set()
        for ref in refs:
            self.checks.cell_changed(ref)
            values |= {ref, *self.fmt.totals_fed_by(ref)}
        touched = self._index_findings() | values
        for table in dict.fromkeys(r.table for r in refs):
            self.cellsChanged.emit(table)
        self._announce(touched)

    def text_edited(self, key: str) -> None:
        self.checks.text_changed(key)
        touched = self._index_findings()
        self.textChanged.emit(key)
        self._announce(touched)

    def body_edited(self) -> None:
        con = self.consolidation
        if con is not None and con.year != self.report.year:
            self.units_edited()  # the 汇总's year decides which units are summed (年度不符)
            return
        self.checks.body_changed()
        touched = self._index_findings()
        self.bodyChanged.emit()
        self._announce(touched)

    def _announce(self, touched: set[CellRef]) -> None:
        if touched:
            self.cellsTouched.emit(touched)
        self.findingsChanged.emit()

    def _index_findings(self) -> set[CellRef]:
        """Index the findings by cell and text; return the cells whose findings changed."""
        by_cell: dict[CellRef, list[Finding]] = {}
        by_text: dict[str, list[Finding]] = {}
        self._findings = self.checks.findings()
        if self.consolidation is not None:
            self._findings = self._with_summary_findings(self._findings)
        for f in self._findings:
            for ref in f.cells:
                by_cell.setdefault(ref, []).append(f)
            if f.text_key:
                by_text.setdefault(f.text_key, []).append(f)
        old = self._by_cell
        self._by_cell, self._by_text = by_cell, by_text
        return {ref for ref in old.keys() | by_cell.keys() if old.get(ref) != by_cell.get(ref)}

    # --- a 汇总's units ---------------------------------------------------------------------------

    def refuse_cell_edit(self) -> bool:
        """True (and says why) when the cells cannot be edited: a 汇总's tables are its units' sums."""
        if self.consolidation is None:
            return False
        self.editRefused.emit(SUMMARY_READ_ONLY)
        return True

    def edit_units(self, label: str, change: Callable[[Consolidation], object]) -> bool:
        """Change a 汇总's unit list as ONE undo step: ``change`` works on the consolidation (add, place,
        refresh, set_entries…); the list before and after become the step. False when nothing changed."""
        from .unit_commands import SetUnitsCommand

        con = self.consolidation
        old = list(con.entries)
        change(con)
        new = list(con.entries)
        con.set_entries(old)
        if len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True)):
            self.unitsChanged.emit()  # what is known of the files may have changed (notes)
            return False
        self.undo_stack.push(SetUnitsCommand(self, old, new, label))
        return True

    def units_edited(self) -> None:
        """The unit list (or the year) changed: the sums, the checks and every view follow."""
        self._apply_units()
        self._units_version += 1
        self.checks.recheck_all()
        touched = self._index_findings() | set(self.fmt.all_cells())
        for table in self.fmt.tables:
            self.cellsChanged.emit(table)
        self.unitsChanged.emit()
        self.bodyChanged.emit()  # the year and scope may follow the units
        self._announce(touched)

    def _apply_units(self) -> None:
        con, year, scope = self.consolidation, self.report.year, self.report.body.scope
        con.year = year
        con.set_entries(con.entries)
        con.apply_to(self.report)
        # the year and scope stay the officer's (basic page, undo stack): a year not set yet only means that the
        # units' most common year sorts out 年度不符
        self.report.year, self.report.body.scope = year, scope

    def _with_summary_findings(self, findings: list[Finding]) -> list[Finding]:
        """The report's findings with the 汇总's (app/consolidate/findings.py), worked out again only when the
        unit list or the tables' findings change: typing in a text part of a 汇总 costs no more than elsewhere."""
        from app.consolidate.findings import annotate

        sections = {t.section for t in self.fmt.tables.values()}
        tables = [f for f in findings if f.step in sections]
        key = (self._units_version, tuple(tables))
        if self._summary_findings is None or self._summary_findings[0] != key:
            annotated = annotate(self.consolidation, self.report, tables)
            self._summary_findings = (key, annotated[:len(tables)], annotated[len(tables):])
        _, annotated, extra = self._summary_findings
        by_key = {f.key: a for f, a in zip(tables, annotated, strict=True)}
        rank = {s: i for i, s in enumerate(SEVERITIES)}
        out = [by_key.get(f.key, f) if f.step in sections else f for f in findings] + extra
        return sorted(out, key=lambda f: rank.get(f.severity, len(rank)))  # stable: the checks' order within

    # --- files ----------------------------------------------------------------------------------

    def _disk_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat() if self.path else None
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size) if st else None

    def changed_on_disk(self) -> str | None:
        """"deleted" or "modified" when the file changed behind the app's back since open or save."""
        if self.path is None or self._stamp is None:
            return None
        now = self._disk_stamp()
        if now is None:
            return "deleted"
        return "modified" if now != self._stamp else None

    def save(self, path: str | Path | None = None) -> None:
        """Save atomically; raises OSError (the caller says why and offers Save As)."""
        self.end_preview()
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no path")
        storage.save(self.report, target)
        self.undo_stack.setClean()
        if target != self.path:
            self.path = target
            self.pathChanged.emit()
        self._stamp = self._disk_stamp()
