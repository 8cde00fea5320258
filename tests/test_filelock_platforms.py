"""The lock file on every platform: liveness is never asked with os.kill on Windows (it would end the other
window), a crashed window's lock is taken over and says so, another machine's lock is never taken over, and a
damaged lock neither crashes nor signals a process group."""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager

import pytest

from app import filelock


@pytest.fixture
def report(tmp_path):
    folder = tmp_path / "用户"
    folder.mkdir()
    path = folder / "年报 2024.nianbao"
    path.write_text("{}", encoding="utf-8")
    return path


def _lock(path, pid, host=None, since=0.0):
    filelock.lock_path(path).write_text(
        json.dumps({"pid": pid, "host": filelock._host() if host is None else host, "since": since}),
        encoding="utf-8")


class FakeKernel32:
    """OpenProcess/GetExitCodeProcess as Windows answers them, for a set of running and exited processes."""

    def __init__(self, running=(), exited=(), denied=()):
        self.running, self.exited, self.denied = set(running), dict(exited), set(denied)
        self.opened, self.closed = [], []

    def open(self, pid):
        self.opened.append(pid)
        if pid in self.denied:
            return None, 5  # ERROR_ACCESS_DENIED: another user's process
        if pid in self.running or pid in self.exited:
            return f"handle-{pid}", 0
        return None, 87  # ERROR_INVALID_PARAMETER: no such process

    def exit_code(self, handle):
        pid = int(handle.split("-")[1])
        return filelock._STILL_ACTIVE if pid in self.running else self.exited[pid]

    def close(self, handle):
        self.closed.append(handle)


class Windows:
    """Runs calls as on Windows. os.name is "nt" only inside ``run``: pathlib and pytest's own reporting
    cannot work on this machine with it, so a failure is reported after the platform is restored."""

    def __init__(self, monkeypatch, kernel):
        self.monkeypatch, self.kernel = monkeypatch, kernel
        self.opened, self.closed = kernel.opened, kernel.closed

    @contextmanager
    def _platform(self):
        with self.monkeypatch.context() as m:
            m.setattr(os, "name", "nt")
            m.setattr(sys, "platform", "win32")
            yield

    def run(self, call, *args):
        with self._platform():
            return call(*args)


@pytest.fixture
def windows(monkeypatch):
    """This process as it runs on Windows; os.kill fails the test if it is ever called."""
    def kill(pid, sig):
        raise AssertionError(f"os.kill({pid}, {sig}) on Windows would end process {pid}")

    kernel = FakeKernel32(running={4242}, exited={777: 0}, denied={8})
    monkeypatch.setattr(filelock, "_win_api", lambda: kernel, raising=False)
    monkeypatch.setattr(os, "kill", kill)
    return Windows(monkeypatch, kernel)


def test_on_windows_another_live_window_keeps_its_lock_and_is_not_killed(report, windows):
    _lock(report, 4242)
    with pytest.raises(filelock.FileLocked) as e:
        windows.run(filelock.acquire, report)
    assert "本机上的另一个年报编制助手窗口（进程4242" in str(e.value)
    assert windows.opened == [4242] and windows.closed == ["handle-4242"]
    assert filelock.read(report).pid == 4242


def test_on_windows_a_crashed_windows_lock_is_taken_over_with_a_note(report, windows):
    _lock(report, 31337)  # no such process
    taken = windows.run(filelock.acquire, report)
    assert taken.took_over and taken.note == "上次未正常关闭，已接管锁文件"
    assert taken.stale.pid == 31337
    assert filelock.read(report).pid == os.getpid()


@pytest.mark.parametrize("pid, alive", [(4242, True), (8, True), (777, False), (31337, False)])
def test_on_windows_liveness_comes_from_the_process_exit_code(windows, pid, alive):
    assert windows.run(filelock._alive, pid) is alive
    assert windows.opened == [pid]
    assert len(windows.closed) == len([p for p in windows.opened if p in (4242, 777)])  # every handle closed


def test_on_windows_an_unreadable_exit_code_counts_as_alive(windows):
    windows.kernel.exit_code = lambda handle: None  # GetExitCodeProcess failed: respect the lock, offer a copy
    assert windows.run(filelock._alive, 4242)
    assert windows.closed == ["handle-4242"]


def test_a_crashed_windows_lock_is_taken_over_with_a_note_but_never_another_machines(report):
    pid = 2 ** 22 + 12345  # no such process
    _lock(report, pid, host="科室-另一台电脑")
    with pytest.raises(filelock.FileLocked) as e:
        filelock.acquire(report)
    assert "计算机“科室-另一台电脑”上的另一个年报编制助手窗口" in str(e.value)
    assert filelock.read(report).host == "科室-另一台电脑"
    _lock(report, pid)  # the same lock from this machine: a crash
    taken = filelock.acquire(report)
    assert taken.took_over and taken.note == "上次未正常关闭，已接管锁文件"
    assert filelock.read(report).pid == os.getpid()


def test_a_fresh_or_own_lock_is_no_takeover(report):
    first = filelock.acquire(report)
    again = filelock.acquire(report)
    assert not first.took_over and first.note == ""
    assert not again.took_over and again.note == ""


@pytest.mark.parametrize("pid", [0, -1, 2 ** 40])
def test_a_damaged_pid_is_taken_over_without_signalling_anyone(report, monkeypatch, pid):
    def kill(pid, sig):
        raise AssertionError(f"os.kill({pid}, {sig}) asked about a damaged lock's pid")

    monkeypatch.setattr(os, "kill", kill)
    _lock(report, pid)
    assert filelock.acquire(report).took_over


@pytest.mark.parametrize("since", [1e300, float("nan"), -1e20])
def test_a_damaged_time_in_the_lock_is_described_not_crashed_on(report, since):
    _lock(report, 1, host="另一台电脑", since=since)
    with pytest.raises(filelock.FileLocked) as e:
        filelock.acquire(report)
    assert "时间不详" in str(e.value)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="zombies are read from Linux's /proc")
def test_the_lock_of_a_window_killed_a_moment_ago_is_taken_over_while_it_is_still_a_zombie(report):
    import subprocess
    import time

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    _lock(report, child.pid)
    deadline = time.monotonic() + 30
    while not filelock._zombie(child.pid):  # exited, not yet reaped: signal 0 still finds it
        assert time.monotonic() < deadline, "the child never became a zombie"
    try:
        taken = filelock.acquire(report)
        assert taken.took_over and taken.stale.pid == child.pid
    finally:
        child.wait()
        filelock.release(report)


def test_a_zombie_is_read_from_proc_stat_even_with_brackets_in_the_name(tmp_path):
    (tmp_path / "42").mkdir()
    (tmp_path / "42" / "stat").write_bytes(b"42 (a) b (c)) Z 1 42 42 0 -1")
    assert filelock._zombie(42, proc=str(tmp_path))
    (tmp_path / "42" / "stat").write_bytes(b"42 (nianbao) S 1 42 42 0 -1")
    assert not filelock._zombie(42, proc=str(tmp_path))
    assert not filelock._zombie(43, proc=str(tmp_path))  # no such entry: nothing known
