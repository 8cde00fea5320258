"""Which official fonts the machine lacks and what the PDF uses instead (app/export/fonts.py), with fontconfig's
and Windows' answers made up by the test, so every branch runs on any machine."""

from __future__ import annotations

import shutil
import sys

import pytest

from app.export import fonts

NOTO_ONLY = """DejaVu Serif,DejaVu Serif Condensed
Noto Serif CJK SC
Noto Serif CJK JP
Noto Sans CJK SC
DejaVu Sans
"""


def fontconfig(families: str, match: str = "", chinese: str = ""):
    """A stand-in for fc-list / fc-match that answers as fontconfig does; records what it was asked."""
    asked = []

    def run(cmd):
        asked.append(list(cmd))
        if cmd[0] == "fc-list":
            return chinese if cmd[-1] == ":lang=zh-cn" else families
        if cmd[0] == "fc-match":
            return match
        return None

    run.asked = asked
    return run


def test_a_machine_with_noto_cjk_only_gets_noto_for_every_official_font():
    check = fonts.check_fonts("linux", fontconfig(NOTO_ONLY))
    assert check.checked
    assert check.missing == ["方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"]
    assert check.substitutes == {"方正小标宋简体": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC",
                                 "楷体_GB2312": "Noto Serif CJK SC", "仿宋_GB2312": "Noto Serif CJK SC"}
    assert check.message() == ("本机缺少方正小标宋简体、黑体、楷体_GB2312、仿宋_GB2312，PDF中将以 Noto Serif CJK SC "
                               "代替方正小标宋简体、楷体_GB2312、仿宋_GB2312，以 Noto Sans CJK SC 代替黑体。")


def test_fonts_found_under_their_english_or_chinese_name_are_not_missing():
    # fontconfig lists every name of a font's name table, comma-separated, in either order
    families = NOTO_ONLY + "FangSong_GB2312,仿宋_GB2312\nSimHei,黑体\n楷体,KaiTi\n"
    check = fonts.check_fonts("linux", fontconfig(families))
    assert check.missing == ["方正小标宋简体", "楷体_GB2312"]
    # 楷体 is installed, and nearer to 楷体_GB2312 than Noto: the PDF's map takes it first
    assert check.substitutes == {"方正小标宋简体": "Noto Serif CJK SC", "楷体_GB2312": "楷体"}
    assert check.message() == ("本机缺少方正小标宋简体、楷体_GB2312，PDF中将以 Noto Serif CJK SC 代替方正小标宋简体，"
                               "以楷体代替楷体_GB2312。")


def test_one_substitute_for_all_is_said_once():
    families = "仿宋_GB2312\n黑体\n楷体_GB2312\nNoto Serif CJK SC\n"
    assert fonts.check_fonts("linux", fontconfig(families)).message() == \
        "本机缺少方正小标宋简体，PDF中将以 Noto Serif CJK SC 代替。"


def test_names_compare_as_fontconfig_compares_them():
    families = "fzxiaobiaosong-b05s\nSIMHEI\nKaiTi_GB2312\nfang song_gb2312\n"
    check = fonts.check_fonts("linux", fontconfig(families))
    assert check.missing == [] and "已安装公文所需字体" in check.message()


def test_an_escaped_comma_stays_inside_the_name():
    assert fonts.fontconfig_families("A\\, B,C\n\nD\n") == {"A, B", "C", "D"}


def test_without_any_listed_fallback_fontconfigs_chinese_choice_is_named():
    families = "DejaVu Serif\nDroid Sans Fallback\n"
    run = fontconfig(families, match="Droid Sans Fallback\n", chinese="Droid Sans Fallback\n")
    check = fonts.check_fonts("linux", run)
    assert set(check.substitutes.values()) == {"Droid Sans Fallback"}
    assert ["fc-match", "--format", "%{family}\n", "仿宋_GB2312:lang=zh-cn"] in run.asked
    assert "PDF中将以 Droid Sans Fallback 代替" in check.message()


