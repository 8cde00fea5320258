"""一图读懂 (issue 21): the figures in the picture are the printed report's, nothing overlaps or leaves the
canvas, the PNG is 1080 px wide, a 汇总 names its area, and a machine without a Chinese font is told what to
install."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

PIL = pytest.importorskip("PIL")
from PIL import Image  # noqa: E402

from app import storage  # noqa: E402
from app.cells import format_number, parse_cell  # noqa: E402
from app.export.blocks import TableBlock, printed_report  # noqa: E402
from app.export.word import ExportError  # noqa: E402
from app.formatdef import CellRef  # noqa: E402
from app.infographic import export_image, image_bytes, layout_for  # noqa: E402
from app.infographic.fonts import find_faces, machine_faces  # noqa: E402
from app.report import Body, LastYear, Report, Unit  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"
SVG = "{http://www.w3.org/2000/svg}"
NAME_40 = "中华人民共和国某某省某某市某某区某某街道办事处某某委员会&<某某>综合行政执法大队第一中队"[:40]


def _has_font() -> bool:
    try:
        machine_faces()
    except ExportError:
        return False
    return True


needs_font = pytest.mark.skipif(not _has_font(), reason="no Chinese font on this machine")


def printed_values(report: Report) -> dict[str, str]:
    """Every value cell as the Word export prints it, keyed as the picture keys its figures."""
    out = {}
    for block in printed_report(report).blocks:
        if isinstance(block, TableBlock):
            for row in block.rows:
                for cell in row:
                    if cell.cell.is_value and not cell.continuing:
                        ref = cell.cell.ref
                        out[f"{ref.table}.{ref.row}.{ref.col}"] = cell.text
    return out


def svg_texts(report: Report) -> list[ET.Element]:
    root = ET.fromstring(image_bytes(report, "svg"))
    return list(root.iter(f"{SVG}text"))


def figure_number(text: str) -> str:
    """The number a value run shows: “共 351件” → 351, “59.5%” → 59.5, “—” (blank) → ""."""
    m = re.fullmatch(r"(?:共 )?(.*?)(?:件|万元|%)?", text)
    value = m.group(1)
    return "" if value == "—" else value


def expected(values: dict[str, str], key: str) -> str:
    """A figure's printed value; a sum (不予公开's reasons) added from the printed cells."""
    parts = [values[k] for k in key.split("+")]
    if len(parts) == 1:
        return parts[0]
    if all(p == "" for p in parts):
        return ""
    return format_number(sum(Decimal(p or "0") for p in parts))


def check_figures(report: Report) -> int:
    values = printed_values(report)
    last = None
    if report.last_year is not None and report.last_year.cells:
        last = printed_values(Report(year=report.last_year.year, cells=dict(report.last_year.cells)))
    seen = 0
    for el in svg_texts(report):
        key, role = el.get("data-key"), el.get("data-role")
        if not key or key.startswith("indicator."):
            continue
        if role == "value":
            assert figure_number(el.text) == expected(values, key), key
            seen += 1
        elif role == "last" and last is not None:
            assert figure_number(el.text.split()[1]) == expected(last, key), key
    return seen


def assert_nothing_overlaps(report: Report) -> None:
    layout = layout_for(report)
    for t in layout.texts:
        assert 0 <= t.x and t.x + t.w <= layout.width, t.text
        assert 0 <= t.y and t.y + t.h <= layout.height, t.text
    for a, b in itertools.combinations(layout.texts, 2):
        apart = (a.right <= b.x + 0.5 or b.right <= a.x + 0.5 or a.bottom <= b.y + 0.5 or b.bottom <= a.y + 0.5)
        assert apart, f"“{a.text}” overlaps “{b.text}”"


def summary_report() -> Report:
    report = storage.load(EXAMPLES / "huaian-2024.nianbao")
    report.body = Body(name="洪泽区人民政府", kind="government", scope="summary")
    taken = dict(report.cells)
    # three units have reported, one expected from last year's list has not: three are counted
    report.units = [Unit(name="洪泽区教育局", cells=taken), Unit(name="洪泽区财政局", cells=taken),
                    Unit(name="洪泽区人民政府办公室", cells=taken, own=True), Unit(name="洪泽区水利局")]
    report.consolidates = True
    return report


def worst_case() -> Report:
    """Seven digits in every cell of every table, this year and last, and a 40-character name."""
    report = Report(year=2025, body=Body(name=NAME_40))
    fmt = report.fmt
    for table in fmt.tables.values():
        for row in table.rows:
            for col in row.cols:
                report.set_cell(CellRef(table.id, row.id, col), "9999999")
    last_cells = {ref: parse_cell("1000000", "count") for ref in report.cells}
    report.last_year = LastYear(2024, last_cells)
    report.texts["problems.body"] = "存在问题：" + "；".join(f"{n}是第{n}项政务公开工作" + "仍有不足需要加强" * 4
                                                         for n in "一二三四五六七")
    measures = "；".join(f"{n}是第{n}项措施" + "持续加强制度建设和队伍建设" * 3 for n in "一二三四五六七")
    report.texts["problems.body"] += "\n下一步，我局将" + measures
    return report


def empty_report() -> Report:
    return Report(body=Body(name=NAME_40))


CASES = {
    "tianshan-2024": lambda: storage.load(EXAMPLES / "tianshan-2024.nianbao"),
    "huaian-2024": lambda: storage.load(EXAMPLES / "huaian-2024.nianbao"),
    "huaian-2025": lambda: storage.load(EXAMPLES / "huaian-2025.nianbao"),
    "summary": summary_report,
    "worst": worst_case,
    "empty": empty_report,
}


@needs_font
@pytest.mark.parametrize("case", CASES)
def test_figures_in_the_svg_are_the_printed_reports(case):
    seen = check_figures(CASES[case]())
    assert seen >= 30  # every card, bar and total of 表二、三、四 is read back


@needs_font
def test_the_city_report_shows_its_figures_and_rate():
    texts = {el.text for el in svg_texts(storage.load(EXAMPLES / "huaian-2024.nianbao"))}
    assert {"3985758", "96171.6", "3119", "1362件", "共 351件", "59.5%"} <= texts
    assert "全市汇总数据" in texts
    assert "一图读懂" in texts and "2024年政府信息公开工作年度报告" in texts


@needs_font
def test_last_years_figures_and_changes_are_beside_this_years():
    report = storage.load(EXAMPLES / "huaian-2025.nianbao")
    lasts = [el.text for el in svg_texts(report) if el.get("data-role") == "last"]
    # 2025's file carries 103 over from 2024 (which carried 34): ↑69; the rate compares with 2024's 59.5 %
    assert "上年 34  ↑69" in lasts
    assert any(t.startswith("上年 59.5%") for t in lasts)


@needs_font
def test_a_summary_names_its_area_and_units():
    texts = [el.text for el in svg_texts(summary_report())]
    assert "全区汇总数据 · 汇总3个单位" in texts
    assert "全区主动公开政府信息情况" in texts
    own = [el.text for el in svg_texts(storage.load(EXAMPLES / "tianshan-2024.nianbao"))]
    assert "主动公开政府信息情况" in own and not any("汇总" in t for t in own)


@needs_font
def test_problems_and_measures_are_short_numbered_items_from_part_five():
    items = [el.text for el in svg_texts(storage.load(EXAMPLES / "tianshan-2024.nianbao"))
             if el.get("data-role") == "item"]
    assert items == ["主动公开意识不够强", "信息更新不够及时，工作效率有待提高", "加强业务学习，提升业务能力",
                     "加强公开规范，加大公开力度"]
    items = [el.text for el in svg_texts(storage.load(EXAMPLES / "huaian-2024.nianbao"))
             if el.get("data-role") == "item"]
    assert items[:2] == ["政策解读质量仍需提升", "政务公开队伍建设还需进一步加强"]
    assert "建立健全“传帮带”机制" in items


@needs_font
def test_an_empty_part_five_says_so():
    texts = [el.text for el in svg_texts(empty_report())]
    assert texts.count("报告第五部分未写明。") == 2


@needs_font
@pytest.mark.parametrize("case", CASES)
def test_no_text_overlaps_or_leaves_the_canvas(case):
    assert_nothing_overlaps(CASES[case]())


@needs_font
def test_a_long_name_wraps_and_text_typed_for_a_number_is_cut_not_run_over():
    report = worst_case()
    report.set_cell(CellRef("active", "license", "decisions"), "此处填写的是一段很长的文字说明而不是一个数字，超出格子")
    assert_nothing_overlaps(report)
    layout = layout_for(report)
    name_lines = [t.text for t in layout.texts if t.y < 200 and t.bold and t.size >= 34][:2]
    assert "".join(name_lines) == NAME_40
    assert any(t.text.endswith("…") and t.key == "active.license.decisions" for t in layout.texts)


@needs_font
def test_the_name_is_escaped_in_the_svg(tmp_path):
    out = tmp_path / "图解.svg"
    export_image(worst_case(), out)
    root = ET.parse(out).getroot()  # parses: & and < in the name were escaped
    assert any("&<某某>" in (el.text or "") for el in root.iter(f"{SVG}text"))


@needs_font
@pytest.mark.parametrize("case", ["huaian-2024", "worst"])
def test_the_png_opens_1080_wide(tmp_path, case):
    report = CASES[case]()
    out = tmp_path / "图解.png"
    assert export_image(report, out) == []
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.size == (1080, layout_for(report).height)
        assert image.size[1] > 2000


def test_no_chinese_font_is_a_clear_message():
    with pytest.raises(ExportError) as e:
        find_faces(run=lambda cmd: None, exists=lambda path: False)
    assert "中文字体" in str(e.value) and "fonts-noto-cjk" in str(e.value)


def test_fontconfig_prefers_a_simplified_sans_face_and_its_bold():
    listing = ("/f/NotoSerifCJK-Regular.ttc: Noto Serif CJK SC:style=Regular:index=2\n"
               "/f/NotoSansCJK-Bold.ttc: Noto Sans CJK SC:style=Bold:index=2\n"
               "/f/NotoSansCJK-Regular.ttc: Noto Sans CJK JP:style=Regular:index=0\n"
               "/f/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular:index=2\n"
               "/f/wqy.pcf.gz: WenQuanYi:style=Regular\n")
    faces = find_faces(run=lambda cmd: listing, exists=lambda path: False)
    assert faces.regular == ("/f/NotoSansCJK-Regular.ttc", 2)
    assert faces.bold == ("/f/NotoSansCJK-Bold.ttc", 2)


def test_an_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(ExportError, match=r"\.png.*\.svg.*图解\.jpg"):
        export_image(empty_report(), tmp_path / "图解.jpg")


@needs_font
def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(ExportError, match="文件夹不存在"):
        export_image(empty_report(), tmp_path / "没有" / "图解.png")


@needs_font
def test_control_characters_and_placeholders_do_not_reach_the_picture():
    report = storage.load(EXAMPLES / "tianshan-2024.nianbao")
    report.body.name = "天山乡\x01人民政府\x0b"
    report.texts["problems.body"] = ("一是（请填写：存在的问题）；二是信息更新不够\x08及时。\n"
                                     "下一步，一是XXX；二是加强培训。")
    texts = [el.text for el in svg_texts(report)]  # parses: nothing XML cannot hold was written
    assert "天山乡人民政府" in texts
    items = [el.text for el in svg_texts(report) if el.get("data-role") == "item"]
    assert items == ["信息更新不够及时", "加强培训"]
