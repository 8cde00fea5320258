"""Speed of 一图读懂 beside the Word export of the same report, as the officer's two buttons make them.

Run by hand (``.venv/bin/python benchmarks/infographic.py``) or in ``benchmarks/run.py``'s way: prints the first
(cold: fonts looked up through fontconfig and loaded) and the median of later runs for the PNG and the SVG, the
layout alone, and the Word export of the same report measured in the same run. Both examples: the township's
(all zero) and the city's (four- to seven-digit counts).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import storage  # noqa: E402
from app.export.word import export_docx  # noqa: E402
from app.infographic import export_image, layout_for  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"
RUNS = 7


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def timed(make, runs: int = RUNS) -> tuple[float, float]:
    t0 = time.perf_counter()
    make()
    cold = time.perf_counter() - t0
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        make()
        times.append(time.perf_counter() - t0)
    return cold, statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        for name in ("tianshan-2024", "huaian-2024"):
            report = storage.load(EXAMPLES / f"{name}.nianbao")
            rows = (
                ("一图读懂 PNG (1080 px)", lambda r=report: export_image(r, Path(tmp) / "图解.png")),
                ("一图读懂 SVG", lambda r=report: export_image(r, Path(tmp) / "图解.svg")),
                ("  layout alone", lambda r=report: layout_for(r)),
                ("Word export (.docx)", lambda r=report: export_docx(r, Path(tmp) / "年报.docx", draft=True)),
            )
            print(f"{name}:")
            for label, make in rows:
                cold, median = timed(make)
                print(f"  {label:<24} first {ms(cold)}   median of {RUNS} {ms(median)}")


if __name__ == "__main__":
    main()
