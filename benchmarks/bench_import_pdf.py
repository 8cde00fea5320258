"""Importing the published 6-page PDF (issue 23, item 16): our import, and starting the next year from it, beside
pypdf's bare text extraction of the same file (plain, and plain + layout as the importer does), same run.
Run by hand: ``.venv/bin/python benchmarks/bench_import_pdf.py [PDF]``."""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PDF = Path("/work/shared/realworld/08_huaian_2024.pdf")


def median_ms(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(path: Path = PDF) -> None:
    import pypdf

    from app.carryover import new_from_last_year
    from app.importing import import_file

    data = path.read_bytes()

    def bare(layout: bool) -> None:
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            page.extract_text()
            if layout:
                page.extract_text(extraction_mode="layout")

    rows = [("pypdf extract_text alone (plain)", median_ms(lambda: bare(False))),
            ("pypdf extract_text (plain + layout)", median_ms(lambda: bare(True))),
            ("nianbao import (the whole import)", median_ms(lambda: import_file(path))),
            ("import + new year from it", median_ms(lambda: new_from_last_year(import_file(path).report)))]
    print(f"  {path.name}, {len(pypdf.PdfReader(io.BytesIO(data)).pages)} pages (median of 7)")
    for name, ms in rows:
        print(f"  {name:42} {ms:8.0f} ms")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PDF)
