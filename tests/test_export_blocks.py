"""The report as printed (app/export/blocks.py): the decisions every exporter renders, asserted on the blocks."""

from __future__ import annotations

from app.export.blocks import (
    Heading1,
    Heading2,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    level2_split,
    printed_report,
    renumbered,
)
from app.formatdef import load_format
from app.report import Report

FMT = load_format()
OVERALL = next(s.title for s in FMT.sections if s.id == "overall")
PROBLEMS = next(s.title for s in FMT.sections if s.id == "problems")


def report(**texts: str) -> Report:
    r = Report(year=2024)
    r.set_body_field("name", "天山乡人民政府")
    r.set_body_field("date", "2025-01-26")
    for key, text in texts.items():
        r.set_text(key.replace("__", "."), text)
    return r


def section(blocks, title: str) -> list:
    """The blocks after the heading ``title`` up to the next 一级标题."""
    start = blocks.index(Heading1(title)) + 1
    end = next((i for i in range(start, len(blocks)) if isinstance(blocks[i], Heading1 | Signature)), len(blocks))
    return list(blocks[start:end])


def test_the_title_comes_first_and_a_signature_last():
    blocks = printed_report(report()).blocks
    assert blocks[0] == Title("天山乡人民政府2024年政府信息公开工作年度报告", "天山乡人民政府")
    # the date is nearly as wide as the 落款: the date 右空二字, the 落款 moves left (GB/T 9704 7.3.5.2)
    assert blocks[-1] == Signature("天山乡人民政府", "2025年1月26日", 3.5, 2.0)
    assert sum(isinstance(b, TableBlock) for b in blocks) == 3


def test_parts_left_empty_print_nothing_and_the_headings_after_them_are_renumbered():
    r = report(overall__active="主动公开正文。", overall__platform="平台正文。", overall__supervision="监督正文。")
    assert section(printed_report(r).blocks, OVERALL) == [
        Heading2("（一）主动公开"), Paragraph("主动公开正文。"),
        Heading2("（二）平台建设"), Paragraph("平台正文。"),
        Heading2("（三）监督保障"), Paragraph("监督正文。"),
    ]
    assert renumbered("（五）监督保障", 4) == "（四）监督保障" and renumbered("监督保障", 2) == "监督保障"


def test_a_run_in_heading_is_split_and_replaces_the_formats():
    r = report(overall__active="（一）主动公开情况。本年度主动公开政府信息100条。\n第二段。")
    assert section(printed_report(r).blocks, OVERALL) == [
        Heading2("（一）主动公开情况"), Paragraph("本年度主动公开政府信息100条。"), Paragraph("第二段。"),
    ]
    assert level2_split("（二）小标题") == ("（二）小标题", "")
    assert level2_split("（二）" + "很长" * 20 + "。正文") is None  # too long for a heading: a paragraph


def test_the_officers_own_heading_is_printed_renumbered():
    r = report(overall__application="依申请正文。", overall__platform="平台正文。")
    r.set_heading("overall.platform", "（四）政府信息公开平台建设情况")
    assert section(printed_report(r).blocks, OVERALL) == [
        Heading2("（一）依申请公开"), Paragraph("依申请正文。"),
        Heading2("（二）政府信息公开平台建设情况"), Paragraph("平台正文。"),
    ]


def test_an_empty_section_prints_only_its_heading_and_warns():
    printed = printed_report(report(problems__body="  \n\u3000\n"))
    assert section(printed.blocks, PROBLEMS) == []
    assert any(PROBLEMS in w and "没有填写内容" in w for w in printed.warnings)


def test_a_cell_holding_text_is_printed_as_typed_and_its_total_left_blank():
    r = report()
    table = FMT.tables["applications"]
    ref = next(g.ref for g in table.grid if g.kind == "value" and not FMT.is_total(g.ref)
               and any(g.ref in eq.rhs for eq in FMT.totals.values()))
    r.set_cell(ref, "12件")
    printed = printed_report(r)
    block = next(b for b in printed.blocks if isinstance(b, TableBlock) and b.printed.table.id == "applications")
    cells = [c for row in block.rows for c in row if not c.continuing]
    typed = next(c for c in cells if c.cell.ref == ref)
    assert (typed.text, typed.number, typed.align) == ("12件", False, "center")
    assert any(c.cell.problem == "unknown" and c.text == "" for c in cells)
    assert any("“12件”不是有效数字" in w for w in printed.warnings)
    assert any("合计无法计算" in w for w in printed.warnings)


def test_one_line_fields_read_line_breaks_as_a_space_on_the_web_page_only():
    r = report()
    r.body.signature = "甲市\t乙区人民政府\x07"
    word, web = printed_report(r).blocks[-1], printed_report(r, one_line=True).blocks[-1]
    assert word.signature == "甲市\t乙区人民政府" and web.signature == "甲市 乙区人民政府"
    assert any("“落款”中有1个" in w for w in printed_report(r).warnings)


def test_no_date_no_name_no_year_warn_and_an_empty_report_has_no_signature():
    printed = printed_report(Report())
    assert not any(isinstance(b, Signature) for b in printed.blocks)
    assert [w for w in printed.warnings if "机关名称" in w or "年度" in w or "成文日期" in w] == [
        "未填写机关名称，标题和落款不完整", "未填写报告年度，标题不完整", "未填写成文日期，文末只有落款，没有日期"]
