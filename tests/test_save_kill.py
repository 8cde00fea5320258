"""Saving survives SIGKILL at any moment: the file on disk is always the whole old or the whole new one.

A forked child saves a large report over and over, alternating two versions; the parent kills it at
random moments. NIANBAO_SLOW=1 runs five times as many kills.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time

import pytest

from app import storage
from app.report import Report

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")

KILLS = 1000 if os.environ.get("NIANBAO_SLOW") == "1" else 200


def _big_report(marker: str) -> Report:
    report = storage.load(os.path.join(os.path.dirname(__file__), "..", "resources", "examples",
                                       "tianshan-2024.nianbao"))
    for key in report.fmt.text_keys():
        report.set_text(key, f"{marker}：" + "政府信息公开工作年度报告正文。" * 1500)  # ~22,500 characters
    return report


def test_kill_during_save_leaves_old_or_new_file(tmp_path):
    path = tmp_path / "用户" / "年报 2024.nianbao"
    path.parent.mkdir()
    versions = [storage.dumps(_big_report("甲")), storage.dumps(_big_report("乙"))]
    storage.atomic_write_text(path, versions[0])
    rng = random.Random(20261126)
    outcomes = {0: 0, 1: 0}
    for _ in range(KILLS):
        done_r, done_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: save forever, alternating the two versions, saying when each save is done
            try:
                os.close(done_r)
                i = 1
                while True:
                    storage.atomic_write_text(path, versions[i % 2])
                    os.write(done_w, b".")
                    i += 1
            finally:
                os._exit(0)
        os.close(done_w)
        os.read(done_r, 1)  # one save has completed: both versions are now possible on disk
        time.sleep(rng.uniform(0.0, 0.03))  # the kill lands at a random point of a later save
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(done_r)
        text = path.read_text(encoding="utf-8")
        assert text in versions, "after a kill the file must be a complete version"
        outcomes[versions.index(text)] += 1
        storage.load(path)  # and it opens
        backup = path.with_name(path.name + ".bak")
        if backup.exists():
            assert backup.read_text(encoding="utf-8") in versions
    assert outcomes[0] and outcomes[1], "kills should have landed on both versions"

    # temporary files of killed saves are swept by the next save once they are old
    leftovers = list(path.parent.glob(".*.tmp"))
    for tmp in leftovers:
        os.utime(tmp, (time.time() - 3600, time.time() - 3600))
    storage.atomic_write_text(path, versions[0])
    assert list(path.parent.glob(".*.tmp")) == []
