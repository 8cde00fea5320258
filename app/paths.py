"""Per-user folders (appdirs), redirectable for tests through NIANBAO_HOME.

On Windows the folders are read from ``%LOCALAPPDATA%`` directly: appdirs turns a profile folder with
Chinese characters (``C:\\Users\\张三``) into its 8.3 short name (``C:\\Users\\5F20~1``), which then shows in
every path the officer is told about. The folders are the ones appdirs gives there (data and settings share
``%LOCALAPPDATA%\\nianbao``, logs in its ``Logs``), so files written by older versions are found.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import appdirs

APP_NAME = "nianbao"


def _base(kind: str) -> Path:
    home = os.environ.get("NIANBAO_HOME")
    local = os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None
    if home:
        path = Path(home) / kind
    elif local:
        path = Path(local) / APP_NAME / ("Logs" if kind == "log" else "")
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
