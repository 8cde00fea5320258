"""Autosave files: the working state of an open report, kept in the per-user data folder.

Never written over the officer's own file. After a crash or a killed process the next start finds
them and offers to restore, saying when each was taken and how it differs from the file on disk; a
clean save or close removes them. One the officer declines ("不恢复") is set aside, not deleted: it is
no longer offered, and the next successful save removes it, so a wrong click at start-up loses nothing
until the officer has saved their work again.

An autosave records the process that wrote it. While that process runs and still holds the report, the
autosave is another window's live work, not a crash's leftover: it is not offered (a second window would
otherwise restore, or set aside, what the first is protecting). A process id a crashed window had and
another program took since only delays the offer until that program ends; nothing is removed.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import NamedTuple

from . import filelock, storage
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

    @property
    def meta_path(self) -> Path:
        return recovery_dir() / f"{self.id}.json"


def new_session_id() -> str:
    return os.urandom(16).hex()  # as random as uuid4, without uuid's import of platform


# The sessions whose autosaves this process wrote: the same process id on an autosave not among them is a
# crashed earlier process's that had the same number (after a restart, in a container).
_written_here: set[str] = set()


def write(session_id: str, report: Report, original: str | Path | None) -> None:
    folder = recovery_dir()
    _written_here.add(session_id)
    storage.atomic_write_text(folder / f"{session_id}{storage.SUFFIX}", storage.dumps(report), backup=False)
    # absolute: a window started as `nianbao gui 年报.nianbao` is restored by one started elsewhere
    meta = {"original": os.path.abspath(original) if original else None, "saved_at": time.time(),
            "title": report.title(), "pid": os.getpid(), "host": filelock.this_host()}
    storage.atomic_write_text(folder / f"{session_id}.json", json.dumps(meta, ensure_ascii=False), backup=False)


def discard(session_id: str) -> None:
    for suffix in (storage.SUFFIX, ".json"):
        try:
            (recovery_dir() / f"{session_id}{suffix}").unlink()
        except FileNotFoundError:
            pass


def _read_all() -> list[tuple[Recovery, dict]]:
    out = []
    for meta_path in recovery_dir().glob("*.json"):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            rec = Recovery(meta_path.stem, meta.get("original"), float(meta.get("saved_at", 0)),
                           str(meta.get("title", "")))
        except (OSError, ValueError, AttributeError):
            continue
        if rec.project_path.exists():
            out.append((rec, meta))
    return sorted(out, key=lambda pair: pair[0].saved_at, reverse=True)


def _live(rec: Recovery, meta: dict) -> bool:
    """Whether the window that wrote this autosave is still running with its report (see the docstring)."""
    pid, host = meta.get("pid"), meta.get("host")
    if not isinstance(pid, int) or host != filelock.this_host():
        return False  # an autosave of an older version, or of another machine: nothing to ask
    if pid != os.getpid():
        return filelock.process_alive(pid)
    if rec.id not in _written_here:
        return False
    # Another window of this very process (tests open several): live while it holds its file's lock. A new
    # report's autosave written here cannot be told from a window that went away without closing: offered.
    lock = filelock.read(Path(rec.original)) if rec.original else None
    return lock is not None and (lock.pid, lock.host) == (pid, host)


def pending() -> list[Recovery]:
    """Recoveries left by sessions that did not end cleanly, newest first (unreadable and declined ones, and
    those of windows still running, skipped)."""
    return [rec for rec, meta in _read_all() if not meta.get("declined_at") and not _live(rec, meta)]


def declined() -> list[Recovery]:
    """Recoveries the officer chose not to restore, kept until the next successful save."""
    return [rec for rec, meta in _read_all() if meta.get("declined_at")]


def set_aside(rec: Recovery) -> None:
    """Keep a declined recovery on disk but stop offering it (``discard_declined`` removes it)."""
    try:
        meta = json.loads(rec.meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(meta, dict):
        meta["declined_at"] = time.time()
        storage.atomic_write_text(rec.meta_path, json.dumps(meta, ensure_ascii=False), backup=False)


def discard_declined() -> None:
    for rec in declined():
        discard(rec.id)


def load(rec: Recovery) -> Report:
    return storage.load(rec.project_path)


# --- what the prompt says ----------------------------------------------------------------------------

class Changes(NamedTuple):
    cells: int
    texts: int  # text parts and their sub-headings
    basic: int  # 基本信息: year and the body's fields


def count_changes(saved: Report, base: Report) -> Changes:
    """How many cells, texts and basic fields of ``saved`` differ from ``base`` (the file on disk)."""
    cells = sum(saved.cell_text(ref) != base.cell_text(ref) for ref in saved.cells.keys() | base.cells.keys())
    texts = sum(saved.text(k) != base.text(k) for k in saved.texts.keys() | base.texts.keys())
    texts += sum(saved.headings.get(k) != base.headings.get(k) for k in saved.headings.keys() | base.headings.keys())
    basic = int(saved.year != base.year) + sum(
        getattr(saved.body, f) != getattr(base.body, f) for f in ("name", "kind", "scope", "signature", "date"))
    return Changes(cells, texts, basic)


def _when(seconds: float) -> str:
    t = time.localtime(seconds)
    return f"{t.tm_year}年{t.tm_mon}月{t.tm_mday}日 {t.tm_hour:02d}:{t.tm_min:02d}"


def _counted(changes: Changes) -> str:
    """“2个单元格、1段文字”: only what is there (“0个单元格” reads as if cells were looked for and lost)."""
    parts = [f"{n}{what}" for n, what in ((changes.cells, "个单元格"), (changes.texts, "段文字"),
                                          (changes.basic, "项基本信息")) if n]
    return "、".join(parts) or "0个单元格"


def describe(rec: Recovery) -> str:
    """The recovery prompt's account of an autosave: which report, when, and what it holds (Chinese)."""
    title = rec.title or "（无标题）"
    head = f"“{title}”，自动保存于{_when(rec.saved_at)}。"
    try:
        saved = load(rec)
    except storage.ProjectFileError as e:
        return f"{head}\n自动保存的内容无法读取：{e}"
    if not rec.original:
        return f"{head}\n这是尚未保存过的新报告，已填写{_counted(count_changes(saved, Report()))}。"
    name = Path(rec.original).name
    try:
        on_disk = storage.load(rec.original)
    except storage.ProjectFileError:
        return (f"{head}\n原文件“{rec.original}”现已不存在或无法读取；"
                f"自动保存的内容有{_counted(count_changes(saved, Report()))}已填写。")
    changes = count_changes(saved, on_disk)
    if not any(changes):
        return f"{head}\n与磁盘上的“{name}”相同，没有未保存的修改。"
    return f"{head}\n与磁盘上的“{name}”相比，有{_counted(changes)}不同（{rec.original}）。"
