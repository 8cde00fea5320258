"""The full-size hostile corpus through the command line, one child process each (NIANBAO_SLOW=1): every input is
refused with exit 2 and a Chinese message (or, a number too long for any report, imported with the cell named),
nothing is written, within 5 s and 200 MB of peak memory.
"""

from __future__ import annotations

import os

import pytest

from tests.hostile.corpus import EXAMPLE, attacks, run_cli

SLOW = os.environ.get("NIANBAO_SLOW") == "1"
pytestmark = pytest.mark.skipif(not SLOW, reason="the full-size hostile corpus runs with NIANBAO_SLOW=1")
FULL = {a.name: a for a in attacks(small=False)}
SECONDS, MEGABYTES = 5, 200


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(FULL))
def test_each_hostile_file_is_refused_by_import_quickly_and_in_little_memory(tmp_path, name):
    attack = FULL[name]
    source = attack.make(tmp_path)
    out = tmp_path / "out.nianbao"
    got = run_cli(["import", str(source), "-o", str(out)])
    assert "Traceback" not in got.stderr
    if attack.imports:
        assert got.code == 0
    else:
        assert got.code == 2, got.stderr
        assert attack.expect in got.stderr
        assert not out.exists()
    assert got.seconds < SECONDS, got
    assert got.peak_mb < MEGABYTES, got


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", ["dev-zero", "fifo", "many-parts.mht", "unclosed-tags.html", "xobject-bomb.pdf"])
def test_compare_refuses_a_hostile_published_file_the_same_way(tmp_path, name):
    attack = FULL[name]
    got = run_cli(["compare", str(attack.make(tmp_path)), str(EXAMPLE)])
    assert got.code == 2, got.stderr
    assert attack.expect in got.stderr and "Traceback" not in got.stderr
    assert got.seconds < SECONDS and got.peak_mb < MEGABYTES, got
