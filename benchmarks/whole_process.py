"""Whole-process speed of the batch commands (issue 22), as the officer waits for them: from launch to exit.

``nianbao check`` of 1,000 full reports and ``nianbao consolidate`` of the same 1,000 files, each beside the floor
measured in the same run: a Python process that only reads and json-parses the same files. Runs alternate (floor,
check, consolidate, floor, …) so a busy machine slows all of them alike; the median of each is printed with its
ratio. Goal: ≤ 4× the floor for both.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_files import full_report, row  # noqa: E402

from app import storage  # noqa: E402

UNITS = 1000
RUNS = 5
FLOOR = ("import json, pathlib, sys\n"
         "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.nianbao')):\n"
         "    json.loads(f.read_text(encoding='utf-8'))\n")


def _seconds(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: written or checked, with errors in the tables
        raise SystemExit(f"{cmd[:4]} failed: {done.stderr.decode()[-500:]}")
    return seconds


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-whole-"))
    try:
        units = tmp / "units"
        units.mkdir()
        report = full_report()
        report.year = 2024
        for i in range(UNITS):
            report.body.name = f"示例县第{i}局"
            storage.save(report, units / f"单位{i:04}.nianbao", backup=False)
        files = sorted(str(p) for p in units.glob("*.nianbao"))
        python = sys.executable
        commands = {
            "floor": [python, "-c", FLOOR, str(units)],
            "check": [python, "-m", "app.cli", "check", *files],
            "consolidate": [python, "-m", "app.cli", "consolidate", str(units), "-o", str(tmp / "汇总.nianbao"),
                            "--force"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, cmd in commands.items():
                times[name].append(_seconds(cmd))
        floor = statistics.median(times["floor"])
        print(f"{UNITS} full reports, whole process from launch to exit, median of {RUNS} alternating runs")
        row("floor: python reads and json-parses them", f"{floor * 1000:.0f} ms", "")
        for name in ("check", "consolidate"):
            t = statistics.median(times[name])
            row(f"nianbao {name}", f"{t * 1000:.0f} ms", f"{t / floor:.1f}× the floor (goal ≤ 4×)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
