"""Per-user settings (recent files, window geometry, the last folder of each file dialog) in an INI file in the
appdirs config folder."""

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


# Each kind of file dialog remembers its own folder: last year's reports, this year's project files,
# exported Word/PDF and published reports to import usually live in different places.
FOLDER_PURPOSES = ("open", "save", "export", "import")


def last_folder(purpose: str) -> str | None:
    """The folder the ``purpose`` dialog was last used in, while it still exists."""
    value = _settings().value(f"folders/{purpose}")
    if isinstance(value, str) and value and Path(value).is_dir():
        return value
    return None


def set_last_folder(purpose: str, path: str | Path) -> None:
    """Remember the folder of a file (or a folder) the officer chose in the ``purpose`` dialog."""
    if purpose not in FOLDER_PURPOSES:
        raise ValueError(purpose)
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    s = _settings()
    s.setValue(f"folders/{purpose}", str(folder))
    s.sync()
