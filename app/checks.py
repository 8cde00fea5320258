"""The check engine: every rule of the format that one report (and last year's) can decide.

Rules and their Chinese messages are data in the format file; this module evaluates them. A
``LiveChecks`` keeps the findings of one report and, when one cell or one text changes, re-evaluates
only what depends on it, so it can run on every keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, NamedTuple

from .cells import Number, format_number, wanyuan_from_yuan, yuan_to_wanyuan
from .formatdef import CellRef, Equation, ReportFormat
from .narrative import Mention, find_mentions
from .report import Report, effective_value

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


class Fix(NamedTuple):
    """A proposed correction: cells to set (None clears, which makes a total automatic again)."""

    label: str
    cells: tuple[tuple[CellRef, str | None], ...]


class Finding(NamedTuple):
    key: str  # identity of this finding instance, stable while the problem lasts
    rule: str
    severity: str
    message: str
    step: str  # "basic" or a section id: where the officer goes to fix it
    cells: tuple[CellRef, ...] = ()
    text_key: str | None = None
    fix: Fix | None = None

    def as_dict(self) -> dict:
        return {
            "rule": self.rule, "severity": self.severity, "message": self.message, "step": self.step,
            "cells": [f"{c.table}.{c.row}.{c.col}" for c in self.cells],
            "text": self.text_key, "fix": self.fix.label if self.fix else None,
        }


def _fmt(n: Number) -> str:
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
        self.recheck_all()

    # --- entry points --------------------------------------------------------------------------

    def recheck_all(self) -> None:
        self._equations = {i: self._check_equation(eq) for i, eq in enumerate(self.fmt.equations)}
        self._invalid = {}
        for ref in self.fmt.all_cells():
            self._check_invalid(ref)
        self._mentions = {k: find_mentions(self.report.text(k)) for k in self.fmt.text_keys()}
        self._mentions_version += 1
        self._memo.clear()
        for name in _GROUPS:
            self._run_group(name)

    def cell_changed(self, ref: CellRef) -> None:
        for i in self._eq_index.get(ref, ()):
            self._equations[i] = self._check_equation(self.fmt.equations[i])
        self._check_invalid(ref)
        for name, (deps, _) in _GROUPS.items():
            if f"table:{ref.table}" in deps:
                self._run_group(name)

    def text_changed(self, key: str) -> None:
        self._mentions[key] = find_mentions(self.report.text(key))
        self._mentions_version += 1
        for name, (deps, _) in _GROUPS.items():
            if "text" in deps or f"text:{key}" in deps:
                self._run_group(name)

    def body_changed(self) -> None:
        for name, (deps, _) in _GROUPS.items():
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
                **fields) -> Finding:
        info = self.fmt.rules[rule]
        return Finding(key=f"{rule}:{key}", rule=rule, severity=info.severity,
                       message=info.message.format(**fields), step=step, cells=tuple(cells),
                       text_key=text_key, fix=fix)

    def fix_label(self, rule: str, **fields) -> str:
        template = self.fmt.rules[rule].fix
        assert template is not None, rule
        return template.format(**fields)

    # --- internals ------------------------------------------------------------------------------

    def _run_group(self, name: str) -> None:
        self._groups[name] = list(_GROUPS[name][1](self))

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
                value = _fmt(wanyuan)
                fix = Fix(self.fix_label("CELL-INVALID", value=value), ((ref, value),))
        self._invalid[ref] = self.finding(
            "CELL-INVALID", f"{ref.table}.{ref.row}.{ref.col}", table.section, fix, cells=[ref],
            table=self.fmt.table_name(ref.table), place=table.place(ref), text=parsed.text.strip(),
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
            fix = Fix(self.fix_label(eq.rule, sum=_fmt(s)), ((eq.target, None),))
            return self.finding(eq.rule, key, table.section, fix, eq.cells, total=_fmt(total), sum=_fmt(s),
                                diff=_fmt(abs(total - s)), **label)
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
        fix = None
        if eq.solve is not None and not self.fmt.is_total(eq.solve):
            value = lhs - (rhs - self.num(eq.solve))
            if value >= 0:
                fix = Fix(self.fix_label(eq.rule, value=_fmt(value)), ((eq.solve, _fmt(value)),))
        return self.finding(eq.rule, key, table.section, fix, eq.cells, lhs=_fmt(lhs), rhs=_fmt(rhs),
                            diff=_fmt(abs(lhs - rhs)), **label)


def _equation_index(fmt: ReportFormat) -> dict[CellRef, set[int]]:
    """Cell -> equations whose outcome can change with it, directly or through computed totals."""
    direct: dict[CellRef, set[int]] = {}
    for i, eq in enumerate(fmt.equations):
        for ref in eq.cells:
            direct.setdefault(ref, set()).add(i)
    return {ref: set().union(*(direct.get(c, ()) for c in {ref, *fmt.totals_fed_by(ref)}))
            for ref in fmt.all_cells()}


# --- rule groups: (dependencies, function) -------------------------------------------------------

Rule = Callable[[LiveChecks], Iterable[Finding]]
_GROUPS: dict[str, tuple[frozenset[str], Rule]] = {}


def _group(*deps: str):
    def register(fn: Rule) -> Rule:
        _GROUPS[fn.__name__] = (frozenset(deps), fn)
        return fn
    return register


def _blank_group(table_id: str) -> Rule:
    def check(lc: LiveChecks) -> Iterable[Finding]:
        cells = lc.report.cells
        blanks = [ref for ref in lc.inputs(table_id) if ref not in cells]
        if blanks:
            table = lc.fmt.tables[table_id]
            fix = Fix(lc.fix_label("CELL-BLANK", count=len(blanks)), tuple((r, "0") for r in blanks))
            yield lc.finding("CELL-BLANK", table_id, table.section, fix, blanks,
                             table=lc.fmt.table_name(table_id), count=len(blanks), first=table.place(blanks[0]))
    return check


for _tid in ("active", "applications", "review_litigation"):
    _GROUPS[f"blank_{_tid}"] = (frozenset({f"table:{_tid}"}), _blank_group(_tid))


@_group("table:applications")
def carried_over_matches_last_year(lc: LiveChecks) -> Iterable[Finding]:
    """T3-5: this year's 上年结转 = last year's 结转下年度, column by column.

    The 总计 column is compared only when the columns could not say it: no column differs, and this
    year's row is filled in (or its total typed). So a report whose last year gave only the total still
    gets the check, and a half-filled row is not told its total is "0".
    """
    ly = lc.report.last_year
    if ly is None:
        return
    table = lc.fmt.tables["applications"]
    found_any = False
    row_filled = True
    for col in table.cols:
        ref = CellRef("applications", "carried_over", col.id)
        last = lc.last_num(CellRef("applications", "carry_next", col.id))
        if col.id == "total" and (found_any or not (row_filled or lc.report.is_override(ref))):
            continue
        if ref not in lc.report.cells and not lc.is_automatic(ref):
            row_filled = False
            continue  # blank: CELL-BLANK says so; "上年结转为0" would put words in the officer's mouth
        this = lc.num(ref)
        if last is None or this is None or last == this:
            continue
        found_any = True
        fix = Fix(lc.fix_label("T3-5", last=_fmt(last)), ((ref, _fmt(last)),))
        yield lc.finding("T3-5", col.id, "applications", fix, [ref], col=col.short, this=_fmt(this),
                         last=_fmt(last), last_year=ly.year or "上一")


@_group("table:active")
def valid_documents_follow_on(lc: LiveChecks) -> Iterable[Finding]:
    """T2-2 and T2-3: 现行有效 ≈ last year's 现行有效 + 制发 − 废止."""
    if lc.report.last_year is None:
        return
    for row in ("rules", "normative_docs"):
        refs = {c: CellRef("active", row, c) for c in ("issued", "repealed", "valid")}
        last = lc.last_num(refs["valid"])
        if last is None or any(r not in lc.report.cells for r in refs.values()):
            continue
        issued, repealed, valid = (lc.num(refs[c]) for c in ("issued", "repealed", "valid"))
        if None in (issued, repealed, valid):
            continue
        label = lc.fmt.tables["active"].row(row).label
        if repealed > last + issued:
            yield lc.finding("T2-3", row, "active", None, [refs["repealed"]], row=label,
                             repealed=_fmt(repealed), last=_fmt(last), issued=_fmt(issued))
        expected = last + issued - repealed
        if valid != expected and expected >= 0:
            yield lc.finding("T2-2", row, "active", None, list(refs.values()), row=label, valid=_fmt(valid),
                             last=_fmt(last), issued=_fmt(issued), repealed=_fmt(repealed),
                             expected=_fmt(expected))


