"""Per-user folders (appdirs), redirectable for tests through NIANBAO_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

APP_NAME = "nianbao"


def _base(kind: str) -> Path:
    home = os.environ.get("NIANBAO_HOME")
    if home:
        path = Path(home) / kind
    elif kind == "data":
        path = Path(appdirs.user_data_dir(APP_NAME, appauthor=False))
    elif kind == "config":
        path = Path(appdirs.user_config_dir(APP_NAME, appauthor=False))
    else:
        path = Path(appdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Autosave and recovery files."""
    return _base("data")


def config_dir() -> Path:
    """Settings: recent files, window geometry."""
    return _base("config")


def log_dir() -> Path:
    return _base("log")
