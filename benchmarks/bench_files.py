"""File speed (run by hand): open and save a full report, import a published .docx, and check 1,000
project files from the command line. Each figure is printed beside a baseline from the same run."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import storage  # noqa: E402
from app.formatdef import CellRef  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "tianshan-2024.nianbao"


def median_ms(fn, runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def full_report():
    report = storage.load(EXAMPLE)
    for i, ref in enumerate(report.fmt.all_cells()):
        if not report.fmt.is_total(ref):
            report.set_cell(ref, str(i % 7 + 1))
    for key in report.fmt.text_keys():
        report.set_text(key, "政府信息公开工作情况。" * 200)
    report.set_cell(CellRef("active", "admin_fee", "amount_wanyuan"), "7730.28")
    return report


def row(name: str, value: str, baseline: str) -> None:
    print(f"  {name:42} {value:>12}   {baseline}")


def main() -> None:
    report = full_report()
    tmp = Path(tempfile.mkdtemp())
    path = tmp / "年报.nianbao"
    storage.save(report, path)
    text = path.read_text(encoding="utf-8")
    print(f"Files ({len(text.encode()) // 1024} KB project file), medians")
    json_ms = median_ms(lambda: json.loads(path.read_text(encoding="utf-8")))
    row("open a full report (load + validate)", f"{median_ms(lambda: storage.load(path)):.2f} ms",
        f"baseline json.loads of the same file {json_ms:.2f} ms")
    write_ms = median_ms(lambda: (tmp / "plain.json").write_text(text, encoding="utf-8"))
    row("save a full report (atomic, fsync, .bak)", f"{median_ms(lambda: storage.save(report, path)):.2f} ms",
        f"baseline plain write_text {write_ms:.2f} ms")

    try:
        from app.export.word import export_docx
        from app.importing import import_file
    except ImportError:
        row("import a published .docx", "n/a", "(importer or exporter missing)")
    else:
        docx = tmp / "已发布.docx"
        export_docx(report, docx)
        import docx as python_docx

        open_ms = median_ms(lambda: python_docx.Document(str(docx)), 10)
        row("import a published .docx (export of the above)", f"{median_ms(lambda: import_file(docx), 10):.1f} ms",
            f"baseline python-docx opening it {open_ms:.1f} ms")

    folder = tmp / "一千份"
    folder.mkdir()
    for i in range(1000):
        (folder / f"{i:04d}.nianbao").write_text(text, encoding="utf-8")
    env = dict(os.environ, NIANBAO_HOME=str(tmp / "home"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app.cli", "check", str(folder)], cwd=ROOT, env=env,
                   capture_output=True, check=False)
    check_s = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sys, json, pathlib;"
                    "[json.loads(p.read_text(encoding='utf-8')) for p in pathlib.Path(sys.argv[1]).glob('*.nianbao')]",
                    str(folder)], check=True)
    base_s = time.perf_counter() - start
    row("nianbao check on 1,000 files (one process)", f"{check_s:.2f} s",
        f"baseline a Python process json-parsing them {base_s:.2f} s")


if __name__ == "__main__":
    main()