# Above these 万元 figures an amount with nothing to compare it with (no last-year figure, or 0) is asked
# about; with one, the ratio decides, so a large body whose fee is like last year's published one is not
# warned every year. Typed in 元, a fee comes out 10,000 times too large, so a limit far above real amounts
# still catches the slip:
# - "own", one body's own fees: a city department rarely exceeds tens of thousands of 万元; 100,000 万元
#   (10亿元) leaves that a margin and still catches any fee of 10万元 or more typed in 元.
# - "summary", a whole area: 淮安市人民政府 2024, a city of 4.5 million, published 96171.6 万元, and a
#   province sums many such cities; 1,000,000 万元 (100亿元) is ten times 淮安 and still catches any
#   area's fees of 100万元 or more typed in 元 (淮安's in 元 would read 961,716,000).
# Both are warnings, and a correct published figure (4166.241619, 96171.6) stays well below them.
_FEE_LIMITS = {"own": 100_000, "summary": 1_000_000}
_FEE_TIMES_LAST_YEAR = 1000  # 元 for 万元 multiplies by 10,000; a real year-on-year rise of 1000× is rare


@_group("table:active", "body")
def fee_looks_like_yuan(lc: LiveChecks) -> Iterable[Finding]:
    """T2-4: an amount that looks typed in 元 although the unit is 万元."""
    ref = CellRef("active", "admin_fee", "amount_wanyuan")
    amount = lc.num(ref) if ref in lc.report.cells else None
    if not amount:
        return
    params = lc.fmt.rules["T2-4"].params
    scope = lc.report.body.scope if lc.report.body.scope in _FEE_LIMITS else "own"
    why = None
    last = lc.last_num(ref)
    if last:
        if amount / last >= _FEE_TIMES_LAST_YEAR:
            why = params["why_last_year"].format(last=_fmt(last), times=int(amount / last))
    elif amount > _FEE_LIMITS[scope]:
        why = params["why_large"][scope].format(limit=_FEE_LIMITS[scope] // 10_000)
    if why:
        decimals = lc.fmt.tables["active"].col(ref.col).decimals
        wanyuan = yuan_to_wanyuan(amount, decimals)
        fix = None
        if wanyuan is not None:
            fix = Fix(lc.fix_label("T2-4", value=_fmt(wanyuan)), ((ref, _fmt(wanyuan)),))
        yield lc.finding("T2-4", "admin_fee", "active", fix, [ref], amount=_fmt(amount), why=why)


@_group("table:applications", "text:other.body")
def fee_notices_reported(lc: LiveChecks) -> Iterable[Finding]:
    """T3-6: applications dropped for unpaid fees mean fee notices went out: 六 must speak of them."""
    ref = CellRef("applications", "oth_no_fee", "total")
    count = lc.num(ref)
    if count and "处理费" not in lc.report.text("other.body"):
        yield lc.finding("T3-6", "fee", "applications", None, [ref], text_key="other.body", count=_fmt(count))


@_group("table:review_litigation")
def pending_cases_last_year(lc: LiveChecks) -> Iterable[Finding]:
    """T4-3: cases still pending last year end this year, so this year's row should count at least that many.

    Only a prompt, and only while this year's row is smaller than last year's 尚未审结: a finding that
    stays however the officer fills the table would be noise.
    """
    ly = lc.report.last_year
    if ly is None:
        return
    table = lc.fmt.tables["review_litigation"]
    for row in table.rows:
        pending = lc.last_num(CellRef("review_litigation", row.id, "pending"))
        total_ref = CellRef("review_litigation", row.id, "total")
        this = lc.num(total_ref)
        if not pending or this is None or this >= pending:
            continue
        yield lc.finding("T4-3", row.id, "review_litigation", None, [total_ref], last_year=ly.year or "上一",
                         row=row.short, count=_fmt(pending), this=_fmt(this))


@_group("body")
def body_complete(lc: LiveChecks) -> Iterable[Finding]:
    """B-1…B-4: what the title and the 落款 need."""
    r = lc.report
    if not r.body.name.strip():
        yield lc.finding("B-1", "name", "basic")
    if r.year is None:
        yield lc.finding("B-4", "year", "basic", problem="未填写")
    elif not 2000 <= r.year <= 2100:
        yield lc.finding("B-4", "year", "basic", problem=f"“{r.year}”不是有效年份")
    missing = [w for w, v in (("落款机关", r.body.signature), ("成文日期", r.body.date)) if not v.strip()]
    if missing:
        yield lc.finding("B-2", "signature", "basic", what="、".join(missing))
    date = r.body.date_value()
    if date and r.year and date.year != r.year + 1:
        yield lc.finding("B-3", "date", "basic", date=f"{date.year}年{date.month}月{date.day}日",
                         year=r.year, next_year=r.year + 1)


@_group("text", "body")
def texts_present(lc: LiveChecks) -> Iterable[Finding]:
    """S-1, S-4, S-5, S-6: parts the format requires."""
    r, fmt = lc.report, lc.fmt
    overall = fmt.section("overall")
    keys = overall.text_keys()
    if not any(r.text(k).strip() for k in keys):
        yield lc.finding("S-1", "overall", "overall", text_key=keys[0])
    else:
        for key in keys[1:]:
            if not r.text(key).strip():
                yield lc.finding("S-1b", key, "overall", text_key=key, part=fmt.part_name(key))
    problems = r.text("problems.body").strip()
    if not problems:
        yield lc.finding("S-4", "problems", "problems", text_key="problems.body")
    elif len(re.sub(r"[\s。．.、，,！!]", "", problems)) <= 4:
        yield lc.finding("S-4b", "problems", "problems", text_key="problems.body", text=problems)
    keywords = fmt.rules["S-5"].params["keywords"]
    if not any(k in r.text("other.body") for k in keywords):
        yield lc.finding("S-5", "other", "other", text_key="other.body")
    if r.body.kind == "government":
        # The format asks for it under 监督保障, the regulation (第五十条第四项) under 问题及改进; either counts,
        # and so does the usual wording: “纳入绩效考核” reports 工作考核, “追究责任” reports 责任追究.
        where = "".join(r.text(k) for k in keys) + r.text("problems.body")
        missing = [k for k in fmt.rules["S-6"].params["keywords"] if k[-2:] not in where]
        if missing:
            yield lc.finding("S-6", "supervision", "overall", text_key="overall.supervision",
                             missing="、".join(missing))


@_group("text", "body")
def texts_current(lc: LiveChecks) -> Iterable[Finding]:
    """S-7 old-format markers, S-8 statistics year, S-9 text still last year's.

    Each part's findings depend on its own text only (and the year), so a keystroke re-reads one part.
    """
    r, fmt = lc.report, lc.fmt
    ly = r.last_year
    cache: dict[str, tuple] = lc._memo.setdefault("texts_current", {})
    out: list[Finding] = []
    for key in fmt.text_keys():
        text = r.text(key)
        if not text:
            continue
        inputs = (text, r.year, None if ly is None else (ly.year, ly.texts.get(key, "")))
        hit = cache.get(key)
        if hit is None or hit[0] != inputs:
            hit = cache[key] = (inputs, list(_text_current(lc, key, text)))
        out += hit[1]
    return out


def _text_current(lc: LiveChecks, key: str, text: str) -> Iterable[Finding]:
    r, fmt = lc.report, lc.fmt
    step = _text_step(key)
    where = fmt.part_name(key)
    for marker in _old_format_labels(tuple(fmt.rules["S-7"].params["markers"]), text):
        yield lc.finding("S-7", f"{key}.{marker}", step, text_key=key, where=f"“{where}”", marker=marker)
    if r.year:
        for m in _STATISTICS_YEAR.finditer(text):
            if int(m.group(1)) != r.year:
                yield lc.finding("S-8", f"{key}.{m.start()}", step, text_key=key, where=f"“{where}”",
                                 found=m.group(1), year=r.year)
    ly = r.last_year
    if ly is not None and text.strip() and ly.texts.get(key, "").strip() == text.strip():
        yield lc.finding("S-9", key, step, text_key=key, part=where, last_year=ly.year or "上一")


_STATISTICS_YEAR = re.compile(r"统计(?:期限|时限|时间|区间)[^。；]{0,8}?(\d{4})\s*年")


def _old_format_labels(markers: tuple[str, ...], text: str) -> list[str]:
    """The markers that stand alone as cell labels of a table pasted as text (between spaces, tabs, bars,
    digits or line ends), not inside a sentence: “公开政府集中采购项目信息” is prose, not the 2019 table."""
    found = {m.group(1) for m in _marker_pattern(markers).finditer(text)}
    return [m for m in markers if m in found]


@cache
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?<![^\s|｜0-9])({alternatives})(?![^\s|｜0-9])")


