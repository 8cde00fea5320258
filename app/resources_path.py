"""The app's data files (format, templates, example, icons) as paths, found the same way everywhere.

A source checkout, an installed wheel and the desktop bundle all keep the ``resources`` package's files
on disk, and ``importlib.resources.files("resources")`` finds them in each (PyInstaller points it at
``_internal/resources``); these helpers only save the callers the conversion to ``Path``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resource_path(*parts: str) -> Path:
    """A file (or folder) of the ``resources`` package, e.g. ``resource_path("examples", "x.nianbao")``."""
    return Path(str(resources.files("resources").joinpath(*parts)))


def icon_files() -> list[Path]:
    """The application icon in every size, smallest first: each goes into one QIcon with ``addFile``."""
    return [resource_path("icons", f"nianbao-{size}.png") for size in ICON_SIZES]
