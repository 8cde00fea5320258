"""The real wording corpus (issue 19) is well-formed: what benchmarks/wording.py and the next rules rely on.

Each line of tests/data/wording/paragraphs.jsonl is one paragraph of a published 年报, with its source and
the counts it states annotated by hand. These tests do not ask whether today's rules read them (they do
not all: benchmarks/wording.py measures it); they keep the annotations true to the text and the format.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "wording" / "paragraphs.jsonl"
FORMAT = ROOT / "resources" / "formats" / "gbgkbh-2021-30.json"
LEVELS = {"乡镇/街道", "县区部门", "县区政府", "市政府", "市级部门", "省级部门", "国务院部门", "开发区"}


def _paragraphs() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _cell_ids() -> set[str]:
    fmt = json.loads(FORMAT.read_text(encoding="utf-8"))
    return {f"{t['id']}.{r['id']}.{c['id']}" for t in fmt["tables"] for r in t["rows"] for c in t["cols"]}


PARAGRAPHS = _paragraphs()
COUNTS = [(p["id"], c) for p in PARAGRAPHS for c in p["counts"]]


def test_at_least_100_paragraphs_from_6_levels_of_government():
    levels = Counter(p["level"] for p in PARAGRAPHS)
    assert len(PARAGRAPHS) >= 100
    assert set(levels) <= LEVELS
    assert len(levels) >= 6, levels


def test_the_corpus_stays_small():
    assert CORPUS.stat().st_size < 1_000_000


def test_every_paragraph_has_an_id_a_source_and_counts():
    ids = [p["id"] for p in PARAGRAPHS]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    for p in PARAGRAPHS:
        assert p["source"].startswith(("http://", "https://")), p["id"]
        assert p["text"].strip() and p["counts"], p["id"]
        assert p["year"] is None or 2008 <= p["year"] <= 2026, p["id"]


@pytest.mark.parametrize(("pid", "count"), COUNTS, ids=[f"{pid}:{c['phrase']}" for pid, c in COUNTS])
def test_every_phrase_is_in_its_text_and_states_its_number(pid, count):
    text = next(p["text"] for p in PARAGRAPHS if p["id"] == pid)
    assert count["phrase"] in text
    figures = [float(f) for f in re.findall(r"\d+(?:\.\d+)?", count["phrase"])]
    assert float(count["number"]) in figures


def test_every_cell_named_exists_in_the_format_file():
    ids = _cell_ids()
    named = [(pid, cell) for pid, c in COUNTS for cell in (c.get("cells") or [c.get("cell")]) if cell is not None]
    assert named
    assert [(pid, cell) for pid, cell in named if cell not in ids] == []


def test_a_count_without_a_cell_says_why():
    assert [(pid, c["phrase"]) for pid, c in COUNTS
            if not c.get("cell") and not c.get("cells") and not c.get("note")] == []


def test_at_least_90_percent_of_the_annotated_figures_are_read_to_the_right_cell():
    """A regression guard on benchmarks/wording.py's measure (not timed): the real wording corpus is read."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("wording", ROOT / "benchmarks" / "wording.py")
    wording = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(wording)
    by_kind, _, _, _, _, stray = wording.measure(PARAGRAPHS)
    tried = sum(v[0] for v in by_kind.values())
    right = sum(v[2] for v in by_kind.values())
    assert right >= 0.9 * tried, (right, tried)
    assert stray == []  # no number read where no cell applies
