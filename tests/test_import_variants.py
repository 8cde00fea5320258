"""Reports as real ones word them: each wording variant is read and named in the import log.

Each test starts from the sample report flattened the way a web page is copied (``flat_report``) and
rewrites one thing the way a published report prints it (洪泽区、淮安市 and others, see variants.py).
"""

from __future__ import annotations

import pytest

from app.formatdef import CellRef, load_format
from app.importing import import_file, import_text, variants

from .importing_support import sample, values
from .test_import_realworld import REALWORLD
from .test_import_text import flat_report

FMT = load_format()


def _same_numbers(result, report) -> None:
    assert values(result.report) == values(report)
    assert result.unread == {}


def _section(text: str, title: str, new: str) -> str:
    assert text.count(f"\n{title}\n") == 1
    return text.replace(f"\n{title}\n", f"\n{new}\n")


# --- table labels -------------------------------------------------------------------------------------

def test_normative_documents_without_xingzheng():
    report = sample()
    result = import_text(flat_report(report).replace("行政规范性文件 |", "规范性文件 |"))
    _same_numbers(result, report)
    assert result.report.value(CellRef("active", "normative_docs", "valid")) == 66
    assert any(line.startswith("表二“行政规范性文件”行：原报告写作“规范性文件”") for line in result.log)


def test_zhuanjie_written_for_jiezhuan():
    report = sample()
    text = flat_report(report).replace("四、结转下年度继续办理 |", "四、转结下年度继续办理 |")
    text = text.replace("二、上年结转政府信息公开申请数量 |", "二、上年转结政府信息公开申请数量 |")
    result = import_text(text)
    _same_numbers(result, report)
    assert result.report.value(CellRef("applications", "carry_next", "total")) == 15
    assert any("原报告写作“四、转结下年度继续办理”" in line for line in result.log)
    assert any("原报告写作“二、上年转结政府信息公开申请数量”" in line for line in result.log)


def test_other_handling_row_headed_only_qita():
    report = sample()
    result = import_text(flat_report(report).replace("\n3.其他 |\n", "\n其他 |\n"))
    _same_numbers(result, report)
    assert not result.legacy_2019
    assert any(line.startswith("表三“（六）其他处理 3.其他”行：原报告写作“其他”") for line in result.log)


# --- sub-headings of 总体情况 -------------------------------------------------------------------------

def test_sub_headings_in_the_officers_words_are_kept():
    report = sample()
    text = flat_report(report)
    # 洪泽区 2023: heading and text on one line
    text = text.replace("(四)平台建设方面\n", "(四)政府信息公开平台建设情况。")
    text = text.replace("(五)监督保障方面\n", "(五)监督保障情况:\n")
    text = text.replace("(三)政府信息管理方面\n", "(三)政府信息管理。\n")  # the format's own words
    result = import_text(text)
    got = result.report
    assert got.text("overall.platform") == report.text("overall.platform")
    assert got.text("overall.supervision") == report.text("overall.supervision")
    assert got.headings["overall.platform"] == "（四）政府信息公开平台建设情况"
    assert got.headings["overall.supervision"] == "（五）监督保障情况"
    assert got.headings["overall.active"] == "（一）主动公开情况"
    assert "overall.management" not in got.headings  # same as the format's once the 。 is dropped
    assert got.part_heading("overall.management") == "（三）政府信息管理"
    assert any(line.startswith("小标题保留原报告的写法：") and "（四）政府信息公开平台建设情况" in line
               for line in result.log)


def test_a_skipped_sub_heading_keeps_the_formats_number():
    """No （四）平台建设, 监督保障 numbered （四）: the app prints all five parts, so it goes under （五）."""
    text = flat_report(sample()).replace("(四)平台建设方面\n", "").replace("(五)监督保障方面", "(四)监督保障工作")
    result = import_text(text)
    assert result.report.headings["overall.supervision"] == "（五）监督保障工作"
    assert result.report.text("overall.supervision").startswith("将政务公开纳入年度工作考核")


