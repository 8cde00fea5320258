"""Shared fixtures for the core tests: the bundled example report and a redirected per-user folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import storage

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "tianshan-2024.nianbao"
# The large, realistic example: 淮安市人民政府's published 2024 report (a whole city, 汇总), every table non-zero.
LARGE_EXAMPLE = ROOT / "resources" / "examples" / "huaian-2024.nianbao"


@pytest.fixture
def example_report():
    """The bundled example (天山乡人民政府 2024), freshly loaded for each test."""
    return storage.load(EXAMPLE)


@pytest.fixture
def large_report():
    """The large example (淮安市人民政府 2024, four- to seven-digit counts), freshly loaded for each test."""
    return storage.load(LARGE_EXAMPLE)


@pytest.fixture
def nianbao_home(tmp_path, monkeypatch):
    """Per-user folders (autosave, settings, logs) under tmp_path instead of the real home."""
    home = tmp_path / "nianbao-home"
    monkeypatch.setenv("NIANBAO_HOME", str(home))
    return home
