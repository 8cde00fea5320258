"""Importing text copied from a government website: the seed, and flattened tables in the shapes the web gives.

The flattened documents are written here from a sample report the way a web page's text comes out
when copied: each table cell on its own line ending in “|”, merged cells as runs of empty “|”, labels
cut by line breaks, punctuation turned half-width.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from app import storage
from app.carryover import new_from_last_year
from app.checks import check_report
from app.formatdef import CellRef, load_format
from app.importing import ImportError_, ReportImportError, import_file, import_text, short_body_name
from app.importing.recognise import parse_date

from .importing_support import FIXTURES, sample, values

SEED = FIXTURES / "seed-tianshan-2024.txt"
EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "tianshan-2024.nianbao"
FMT = load_format()


# --- a published report, flattened -----------------------------------------------------------------

def flat_table(report, table_id, label=lambda s: s, cell=None) -> list[str]:
    """A table as copied from a web page: one line per cell ending in “|”, merged columns as empty “|”."""
    table = FMT.tables[table_id]
    lines = []
    for r in range(table.grid_rows):
        fillers = 0
        for g in sorted((g for g in table.grid if g.r == r), key=lambda g: g.c):
            if g.ref is not None:
                text = cell(g.ref) if cell else report.cell_text(g.ref) or str(report.value(g.ref))
            else:
                text = label(g.text)
            lines.append(f"{text} |")
            fillers += g.colspan - 1
        if fillers:
            lines.append("|" * fillers)
    return lines


def flat_report(report, *, title=True, label=lambda s: s, cell=None, nfkc=True, drop_rows=()) -> str:
    lines = []
    if title:
        lines += ["首页 > 政务公开 > 年度报告", f"{report.body.name}{report.year}年政府信息公开工作年度报告"]
        lines += report.text("preamble.body").split("\n")
    lines.append("一、总体情况")
    lines += report.text("overall.intro").split("\n")
    for part in FMT.section("overall").parts[1:]:
        paras = report.text(f"overall.{part.id}").split("\n")
        if part.id == "active":  # inline, as many reports write it: heading, full stop, text
            lines.append(f"{part.heading}情况。{paras[0]}")
            lines += paras[1:]
        else:
            lines.append(f"{part.heading}方面")
            lines += paras
    for sec in ("active", "applications", "review_litigation"):
        lines.append(FMT.section(sec).title)
        table_lines = flat_table(report, sec, label, cell)
        for row_id in (r for r in drop_rows if any(x.id == r for x in FMT.tables[sec].rows)):
            row_label = label(FMT.tables[sec].row(row_id).label) + " |"
            if row_label in table_lines:
                i = table_lines.index(row_label)
                del table_lines[i: i + 1 + len(FMT.tables[sec].row(row_id).cols)]
        lines += table_lines
    lines.append(FMT.section("problems").title)
    lines += report.text("problems.body").split("\n")
    lines.append(FMT.section("other").title)
    lines += report.text("other.body").split("\n")
    lines += [report.body.signature, "2024年1月22日", "网站地图 | 联系我们", "主办：示例区人民政府办公室"]
    text = "\n".join(lines)
    return unicodedata.normalize("NFKC", text) if nfkc else text


# --- the seed ------------------------------------------------------------------------------------

def test_seed_imports_like_the_bundled_example():
    result = import_file(SEED)
    report, example = result.report, storage.load(EXAMPLE)
    assert report.body.name == "天山乡人民政府"
    assert report.body.signature == "哈密市伊州区天山乡人民政府"
    assert report.body.kind == "government"
    assert report.year == 2024
    assert report.body.date == "2025-01-26"
    assert report.texts == example.texts  # all six sections, half-width punctuation made full-width again
    assert values(report) == values(example)
    assert all(ref in report.cells for ref in FMT.all_cells())  # every number typed, totals as published
    assert result.unread == {} and not result.legacy_2019
    assert any("取为“天山乡人民政府”" in line for line in result.log)
    assert any("按成文日期推定为2024年" in line for line in result.log)


def test_seed_cut_header_labels_are_recognised():
    """The seed's header has “商业 企业” and “社会公” / “法律服” cut short: no warning about the header."""
    result = import_text(SEED.read_text(encoding="utf-8"))
    assert not any("列标题" in line for line in result.log)


