"""A lock beside an open report (``.~<name>.lock``), so a second window does not overwrite the first.

The lock names the process and machine holding it. A lock whose process is gone on this machine is
stale (a crash) and is taken over; a lock from another machine (a shared drive) is respected until the
officer chooses to open a copy.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import NamedTuple


class LockInfo(NamedTuple):
    pid: int
    host: str
    since: float

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since))
        where = "本机" if self.host == _host() else f"计算机“{self.host}”"
        return f"{where}上的另一个年报编制助手窗口（进程{self.pid}，{when}起）"


class FileLocked(Exception):
    def __init__(self, info: LockInfo):
        super().__init__(info.describe())
        self.info = info


def _host() -> str:
    # what platform.node() returns, without importing platform: this runs on every start
    uname = getattr(os, "uname", None)
    name = uname().nodename if uname else os.environ.get("COMPUTERNAME", "")
    return name or "localhost"


def lock_path(path: Path) -> Path:
    return path.with_name(f".~{path.name}.lock")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    except OSError:
        return False
    return True


def read(path: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), float(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def acquire(path: Path) -> None:
    """Take the lock of ``path``; raise FileLocked when another live window holds it."""
    info = read(path)
    if info is not None and (info.pid, info.host) != (os.getpid(), _host()):
        if info.host != _host() or _alive(info.pid):
            raise FileLocked(info)
    mine = {"pid": os.getpid(), "host": _host(), "since": time.time()}
    try:
        lock_path(path).write_text(json.dumps(mine), encoding="utf-8")
    except OSError:
        pass  # a read-only folder: the file can still be read; saving there will fail and say why


def release(path: Path) -> None:
    info = read(path)
    if info is not None and (info.pid, info.host) == (os.getpid(), _host()):
        try:
            lock_path(path).unlink()
        except OSError:
            pass
