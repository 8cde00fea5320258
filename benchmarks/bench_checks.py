"""Speed of the check engine: one cell edit through LiveChecks.cell_changed, and a full check_report.

Run by hand (``.venv/bin/python benchmarks/bench_checks.py``); prints medians next to a baseline
measured in the same run, so the figures compare across machines. Target: a cell edit well under 1 ms,
so the checks can run on every keystroke.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import storage  # noqa: E402
from app.carryover import new_from_last_year  # noqa: E402
from app.checks import LiveChecks, check_report  # noqa: E402
from app.formatdef import CellRef  # noqa: E402
from app.report import Report  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "tianshan-2024.nianbao"


APPLICATION_TEXT = ("2025年，本乡共收到政府信息公开申请12件，其中本年新收政府信息公开申请12件，上年结转0件，"
                    "结转下年度继续办理3件。因政府信息公开被申请行政复议1件，行政诉讼2件。")


def full_report(stress: bool = False) -> Report:
    """This year's report started from the example, every cell filled.

    The texts are the example's (a real report) plus a paragraph quoting six numbers; with ``stress``
    every text part quotes them three times over (180 quoted numbers), far beyond any real report.
    """
    last = storage.load(EXAMPLE)
    report = new_from_last_year(last)
    fmt = report.fmt
    for i, ref in enumerate(fmt.all_cells()):
        if not fmt.is_total(ref) and ref.row != "carried_over":
            report.set_cell(ref, str(i % 7))
    report.set_text("overall.application", APPLICATION_TEXT)
    if stress:
        for key in fmt.text_keys():
            report.set_text(key, (APPLICATION_TEXT + "工作考核、社会评议、责任追究。未收取信息处理费。") * 3)
    return report


def median_ns(fn: Callable[[int], None], runs: int) -> float:
    times = []
    for i in range(runs):
        start = time.perf_counter_ns()
        fn(i)
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times)


def show(name: str, ns: float, baseline_name: str, baseline_ns: float) -> None:
    print(f"{name:<46} {ns / 1000:9.1f} µs   ({ns / baseline_ns:7.1f} × {baseline_name}: {baseline_ns / 1000:.2f} µs)")


def bench(report: Report, title: str) -> None:
    live = LiveChecks(report)
    assert live.findings() == check_report(report)
    cells = [CellRef("applications", "granted", "natural"), CellRef("applications", "deny_3s1w", "legal"),
             CellRef("applications", "new_received", "natural"), CellRef("applications", "carry_next", "other_org"),
             CellRef("review_litigation", "review", "pending"), CellRef("active", "rules", "valid"),
             CellRef("active", "admin_fee", "amount_wanyuan")]
    parsed = {ref: [report.parse_for(ref, str(v)) for v in range(10)] for ref in cells}
    plain: dict = dict(report.cells)

    def dict_update(i: int) -> None:
        ref = cells[i % len(cells)]
        plain[ref] = parsed[ref][i % 10]

    def edit_and_check(i: int) -> None:
        ref = cells[i % len(cells)]
        report.cells[ref] = parsed[ref][i % 10]  # what Report.set_cell stores, without the parsing
        live.cell_changed(ref)

    texts = [APPLICATION_TEXT, APPLICATION_TEXT.replace("12件", "13件")]

    def text_changed(i: int) -> None:
        report.texts["overall.application"] = texts[i % 2]
        live.text_changed("overall.application")

    runs = 3000
    dict_ns = median_ns(dict_update, runs)
    print(f"{title}: {len(report.cells)} cells filled, last year attached, "
          f"{sum(len(m) for m in live._mentions.values())} numbers quoted in the text")
    show("LiveChecks.cell_changed (one cell edit)", median_ns(edit_and_check, runs), "dict update", dict_ns)
    for ref in cells:
        def one(i: int, ref: CellRef = ref) -> None:
            report.cells[ref] = parsed[ref][i % 10]
            live.cell_changed(ref)
        show(f"  … {ref.table}.{ref.row}.{ref.col}", median_ns(one, 1000), "dict update", dict_ns)
    show("LiveChecks.text_changed (one text edit)", median_ns(text_changed, 1000), "dict update", dict_ns)
    assert live.findings() == check_report(report)
    read_ns = median_ns(lambda i: [report.value(ref) for ref in report.fmt.all_cells()], 300)
    show("check_report (full check from scratch)", median_ns(lambda i: check_report(report), 300),
         "reading every cell", read_ns)
    print()


def main() -> None:
    print(f"Python {sys.version.split()[0]}; medians; each figure next to a baseline measured in the same run\n")
    scratch = full_report()
    cells = [CellRef("applications", "granted", "natural"), CellRef("active", "rules", "valid")]
    plain: dict = dict(scratch.cells)
    parsed = scratch.parse_for(cells[0], "3")
    dict_ns = median_ns(lambda i: plain.__setitem__(cells[i % 2], parsed), 3000)
    show("Report.set_cell (parse and store one cell)",
         median_ns(lambda i: scratch.set_cell(cells[i % 2], str(i % 10)), 3000), "dict update", dict_ns)
    print()
    bench(full_report(), "Full report")
    bench(full_report(stress=True), "Stress: every text part quoting numbers")


if __name__ == "__main__":
    main()
