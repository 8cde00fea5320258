"""`nianbao export -o X.png / X.svg` writes the 一图读懂 of the report (app/infographic) from its printed figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from app.cli import main
from app.resources_path import resource_path

EXAMPLE = resource_path("examples/huaian-2024.nianbao")


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_export_writes_the_picture_by_its_suffix(tmp_path, capsys, suffix):
    out = tmp_path / "图解" / f"淮安 2024{suffix}"
    out.parent.mkdir()
    assert main(["export", str(EXAMPLE), "-o", str(out)]) == 0
    assert f"已导出一图读懂：{out}" in capsys.readouterr().out
    data = out.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG")
    else:
        texts = "".join(t.text or "" for t in ET.fromstring(data).iter() if t.tag.endswith("text"))
        assert "淮安市人民政府" in texts and "一图读懂" in texts and "征求意见稿" not in texts


def test_a_draft_picture_says_so_in_its_title(tmp_path, capsys):
    out = tmp_path / "图解.svg"
    assert main(["export", str(EXAMPLE), "-o", str(out), "--draft"]) == 0
    texts = "".join(t.text or "" for t in ET.fromstring(out.read_bytes()).iter() if t.tag.endswith("text"))
    assert "2024年政府信息公开工作年度报告（征求意见稿）" in texts