# --- section titles -----------------------------------------------------------------------------------

def test_a_table_section_numbered_wrongly():
    report = sample()
    result = import_text(_section(flat_report(report), "二、主动公开政府信息情况", "三、主动公开政府信息情况"))
    _same_numbers(result, report)
    assert "原报告将“二、主动公开政府信息情况”编号为“三、”" in result.log


def test_narrative_sections_renumbered_after_a_skipped_table():
    """A body without a 行政复议 table skipped 四 and numbered 五 and 六 as 四 and 五."""
    report = sample()
    text = flat_report(report)
    start, end = text.index("四、政府信息公开行政复议"), text.index("五、存在的主要问题")
    text = text[:start] + text[end:]
    text = _section(text, "五、存在的主要问题及改进情况", "四、存在的主要问题及改进情况")
    text = _section(text, "六、其他需要报告的事项", "五、其他需要报告的事项")
    result = import_text(text)
    got = result.report
    assert got.text("problems.body") == report.text("problems.body")
    assert got.text("other.body") == report.text("other.body")
    assert got.body.signature == "示例市示例区教育局" and got.body.date == "2024-01-22"
    assert "原报告将“五、存在的主要问题及改进情况”编号为“四、”" in result.log
    assert "原报告将“六、其他需要报告的事项”编号为“五、”" in result.log


def test_tables_numbered_again_after_the_text():
    """Text 一、二、三 first (总体情况, 问题, 其他), the 落款, then the three tables as 一、二、三 of an 附件."""
    report = sample()
    text = flat_report(report)
    tables = text[text.index("\n二、主动公开政府信息情况\n"): text.index("\n五、存在的主要问题")]
    narrative = text.replace(tables, "")
    narrative = _section(narrative, "五、存在的主要问题及改进情况", "二、存在的主要问题及改进情况")
    narrative = _section(narrative, "六、其他需要报告的事项", "三、其他需要报告的事项")
    tables = tables.replace("\n二、主动公开政府信息情况\n", "\n一、主动公开政府信息情况\n")
    tables = tables.replace("\n三、收到和处理政府信息公开申请情况\n", "\n二、收到和处理政府信息公开申请情况\n")
    tables = tables.replace("\n四、政府信息公开行政复议、行政诉讼情况\n", "\n三、政府信息公开行政复议、行政诉讼情况\n")
    footer = "\n网站地图 | 联系我们"
    narrative, page_end = narrative.split(footer)
    result = import_text(narrative + "\n附件" + tables + footer + page_end)
    got = result.report
    _same_numbers(result, report)
    assert got.texts == report.texts
    assert got.body.signature == "示例市示例区教育局" and got.body.date == "2024-01-22"
    assert "原报告将“二、主动公开政府信息情况”编号为“一、”" in result.log
    assert "原报告将“五、存在的主要问题及改进情况”编号为“二、”" in result.log
    assert any(line.startswith("原报告的表格排在正文之后") for line in result.log)


