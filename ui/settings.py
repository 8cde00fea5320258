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


# The folders the file dialogs remember, one per kind of file (ui.dialogs.file_dialogs.PURPOSES maps each
# dialog's purpose to one of these).
FOLDER_PURPOSES = ("open", "save", "export", "import", "units")


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


# The deadline the local 主管部门 set for a report (often earlier than the legal one), keyed by the report's file.
# A path holds / \ and : which an INI key would turn into groups or escapes: a hash of the resolved path is a
# plain key that is the same on every start.
def _deadline_key(path: str | Path) -> str:
    import hashlib  # only for a saved report's local deadline: hashlib costs a few ms at start-up

    return "deadlines/" + hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:20]


def local_deadline(path: str | Path) -> str | None:
    """The local deadline set for the report saved at ``path``, as ISO yyyy-mm-dd, or None."""
    value = _settings().value(_deadline_key(path))
    return value if isinstance(value, str) and value else None


def set_local_deadline(path: str | Path, iso_date: str | None) -> None:
    s = _settings()
    if iso_date:
        s.setValue(_deadline_key(path), iso_date)
    else:
        s.remove(_deadline_key(path))
    s.sync()


# The look of the editor the officer chose: step list hidden, 显示上年数, the findings panel's height.
UI_FLAGS = ("editor/steps_hidden", "grid/show_last_year")


def ui_flag(key: str) -> bool:
    value = _settings().value(key, False)
    return value is True or (isinstance(value, str) and value.lower() == "true")


def set_ui_flag(key: str, on: bool) -> None:
    if key not in UI_FLAGS:
        raise ValueError(key)
    s = _settings()
    s.setValue(key, bool(on))
    s.sync()


def splitter_sizes() -> list[int] | None:
    """The heights of the step page and the findings panel as the officer last left them."""
    value = _settings().value("editor/splitter")
    if isinstance(value, str):
        value = [value]
    try:
        sizes = [int(v) for v in value or []]
    except (TypeError, ValueError):
        return None
    return sizes if len(sizes) == 2 and all(v >= 0 for v in sizes) and sum(sizes) > 0 else None


def save_splitter_sizes(sizes: list[int]) -> None:
    s = _settings()
    s.setValue("editor/splitter", [int(v) for v in sizes])
    s.sync()
