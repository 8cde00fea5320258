"""How the ui modules depend on each other: no import circles between the document and its commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_undo_commands_do_not_import_the_document_that_pushes_them():
    # ui/commands.py ↔ ui/document.py was an import circle: the commands know the document by a protocol
    code = ("import sys, ui.commands, ui.unit_commands\n"
            "assert 'ui.document' not in sys.modules, 'the commands import the document'\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
