"""Start the app on the example report, or the bare baseline window, and end the process at its first paint.

Used by bench_gui.py under valgrind: counting instructions up to the first paint (not the teardown after
it) gives a start-up figure that does not move with the load on a shared machine.
"""

import os
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if sys.argv[1:] == ["bare"]:
    runpy.run_path(str(ROOT / "benchmarks" / "bare_window.py"), run_name="__main__")
else:
    from app.cli import main

    main(["gui", "--exit-after-show", str(ROOT / "resources" / "examples" / "tianshan-2024.nianbao")])
os._exit(0)