def test_start_this_years_report_from_the_imported_seed_as_from_the_project_file():
    imported = new_from_last_year(import_file(SEED).report)
    from_file = new_from_last_year(storage.load(EXAMPLE))
    assert imported.year == from_file.year == 2025
    assert imported.body == from_file.body
    assert imported.texts == from_file.texts
    assert imported.notes == from_file.notes
    assert values(imported) == values(from_file)
    assert imported.last_year.year == from_file.last_year.year == 2024
    assert imported.last_year.texts == from_file.last_year.texts
    for ref in FMT.all_cells():
        assert imported.value(ref) == from_file.value(ref)
    messages = [[(f.rule, f.message) for f in check_report(r)] for r in (imported, from_file)]
    assert messages[0] == messages[1]


def test_imported_report_survives_the_project_file(tmp_path):
    report = import_file(SEED).report
    path = tmp_path / "用户" / "天山乡 2024.nianbao"
    path.parent.mkdir()
    storage.save(report, path)
    again = storage.load(path)
    assert again.texts == report.texts and values(again) == values(report) and again.body == report.body
    assert any("由已发布的年报导入" in n for n in again.notes)


# --- flattened text in the shapes of published pages ----------------------------------------------------

def test_flattened_sample_imports_every_number_and_text():
    report = sample()
    result = import_text(flat_report(report))
    got = result.report
    assert got.body.name == "示例区教育局" and got.body.kind == "department"
    assert got.year == 2023 and got.body.date == "2024-01-22" and got.body.signature == "示例市示例区教育局"
    assert got.texts == report.texts
    assert values(got) == values(report)
    assert got.cells[CellRef("active", "admin_fee", "amount_wanyuan")].value == Decimal("961.6")
    assert result.unread == {}
    assert any("之后还有2段内容" in line for line in result.log)  # the page footer is left out


def test_labels_with_spaces_line_breaks_and_known_variants():
    def label(text: str) -> str:
        text = text.replace("1.申请人", "1、申请人").replace("2.申请人", "2、申请人").replace("3.其他", "3、其他")
        text = text.replace("其他法律行政法规禁止公开", "其他法律行政止公开")  # a typo seen in 洪泽区's reports
        text = text.replace("区分处理的，只计这一情形", "区分处理的，只计这一情\n形").replace("商业企业", "商业 企业")
        text = text.replace("社会公益组织", "社会公\n益组织").replace("本机关不掌握", "本机关 不掌握")
        return text.replace("信访举报投诉类申请", "信访举报投\n诉类申请")

    report = sample()
    result = import_text(flat_report(report, label=label))
    assert values(result.report) == values(report)
    assert result.unread == {}


def test_full_width_text_imports_the_same_as_half_width():
    report = sample()
    half = import_text(flat_report(report, nfkc=True)).report
    full = import_text(flat_report(report, nfkc=False)).report
    assert half.texts == full.texts == report.texts
    assert values(half) == values(full) == values(report)


def test_blank_and_slash_cells_stay_blank_and_are_reported():
    report = sample()
    slash = CellRef("applications", "granted", "commercial")
    dash = CellRef("active", "penalty", "decisions")

    def cell(ref):
        if ref == slash:
            return "/"
        if ref == dash:
            return "—"
        return report.cell_text(ref) or str(report.value(ref))

    result = import_text(flat_report(report, cell=cell))
    got = result.report
    assert slash not in got.cells and dash not in got.cells  # unknown, never 0
    assert "“/”" in result.unread[slash] and "“—”" in result.unread[dash]
    lines = [line for line in result.log if line.startswith("未能读取")]
    assert any("（一）予以公开／商业企业" in line and "“/”" in line for line in lines)
    assert any("行政处罚" in line and "“—”" in line for line in lines)
    others = {ref: v for ref, v in values(got).items() if ref not in (slash, dash)}
    assert all(v == report.value(ref) for ref, v in others.items() if not FMT.is_total(ref))
    # the published totals are kept as printed; the blank cell shows up in the checks
    assert got.cells[CellRef("applications", "granted", "total")].value == report.value(
        CellRef("applications", "granted", "total"))
    assert any(f.rule == "CELL-BLANK" for f in result.findings)


