"""What the import tests share: the fixture folder, the sample report they render, every number of a report."""

from __future__ import annotations

from pathlib import Path

from app import storage
from app.formatdef import CellRef, load_format

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


def sample():
    """A fresh copy of the 2023 sample report (tests change what they are given)."""
    return storage.load(FIXTURES / "sample-2023.nianbao")


def values(report) -> dict[CellRef, object]:
    return {ref: report.value(ref) for ref in load_format().all_cells()}
