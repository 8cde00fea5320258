"""Speed of the Word export: the full example report to a .docx, as the officer's 导出 button does it.

Run by hand (``.venv/bin/python benchmarks/bench_export.py``); prints the first (cold: templates
compiled, python-docx's template read) and the median of later exports, plus the building and saving
parts separately. Target: a full report well under 1 s. The PDF conversion (LibreOffice, seconds)
is measured once when soffice is installed, for information only.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import storage  # noqa: E402
from app.export.word import build_document, export_docx  # noqa: E402
from app.formatdef import CellRef  # noqa: E402
from app.report import Report  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "tianshan-2024.nianbao"
RUNS = 20


def full_report() -> Report:
    """The example with every input cell filled (a non-zero number each) and every text part written."""
    report = storage.load(EXAMPLE)
    fmt = report.fmt
    n = 0
    for table in fmt.tables.values():
        for ref in table.cells():
            if not fmt.is_total(ref):
                n += 1
                report.set_cell(ref, str(n))
    report.set_cell(CellRef("active", "admin_fee", "amount_wanyuan"), "7730.28")
    for key in fmt.text_keys():
        if not report.text(key):
            report.set_text(key, report.text("overall.intro"))
    return report


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    report = full_report()
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        path = Path(tmp) / "年报 2024.docx"
        t0 = time.perf_counter()
        export_docx(report, path)
        cold = time.perf_counter() - t0
        totals, builds = [], []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            export_docx(report, path)
            totals.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            build_document(report)
            builds.append(time.perf_counter() - t0)
        size = path.stat().st_size
        print(f"Word export of the full example ({size // 1024} KB .docx), {RUNS} runs")
        print(f"  first export (cold)      {ms(cold)}")
        print(f"  export, median           {ms(statistics.median(totals))}   (max {ms(max(totals)).strip()})")
        print(f"  build only, median       {ms(statistics.median(builds))}")
        print("  target: well under 1000 ms")
        try:
            from app.export.pdf_convert import PdfConversionError, convert_to_pdf, soffice_path
        except ImportError:  # pragma: no cover
            return
        if soffice_path() is None:
            print("  PDF: LibreOffice not installed, not measured")
            return
        t0 = time.perf_counter()
        try:
            convert_to_pdf(path)
        except PdfConversionError as e:
            print(f"  PDF: failed ({e})")
            return
        print(f"  PDF via LibreOffice (information only)  {ms(time.perf_counter() - t0)}")


if __name__ == "__main__":
    main()
