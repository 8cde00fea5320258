"""All speed figures in one run (``make bench``): checks, GUI, export, files. Each figure is printed
beside the baseline it is compared with, measured in the same run. Record results in docs/performance.md."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_checks  # noqa: E402
import bench_consolidate  # noqa: E402
import bench_export  # noqa: E402
import bench_files  # noqa: E402
import bench_gui  # noqa: E402
import whole_process  # noqa: E402


def main() -> None:
    print(f"nianbao benchmarks — Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, {platform.platform()}\n")
    for title, module in (("Check engine", bench_checks), ("Desktop app", bench_gui),
                          ("Word export", bench_export), ("Files", bench_files), ("汇总", bench_consolidate),
                          ("Batch commands, whole process", whole_process)):
        print(f"== {title} ==")
        module.main()
        print()


if __name__ == "__main__":
    main()