def test_a_missing_row_is_reported_and_left_blank():
    report = sample()
    result = import_text(flat_report(report, drop_rows=("deny_query",)))
    got = result.report
    for col in FMT.tables["applications"].cols:
        ref = CellRef("applications", "deny_query", col.id)
        assert ref not in got.cells
        assert result.unread[ref] == "原表中没有找到这一行"
    assert any(line.startswith("未能读取：表三“（三）不予公开 8.属于行政查询事项”整行") for line in result.log)
    assert got.value(CellRef("applications", "np_petition", "natural")) == report.value(
        CellRef("applications", "np_petition", "natural"))


def test_a_row_with_too_few_numbers_is_not_guessed():
    text = flat_report(sample())
    text = text.replace("规章 |\n1 |\n0 |\n11 |", "规章 |\n1 |\n11 |")
    result = import_text(text)
    for col in ("issued", "repealed", "valid"):
        assert CellRef("active", "rules", col) not in result.report.cells
    assert any("“规章”行：只读到2个数字，应有3个" in line for line in result.log)
    assert result.report.value(CellRef("active", "normative_docs", "valid")) == 66


def test_a_row_with_too_many_numbers_is_not_guessed():
    text = flat_report(sample()).replace("行政强制 |\n88 |", "行政强制 |\n88 |\n7 |")
    result = import_text(text)
    assert CellRef("active", "coercion", "decisions") not in result.report.cells
    assert any("“行政强制”行：读到2个值（88 7），多于应有的1个" in line for line in result.log)
    assert result.report.value(CellRef("active", "admin_fee", "amount_wanyuan")) == Decimal("961.6")


def test_an_added_subtotal_column_is_left_out():
    """Some templates add “法人或其他组织小计” before 总计; the official table has no such column."""
    report = sample()
    table = FMT.tables["applications"]
    legal = [c.id for c in table.cols][1:6]

    def row_text(row_id):
        vals = [report.value(CellRef("applications", row_id, c.id)) for c in table.cols]
        subtotal = sum(report.value(CellRef("applications", row_id, c)) for c in legal)
        return vals[:6] + [subtotal] + vals[6:]

    lines = flat_report(report, nfkc=False).split("\n")
    header_end = lines.index("其他 |", lines.index(FMT.section("applications").title))
    out = lines[: header_end + 1] + ["小计 |"]  # the header cell after the five legal-person columns
    i = header_end + 1
    while i < len(lines):
        out.append(lines[i])
        row = next((r for r in table.rows if lines[i] == f"{r.label} |"), None)
        if row is not None:  # the row's label: its values, with the subtotal before 总计
            out += [f"{v} |" for v in row_text(row.id)]
            i += len(table.cols)
        i += 1
    result = import_text("\n".join(out))
    assert {ref: v for ref, v in values(result.report).items() if ref.table == "applications"} == {
        ref: v for ref, v in values(report).items() if ref.table == "applications"}
    assert any("表三多出一列“小计”" in line and "25行" in line for line in result.log)

    text = flat_report(sample())
    text = text.replace("行政许可 |\n4472 |", "行政许可4472 |").replace("行政处罚 |\n398 |", "行政处罚 |\n398件 |")
    result = import_text(text)
    assert result.report.value(CellRef("active", "license", "decisions")) == 4472
    assert result.report.value(CellRef("active", "penalty", "decisions")) == 398
    assert "表二有1个单元格带单位（如行政处罚“398件”），已去掉单位，只保留数字" in result.log


