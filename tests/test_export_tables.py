"""The tables as printed, shared by every exporter: labels, spans, printed values, totals and their terms."""

from __future__ import annotations

from app.export.tables import printed_table
from app.formatdef import CellRef


def test_every_row_of_every_table_is_covered_exactly_once(large_report):
    for table in large_report.fmt.tables.values():
        printed = printed_table(large_report, table)
        assert len(printed.rows) == table.grid_rows
        for row in printed.rows:
            assert sum(cell.colspan for cell, _ in row) == table.columns
        starts = [(c.r, c.c) for c in printed.cells]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_numbers_are_printed_as_the_report_shows_them_with_their_labels(large_report):
    table = large_report.fmt.tables["applications"]
    printed = printed_table(large_report, table)
    values = {c.ref: c for c in printed.cells if c.is_value}
    assert set(values) == set(table.cells())
    assert values[CellRef("applications", "new_received", "total")].text == "3119"
    assert values[CellRef("applications", "granted", "natural")].text == "1288"
    labels = [c.text for c in printed.cells if not c.is_value]
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "3.危及“三安全一稳定”" in labels


def test_totals_carry_their_terms_and_whether_they_compute(large_report):
    table = large_report.fmt.tables["review_litigation"]
    printed = printed_table(large_report, table)
    total = next(c for c in printed.cells if c.ref == CellRef("review_litigation", "review", "total"))
    assert total.is_total and not total.automatic and total.text == "351"  # as published, typed
    large_report.set_cell(total.ref, "")
    total = next(c for c in printed_table(large_report, table).cells if c.ref == total.ref)
    assert total.is_total and total.automatic and total.text == "351"  # computed, the same
    assert {t.col for t in total.terms} == {"maintained", "corrected", "other", "pending"}
    large_report.set_cell(total.ref, "350")
    typed = next(c for c in printed_table(large_report, table).cells if c.ref == total.ref)
    assert typed.is_total and not typed.automatic and typed.text == "350"


def test_a_cell_holding_text_is_printed_as_typed_and_marked(large_report):
    ref = CellRef("applications", "granted", "legal")
    large_report.set_cell(ref, "12件")
    large_report.set_cell(CellRef("applications", "granted", "total"), "")  # computed: it cannot be
    printed = printed_table(large_report, large_report.fmt.tables["applications"])
    cell = next(c for c in printed.cells if c.ref == ref)
    assert (cell.text, cell.problem) == ("12件", "bad")
    assert printed.place(cell) == "表三“（一）予以公开／法律服务机构”"
    total = next(c for c in printed.cells if c.ref == CellRef("applications", "granted", "total"))
    assert (total.text, total.problem) == ("", "unknown")
