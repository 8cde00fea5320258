"""Which of the official fonts of GB/T 9704 this machine lacks, and what the PDF will use instead.

The exported document names 方正小标宋简体, 黑体, 楷体_GB2312 and 仿宋_GB2312 (7.3); few machines have all
four (Windows 10/11 ship none of the _GB2312 faces nor 方正小标宋). The PDF is made on this machine, so a
missing font is drawn in a substitute, and the officer should know which before publishing it.

- Linux: fontconfig (``fc-list``, always there with LibreOffice) lists the installed families; the
  substitute is the first installed face of ``pdf_convert.FONT_FALLBACKS``, which is what the conversion's
  private fontconfig map makes LibreOffice take. With none of those, ``fc-match`` says what fontconfig
  would draw instead.
- Windows: the font names the registry records (``HKLM``/``HKCU\\…\\CurrentVersion\\Fonts``, the user's
  own fonts since Windows 10 1809 in HKCU) and the file names in the fonts folders; the substitute is the
  first installed face of the same list (it begins with the ``w:altName`` Word is given: 仿宋, 楷体, SimHei).
- Elsewhere the check says it could not look (“未能检查”).

The function that runs a command and the one that reads Windows' names are parameters, so the tests feed
both and take every branch on any machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .layout import FONT_BODY, FONT_H1, FONT_H2, FONT_TITLE
from .pdf_convert import FONT_FALLBACKS

# In the order they appear in a report: title, level 1, level 2, body.
OFFICIAL_FONTS = (FONT_TITLE, FONT_H1, FONT_H2, FONT_BODY)

# Other names the same face is installed under: fonts carry a Chinese and an English name, and Windows'
# registry records the English one (黑体 is "SimHei (TrueType)" there).
ALIASES = {
    FONT_TITLE: ("FZXiaoBiaoSong-B05S", "FZXBSJW"),
    FONT_H1: ("SimHei",),
    FONT_H2: ("KaiTi_GB2312",),
    FONT_BODY: ("FangSong_GB2312",),
    "仿宋": ("FangSong",),
    "楷体": ("KaiTi",),
    "宋体": ("SimSun",),
    "华文中宋": ("STZhongsong",),
}
# Windows' own font files, whose names say nothing of the face (simfang.ttf is 仿宋).
WINDOWS_FILES = {
    "simfang": "仿宋", "simkai": "楷体", "simhei": "黑体", "simsun": "宋体", "stzhongs": "华文中宋",
    "stfangso": "STFangsong", "stkaiti": "STKaiti", "stsong": "STSong", "fzxbsjw": FONT_TITLE,
}

# The w:altName word.py's font table gives each font: what Word (and WPS) draws when it is missing.
_WORD_ALT_NAMES = {FONT_TITLE: "宋体", FONT_H1: "SimHei", FONT_H2: "楷体", FONT_BODY: "仿宋"}

NOT_CHECKED = "未能检查本机是否安装了公文字体（方正小标宋简体、黑体、楷体_GB2312、仿宋_GB2312）"


@dataclass
class FontCheck:
    """The answer: ``checked`` False when the machine could not be asked (``reason`` says why)."""

    checked: bool
    missing: list[str] = field(default_factory=list)
    substitutes: dict[str, str | None] = field(default_factory=dict)  # missing font → face used, None: none found
    reason: str = ""

    def message(self) -> str:
        """One line for the page beside the PDF button."""
        if not self.checked:
            return f"{NOT_CHECKED}{f'（{self.reason}）' if self.reason else ''}，PDF中缺少的字体将由系统代替。"
        if not self.missing:
            return "本机已安装公文所需字体（方正小标宋简体、黑体、楷体_GB2312、仿宋_GB2312），PDF将使用原字体。"
        line = f"本机缺少{'、'.join(self.missing)}"
        by_face: dict[str, list[str]] = {}
        unknown = []
        for font in self.missing:
            face = self.substitutes.get(font)
            if face:
                by_face.setdefault(face, []).append(font)
            else:
                unknown.append(font)
        if len(by_face) == 1 and not unknown:
            line += f"，PDF中将以{_spaced(next(iter(by_face)))}代替"
        elif by_face:
            line += "，PDF中将" + "，".join(f"以{_spaced(face)}代替{'、'.join(fonts)}"
                                          for face, fonts in by_face.items())
        if unknown:
            line += f"；{'、'.join(unknown)}没有合适的中文字体可代替，PDF中的文字可能显示不全，请安装中文字体"
        return line + "。"


def _spaced(face: str) -> str:
    # a Latin name inside Chinese text stands between spaces (以 Noto Serif CJK SC 代替), a Chinese one does not
    return f" {face} " if face[:1].isascii() else face


Run = Callable[[Sequence[str]], str | None]


def check_fonts(platform: str | None = None, run: Run | None = None,
                windows_names: Callable[[], Iterable[str]] | None = None) -> FontCheck:
    """Which of ``OFFICIAL_FONTS`` are missing here, and what replaces each. Never raises."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("linux"):
        return _check_fontconfig(run or _run)
    if platform == "win32":
        try:
            names = set(windows_names() if windows_names is not None else _read_windows_names())
        except OSError as e:
            return FontCheck(False, reason=f"无法读取系统字体列表：{e}")
        names = _normalised_set(names)
        alt = lambda font: _WORD_ALT_NAMES[font] if _installed(_WORD_ALT_NAMES[font], names) else None
        return _check_names(names, alt)
    return FontCheck(False, reason="本系统不支持")


