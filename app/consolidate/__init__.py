"""汇总: one report for a whole area from its units' reports — read, check, and add up every cell.

A ``Consolidation`` holds the units of one 汇总 in the order they were added (files of departments,
townships, subordinate units, and optionally the office's own 本机关 report) and gives the summed report.
The UI drives it the same way the CLI does: ``add`` files or folders, ``refresh``, ``total``,
``findings``, ``breakdown``/``explain`` for a cell's tooltip.

Decisions (docs/file-format.md, "units"):

- Input cells are summed exactly (counts as integers, 万元 as Decimal) over the units taken; a cell blank
  in every unit stays blank in the sum. **Total cells are left automatic in the sum**: each total is the
  sum of its terms, so the sum always balances its own totals. The sum's totals equal the sum of the
  units' totals only when every unit balances; a unit whose typed total does not match its terms is named
  in that cell's breakdown and in a finding, and its total is not taken.
- An identity between input cells (表三 一＋二＝三＋四) that fails in the sum names the units whose own
  cells fail it; the identity is linear, so at least one unit does.
- A unit whose year differs, a duplicate (the same body twice, or the same file content twice) and a file
  that cannot be read are listed with their state and never summed.
- The project file keeps each unit's path, sha256, name, year and cells as taken. What the 汇总 shows is
  always the **taken values**; ``refresh`` re-reads a file only when its content hash changed.
- A unit's findings are those of its tables (the 汇总 takes only the numbers), so they are the same
  whether computed from the unit's file or from the values kept in the project file.
"""

from __future__ import annotations

import bisect
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..cells import Number, Parsed, format_number
from ..checks import Finding
from ..formatdef import DEFAULT_FORMAT_ID, CellRef, Equation, ReportFormat, load_format
from ..limits import project as limits
from ..report import Body, Report, Unit, effective_value, guess_body_kind
from .entries import (  # noqa: F401  (the names callers import from app.consolidate)
    BLOCKING,
    DUPLICATE,
    ERRORS,
    FILE_CHANGED,
    FILE_GONE,
    MISSING,
    OK,
    STATE_NAMES,
    TAKEN,
    UNREADABLE,
    WRONG_YEAR,
    Entry,
    Share,
    TooManyUnits,
    _name_key,
    tables_findings,
    unit_findings,
)
from .reading import _resolved, file_hash, read_unit, unit_files, unit_suffixes  # noqa: F401

# --- the consolidation ---------------------------------------------------------------------------------