def test_an_amount_printed_in_yuan_is_kept_as_printed_and_flagged():
    """万元 is the unit: “9616000元” is not silently divided, it stays as printed and the checks say why."""
    text = flat_report(sample()).replace("行政事业性收费 |\n961.6 |", "行政事业性收费 |\n9616000元 |")
    result = import_text(text)
    ref = CellRef("active", "admin_fee", "amount_wanyuan")
    assert result.report.cells[ref].text == "9616000元" and result.report.cells[ref].value is None
    assert any(f.rule == "CELL-INVALID" and "9616000元" in f.message for f in result.findings)


def test_table_copied_with_tabs_between_cells():
    """A table pasted from a browser or Word into a text box: one row per line, cells split by tabs."""
    report = sample()
    lines = flat_report(report).split("\n")
    start, end = lines.index("二、主动公开政府信息情况"), lines.index("三、收到和处理政府信息公开申请情况")
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "1", "", "11", ""],
            ["行政规范性文件", "8", "26", "66"], ["行政许可", "4472", "", ""], ["行政处罚", "398"],
            ["行政强制", "88", "", ""], ["行政事业性收费", "961.6", "", ""]]
    text = "\n".join(lines[: start + 1] + ["\t".join(r) for r in rows] + lines[end:])
    result = import_text(text)
    got = result.report
    assert CellRef("active", "rules", "repealed") not in got.cells  # an empty cell between tabs is blank
    assert result.unread[CellRef("active", "rules", "repealed")] == "原表此格为空白"
    assert got.value(CellRef("active", "rules", "valid")) == 11
    assert got.value(CellRef("active", "penalty", "decisions")) == 398
    assert got.value(CellRef("active", "admin_fee", "amount_wanyuan")) == Decimal("961.6")


def test_the_2019_format_is_detected_and_only_same_meaning_numbers_kept():
    report = sample()
    old_table = [
        "第二十条第(一)项 |", "|||", "信息内容 |", "本年新制作数量 |", "本年新公开数量 |", "对外公开总数量 |",
        "规章 |", "1 |", "1 |", "11 |", "规范性文件 |", "8 |", "8 |", "66 |",
        "第二十条第(五)项 |", "|||", "信息内容 |", "上一年项目数量 |", "本年增/减 |", "处理决定数量 |",
        "行政许可 |", "12 |", "-2 |", "4472 |", "其他对外管理服务事项 |", "3 |", "0 |", "5 |",
        "第二十条第(六)项 |", "|||", "信息内容 |", "上一年项目数量 |", "本年增/减 |", "处理决定数量 |",
        "行政处罚 |", "7 |", "+1 |", "398 |", "行政强制 |", "2 |", "0 |", "88 |",
        "第二十条第(八)项 |", "|||", "信息内容 |", "上一年项目数量 |", "本年增/减 |", "|",
        "行政事业性收费 |", "4 |", "0 |", "|",
        "第二十条第(九)项 |", "|||", "信息内容 |", "采购项目数量 |", "采购总金额 |", "|",
        "政府集中采购 |", "6 |", "120.5 |", "|",
    ]
    lines = flat_report(report).split("\n")
    start, end = lines.index("二、主动公开政府信息情况"), lines.index("三、收到和处理政府信息公开申请情况")
    result = import_text("\n".join(lines[: start + 1] + old_table + lines[end:]))
    got = result.report
    assert result.legacy_2019
    assert got.value(CellRef("active", "license", "decisions")) == 4472
    assert got.value(CellRef("active", "penalty", "decisions")) == 398
    assert got.value(CellRef("active", "coercion", "decisions")) == 88
    for ref in (CellRef("active", "rules", "issued"), CellRef("active", "normative_docs", "valid"),
                CellRef("active", "admin_fee", "amount_wanyuan")):
        assert ref not in got.cells
        assert "2019年旧格式" in result.unread[ref]
    assert any("2019年（试行）旧格式" in line and "本年新制作数量" in line for line in result.log)
    assert any("政府集中采购" in line and "未导入" in line for line in result.log)
    assert values(got)[CellRef("applications", "granted", "natural")] == report.value(
        CellRef("applications", "granted", "natural"))


