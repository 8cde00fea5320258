"""Per-user settings (recent files, window geometry) in an INI file in the appdirs config folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.paths import config_dir

MAX_RECENT = 10


def _settings() -> QSettings:
    return QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)


def recent_files() -> list[str]:
    value = _settings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [v for v in (value or []) if isinstance(v, str)]


def add_recent(path: str | Path) -> None:
    path = str(Path(path).resolve())
    files = [path] + [f for f in recent_files() if f != path]
    s = _settings()
    s.setValue("recent", files[:MAX_RECENT])
    s.sync()


def remove_recent(path: str) -> None:
    s = _settings()
    s.setValue("recent", [f for f in recent_files() if f != path])
    s.sync()


def geometry() -> QByteArray | None:
    value = _settings().value("geometry")
    return value if isinstance(value, QByteArray) else None


def save_geometry(data: QByteArray) -> None:
    s = _settings()
    s.setValue("geometry", data)
    s.sync()
