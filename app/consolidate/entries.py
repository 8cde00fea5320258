"""A 汇总's units as the list shows them: their states and names, and each unit's own findings (its tables only).

Kept apart from the consolidation itself (``app.consolidate``) so the reading of files (``reading``) and the
list can both name a state without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..cells import Number
from ..checks import Finding, LiveChecks, check_report
from ..formatdef import DEFAULT_FORMAT_ID, ReportFormat
from ..report import Report, Unit

# What an entry's state is called in the unit list.
OK, ERRORS, UNREADABLE, WRONG_YEAR, DUPLICATE, MISSING = "ok", "errors", "unreadable", "wrong_year", "duplicate", \
    "missing"
STATE_NAMES = {OK: "无错误", ERRORS: "{n}个错误", UNREADABLE: "无法读取", WRONG_YEAR: "年度不符",
               DUPLICATE: "重复", MISSING: "与上年相比缺报"}
FILE_GONE = "文件已不在原处，使用保存时取得的数字"
FILE_CHANGED = "文件在保存汇总后已更改，使用保存时取得的数字；点“刷新”重新读取"
TAKEN = (OK, ERRORS)  # the states whose values go into the sum
BLOCKING = (UNREADABLE, WRONG_YEAR, DUPLICATE)  # the officer must sort these out before the 汇总 is written


@dataclass
class Entry:
    """One unit in the list: what was read (or taken earlier), its state and its own findings."""

    unit: Unit
    problem: str = ""  # why the file cannot be read, in Chinese ("" when it was read)
    state: str = OK
    reason: str = ""  # why the unit is not summed (year, duplicate), in Chinese
    findings: list[Finding] = field(default_factory=list)
    note: str = ""  # e.g. the file is gone and the values shown are the ones taken earlier

    @property
    def label(self) -> str:
        """The unit's name from its file, or the file's name when the report names no body."""
        return self.unit.name or (Path(self.unit.path).name if self.unit.path else "（未命名单位）")

    @property
    def error_count(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def taken(self) -> bool:
        return self.state in TAKEN

    def why(self) -> str:
        """Why the unit cannot be read or is not summed, its own file not named again (it is on the unit's row:
        “找不到文件：/…/乙局.pdf” reads “找不到文件”)."""
        why = self.problem or self.reason
        path = self.unit.path
        return why.replace(f"：{path}", "").replace(path, "该文件") if path else why

    def state_text(self) -> str:
        return STATE_NAMES[self.state].format(n=self.error_count)


class TooManyUnits(ValueError):
    """More units than a 汇总 may hold (app/limits/project.py MAX_UNITS); nothing was read. Chinese message."""


class Share(NamedTuple):
    """What one unit contributes to one cell of the sum (for a tooltip)."""

    name: str
    path: str
    value: Number | None  # None: the unit's cell holds text that is not a number
    text: str  # the unit's cell as it reads


def _name_key(name: str) -> str:
    return "".join(name.split())


def _table_sections(fmt: ReportFormat) -> frozenset[str]:
    return frozenset(t.section for t in fmt.tables.values())


def tables_findings(report: Report) -> list[Finding]:
    """The findings of a report's tables only (texts and body are not part of a 汇总's numbers)."""
    sections = _table_sections(report.fmt)
    return [f for f in check_report(report) if f.step in sections]


class _UnitChecker:
    """One check engine reused for every unit: setting one up costs more than checking a report with it.

    The engine's documented way to take a wholly replaced ``report.cells`` is ``recheck_all``.
    """

    def __init__(self, format_id: str):
        self.report = Report(format_id=format_id)
        self.sections = _table_sections(self.report.fmt)
        self.live: LiveChecks | None = None

    def findings(self, unit: Unit) -> list[Finding]:
        r = self.report
        r.year, r.body.name, r.cells = unit.year, unit.name, unit.cells
        if self.live is None:
            self.live = LiveChecks(r)
        else:
            self.live.recheck_all()
        return [f for f in self.live.findings() if f.step in self.sections]


_CHECKERS: dict[str, _UnitChecker] = {}


def unit_findings(unit: Unit, format_id: str = DEFAULT_FORMAT_ID) -> list[Finding]:
    """The findings of a unit's tables as taken (the same from its file or from the project file)."""
    checker = _CHECKERS.get(format_id)
    if checker is None:
        checker = _CHECKERS[format_id] = _UnitChecker(format_id)
    return checker.findings(unit)
