"""A lock beside an open report (``.~<name>.lock``), so a second window does not overwrite the first.

The lock names the process and machine holding it. A lock whose process is gone on this machine is
stale (a crash) and is taken over, and ``acquire`` says so; a lock from another machine (a shared drive)
is respected until the officer chooses to open a copy.

Whether the lock's process lives is asked without ``os.kill`` on Windows: there ``os.kill`` terminates
the process whatever the signal, so asking would kill the other window and lose its unsaved work. Windows
asks OpenProcess/GetExitCodeProcess through ctypes instead (psutil would do the same but costs ~20 ms of
import on every start and a compiled dependency in the bundle; ctypes is already loaded there by appdirs).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import NamedTuple

TAKEN_OVER = "上次未正常关闭，已接管锁文件"


class LockInfo(NamedTuple):
    pid: int
    host: str
    since: float

    def describe(self) -> str:
        try:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since)) + "起"
        except (OverflowError, ValueError, OSError):  # a damaged time (Windows refuses times before 1970)
            when = "时间不详"
        where = "本机" if self.host == _host() else f"计算机“{self.host}”"
        return f"{where}上的另一个年报编制助手窗口（进程{self.pid}，{when}）"


class Acquired(NamedTuple):
    """What ``acquire`` did: ``stale`` is the lock of a crashed window it replaced, or None."""
    stale: LockInfo | None = None

    @property
    def took_over(self) -> bool:
        return self.stale is not None

    @property
    def note(self) -> str:
        """For the status bar: empty unless a stale lock was taken over."""
        return TAKEN_OVER if self.stale is not None else ""


class FileLocked(Exception):
    def __init__(self, info: LockInfo):
        super().__init__(info.describe())
        self.info = info


def _host() -> str:
    # what platform.node() returns, without importing platform: this runs on every start
    uname = getattr(os, "uname", None)
    name = uname().nodename if uname else os.environ.get("COMPUTERNAME", "")
    return name or "localhost"


def this_host() -> str:
    """The name locks and autosaves record for this machine."""
    return _host()


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` of this machine is running (asked without signalling or ending it)."""
    return _alive(pid)


def lock_path(path: Path) -> Path:
    return path.with_name(f".~{path.name}.lock")


_MAX_PID = 2 ** 31  # a damaged lock's pid beyond this would overflow os.kill / a DWORD instead of answering


def _alive(pid: int) -> bool:
    """Whether process ``pid`` of this machine is running; never signals or ends it."""
    if pid == os.getpid():
        return True
    if not 0 < pid < _MAX_PID:  # 0 and -1 would ask about a process group or every process
        return False
    if os.name == "nt":
        return _alive_windows(pid, _win_api())
    try:
        os.kill(pid, 0)  # POSIX: signal 0 only checks that the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    except OSError:
        return False
    return not _zombie(pid)


def _zombie(pid: int, proc: str = "/proc") -> bool:
    """Linux: a window killed a moment ago stays a zombie until its parent (or init) reaps it, and signal 0
    still finds it; it holds no file, so its lock is stale. Where /proc is missing, nothing is known."""
    try:
        with open(f"{proc}/{pid}/stat", "rb") as f:
            stat = f.read(512)
    except OSError:
        return False
    # "pid (comm) S …": the state follows the last ")" (the command name may itself hold one)
    state = stat.rpartition(b")")[2].split()[:1]
    return state == [b"Z"]


_STILL_ACTIVE = 259
_ERROR_INVALID_PARAMETER = 87  # OpenProcess's answer for a pid no process has


def _alive_windows(pid: int, api) -> bool:
    """Windows: open the process for querying only (no right to end it) and read its exit code.

    Only a clear "no such process" counts as dead: a wrong "dead" would let two windows write one file,
    a wrong "alive" only offers the officer a copy."""
    handle, error = api.open(pid)
    if not handle:
        return error != _ERROR_INVALID_PARAMETER  # ERROR_ACCESS_DENIED: exists, another user's
    try:
        code = api.exit_code(handle)
        return code is None or code == _STILL_ACTIVE  # an exited process kept open by someone has its code
    finally:
        api.close(handle)


class _Kernel32:
    """The three kernel32 calls ``_alive_windows`` needs (Windows only; tests pass a fake instead)."""

    def __init__(self):
        import ctypes
        from ctypes import wintypes

        self._ctypes = ctypes
        k = ctypes.WinDLL("kernel32", use_last_error=True)
        self._open, self._code, self._close = k.OpenProcess, k.GetExitCodeProcess, k.CloseHandle
        self._open.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
        self._open.restype = wintypes.HANDLE
        self._code.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
        self._code.restype = wintypes.BOOL
        self._close.argtypes = [wintypes.HANDLE]
        self._close.restype = wintypes.BOOL
        self._dword = wintypes.DWORD

    def open(self, pid: int):
        process_query_limited_information = 0x1000  # the least right that reads an exit code
        handle = self._open(process_query_limited_information, False, pid)
        return handle, (0 if handle else self._ctypes.get_last_error())

    def exit_code(self, handle) -> int | None:
        code = self._dword()
        return code.value if self._code(handle, self._ctypes.byref(code)) else None

    def close(self, handle) -> None:
        self._close(handle)


_kernel32: _Kernel32 | None = None


def _win_api() -> _Kernel32:
    global _kernel32
    if _kernel32 is None:
        _kernel32 = _Kernel32()
    return _kernel32


def read(path: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), float(data["since"]))
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return None


def acquire(path: Path) -> Acquired:
    """Take the lock of ``path``; raise FileLocked when another live window, or another machine, holds it.

    The result tells whether a stale lock (a window of this machine that crashed) was taken over."""
    info = read(path)
    stale = None
    if info is not None and (info.pid, info.host) != (os.getpid(), _host()):
        if info.host != _host() or _alive(info.pid):
            raise FileLocked(info)
        stale = info
    mine = {"pid": os.getpid(), "host": _host(), "since": time.time()}
    try:
        lock_path(path).write_text(json.dumps(mine), encoding="utf-8")
    except OSError:
        pass  # a read-only folder: the file can still be read; saving there will fail and say why
    return Acquired(stale)


def release(path: Path) -> None:
    info = read(path)
    if info is not None and (info.pid, info.host) == (os.getpid(), _host()):
        try:
            lock_path(path).unlink()
        except OSError:
            pass
