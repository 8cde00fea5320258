"""Starting this year's report from last year's: copy what carries over, reset what does not."""

from __future__ import annotations

import dataclasses

from .consolidate import expected_units
from .formatdef import CellRef
from .report import LastYear, Report


def new_from_last_year(last: Report, year: int | None = None) -> Report:
    """Year N+1 from year N: body and 落款 kept, texts kept as drafts, 上年结转 from 结转下年度.

    Last year's numbers and texts are stored so the cross-year checks can run and the editor can
    show last year's text beside this year's; a text still equal to last year's is flagged (S-9).
    """
    new_year = year if year is not None else (last.year + 1 if last.year is not None else None)
    report = Report(format_id=last.format_id, year=new_year)
    report.body = dataclasses.replace(last.body, date="")  # 成文日期 is this year's to set
    report.texts = dict(last.texts)
    report.headings = dict(last.headings)  # the officer's own sub-heading wording carries over
    report.units = expected_units(last)  # a 汇总 expects the same units again; each shows 缺报 until it is added
    report.consolidates = last.consolidates
    report.last_year = LastYear(year=last.year, cells=dict(last.cells), texts=dict(last.texts))
    fmt = report.fmt
    for col in fmt.tables["applications"].cols:
        target = CellRef("applications", "carried_over", col.id)
        if fmt.is_total(target):
            continue  # the total of 上年结转 computes from its columns
        value = last.value(CellRef("applications", "carry_next", col.id))
        if value is not None:
            report.set_cell(target, str(value))
    report.notes = [f"由{last.year or '上一'}年度报告生成；文字为上年原文，请逐段修改"]
    return report
