"""Hostile files, one small one of each kind, through the importer: each is refused with a Chinese message naming
the limit it passed (or, a number too long for any report, imported with that cell named as not read).

The full-size corpus goes through the command line in test_corpus_slow.py (NIANBAO_SLOW=1).
"""

from __future__ import annotations

import pytest

from app.importing import ReportImportError, import_file, read_bounded
from app.limits import readers as limits
from tests.hostile.corpus import attacks

SMALL = {a.name: a for a in attacks(small=True)}
PENDING: set[str] = set()


def _cases():
    for name in sorted(SMALL):
        if name in PENDING:
            yield pytest.param(name, marks=pytest.mark.xfail(strict=True, reason="being built"))
        else:
            yield name


@pytest.mark.parametrize("name", _cases())
def test_each_small_hostile_input_is_refused_naming_its_limit(tmp_path, name):
    attack = SMALL[name]
    path = attack.make(tmp_path)
    if attack.imports:
        summary = import_file(path).summary()
        assert attack.expect in summary
        return
    with pytest.raises(ReportImportError) as refused:
        import_file(path)
    assert attack.expect in str(refused.value)


def test_a_budget_message_names_what_was_counted_the_files_figure_and_the_limit(tmp_path):
    with pytest.raises(ReportImportError) as refused:
        import_file(SMALL["many-parts.mht"].make(tmp_path))
    parts, limit = limits.MHT_PARTS + 12, limits.MHT_PARTS
    assert str(refused.value) == (f"网页存档的分段数（{parts}个）超过读取限制（最多{limit}个），"
                                  "不像是一份年报，已拒绝读取")


def test_read_bounded_stops_at_its_limit_and_names_it(tmp_path):
    path = tmp_path / "年报 2024.txt"
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    assert read_bounded(path, 3 * 1024 * 1024) == b"x" * (3 * 1024 * 1024)
    with pytest.raises(ReportImportError, match=r"文件过大（3 MB），超过读取限制（最多2 MB）"):
        read_bounded(path, 2 * 1024 * 1024)


def test_a_special_file_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    import os

    opened = []
    monkeypatch.setattr(os, "open", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(AssertionError))
    with pytest.raises(ReportImportError, match="不是普通文件.*/dev/zero"):
        read_bounded("/dev/zero", 10)
    assert opened == []


def test_a_text_part_longer_than_a_project_file_holds_is_refused_on_import_not_on_saving():
    from app.importing import import_text
    from tests.hostile.corpus import MARK, report_text

    paragraph = "政务公开" * 27_500  # 110,000 characters: each paragraph within the budget, the part is not
    text = report_text(MARK).decode("utf-8").replace("一、总体情况\n", f"一、总体情况\n{paragraph}\n\n{paragraph}\n", 1)
    expected = r"“一、总体情况（概述）”的文字（220\d{3}个字符）超过读取限制（最多200000"
    with pytest.raises(ReportImportError, match=expected):
        import_text(text)
