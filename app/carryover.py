"""Starting this year's report from last year's: copy what carries over, reset what does not."""

from __future__ import annotations

import copy

from .formatdef import CellRef
from .report import Body, LastYear, Report


def new_from_last_year(last: Report, year: int | None = None) -> Report:
    """Year N+1 from year N: body and 落款 kept, texts kept as drafts, 上年结转 from 结转下年度.

    Last year's numbers and texts are stored so the cross-year checks can run and the editor can
    show last year's text beside this year's; a text still equal to last year's is flagged (S-9).
    """
    new_year = year if year is not None else (last.year + 1 if last.year is not None else None)
    report = Report(format_id=last.format_id, year=new_year)
    report.body = Body(name=last.body.name, kind=last.body.kind, scope=last.body.scope,
                       signature=last.body.signature, date="")
    report.texts = dict(last.texts)
    report.last_year = LastYear(year=last.year, cells=copy.copy(last.cells), texts=dict(last.texts))
    fmt = report.fmt
    for col in fmt.tables["applications"].cols:
        src = CellRef("applications", "carry_next", col.id)
        if fmt.is_total(CellRef("applications", "carried_over", col.id)):
            continue  # the total of 上年结转 computes from its columns
        value = last.value(src)
        if value is not None:
            report.set_cell(CellRef("applications", "carried_over", col.id), str(value))
    report.notes = [f"由{last.year or '上一'}年度报告生成；文字为上年原文，请逐段修改"]
    return report
