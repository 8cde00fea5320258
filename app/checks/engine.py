"""The check engine: findings, the incremental ``LiveChecks`` and the batch ``check_report``.

Rules and their Chinese messages are data in the format file. The equations of the format (totals and
勾稽关系) and unreadable cells are evaluated here; every other rule is a function in a family module
(``cells``, ``tables``, ``cross_year``, ``content``, ``narrative``) registered in ``registry``. A
``LiveChecks`` keeps the findings of one report and, when one cell or one text changes, re-runs only the
equations and rule functions that depend on it, so it can run on every keystroke.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from ..cells import Number, format_number, wanyuan_from_yuan
from ..formatdef import CellRef, Equation, ReportFormat
from ..report import Report, effective_value
from .mentions import Mention, find_mentions
from .registry import GROUPS

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


class TextEdit(NamedTuple):
    """A replacement in one text part: ``old`` found at ``start`` becomes ``new`` (the narrative rules' fixes)."""

    text_key: str
    start: int
    old: str
    new: str

    def apply(self, text: str) -> str | None:
        """The corrected text, or None when the text no longer holds ``old`` at ``start`` (edited since)."""
        if text[self.start:self.start + len(self.old)] != self.old:
            return None
        return text[:self.start] + self.new + text[self.start + len(self.old):]


class Fix(NamedTuple):
    """A proposed correction: cells to set (None clears, which makes a total automatic again), and/or one
    replacement in a text part."""

    label: str
    cells: tuple[tuple[CellRef, str | None], ...] = ()
    text: TextEdit | None = None


class Finding(NamedTuple):
    key: str  # identity of this finding instance, stable while the problem lasts
    rule: str
    severity: str
    message: str
    step: str  # "basic" or a section id: where the officer goes to fix it
    cells: tuple[CellRef, ...] = ()
    text_key: str | None = None
    fix: Fix | None = None
    pos: int | None = None  # where in the text the problem is (a placeholder, a sentence), for the jump

    def as_dict(self) -> dict:
        return {
            "rule": self.rule, "severity": self.severity, "message": self.message, "step": self.step,
            "cells": [f"{c.table}.{c.row}.{c.col}" for c in self.cells],
            "text": self.text_key, "pos": self.pos, "fix": self.fix.label if self.fix else None,
        }


def finding_line(f: Finding) -> str:
    """How a finding reads in a list or a terminal: its severity and message. The rule's code (T3-1,
    CELL-BLANK) is ours, never the officer's: it stays in ``--json`` and the logs."""
    return f"【{SEVERITY_NAMES[f.severity]}】{f.message}"


def rule_title(fmt, rule: str) -> str:
    """The rule's name in the format's words (表三勾稽关系), for a tooltip or a summary of errors."""
    info = fmt.rules.get(rule)
    return info.title if info is not None else "检查未通过"


_QUOTE_CHARS = 40  # a cell's text quoted in a message: a pasted page or 8,000 digits are cut, their length said


def _quoted(text: str) -> str:
    return text if len(text) <= _QUOTE_CHARS else f"{text[:_QUOTE_CHARS]}…（共{len(text)}个字符）"


def fmt_number(n: Number) -> str:
    return format_number(n)


class LiveChecks:
    """Findings of one report, kept up to date incrementally.

    After each edit call the matching method: ``cell_changed(ref)``, ``text_changed(key)``, or
    ``body_changed()`` (body fields and the year). Anything else that replaces part of the report
    (``report.cells`` wholesale, ``report.last_year``) needs ``recheck_all()``. ``findings()`` is then
    always equal to a fresh ``check_report`` (a property test holds the engine to this).
    """

    def __init__(self, report: Report):
        self.report = report
        self.fmt: ReportFormat = report.fmt
        self._eq_index = _equation_index(self.fmt)
        self._inputs = {t.id: [ref for ref in t.cells() if ref not in self.fmt.totals]
                        for t in self.fmt.tables.values()}
        self._cell_pos = {ref: i for i, ref in enumerate(self.fmt.all_cells())}
        self._text_pos = {key: i for i, key in enumerate(self.fmt.text_keys())}
        self._step_pos = {s.id: i for i, s in enumerate(self.fmt.sections)} | {"basic": -1}
        self._equations: dict[int, Finding | None] = {}
        self._invalid: dict[CellRef, Finding] = {}
        self._groups: dict[str, list[Finding]] = {}
        self._mentions: dict[str, list[Mention]] = {}
        self._mentions_version = 0  # bumped whenever a text's mentions are parsed again
        self._memo: dict[str, Any] = {}  # what rule groups remember between runs; cleared by recheck_all
        self._edited: CellRef | None = None  # the cell the officer changed last, for the fix of T3-1
        self.recheck_all()

    # --- entry points --------------------------------------------------------------------------

    def recheck_all(self) -> None:
        self._edited = None  # a whole new report: no cell was “just changed”, fixes take their usual target
        self._equations = {i: self._check_equation(eq) for i, eq in enumerate(self.fmt.equations)}
        self._invalid = {}
        for ref in self.fmt.all_cells():
            self._check_invalid(ref)
        self._mentions = {k: find_mentions(self.report.text(k)) for k in self.fmt.text_keys()}
        self._mentions_version += 1
        self._memo.clear()
        for name in GROUPS:
            self._run_group(name)

    def cell_changed(self, ref: CellRef) -> None:
        self._edited = ref
        for i in self._eq_index.get(ref, ()):
            self._equations[i] = self._check_equation(self.fmt.equations[i])
        self._check_invalid(ref)
        for name, (deps, _) in GROUPS.items():
            if f"table:{ref.table}" in deps:
                self._run_group(name)

    def text_changed(self, key: str) -> None:
        self._mentions[key] = find_mentions(self.report.text(key))
        self._mentions_version += 1
        for name, (deps, _) in GROUPS.items():
            if "text" in deps or f"text:{key}" in deps:
                self._run_group(name)

    def body_changed(self) -> None:
        for name, (deps, _) in GROUPS.items():
            if "body" in deps:
                self._run_group(name)

    def findings(self) -> list[Finding]:
        """All findings: errors first, then by step, then in the order of the printed report.

        The order depends only on the findings themselves, never on the order edits came in, so the
        incremental result is identical to a fresh check.
        """
        out = [f for f in self._equations.values() if f is not None]
        out += self._invalid.values()
        for group in self._groups.values():
            out += group
        return sorted(out, key=self._sort_key)

    def _sort_key(self, f: Finding) -> tuple:
        if f.cells:
            where = (1, min(self._cell_pos.get(c, 0) for c in f.cells))
        elif f.text_key is not None:
            where = (0, self._text_pos.get(f.text_key, 0))
        else:
            where = (-1, 0)
        return (SEVERITIES.index(f.severity), self._step_pos.get(f.step, 99), where, f.key)

    def counts(self) -> dict[str, int]:
        return severity_counts(self.findings())

    # --- helpers for the rule functions --------------------------------------------------------

    def inputs(self, table_id: str) -> list[CellRef]:
        """The cells of a table the officer fills in (totals excluded: they compute)."""
        return self._inputs[table_id]

    def is_automatic(self, ref: CellRef) -> bool:
        return ref in self.fmt.totals and ref not in self.report.cells

    def num(self, ref: CellRef) -> Number | None:
        """Value for arithmetic: blank counts as 0; None when the cell holds unreadable text."""
        parsed = self.report.cells.get(ref)
        if parsed is not None:
            return parsed.value
        if ref in self.fmt.totals:
            return effective_value(self.fmt, self.report.cells, ref)
        return 0

    def last_num(self, ref: CellRef) -> Number | None:
        """Last year's value, None when unknown (no last year, or the cell was blank or unreadable)."""
        ly = self.report.last_year
        if ly is None:
            return None
        return effective_value(self.fmt, ly.cells, ref)

    def finding(self, rule: str, key: str, step: str, fix: Fix | None = None, cells=(), text_key=None,
                pos: int | None = None, **fields) -> Finding:
        info = self.fmt.rules[rule]
        return Finding(key=f"{rule}:{key}", rule=rule, severity=info.severity,
                       message=info.message.format(**fields), step=step, cells=tuple(cells),
                       text_key=text_key, fix=fix, pos=pos)

    def per_text_part(self, name: str, inputs: Callable[[str, str], object],
                      findings: Callable[[str, str], Iterable[Finding]]) -> list[Finding]:
        """The findings of every non-empty text part, worked out again only for a part whose ``inputs(key,
        text)`` changed since the last run (kept under ``name``): a keystroke re-reads the one part typed in."""
        cache: dict[str, tuple] = self._memo.setdefault(name, {})
        out: list[Finding] = []
        for key in self.fmt.text_keys():
            text = self.report.text(key)
            if not text:
                continue
            key_inputs = inputs(key, text)
            hit = cache.get(key)
            if hit is None or hit[0] != key_inputs:
                hit = cache[key] = (key_inputs, list(findings(key, text)))
            out += hit[1]
        return out

    def fix_label(self, rule: str, **fields) -> str:
        template = self.fmt.rules[rule].fix
        assert template is not None, rule
        return template.format(**fields)

    # --- internals ------------------------------------------------------------------------------

    def _run_group(self, name: str) -> None:
        self._groups[name] = list(GROUPS[name][1](self))

    def _check_invalid(self, ref: CellRef) -> None:
        parsed = self.report.cells.get(ref)
        if parsed is None or parsed.error is None:
            self._invalid.pop(ref, None)
            return
        table = self.fmt.tables[ref.table]
        col = table.col(ref.col)
        fix = None
        if col.type == "amount":
            # An amount typed in 元 is kept as typed (never divided silently); the officer sees the
            # 万元 figure in the message and takes it with one click.
            wanyuan = wanyuan_from_yuan(parsed.text, col.decimals)
            if wanyuan is not None:
                value = fmt_number(wanyuan)
                fix = Fix(self.fix_label("CELL-INVALID", value=value), ((ref, value),))
        self._invalid[ref] = self.finding(
            "CELL-INVALID", f"{ref.table}.{ref.row}.{ref.col}", table.section, fix, cells=[ref],
            table=self.fmt.table_name(ref.table), place=table.place(ref), text=_quoted(parsed.text.strip()),
            reason=parsed.error)

    def _check_equation(self, eq: Equation) -> Finding | None:
        table = self.fmt.tables[eq.table]
        label = {"row": table.row(eq.row).short if eq.row else "",
                 "col": table.col(eq.col).short if eq.col else ""}
        key = f"{eq.table}.{eq.row or eq.col}"
        if eq.target is not None:
            if not self.report.is_override(eq.target):
                return None  # an automatic total agrees with its terms by construction
            total = self.num(eq.target)
            terms = [self.num(t) for t in eq.rhs]
            if total is None or any(t is None for t in terms):
                return None  # the unreadable cell has its own finding
            s = sum(terms)
            if s == total:
                return None
            fix = Fix(self.fix_label(eq.rule, sum=fmt_number(s)), ((eq.target, None),))
            return self.finding(eq.rule, key, table.section, fix, eq.cells, total=fmt_number(total), sum=fmt_number(s),
                                diff=fmt_number(abs(total - s)), **label)
        if all(self.is_automatic(c) for c in eq.cells):
            # 表三 总计 column with every total automatic: its identity is the sum of the other columns'
            # identities, so it can only fail when one of them fails, and that one is already reported.
            return None
        lhs_vals = [self.num(t) for t in eq.lhs]
        rhs_vals = [self.num(t) for t in eq.rhs]
        if any(v is None for v in lhs_vals + rhs_vals):
            return None
        lhs, rhs = sum(lhs_vals), sum(rhs_vals)
        if lhs == rhs:
            return None
        fix = self._fix_edited(eq, lhs - rhs)
        if fix is None and eq.solve is not None and not self.fmt.is_total(eq.solve):
            value = lhs - (rhs - self.num(eq.solve))
            if value >= 0:
                fix = Fix(self.fix_label(eq.rule, value=fmt_number(value)), ((eq.solve, fmt_number(value)),))
        extra = {}
        if eq.rule == "T3-1":
            carried = self._only_carried_over(eq)
            # a table started from last year's holds only 上年结转 until the officer fills it: the imbalance is
            # real, but its cause is the unfilled year, and carrying every case forward is no fix
            extra["note"] = "" if carried is None else self.fmt.rules["T3-1"].params["carried_only"].format(
                carried=fmt_number(carried))
            fix = None if carried is not None else fix
        return self.finding(eq.rule, key, table.section, fix, eq.cells, lhs=fmt_number(lhs), rhs=fmt_number(rhs),
                            diff=fmt_number(abs(lhs - rhs)), **label, **extra)

    def _fix_edited(self, eq: Equation, diff: Number) -> Fix | None:
        """The fix that balances ``eq`` by the cell the officer just typed, when that cell feeds it.

        Typing 3 under 不予公开 and unbalancing 表三's column is a slip in that cell far more often than a
        change to 结转下年度: the fix proposes the figure that balances the column there, and the click goes to
        it. Without an edit known (a file opened, a full check) the equation's own ``solve`` cell stays the fix.
        """
        ref = self._edited
        if (eq.solve is None or ref is None or ref == eq.solve or ref.table != eq.table or self.fmt.is_total(ref)
                or ref not in self.report.cells):
            return None
        current = self.num(ref)
        weight = sum(self._weight(ref, t) for t in eq.lhs) - sum(self._weight(ref, t) for t in eq.rhs)
        if current is None or weight not in (1, -1):
            return None
        value = current - weight * diff
        if value < 0:
            return None  # the column cannot balance by this cell: the usual fix still can
        table = self.fmt.tables[eq.table]
        label = self.fmt.rules[eq.rule].params["fix_edited"].format(place=table.place(ref), value=fmt_number(value))
        return Fix(label, ((ref, fmt_number(value)),))

    def _weight(self, ref: CellRef, term: CellRef) -> int:
        """How many times ``ref`` counts in ``term``: itself, or through automatic totals (a typed total is fixed)."""
        if term == ref:
            return 1
        if not self.is_automatic(term):
            return 0
        return sum(self._weight(ref, t) for t in self.fmt.totals[term].rhs)

    def _only_carried_over(self, eq: Equation) -> Number | None:
        """The 上年结转 figure when it is all this 表三 column holds, else None."""
        carried = CellRef(eq.table, "carried_over", eq.col)
        if carried not in self.report.cells:
            return None
        cells = self.report.cells
        for row in self.fmt.tables[eq.table].rows:  # the column's cells only: this runs on grid keystrokes
            if row.id != "carried_over" and eq.col in row.cols and CellRef(eq.table, row.id, eq.col) in cells:
                return None
        return self.num(carried)


# One index per format, shared by every LiveChecks (a 汇总 checks a thousand units); read-only once built.
# Keyed by id() as a format holds dicts (unhashable); the format is kept with it so the id cannot be reused.
_INDEXES: dict[int, tuple[ReportFormat, dict[CellRef, set[int]]]] = {}


def _equation_index(fmt: ReportFormat) -> dict[CellRef, set[int]]:
    hit = _INDEXES.get(id(fmt))
    if hit is None or hit[0] is not fmt:
        hit = _INDEXES[id(fmt)] = (fmt, _build_equation_index(fmt))
    return hit[1]


def _build_equation_index(fmt: ReportFormat) -> dict[CellRef, set[int]]:
    """Cell -> equations whose outcome can change with it, directly or through computed totals."""
    direct: dict[CellRef, set[int]] = {}
    for i, eq in enumerate(fmt.equations):
        for ref in eq.cells:
            direct.setdefault(ref, set()).add(i)
    return {ref: set().union(*(direct.get(c, ()) for c in {ref, *fmt.totals_fed_by(ref)}))
            for ref in fmt.all_cells()}


def text_step(key: str) -> str:
    """The step where a text part is edited: its section, or the basic page for the optional preamble."""
    section = key.partition(".")[0]
    return "basic" if section == "preamble" else section


def check_report(report: Report) -> list[Finding]:
    """All findings of a report, from scratch."""
    return LiveChecks(report).findings()


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity, every severity present (errors first)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