class Consolidation:
    """The units of one 汇总 and their states; ``total()`` is the summed report."""

    def __init__(self, year: int | None = None, format_id: str = DEFAULT_FORMAT_ID):
        self.year = year  # None: the year most units report
        self.format_id = format_id
        self.entries: list[Entry] = []

    @property
    def fmt(self) -> ReportFormat:
        return load_format(self.format_id)

    @classmethod
    def from_report(cls, report: Report) -> Consolidation:
        """A 汇总 as saved: its units with the values taken (their files are not read)."""
        con = cls(year=report.year, format_id=report.format_id)
        for unit in report.units:
            findings = unit_findings(unit, report.format_id) if unit.sha256 else []
            con.entries.append(Entry(unit, findings=findings))
        con._classify()
        return con

    # --- changing the list ----------------------------------------------------------------------

    def add(self, paths: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = (),
            replace: bool = False, own: bool = False) -> list[Entry]:
        """Read files (and folders) and put them in the list; return the entries added or updated.

        A file already in the list (same path) is read again and replaces its entry: a corrected file
        saved over the old one. A unit expected from last year's list takes the place of its entry. With
        ``replace``, a file for a body already listed from another file replaces that entry (a corrected
        file sent under a new name); without it, the second file is a duplicate and is not summed.
        """
        return self.place(self.read(paths, exclude, own=own), replace)

    def read(self, paths: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = (),
             own: bool = False) -> list[Entry]:
        """Read files (and folders) as ``add`` does, without putting them in the list (the UI asks first).

        TooManyUnits, before any file is read, when the list would hold more units than a 汇总 may."""
        files = unit_files(paths, exclude)
        listed = {e.unit.path for e in self.entries}
        problem = limits.units_problem(len(self.entries) + sum(str(_resolved(p)) not in listed for p in files))
        if problem:
            raise TooManyUnits(problem)
        return [read_unit(path, self.format_id, own=own) for path in files]

    def place(self, entries: Iterable[Entry], replace: bool = False) -> list[Entry]:
        """Put entries already read (``read``) in the list, as ``add`` does; return them."""
        index = _Places(self.entries)
        done = [self._place(entry, replace, index) for entry in entries]
        self._classify()
        return done

    def conflicts(self, entries: Iterable[Entry]) -> list[tuple[Entry, Entry]]:
        """(new, listed): new entries for a body already summed from another file, the question ``replace``
        answers (a corrected file sent under a new name, or the same body twice)."""
        taken = {_name_key(e.unit.name): e for e in self.taken() if _name_key(e.unit.name)}
        out = []
        for entry in entries:
            old = taken.get(_name_key(entry.unit.name)) if not entry.problem else None
            # another year's report of the same body is not a corrected file: it is listed as 年度不符
            if old is not None and old.unit.path != entry.unit.path and old.unit.sha256 != entry.unit.sha256 \
                    and old.unit.year == entry.unit.year:
                out.append((entry, old))
        return out

    def add_unit(self, unit: Unit, replace: bool = False) -> Entry:
        """Put a unit already read (e.g. by the UI, or from another 汇总's list) in the list, as ``add`` does."""
        entry = self._place(Entry(unit, findings=unit_findings(unit, self.format_id) if unit.sha256 else []),
                            replace)
        self._classify()
        return entry

    def _place(self, entry: Entry, replace: bool, index: _Places | None = None) -> Entry:
        key = _name_key(entry.unit.name)
        index = index or _Places(self.entries)
        for i in index.candidates(entry.unit.path, key):
            old = self.entries[i]
            same_path = old.unit.path and old.unit.path == entry.unit.path
            expected = not old.unit.sha256 and not old.problem and key and _name_key(old.unit.name) == key
            same_body = replace and key and old.taken and _name_key(old.unit.name) == key \
                and old.unit.year == entry.unit.year
            if same_path or expected or same_body:
                entry.unit.own = entry.unit.own or old.unit.own
                self.entries[i] = entry
                index.note(i, entry)
                return entry
        self.entries.append(entry)
        index.note(len(self.entries) - 1, entry)
        return entry

    def set_entries(self, entries: Iterable[Entry]) -> None:
        """The whole list at once, states worked out again (an undo step puts back the list it replaced)."""
        self.entries = list(entries)
        self._classify()

    def remove(self, entry: Entry) -> None:
        self.entries.remove(entry)
        self._classify()

    def refresh(self) -> list[Entry]:
        """Re-read the files whose content changed since they were taken (by sha256); return those entries.

        A file that is gone keeps the values taken earlier, with a note saying so.
        """
        changed = []
        for i, old in enumerate(self.entries):
            if not old.unit.path or (not old.unit.sha256 and not old.problem):
                continue
            sha = file_hash(old.unit.path)
            if sha is None and not old.problem:
                old.note = "文件已不在原处或无法读取，显示的是上次读取的数值"
                continue
            if sha == old.unit.sha256 and not old.problem:
                old.note = ""
                continue
            new = read_unit(old.unit.path, self.format_id, own=old.unit.own)
            if new.problem and old.taken:
                old.note = f"文件已更改但无法读取（{new.problem}），显示的是上次读取的数值"
                continue
            self.entries[i] = new
            changed.append(new)
        self._classify()
        return changed

    def check_files(self) -> list[Entry]:
        """Say which units' files are gone or changed since their values were taken (nothing is re-read).

        A 汇总 opened from its project file shows the values kept there; this only hashes the files, so the
        officer sees which units ``refresh`` would read again and which are kept from the project file alone.
        """
        out = []
        for e in self.entries:
            if not e.unit.path or not e.unit.sha256 or e.problem:
                continue
            sha = file_hash(e.unit.path)
            e.note = "" if sha == e.unit.sha256 else FILE_GONE if sha is None else FILE_CHANGED
            if e.note:
                out.append(e)
        return out

    # --- states ---------------------------------------------------------------------------------

    def effective_year(self) -> int | None:
        if self.year is not None:
            return self.year
        years = Counter(e.unit.year for e in self.entries if e.unit.sha256 and not e.problem
                        and e.unit.year is not None)
        return years.most_common(1)[0][0] if years else None

    def _classify(self) -> None:
        year = self.effective_year()
        by_name: dict[str, Entry] = {}
        by_hash: dict[str, Entry] = {}
        for e in self.entries:
            e.reason = ""
            if e.problem:
                e.state = UNREADABLE
                continue
            if not e.unit.sha256:
                e.state = MISSING
                e.reason = "上年汇总中有此单位，本年尚未报送"
                continue
            if e.unit.year != year:
                e.state = WRONG_YEAR
                shown = "未填写年度" if e.unit.year is None else f"年度为{e.unit.year}年"
                e.reason = f"{shown}，与汇总年度（{year}年）不符"
                continue
            key = _name_key(e.unit.name)
            first = (by_name.get(key) if key else None) or by_hash.get(e.unit.sha256)
            if first is not None:
                e.state = DUPLICATE
                e.reason = _duplicate_reason(e, first)
                continue
            if key:
                by_name[key] = e
            by_hash[e.unit.sha256] = e
            e.state = ERRORS if e.error_count else OK

    def taken(self) -> list[Entry]:
        return [e for e in self.entries if e.taken]

    def blocking(self) -> list[Entry]:
        """Entries that keep the 汇总 from being written: unreadable, of another year, duplicates."""
        return [e for e in self.entries if e.state in BLOCKING]

    def missing(self) -> list[Entry]:
        return [e for e in self.entries if e.state == MISSING]

    # --- the sum --------------------------------------------------------------------------------

    def summed_cells(self) -> dict[CellRef, Parsed]:
        """The sum of every input cell over the units taken; totals are left automatic (absent)."""
        fmt = self.fmt
        totals = fmt.totals
        acc: dict[CellRef, Number] = {}
        for e in self.taken():
            for ref, parsed in e.unit.cells.items():
                if parsed.value is not None and ref not in totals:
                    acc[ref] = acc.get(ref, 0) + parsed.value
        return {ref: Parsed(format_number(acc[ref]), acc[ref]) for ref in fmt.all_cells() if ref in acc}

    def apply_to(self, report: Report) -> Report:
        """Put the sums and the unit list into a report (its texts, body name and last year are kept)."""
        report.year = self.effective_year()
        report.cells = self.summed_cells()
        report.body.scope = "summary"
        report.units = [e.unit for e in self.entries if e.taken or e.state == MISSING]
        report.consolidates = True
        return report

    def total(self, name: str | None = None) -> Report:
        """A new 汇总 report: the sums, the unit list, and the body named ``name`` (else the own report's)."""
        own = next((e.unit.name for e in self.taken() if e.unit.own), "")
        name = (name if name is not None else own).strip()
        report = Report(format_id=self.format_id, body=Body(name=name, kind=guess_body_kind(name)))
        return self.apply_to(report)

    def findings(self, report: Report | None = None) -> list[Finding]:
        """The findings of the sum's tables, identities naming the units that fail them, and the 汇总's own."""
        from .findings import consolidation_findings

        return consolidation_findings(self, self.total() if report is None else report)

    # --- what a cell is made of -----------------------------------------------------------------

    def breakdown(self, ref: CellRef) -> list[Share]:
        """Each unit taken whose cell is not blank or 0, in list order: its name and value.

        For a total cell the unit's value is the one its report shows (typed, or computed).
        """
        fmt = self.fmt
        out = []
        for e in self.taken():
            parsed = e.unit.cells.get(ref)
            if parsed is None and ref not in fmt.totals:
                continue
            value = effective_value(fmt, e.unit.cells, ref)
            if value == 0 or (value is None and parsed is None):
                continue
            text = parsed.text if parsed is not None and value is None else format_number(value)
            out.append(Share(e.label, e.unit.path, value, text))
        return out

    def explain(self, ref: CellRef, limit: int = 10) -> str:
        """A tooltip: the sum and the units it comes from, largest first."""
        fmt = self.fmt
        table = fmt.tables[ref.table]
        total = effective_value(fmt, self.summed_cells(), ref) if fmt.is_total(ref) else None
        shares = self.breakdown(ref)
        if not fmt.is_total(ref):
            total = sum((s.value for s in shares if s.value is not None), 0)
        lines = [f"{table.name}“{table.place(ref)}”汇总数：{format_number(total)}（{len(shares)}个单位）"]
        ranked = sorted(shares, key=lambda s: -(s.value or 0))
        for s in ranked[:limit]:
            lines.append(f"  {s.name}：{s.text}" + ("（不是数字，未计入）" if s.value is None else ""))
        rest = ranked[limit:]
        if rest:
            lines.append(f"  其余{len(rest)}个单位共{format_number(sum(s.value or 0 for s in rest))}")
        if fmt.is_total(ref):
            units_sum = sum((s.value for s in shares if s.value is not None), 0)
            if units_sum != total:
                lines.append(f"各单位合计数之和为{format_number(units_sum)}；汇总的合计按分项计算，"
                             "有单位的合计与其分项不符")
        return "\n".join(lines)