@_group("text", "table:applications", "table:review_litigation")
def narrative_matches_tables(lc: LiveChecks) -> Iterable[Finding]:
    """X-1, X-3, X-4: numbers quoted in the text against the tables (mentions are parsed per text)."""
    # The findings depend on the parsed texts and six totals only. Most cell edits change none of them, and
    # one that does changes the findings of the mentions quoting that total only: both are remembered, so a
    # text full of quoted numbers is not re-compared on every keystroke in the grid.
    totals = {ref: lc.num(ref) for ref in _QUOTED}
    inputs = (lc._mentions_version, tuple(totals.values()))
    memo = lc._memo.get("narrative")
    if memo is not None and memo[0] == inputs:
        return memo[1]
    previous = lc._memo.get("narrative_mentions", {})
    current: dict[tuple, Finding | None] = {}
    found: list[Finding] = []
    for key, mentions in lc._mentions.items():
        for m in mentions:
            values = tuple(totals[ref] for ref in _MENTION_TOTALS[m.kind])
            k = (key, m, values)
            f = previous[k] if k in previous else _mention_finding(lc, key, m, values)
            current[k] = f
            if f is not None:
                found.append(f)
    lc._memo["narrative_mentions"] = current
    lc._memo["narrative"] = (inputs, found)
    return found


