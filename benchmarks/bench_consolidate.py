"""汇总 speed (run by hand): 1,000 unit files, each a full report, read, checked and summed.

Printed beside the time Python needs to read and json-parse the same files, measured in the same run.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_files import full_report, row  # noqa: E402

from app import storage  # noqa: E402
from app.consolidate import Consolidation  # noqa: E402

UNITS = 1000


def _best(fn, runs: int = 3) -> float:
    """Best of a few runs (ms): the machine is shared, the minimum is the least disturbed figure."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    try:
        report = full_report()
        report.year = 2024
        for i in range(UNITS):
            report.body.name = f"示例县第{i}局"
            storage.save(report, tmp / f"单位{i:04}.nianbao", backup=False)
        files = sorted(tmp.glob("*.nianbao"))
        kb = sum(f.stat().st_size for f in files) // 1024

        def consolidate():
            con = Consolidation(year=2024)
            con.add([tmp])
            total = con.total("示例县人民政府")
            con.findings(total)
            assert len(con.taken()) == UNITS

        json_ms = _best(lambda: [json.loads(f.read_text(encoding="utf-8")) for f in files])
        print(f"汇总 of {UNITS} full reports ({kb} KB in all), best of 3")
        row(f"consolidate {UNITS} files (read, check, sum)", f"{_best(consolidate):.0f} ms",
            f"baseline read + json.loads of the same files {json_ms:.0f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