class _Places:
    """Where in the list an entry may take the place of another: the positions of each path and name key.

    Every condition of ``_place`` needs the same path or the same name, so only those positions are tried, in
    list order (a folder of 1,000 units was 1,000 × 1,000 comparisons). A position keeps its old keys after its
    entry is replaced; ``_place`` checks the entry now there, so a stale key only costs one comparison.
    """

    def __init__(self, entries: list[Entry]):
        self.by_path: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            self.note(i, e)

    def note(self, i: int, e: Entry) -> None:
        for table, key in ((self.by_path, e.unit.path), (self.by_name, _name_key(e.unit.name))):
            if key:
                where = table.setdefault(key, [])
                if i not in where:
                    bisect.insort(where, i)

    def candidates(self, path: str, name_key: str) -> list[int]:
        found = set(self.by_path.get(path, ())) if path else set()
        if name_key:
            found.update(self.by_name.get(name_key, ()))
        return sorted(found)


def _duplicate_reason(e: Entry, first: Entry) -> str:
    # the other file by its name (its full path is on its own row); by its full path when both have one name
    theirs = Path(first.unit.path).name or first.label
    if theirs == Path(e.unit.path).name:
        theirs = first.unit.path
    if first.unit.sha256 == e.unit.sha256:
        return f"与{theirs}内容完全相同，同一份年报只能计入一次"
    return f"“{first.label}”已由{theirs}计入汇总，同一机关只能计入一次；如果这是更正后的文件，请移除{theirs}"


