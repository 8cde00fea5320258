"""The report being prepared: body, year, texts and table cells, and the edits the officer makes.

Every edit is a method that returns what it replaced, so the UI can wrap it in an undo command
without knowing any rule. Cells keep what the officer typed (parsed once); a total cell that holds
nothing is computed from its terms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .cells import DEFAULT_DECIMALS, Number, Parsed, canonical_text, parse_cell
from .formatdef import DEFAULT_FORMAT_ID, CellRef, ReportFormat, load_format

BODY_KINDS = {"government": "人民政府", "department": "部门"}
BODY_SCOPES = {"own": "本机关", "summary": "汇总"}


def guess_body_kind(name: str) -> str:
    """人民政府 and 街道办事处 report for a whole government; anything else is taken as a department."""
    return "government" if re.search(r"(人民政府|街道办事处)$", name.strip()) else "department"


@dataclass
class Body:
    name: str = ""
    kind: str = "department"
    scope: str = "own"
    signature: str = ""  # 落款: the name printed above the date
    date: str = ""  # 成文日期, ISO yyyy-mm-dd, or "" when not set

    def date_value(self) -> dt.date | None:
        """The date, or None when not set or not yyyy-mm-dd (Python 3.11 also reads "20250105"; 3.10 does not)."""
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", self.date):
            return None
        try:
            return dt.date.fromisoformat(self.date)
        except ValueError:
            return None


@dataclass
class LastYear:
    """Last year's report, kept for the cross-year checks and shown beside this year's text."""

    year: int | None
    cells: dict[CellRef, Parsed] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


@dataclass
class Unit:
    """One unit's report taken into a 汇总 (app/consolidate/): where it came from and the values taken.

    ``sha256`` is the hash of the file as read ("" for a unit expected from last year's list that has
    not reported yet); ``cells`` are the unit's cells as read, so the 汇总 can be re-checked without the
    unit's file. ``own`` marks the consolidating office's own 本机关 report.
    """

    name: str
    path: str = ""
    sha256: str = ""
    year: int | None = None
    cells: dict[CellRef, Parsed] = field(default_factory=dict)
    own: bool = False


@dataclass
class Report:
    year: int | None = None
    body: Body = field(default_factory=Body)
    texts: dict[str, str] = field(default_factory=dict)
    cells: dict[CellRef, Parsed] = field(default_factory=dict)
    # The officer's own wording of a part's sub-heading (e.g. "（四）政府信息公开平台建设情况"), kept from last
    # year's report instead of the format's short label; a part without an entry uses the format's heading.
    headings: dict[str, str] = field(default_factory=dict)
    last_year: LastYear | None = None
    format_id: str = DEFAULT_FORMAT_ID
    notes: list[str] = field(default_factory=list)  # where the report came from (import, carry-over)
    units: list[Unit] = field(default_factory=list)  # a 汇总 report's units (app/consolidate/), else empty
    # made by adding units up (新建汇总年报, nianbao consolidate): a 汇总 whose units are yet to come stays one
    consolidates: bool = False

    @property
    def fmt(self) -> ReportFormat:
        return load_format(self.format_id)

    def title(self) -> str:
        year = "" if self.year is None else str(self.year)
        return self.fmt.title_template.format(name=self.body.name.strip(), year=year)

    # --- cells -------------------------------------------------------------------------------

    def parse_for(self, ref: CellRef, text: str | None) -> Parsed:
        col = self.fmt.tables[ref.table].col(ref.col)
        return parse_cell(text, col.type, col.decimals or DEFAULT_DECIMALS)

    def cell_text(self, ref: CellRef) -> str:
        """What the cell holds as the officer sees it in the editor ("" when blank or automatic)."""
        parsed = self.cells.get(ref)
        return canonical_text(parsed) if parsed is not None else ""

    def set_cell(self, ref: CellRef, text: str | None) -> str:
        """Store what was typed (blank clears; on a total cell that means "computed"); return the old text."""
        if not self.fmt.tables[ref.table].has_cell(ref.row, ref.col):
            raise KeyError(f"no cell {ref}")
        old = self.cell_text(ref)
        parsed = self.parse_for(ref, None if text is None else clean_text(text))
        if parsed.blank:
            self.cells.pop(ref, None)
        else:
            self.cells[ref] = Parsed(canonical_text(parsed), parsed.value, parsed.error)
        return old

    def is_override(self, ref: CellRef) -> bool:
        return self.fmt.is_total(ref) and ref in self.cells

    def value(self, ref: CellRef) -> Number | None:
        """The number the report shows in a cell: typed, or computed for a total left automatic."""
        return effective_value(self.fmt, self.cells, ref)

    # --- text and body -----------------------------------------------------------------------

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def set_text(self, key: str, text: str) -> str:
        if key not in self.fmt.text_keys():
            raise KeyError(f"no text part {key}")
        old = self.texts.get(key, "")
        text = clean_text(text)
        if text:
            self.texts[key] = text
        else:
            self.texts.pop(key, None)
        return old

    def part_heading(self, key: str) -> str | None:
        """The sub-heading printed for a text part: the officer's wording, else the format's (None: no heading)."""
        default = self.fmt.part(key)[1].heading
        if default is None:
            return None
        return self.headings.get(key) or default

    def set_heading(self, key: str, text: str) -> str:
        """Set a part's own sub-heading; blank (or the format's own wording) goes back to the format's heading."""
        default = self.fmt.part(key)[1].heading
        if default is None:
            raise KeyError(f"text part {key} has no heading")
        old = self.part_heading(key) or ""
        text = clean_text(text).strip()
        if text and text != default:
            self.headings[key] = text
        else:
            self.headings.pop(key, None)
        return old

    def set_body_field(self, name: str, value: str) -> str:
        """Set one field of the body; a value the project file could not hold raises ValueError."""
        if name not in ("name", "kind", "scope", "signature", "date"):
            raise KeyError(name)
        value = clean_text(value)
        if name == "kind" and value not in BODY_KINDS:
            raise ValueError(f"机关类型只能是{'、'.join(BODY_KINDS)}")
        if name == "scope" and value not in BODY_SCOPES:
            raise ValueError(f"报告范围只能是{'、'.join(BODY_SCOPES)}")
        if name == "date" and value and Body(date=value).date_value() is None:
            raise ValueError(f"成文日期“{value}”不是有效日期（应为 年-月-日）")
        old = getattr(self.body, name)
        setattr(self.body, name, value)
        return old

    def set_year(self, year: int | None) -> int | None:
        old, self.year = self.year, year
        return old


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Replace unpaired surrogates (possible in text pasted through Qt) so the file can be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def effective_value(fmt: ReportFormat, cells: Mapping[CellRef, Parsed], ref: CellRef) -> Number | None:
    """Typed value, or for an automatic total the sum of its terms (blank terms count as 0).

    None when the cell (or, for a total, any of its terms) holds text that is not a number.
    """
    parsed = cells.get(ref)
    if parsed is not None:
        return parsed.value
    eq = fmt.totals.get(ref)
    if eq is None:
        return None
    total: Number = 0
    for term in eq.rhs:
        if term in cells:
            v = cells[term].value
        else:
            v = effective_value(fmt, cells, term) if term in fmt.totals else 0  # the format has no cycles
        if v is None:
            return None
        total += v
    return total