def test_the_2019_single_other_row_goes_to_3_other_with_a_warning():
    report = sample()
    cols = [c.id for c in FMT.tables["applications"].cols]
    combined = {c: sum(report.value(CellRef("applications", r, c)) for r in ("oth_no_fix", "oth_no_fee", "oth_other"))
                for c in cols}
    lines = flat_report(report, nfkc=False).split("\n")
    i, j = lines.index("（六）其他处理 |"), lines.index("（七）总计 |")
    single_row = ["（六）其他处理 |"] + [f"{combined[c]} |" for c in cols] + ["|"]
    result = import_text("\n".join(lines[:i] + single_row + lines[j:]))
    got = result.report
    assert result.legacy_2019
    for c in cols:
        assert got.value(CellRef("applications", "oth_other", c)) == combined[c]
        assert CellRef("applications", "oth_no_fix", c) not in got.cells
        assert CellRef("applications", "oth_no_fee", c) not in got.cells
    assert not [f for f in result.findings if f.rule in ("T3-1", "T3-2", "T3-3")]  # still reconciles
    assert any("已填入“3.其他”行" in line for line in result.log)


def test_summary_in_the_title():
    text = flat_report(sample()).replace("工作年度报告\n", "工作年度报告(汇总)\n", 1)
    result = import_text(text)
    assert result.report.body.scope == "summary" and result.report.body.name == "示例区教育局"
    assert any("报告范围设为“汇总”" in line for line in result.log)
    assert import_text(flat_report(sample())).report.body.scope == "own"


def test_summary_report_and_year_from_the_statistics_period():
    text = flat_report(sample(), title=False)
    text = "本报告由示例区教育局汇总编制。报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。\n" + text
    result = import_text(text)
    assert result.report.body.scope == "summary"
    assert result.report.year == 2023
    assert any("按统计期限取为2023年" in line for line in result.log)
    assert result.report.text("preamble.body").startswith("本报告由示例区教育局汇总编制")


@pytest.mark.parametrize("signature, name", [
    ("哈密市伊州区天山乡人民政府", "天山乡人民政府"),
    ("淮安市洪泽区人民政府", "洪泽区人民政府"),
    ("乌鲁木齐市新市区人民政府", "新市区人民政府"),
    ("徐州市沛县人民政府", "沛县人民政府"),
    ("淮安市人民政府", "淮安市人民政府"),
    ("哈密市伊州区东河街道办事处", "东河街道办事处"),
    ("哈密市伊州区市场监督管理局", "哈密市伊州区市场监督管理局"),  # a department keeps its whole 落款
])
def test_short_body_name(signature, name):
    assert short_body_name(signature) == name


@pytest.mark.parametrize("text, iso", [
    ("2025年1月26日", "2025-01-26"), ("2025 年 1 月 26 日", "2025-01-26"), ("二〇二五年一月二十六日", "2025-01-26"),
    ("（2025年12月3日）", "2025-12-03"), ("2025-01-26", "2025-01-26"), ("2025年2月30日", None),
    ("2025年1月26日印发", None),
])
def test_dates_in_the_ways_reports_print_them(text, iso):
    assert parse_date(text) == iso


def test_text_that_is_not_a_report_is_refused():
    with pytest.raises(ReportImportError, match="没有识别出年报的内容"):
        import_text("今天天气很好。\n我们去公园散步。\n" * 20)
    with pytest.raises(ImportError_, match="内容是空的"):
        import_text("  \n\t\n")
    with pytest.raises(ImportError_, match="内容过长"):
        import_text("一、总体情况\n" + "字" * 2_100_000)