def _norm(name: str) -> str:
    # fontconfig compares family names ignoring case and spaces; so does Windows' font mapper for the case
    return "".join(name.split()).casefold()


def _normalised_set(names: Iterable[str]) -> set[str]:
    return {_norm(n) for n in names if n.strip()}


def _installed(font: str, names: set[str]) -> bool:
    return any(_norm(n) in names for n in (font, *ALIASES.get(font, ())))


def _check_names(names: set[str], last_resort: Callable[[str], str | None]) -> FontCheck:
    missing = [font for font in OFFICIAL_FONTS if not _installed(font, names)]
    substitutes = {}
    for font in missing:
        face = next((f for f in FONT_FALLBACKS.get(font, []) if _installed(f, names)), None)
        substitutes[font] = face if face is not None else last_resort(font)
    return FontCheck(True, missing, substitutes)


# --- Linux: fontconfig ------------------------------------------------------------------------------

def _run(cmd: Sequence[str]) -> str | None:
    """A fontconfig tool's output, or None when it is missing or fails."""
    try:
        done = subprocess.run(list(cmd), capture_output=True, timeout=20, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def fontconfig_families(out: str) -> set[str]:
    """Family names from ``fc-list --format '%{family}\\n'``: one font a line, its names (Chinese and
    English, as the font's name table holds them) separated by commas, a comma inside a name escaped."""
    names = set()
    for line in out.splitlines():
        for name in line.replace("\\,", "\0").split(","):
            name = name.replace("\0", ",").strip()
            if name:
                names.add(name)
    return names


def _check_fontconfig(run: Run) -> FontCheck:
    out = run(["fc-list", "--format", "%{family}\n"])
    if out is None:
        return FontCheck(False, reason="未找到 fontconfig 的 fc-list")
    names = _normalised_set(fontconfig_families(out))

    def fc_match(font: str) -> str | None:
        # none of our fallbacks is installed: fontconfig's own choice for Chinese text, if it is one
        answer = run(["fc-match", "--format", "%{family}\n", f"{font}:lang=zh-cn"])
        if not answer or not answer.strip():
            return None
        face = answer.strip().splitlines()[0].split(",")[0].strip()
        langs = run(["fc-list", "--format", "%{family}\n", ":lang=zh-cn"])
        chinese = _normalised_set(fontconfig_families(langs or ""))
        return face if _norm(face) in chinese else None

    return _check_names(names, fc_match)


# --- Windows: registry and fonts folders -------------------------------------------------------------

def windows_font_names(registry_values: Iterable[str], files: Iterable[str]) -> set[str]:
    """Face names from the registry's value names ("SimSun & NSimSun (TrueType)", "仿宋_GB2312 (TrueType)")
    and the font files' names (simfang.ttf, 方正小标宋简体.ttf: fonts passed around in offices are often
    named after their face)."""
    names = set()
    for value in registry_values:
        value = value.strip()
        if value.endswith(")") and "(" in value:
            value = value[:value.rindex("(")]
        names.update(part.strip() for part in value.split("&") if part.strip())
    for file in files:
        stem, ext = os.path.splitext(os.path.basename(file.replace("\\", "/")))
        if ext.lower() not in (".ttf", ".ttc", ".otf", ".otc"):
            continue
        names.add(stem)
        if stem.lower() in WINDOWS_FILES:
            names.add(WINDOWS_FILES[stem.lower()])
    return names


def _read_windows_names() -> set[str]:
    import winreg  # only reached on Windows

    values = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            key = winreg.OpenKey(hive, r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts")
        except OSError:
            continue
        with key:
            i = 0
            while True:
                try:
                    values.append(winreg.EnumValue(key, i)[0])
                except OSError:  # no more values
                    break
                i += 1
    files: list[str] = []
    folders = [os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts")]
    if os.environ.get("LOCALAPPDATA"):
        folders.append(os.path.join(os.environ["LOCALAPPDATA"], "Microsoft", "Windows", "Fonts"))
    for folder in folders:
        try:
            files += os.listdir(folder)
        except OSError:
            pass
    return windows_font_names(values, files)


def title_needs_bold(check: FontCheck | None = None) -> bool:
    """Whether what this machine draws (PDF, preview) should set the title bold: 方正小标宋 is missing, so its
    stand-in at regular weight would look like body text (``word.build_document`` says why the .docx never does).
    Unknown (the check could not look) counts as present: the standard's weight is the safe side."""
    check = check_fonts() if check is None else check
    return check.checked and FONT_TITLE in check.missing