def identity_failures(con: Consolidation, eq: Equation, inputs: dict[int, dict] | None = None) -> list[Entry]:
    """The units taken whose own input cells fail an identity between input cells (totals computed).

    ``inputs`` caches each unit's numeric input cells between calls (keyed by the entry's id).
    """
    fmt = con.fmt
    inputs = {} if inputs is None else inputs
    out = []
    for e in con.taken():
        cells = inputs.get(id(e))
        if cells is None:
            cells = inputs[id(e)] = {ref: p for ref, p in e.unit.cells.items()
                                     if ref not in fmt.totals and p.value is not None}
        lhs = sum(_num(fmt, cells, c) for c in eq.lhs)
        rhs = sum(_num(fmt, cells, c) for c in eq.rhs)
        if lhs != rhs:
            out.append(e)
    return out


def _num(fmt: ReportFormat, cells: dict[CellRef, Parsed], ref: CellRef) -> Number:
    if ref in fmt.totals:
        return effective_value(fmt, cells, ref) or 0
    parsed = cells.get(ref)
    return parsed.value if parsed is not None and parsed.value is not None else 0


def expected_units(last: Report) -> list[Unit]:
    """Next year's unit list from this year's 汇总: every unit expected, none received yet.

    For app/carryover.py new_from_last_year: ``report.units = expected_units(last)``. Each unit keeps its
    name, path (the folder is a good place to look for this year's file) and whether it is the office's
    own report; with no hash and no values, it shows as 与上年相比缺报 until its file is added.
    """
    return [Unit(name=u.name, path=u.path, own=u.own) for u in last.units if u.name]
