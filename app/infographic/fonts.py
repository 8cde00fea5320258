"""The Chinese faces the image is drawn and measured in: a regular and a bold CJK font this machine has.

fontconfig is asked first (``fc-list :lang=zh-cn``, the same tool ``app.export.fonts`` asks), preferring a sans
face (黑体-like faces read best on a phone screen); without fontconfig the usual install paths of Noto CJK,
文泉驿 and Windows' 黑体/雅黑 are tried. Nothing found: ``ExportError`` naming the package to install, because a
picture drawn in a Latin font would show boxes where every Chinese character should be.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence
from functools import cache
from typing import NamedTuple

from ..export.word import ExportError

NO_FONT = ("本机没有可用的中文字体，无法生成图解。请安装中文字体后重试，"
           "例如：sudo apt-get install fonts-noto-cjk（统信UOS、麒麟同名；Fedora 为 google-noto-sans-cjk-fonts）")

# Tried when fontconfig cannot be asked (Windows, a bundle without fc-list): file, face index in a collection.
KNOWN_FILES: tuple[tuple[str, int, bool], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, False),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2, True),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2, False),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc", 2, True),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, False),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, False),
    ("C:/Windows/Fonts/msyh.ttc", 0, False),
    ("C:/Windows/Fonts/msyhbd.ttc", 0, True),
    ("C:/Windows/Fonts/simhei.ttf", 0, False),
    ("/System/Library/Fonts/PingFang.ttc", 0, False),
)

Run = Callable[[Sequence[str]], "str | None"]


class Face(NamedTuple):
    path: str
    index: int


class Faces(NamedTuple):
    regular: Face
    bold: Face  # the regular face again when the machine has no bold one (the title is then drawn larger only)


def _run(cmd: Sequence[str]) -> str | None:
    try:
        done = subprocess.run(list(cmd), capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _rank(line: str) -> tuple[int, int]:
    low = line.lower()
    sans = 0 if ("sans" in low or "hei" in low or "黑" in line) else 1
    sc = 0 if (" sc" in low or "cn" in low or "hans" in low) else 1
    return sans, sc


def _from_fontconfig(run: Run) -> Faces | None:
    out = run(["fc-list", ":lang=zh-cn", "file", "index", "family", "style"])
    if not out:
        return None
    regular: list[tuple[tuple[int, int], Face]] = []
    bold: list[tuple[tuple[int, int], Face]] = []
    for line in out.splitlines():
        path, _, rest = line.partition(":")
        path = path.strip()
        if not path or not path.lower().endswith((".ttf", ".otf", ".ttc", ".otc")):
            continue  # Pillow reads TrueType/OpenType only (not the bitmap faces fontconfig may list)
        index = 0
        for field in rest.split(":"):
            if field.startswith("index="):
                try:
                    index = int(field[6:])
                except ValueError:
                    index = 0
        style = rest.lower()
        face = Face(path, index)
        target = bold if "style=bold" in style else regular if ("style=regular" in style or "style=" not in style) \
            else None
        if target is not None:
            target.append((_rank(rest), face))
    if not regular:
        return None
    reg = min(regular, key=lambda x: x[0])
    # a bold face of the same family when there is one (Noto Sans CJK SC Bold beside its Regular)
    same = [b for b in bold if b[0] == reg[0]]
    b = min(same or bold, key=lambda x: x[0])[1] if (same or bold) else reg[1]
    return Faces(reg[1], b)


def _from_known(exists: Callable[[str], bool]) -> Faces | None:
    regular = next((Face(p, i) for p, i, b in KNOWN_FILES if not b and exists(p)), None)
    if regular is None:
        return None
    bold = next((Face(p, i) for p, i, b in KNOWN_FILES if b and exists(p) and os.path.dirname(p)
                 == os.path.dirname(regular.path)), regular)
    return Faces(regular, bold)


def find_faces(run: Run | None = None, exists: Callable[[str], bool] | None = None) -> Faces:
    """The faces to draw in; raises ExportError (in Chinese, naming fonts-noto-cjk) when there is none."""
    faces = _from_fontconfig(run or _run) or _from_known(exists or os.path.isfile)
    if faces is None:
        raise ExportError(NO_FONT)
    return faces


@cache
def machine_faces() -> Faces:
    """This machine's faces, looked up once per process (fontconfig takes a moment on a cold cache)."""
    return find_faces()


@cache
def pil_font(face: Face, size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(face.path, size=size, index=face.index)
    except OSError as e:
        raise ExportError(f"无法读取字体文件“{face.path}”（{e}）。{NO_FONT}") from None