def _t3(row: str) -> CellRef:
    return CellRef("applications", row, "total")


def _t4(row: str) -> CellRef:
    return CellRef("review_litigation", row, "total")


_MENTION_TOTALS: dict[str, tuple[CellRef, ...]] = {
    "new": (_t3("new_received"),), "carried": (_t3("carried_over"),), "carry_next": (_t3("carry_next"),),
    "received": (_t3("new_received"), _t3("carried_over")),
    "review": (_t4("review"),), "litigation": (_t4("lit_direct"), _t4("lit_after")),
}
_QUOTED = tuple(dict.fromkeys(ref for refs in _MENTION_TOTALS.values() for ref in refs))


def _mention_finding(lc: LiveChecks, key: str, m: Mention, values: tuple[Number | None, ...]) -> Finding | None:
    """The finding for one quoted number, given the totals it is compared with (None: it agrees)."""
    if any(v is None for v in values):
        return None  # an unreadable cell has its own finding
    fmt = lc.fmt
    common = dict(text_key=key, part=fmt.part_name(key), quote=m.quote)
    k, step = f"{key}.{m.start}", _text_step(key)
    cells = list(_MENTION_TOTALS[m.kind])
    if m.kind == "received":
        new, carried = values
        if m.number in (new, new + carried):
            return None
        return lc.finding("X-3", k, step, cells=cells[:1], new=_fmt(new), with_carried=_fmt(new + carried),
                          **common)
    value = sum(values)
    if value == m.number:
        return None
    if m.kind in ("review", "litigation"):
        t4 = fmt.tables["review_litigation"]
        what = "与".join(f"“{t4.row(ref.row).label}”" for ref in cells)
        what += "总计" if len(cells) == 1 else "总计之和"
        return lc.finding("X-4", k, step, cells=cells, what=what, table=f"{_fmt(value)}件", **common)
    what = f"“{fmt.tables['applications'].row(cells[0].row).short}”总计"
    return lc.finding("X-1", k, step, cells=cells, what=what, table=f"{_fmt(value)}件", **common)


def _text_step(key: str) -> str:
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