@pytest.mark.parametrize("canonical, printed", [
    ("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
])
def test_section_titles_in_the_regulations_older_words(canonical, printed):
    report = sample()
    result = import_text(_section(flat_report(report), canonical, printed))
    _same_numbers(result, report)
    assert result.report.texts == report.texts
    assert any(line.startswith(f"原报告的标题“{printed}”") and f"即“{canonical}”" in line for line in result.log)


def test_a_sentence_numbered_like_a_heading_is_not_one():
    """“二、主动公开工作扎实推进，成效明显” in 总体情况 starts like 二's title; the table's heading, numbered 三,
    is 二's."""
    report = sample()
    text = flat_report(report).replace("(一)主动公开情况。", "二、主动公开工作扎实推进，成效明显\n(一)主动公开情况。")
    result = import_text(_section(text, "二、主动公开政府信息情况", "三、主动公开政府信息情况"))
    _same_numbers(result, report)
    assert result.report.text("overall.intro").endswith("二、主动公开工作扎实推进，成效明显")


# --- title ----------------------------------------------------------------------------------------------

def test_a_title_with_the_year_first():
    text = flat_report(sample()).replace("示例区教育局2023年政府信息公开工作年度报告",
                                         "2019年××市人民政府办公厅政府信息公开工作年度报告")
    result = import_text(text)
    assert result.report.body.name == "××市人民政府办公厅"
    assert result.report.year == 2019
    assert any("标题把年度写在机关名称之前" in line and "取年度之后的“××市人民政府办公厅”" in line
               for line in result.log)


# --- 汇总 or the body's own report -----------------------------------------------------------------------

def _government_report(sentence: str) -> str:
    """The sample as a 县人民政府's report, with ``sentence`` in its 依申请公开 part."""
    text = flat_report(sample()).replace("示例区教育局2023年", "示例县人民政府2023年")
    return text.replace("进一步规范依申请公开办理流程,", f"进一步规范依申请公开办理流程。{sentence}", 1)


def test_a_counting_sentence_makes_a_governments_report_a_summary():
    result = import_text(_government_report("2023年,全县共受理政府信息公开申请181件。"))
    assert result.report.body.scope == "summary"
    assert "根据“全县共受理政府信息公开申请181件”判断为汇总报告，请确认" in result.log
    assert result.scope_evidence == "全县共受理政府信息公开申请181件"


@pytest.mark.parametrize("sentence", [
    "2023年,全县受理政府信息公开申请181件。",  # no 共/累计: may be the government's own count
    "全县政务公开工作稳步推进。",  # 全县 in passing
    "全县共有乡镇12个。",  # counts something else
])
def test_a_government_mentioning_its_area_is_not_a_summary(sentence):
    result = import_text(_government_report(sentence))
    assert result.report.body.scope == "own"
    assert not any("汇总" in line for line in result.log)


def test_a_department_counting_its_sector_is_not_a_summary():
    text = flat_report(sample()).replace("进一步规范依申请公开办理流程,",
                                         "进一步规范依申请公开办理流程。全区共公开招生信息120条,全区教育系统", 1)
    result = import_text(text)
    assert result.report.body.kind == "department" and result.report.body.scope == "own"


@pytest.mark.parametrize("words", [
    "本报告由示例区教育局综合各乡镇人民政府和区政府各部门的年度报告编制而成。",
    "全区各级行政机关认真贯彻落实《条例》。",
])
def test_explicit_words_make_any_report_a_summary(words):
    text = flat_report(sample(), title=True).replace("一、总体情况\n", f"一、总体情况\n{words}\n", 1)
    result = import_text(text)
    assert result.report.body.scope == "summary"
    assert any(line.startswith("根据“") and line.endswith("”判断为汇总报告，请确认") for line in result.log)


@pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")
@pytest.mark.parametrize("stem, scope, why", [
    ("08_huaian_2024", "summary", "全市共受理政府信息公开申请3119件"),
    # 洪泽区 2023 says “2023年全区受理政府信息公开申请21件” (no 共/累计) and 2024 “区政府办代表区政府受理”: the
    # district government's own report, made by its office, as 淮安市's hierarchy counts it (a child of 淮安市).
    ("06_hongze_2023", "own", ""),
    ("07_hongze_2024", "own", ""),
])
def test_the_real_reports_scope(stem, scope, why):
    result = import_file(REALWORLD / f"{stem}.txt")
    assert result.report.body.scope == scope
    assert result.scope_evidence == why
    if why:
        assert f"根据“{why}”判断为汇总报告，请确认" in result.log


def test_every_variant_names_words_the_format_has():
    """A variant stands for the format's words: if the format changes them, the variant must change too."""
    for w in variants.ROW_WORDINGS:
        assert any(w.canonical in r.label for r in FMT.tables[w.table].rows), w
    for w in variants.SECTION_WORDINGS:
        assert FMT.section(w.section).title
