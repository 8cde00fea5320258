"""Autosave files: the working state of an open report, kept in the per-user data folder.

Never written over the officer's own file. After a crash or a killed process the next start finds
them and offers to restore; a clean save or close removes them.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import NamedTuple

from . import storage
from .paths import data_dir
from .report import Report


def recovery_dir() -> Path:
    path = data_dir() / "recovery"
    path.mkdir(parents=True, exist_ok=True)
    return path


class Recovery(NamedTuple):
    id: str
    original: str | None  # the file the officer was editing, None for an unsaved report
    saved_at: float
    title: str

    @property
    def project_path(self) -> Path:
        return recovery_dir() / f"{self.id}{storage.SUFFIX}"


def new_session_id() -> str:
    return os.urandom(16).hex()  # as random as uuid4, without uuid's import of platform


def write(session_id: str, report: Report, original: str | Path | None) -> None:
    folder = recovery_dir()
    storage.atomic_write_text(folder / f"{session_id}{storage.SUFFIX}", storage.dumps(report), backup=False)
    meta = {"original": str(original) if original else None, "saved_at": time.time(), "title": report.title()}
    storage.atomic_write_text(folder / f"{session_id}.json", json.dumps(meta, ensure_ascii=False), backup=False)


def discard(session_id: str) -> None:
    for suffix in (storage.SUFFIX, ".json"):
        try:
            (recovery_dir() / f"{session_id}{suffix}").unlink()
        except FileNotFoundError:
            pass


def pending() -> list[Recovery]:
    """Recoveries left by sessions that did not end cleanly, newest first (unreadable ones skipped)."""
    out = []
    for meta_path in recovery_dir().glob("*.json"):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            rec = Recovery(meta_path.stem, meta.get("original"), float(meta.get("saved_at", 0)),
                           str(meta.get("title", "")))
        except (OSError, ValueError, AttributeError):
            continue
        if rec.project_path.exists():
            out.append(rec)
    return sorted(out, key=lambda r: r.saved_at, reverse=True)


def load(rec: Recovery) -> Report:
    return storage.load(rec.project_path)