def test_a_machine_without_chinese_fonts_is_told_to_install_one():
    run = fontconfig("DejaVu Serif\nDejaVu Sans\n", match="DejaVu Serif\n", chinese="")
    check = fonts.check_fonts("linux", run)
    assert check.substitutes == dict.fromkeys(fonts.OFFICIAL_FONTS)
    assert "没有合适的中文字体可代替" in check.message() and "请安装中文字体" in check.message()


def test_without_fontconfig_it_says_it_could_not_check():
    check = fonts.check_fonts("linux", lambda cmd: None)
    assert not check.checked
    assert check.message().startswith("未能检查本机是否安装了公文字体") and "fc-list" in check.message()


def test_other_systems_are_not_checked():
    check = fonts.check_fonts("darwin")
    assert not check.checked and "未能检查" in check.message()


# --- Windows, by injection ---------------------------------------------------------------------------

# The value names of HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts on a Chinese Windows 11
WINDOWS_11 = ["SimSun & NSimSun (TrueType)", "FangSong (TrueType)", "KaiTi (TrueType)", "SimHei (TrueType)",
              "Microsoft YaHei & Microsoft YaHei UI (TrueType)", "DengXian (TrueType)", "Arial (TrueType)"]
WINDOWS_FILES = ["simsun.ttc", "simfang.ttf", "simkai.ttf", "simhei.ttf", "msyh.ttc", "arial.ttf", "desktop.ini"]


def test_stock_windows_lacks_the_gb2312_faces_and_fzxiaobiaosong():
    names = fonts.windows_font_names(WINDOWS_11, WINDOWS_FILES)
    check = fonts.check_fonts("win32", windows_names=lambda: names)
    assert check.missing == ["方正小标宋简体", "楷体_GB2312", "仿宋_GB2312"]  # 黑体 is SimHei
    # what Word is told in w:altName and finds there
    assert check.substitutes == {"方正小标宋简体": "宋体", "楷体_GB2312": "楷体", "仿宋_GB2312": "仿宋"}
    assert check.message() == ("本机缺少方正小标宋简体、楷体_GB2312、仿宋_GB2312，PDF中将以宋体代替方正小标宋简体，"
                               "以楷体代替楷体_GB2312，以仿宋代替仿宋_GB2312。")


def test_fonts_installed_by_hand_are_found_by_registry_or_file_name():
    registry = [*WINDOWS_11, "仿宋_GB2312 (TrueType)", "楷体_GB2312 (TrueType)"]
    files = [*WINDOWS_FILES, "FZXBSJW.TTF"]  # 方正小标宋简体's own file name
    check = fonts.check_fonts("win32", windows_names=lambda: fonts.windows_font_names(registry, files))
    assert check.missing == []
    # a font installed for one user only, known by its file name in %LOCALAPPDATA%\Microsoft\Windows\Fonts
    own = r"C:\Users\张三\AppData\Local\Microsoft\Windows\Fonts\方正小标宋简体.ttf"
    names = fonts.windows_font_names(WINDOWS_11, [own])
    assert "方正小标宋简体" in names


def test_a_windows_machine_whose_font_list_cannot_be_read():
    def unreadable():
        raise PermissionError("拒绝访问")

    check = fonts.check_fonts("win32", windows_names=unreadable)
    assert not check.checked and "未能检查" in check.message() and "拒绝访问" in check.message()


# --- this machine ---------------------------------------------------------------------------------------

def test_a_missing_tool_is_no_answer():
    assert fonts._run(["nianbao-no-such-fc-list"]) is None


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("fc-list") is None,
                    reason="needs fontconfig's fc-list (Linux)")
def test_this_machine_answers():
    check = fonts.check_fonts()
    assert check.checked
    assert set(check.missing) <= set(fonts.OFFICIAL_FONTS) and set(check.substitutes) == set(check.missing)
    assert check.message().endswith("。")
