"""The Word export: page setup, fonts, the three official tables, numbers, 落款, warnings, atomic writes.

Each test opens the exported .docx the way Word would (python-docx, plus the raw XML where
python-docx has no API) and checks what the officer will see.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from decimal import Decimal

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from app.export import docx_xml, pdf_convert
from app.export.word import ExportError, export_docx, signature_indents, text_width, title_lines
from app.formatdef import CellRef, load_format

FMT = load_format()
TEXT_WIDTH_TWIPS = 8844  # 156 mm type area (GB/T 9704 5.2.1)


# --- helpers ------------------------------------------------------------------------------------------

def export(report, tmp_path, name="年报.docx", **kwargs):
    path = tmp_path / name
    warnings = export_docx(report, path, **kwargs)
    return docx.Document(str(path)), warnings


def east_asia(run) -> str | None:
    rpr = run._element.rPr
    return rpr.rFonts.get(qn("w:eastAsia")) if rpr is not None and rpr.rFonts is not None else None


def paragraph(doc, text):
    for p in doc.paragraphs:
        if p.text == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def tc_props(tc):
    """(gridSpan, vMerge) of a w:tc: vMerge is "restart", "continue" or None."""
    tcpr = tc.find(qn("w:tcPr"))
    span = tcpr.find(qn("w:gridSpan"))
    merge = tcpr.find(qn("w:vMerge"))
    merge_val = None if merge is None else (merge.get(qn("w:val")) or "continue")
    return (int(span.get(qn("w:val"))) if span is not None else 1), merge_val


def row_tcs(docx_table, r):
    return docx_table._tbl.tr_lst[r].findall(qn("w:tc"))


def tc_at(docx_table, r, c):
    """The w:tc that starts at grid column c of row r (None when c is inside a horizontal span)."""
    col = 0
    for tc in row_tcs(docx_table, r):
        if col == c:
            return tc
        col += tc_props(tc)[0]
    return None


def cell_text(docx_table, r, c) -> str:
    return docx_table.cell(r, c).text


# --- fixtures -------------------------------------------------------------------------------------------

FEE = "7730.28"


@pytest.fixture
def full_report(example_report):
    """The example with a different number in every input cell, a decimal 万元 amount and a zero."""
    r = example_report
    values = {}
    n = 0
    for table in FMT.tables.values():
        for ref in table.cells():
            if FMT.is_total(ref):
                continue
            n += 1
            values[ref] = str(n)
    values[CellRef("active", "admin_fee", "amount_wanyuan")] = FEE
    values[CellRef("review_litigation", "lit_after", "pending")] = "0"
    for ref, text in values.items():
        r.set_cell(ref, text)
    r.texts["preamble.body"] = "本报告由天山乡人民政府根据《条例》编制。"
    return r


# --- page setup ---------------------------------------------------------------------------------------

def test_page_is_a4_with_gbt9704_margins_and_a_22_line_grid(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    assert s.page_width - s.left_margin - s.right_margin == Twips(TEXT_WIDTH_TWIPS)
    grid = s._sectPr.find(qn("w:docGrid"))
    pitch = int(grid.get(qn("w:linePitch")))
    text_height = s.page_height - s.top_margin - s.bottom_margin
    assert text_height // Twips(pitch) == 22  # 22 lines fill the 225 mm type area
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY and normal.line_spacing == Twips(pitch)


def test_page_numbers_odd_right_even_left_in_4hao_songti(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    assert doc.settings.odd_and_even_pages_header_footer
    s = doc.sections[0]
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —"
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and odd.paragraph_format.right_indent == Pt(14)
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT and even.paragraph_format.left_indent == Pt(14)
    for run in odd.runs + even.runs:
        assert run.font.size == Pt(14) and east_asia(run) == "宋体" and run.font.name == "宋体"
    instr = "".join(t.text for t in s.footer._element.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"


def test_centred_page_numbers_option(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path, page_numbers="center")
    assert not doc.settings.odd_and_even_pages_header_footer
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text == "— 1 —" and footer.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_unknown_page_number_mode_is_refused(example_report, tmp_path):
    with pytest.raises(ValueError):
        export_docx(example_report, tmp_path / "x.docx", page_numbers="left")


# --- title, headings, body ---------------------------------------------------------------------------------

def test_title_is_2hao_xiaobiaosong_centred_and_broken_between_name_and_year(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    title = doc.paragraphs[0]
    assert title.text == "天山乡人民政府\n2024年政府信息公开工作年度报告"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in title.runs:
        if run.text:
            assert east_asia(run) == "方正小标宋简体" and run.font.size == Pt(22)
            assert run.font.name == "Times New Roman"
    assert title.text.replace("\n", "") == example_report.title()


def test_title_lines_are_balanced():
    assert title_lines("某局2024年政府信息公开工作年度报告", "某局") == ["某局2024年政府信息公开工作年度报告"]
    name = "新疆维吾尔自治区哈密市伊州区天山乡人民政府"
    lines = title_lines(f"{name}2024年政府信息公开工作年度报告", name)
    assert "".join(lines) == f"{name}2024年政府信息公开工作年度报告"
    assert lines[-1] == "2024年政府信息公开工作年度报告"
    assert all(text_width(line) <= 20 for line in lines)
    assert lines[:2] == ["新疆维吾尔自治区哈密市", "伊州区天山乡人民政府"]  # units whole, lines balanced
    name = "杭州市市场监督管理局"
    assert title_lines(f"{name}2024年政府信息公开工作年度报告", name) == [name, "2024年政府信息公开工作年度报告"]


def test_six_section_titles_in_order_in_heiti(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    titles = [s.title for s in FMT.sections if s.title]
    assert len(titles) == 6
    found = [p.text for p in doc.paragraphs if p.text in titles]
    assert found == titles
    for t in titles:
        p = paragraph(doc, t)
        assert p.style.name == "Heading 1"
        for run in p.runs:
            assert east_asia(run) == "黑体" and run.font.size == Pt(16)


def test_overall_parts_under_kaiti_headings_and_empty_part_omitted(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    all_text = texts(doc)
    # The example leaves 平台建设 empty: its heading goes and the next heading closes the gap.
    assert not any("平台建设" in t for t in all_text)
    expected = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）监督保障"]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == expected
    for h in expected:
        for run in paragraph(doc, h).runs:
            assert east_asia(run) == "楷体_GB2312" and run.font.size == Pt(16)
    i = all_text.index("（一）主动公开")
    assert all_text[i + 1] == example_report.text("overall.active")
    assert all_text.index("一、总体情况") < all_text.index(example_report.text("overall.intro")) < i


def test_body_is_3hao_fangsong_with_times_digits_and_two_character_indent(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    p = paragraph(doc, example_report.text("overall.intro"))
    assert p.style.name == "Normal"
    for run in p.runs:
        assert east_asia(run) == "仿宋_GB2312" and run.font.name == "Times New Roman" and run.font.size == Pt(16)
    ind = doc.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200" and ind.get(qn("w:firstLine")) == "640"
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_fallback_fonts_are_named_in_the_font_table(example_report, tmp_path):
    path = tmp_path / "年报.docx"
    export_docx(example_report, path)
    with zipfile.ZipFile(path) as z:
        fonts = z.read("word/fontTable.xml").decode("utf-8")
    for name, alt in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("黑体", "SimHei"), ("方正小标宋简体", "宋体")):
        assert f'<w:font w:name="{name}"><w:altName w:val="{alt}"/>' in fonts


def test_preamble_goes_between_title_and_first_section(full_report, tmp_path):
    doc, _ = export(full_report, tmp_path)
    all_text = texts(doc)
    assert all_text.index("本报告由天山乡人民政府根据《条例》编制。") == 1
    assert all_text.index("一、总体情况") == 2


def test_line_breaks_are_paragraphs_and_hand_indents_dropped(example_report, tmp_path):
    example_report.set_text("other.body", "　　第一段。\r\n\n第二段。\x0b第三段。")
    doc, _ = export(example_report, tmp_path)
    all_text = texts(doc)
    i = all_text.index("六、其他需要报告的事项")
    assert all_text[i + 1:i + 4] == ["第一段。", "第二段。", "第三段。"]


def test_officer_numbered_heading_goes_on_a_kaiti_line_of_its_own(example_report, tmp_path):
    # Issue 11: one heading style. A run-in “（一）……。” used to stay in its paragraph (楷体 run, 仿宋 rest).
    example_report.set_text("problems.body", "（一）存在的问题。信息更新不及时。\n（二）改进措施。\n加强学习。")
    doc, _ = export(example_report, tmp_path)
    all_text = texts(doc)
    i = all_text.index("（一）存在的问题")
    assert all_text[i:i + 4] == ["（一）存在的问题", "信息更新不及时。", "（二）改进措施", "加强学习。"]
    for h in ("（一）存在的问题", "（二）改进措施"):
        p = paragraph(doc, h)
        assert p.style.name == "Heading 2"
        assert [east_asia(r) for r in p.runs] == ["楷体_GB2312"]
    assert paragraph(doc, "信息更新不及时。").style.name == "Normal"


def test_every_overall_heading_in_one_style_with_the_officers_own_wording(example_report, tmp_path):
    r = example_report
    r.set_text("overall.active", "（一）主动公开情况。2024年主动公开信息120条。")  # typed run-in
    r.set_text("overall.application", "2024年收到申请3件。")  # no heading typed: the format's
    r.set_text("overall.platform", "门户网站运行平稳。")
    r.headings["overall.platform"] = "（四）政府信息公开平台建设情况"  # carried over from last year
    doc, _ = export(r, tmp_path)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["（一）主动公开情况", "（二）依申请公开", "（三）政府信息管理",
                        "（四）政府信息公开平台建设情况", "（五）监督保障"]
    for h in headings:
        p = paragraph(doc, h)
        assert [(east_asia(run), run.font.size) for run in p.runs] == [("楷体_GB2312", Pt(16))]
    all_text = texts(doc)
    assert all_text[all_text.index("（一）主动公开情况") + 1] == "2024年主动公开信息120条。"
    assert all_text[all_text.index("（四）政府信息公开平台建设情况") + 1] == "门户网站运行平稳。"


def test_control_characters_are_removed_with_a_warning(example_report, tmp_path):
    # Assigned directly: whatever reaches the model (an import, a paste), the export must cope.
    example_report.texts["overall.active"] = "主动公开\x01信息\x07共23条。\ufffe\ud800"
    doc, warnings = export(example_report, tmp_path)
    assert "主动公开信息共23条。" in texts(doc)
    assert len(warnings) == 1
    assert "一、总体情况（一）主动公开" in warnings[0] and "4个" in warnings[0] and "控制字符" in warnings[0]


def test_control_characters_in_body_name_and_cells_never_crash(full_report, tmp_path):
    full_report.body.name = "天山乡\x1b人民政府"
    full_report.set_cell(CellRef("applications", "np_repeat", "legal"), "1\x002件")
    doc, warnings = export(full_report, tmp_path)
    assert doc.paragraphs[0].text.startswith("天山乡人民政府\n")
    assert any("机关名称" in w for w in warnings)
    assert any("12件" in w for w in warnings)


def test_officer_text_is_never_a_template(example_report, tmp_path):
    text = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {# c #}"
    example_report.set_text("other.body", text)
    doc, _ = export(example_report, tmp_path)
    assert text in texts(doc)


def test_empty_section_exports_its_title_with_a_warning(example_report, tmp_path):
    example_report.set_text("problems.body", "")
    doc, warnings = export(example_report, tmp_path)
    assert "五、存在的主要问题及改进情况" in texts(doc)
    assert any("五、存在的主要问题及改进情况" in w and "没有填写内容" in w for w in warnings)


def test_example_exports_without_warnings(example_report, tmp_path):
    _, warnings = export(example_report, tmp_path)
    assert warnings == []


# --- 落款 and 成文日期 ---------------------------------------------------------------------------------

def test_signature_and_date_at_the_end_per_gbt9704_7_3_5_2(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    blank, sig, date = doc.paragraphs[-3:]
    assert blank.text == ""  # one blank line below the text
    assert sig.text == "哈密市伊州区天山乡人民政府" and date.text == "2025年1月26日"
    assert sig.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    sig_ind = sig._p.pPr.find(qn("w:ind"))
    date_ind = date._p.pPr.find(qn("w:ind"))
    assert sig_ind.get(qn("w:rightChars")) == "200"  # 右空二字
    # The date's first character two characters right of the signature's first: 13 − 6.5 = 6.5.
    assert date_ind.get(qn("w:rightChars")) == "650"
    for run in sig.runs + date.runs:
        assert east_asia(run) == "仿宋_GB2312"


def test_signature_falls_back_to_body_name_and_date_has_no_leading_zeros(example_report, tmp_path):
    example_report.body.signature = ""
    example_report.body.name = "某局"
    example_report.body.date = "2025-03-05"
    doc, _ = export(example_report, tmp_path)
    sig, date = doc.paragraphs[-2:]
    assert (sig.text, date.text) == ("某局", "2025年3月5日")
    # A date longer than the signature is 右空二字 and the signature moves left (7.3.5.2).
    assert date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "200"
    # Signature start = date start + 2: 2 + 6 (“2025年3月5日”) + 2 − 2 (“某局”) = 8 characters.
    assert sig._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "800"


def test_signature_indents():
    assert signature_indents("哈密市伊州区天山乡人民政府", "2025年1月26日") == (2.0, 6.5)
    sig, date = signature_indents("某局", "2025年12月31日")
    assert date == 2.0 and sig + text_width("某局") == date + text_width("2025年12月31日") + 2


def test_missing_date_and_name_are_warned(example_report, tmp_path):
    example_report.body.date = ""
    example_report.body.name = ""
    example_report.body.signature = ""
    doc, warnings = export(example_report, tmp_path)
    assert any("成文日期" in w for w in warnings) and any("机关名称" in w for w in warnings)
    assert doc.paragraphs[-1].text != ""  # nothing printed after the last section's text


# --- tables -------------------------------------------------------------------------------------------

def test_three_tables_with_the_official_shape(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    assert len(doc.tables) == 3
    for docx_table, table in zip(doc.tables, FMT.tables.values(), strict=True):
        tbl = docx_table._tbl
        widths = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(widths) == table.columns
        assert sum(widths) == TEXT_WIDTH_TWIPS  # fits portrait A4's 156 mm type area
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert len(tbl.tr_lst) == table.grid_rows
        for r in range(table.grid_rows):
            assert sum(tc_props(tc)[0] for tc in row_tcs(docx_table, r)) == table.columns
        bords = tbl.tblPr.find(qn("w:tblBorders"))
        assert {b.tag.rpartition("}")[2]: b.get(qn("w:val")) for b in bords} == {
            side: "single" for side in ("top", "left", "bottom", "right", "insideH", "insideV")}


def test_every_label_and_merge_comes_from_the_format_grid(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    for docx_table, table in zip(doc.tables, FMT.tables.values(), strict=True):
        starts = {(g.r, g.c) for g in table.grid}
        for g in table.grid:
            tc = tc_at(docx_table, g.r, g.c)
            assert tc is not None, (table.id, g)
            span, merge = tc_props(tc)
            assert span == g.colspan
            assert merge == ("restart" if g.rowspan > 1 else None)
            for dr in range(1, g.rowspan):
                below = tc_at(docx_table, g.r + dr, g.c)
                assert (g.r + dr, g.c) not in starts
                assert tc_props(below) == (g.colspan, "continue")
            if g.kind != "value":
                assert cell_text(docx_table, g.r, g.c) == g.text


def test_table3_corner_note_header_and_vertical_groups(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    t3 = doc.tables[1]
    corner = tc_at(t3, 0, 0)
    assert tc_props(corner) == (3, "restart")
    assert cell_text(t3, 0, 0) == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert [tc_props(tc_at(t3, r, 0)) for r in (1, 2)] == [(3, "continue")] * 2
    assert tc_props(tc_at(t3, 0, 3)) == (7, None) and cell_text(t3, 0, 3) == "申请人情况"
    assert tc_props(tc_at(t3, 1, 4)) == (5, None) and cell_text(t3, 1, 4) == "法人或其他组织"
    assert tc_props(tc_at(t3, 1, 3)) == (1, "restart") and cell_text(t3, 1, 3) == "自然人"
    assert tc_props(tc_at(t3, 2, 3)) == (1, "continue")
    labels = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert [cell_text(t3, 2, c) for c in range(4, 9)] == labels
    # 三、本年度办理结果 spans rows 5..26; （三）不予公开 spans its 8 rows.
    assert tc_props(tc_at(t3, 5, 0)) == (1, "restart") and cell_text(t3, 5, 0) == "三、本年度办理结果"
    assert all(tc_props(tc_at(t3, r, 0)) == (1, "continue") for r in range(6, 27))
    assert tc_props(tc_at(t3, 27, 0)) == (3, None) and cell_text(t3, 27, 0) == "四、结转下年度继续办理"
    assert tc_props(tc_at(t3, 7, 1)) == (1, "restart") and cell_text(t3, 7, 1) == "（三）不予公开"
    assert all(tc_props(tc_at(t3, r, 1)) == (1, "continue") for r in range(8, 15))
    assert cell_text(t3, 9, 2) == "3.危及“三安全一稳定”"


def test_header_rows_repeat_and_rows_never_split(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    for docx_table, table in zip(doc.tables, FMT.tables.values(), strict=True):
        for r, tr in enumerate(docx_table._tbl.tr_lst):
            trpr = tr.find(qn("w:trPr"))
            assert trpr.find(qn("w:cantSplit")) is not None
            assert (trpr.find(qn("w:tblHeader")) is not None) == (r < table.header_rows)
    assert FMT.tables["active"].header_rows == 0
    assert FMT.tables["review_litigation"].header_rows == 3


def table_sizes(doc) -> list[set]:
    return [{run.font.size for cell in docx_table._cells for p in cell.paragraphs for run in p.runs}
            for docx_table in doc.tables]


def test_table_text_is_songti_numbers_centred_and_tables_step_down_to_fit(full_report, large_report, tmp_path):
    # Issue 11 §1: a table keeps 五号 while its numbers leave the labels their room, and steps down
    # (小五, 六号) only when its number columns need it: table 四's 15 columns do at five digits.
    doc, _ = export(full_report, tmp_path)
    t3 = doc.tables[1]
    label = t3.cell(3, 0).paragraphs[0]
    number = t3.cell(3, 3).paragraphs[0]
    assert label.alignment == WD_ALIGN_PARAGRAPH.LEFT and number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in label.runs + number.runs:
        assert east_asia(run) == "宋体"
    assert number.runs[0].font.name == "Times New Roman"
    assert table_sizes(doc) == [{Pt(10.5)}] * 3
    t4 = doc.tables[2]
    assert t4.cell(0, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER  # 行政复议 is a header there
    for col in ("maintained", "corrected", "other", "pending"):
        large_report.set_cell(CellRef("review_litigation", "review", col), "12345")
        large_report.set_cell(CellRef("review_litigation", "lit_direct", col), "12345")
    doc, _ = export(large_report, tmp_path, "大.docx")
    assert table_sizes(doc)[:2] == [{Pt(10.5)}] * 2  # only table 四 steps down
    assert max(table_sizes(doc)[2]) < Pt(10.5)


# The widest face a digit may be drawn in (DejaVu, LibreOffice's Times New Roman on Linux) is 0.636 em wide.
DIGIT_EM = 0.636


def _number_cells(doc, report):
    """(text, usable twips, run size, scale %) of every printed number cell."""
    out = []
    for docx_table, table in zip(doc.tables, FMT.tables.values(), strict=True):
        for g in table.grid:
            if g.kind != "value":
                continue
            tc = tc_at(docx_table, g.r, g.c)
            tcpr = tc.find(qn("w:tcPr"))
            assert tcpr.find(qn("w:noWrap")) is not None  # Word, WPS and LibreOffice never wrap a number
            usable = int(tcpr.find(qn("w:tcW")).get(qn("w:w"))) - 2 * 57  # 1 mm cell margins
            runs = [r for p in docx_table.cell(g.r, g.c).paragraphs for r in p.runs]
            if runs:
                scale = runs[0]._element.rPr.find(qn("w:w"))
                out.append((runs[0].text, usable, runs[0].font.size.pt, int(scale.get(qn("w:val"))) if scale is not None
                            else 100))
        for g in table.grid:  # labels may wrap
            if g.kind != "value":
                assert tc_at(docx_table, g.r, g.c).find(qn("w:tcPr")).find(qn("w:noWrap")) is None
    return out


@pytest.mark.parametrize("which", ["zeros", "city", "seven digits everywhere"])
def test_every_number_fits_its_cell_in_the_widest_fallback_face(which, example_report, large_report, tmp_path):
    report = {"zeros": example_report, "city": large_report}.get(which)
    if report is None:
        report = example_report
        for ref in FMT.all_cells():
            if not FMT.is_total(ref):
                report.set_cell(ref, "1234567")
    doc, _ = export(report, tmp_path)
    cells = _number_cells(doc, report)
    assert len(cells) > 190
    for text, usable, size, scale in cells:
        assert len(text) * DIGIT_EM * size * 20 * scale / 100 <= usable, (which, text)
    if which != "seven digits everywhere":  # a published report's numbers print at the table's size
        assert all(scale == 100 for *_, scale in cells)
    for _text, usable, size, _ in cells:  # and every column holds at least three digits
        assert 3 * DIGIT_EM * size * 20 <= usable


def test_widths_come_from_the_numbers_and_labels_keep_the_rest(example_report, tmp_path):
    def grid(doc):
        return [[int(g.get(qn("w:w"))) for g in t._tbl.tblGrid.findall(qn("w:gridCol"))] for t in doc.tables]

    small, _ = export(example_report, tmp_path, "zeros.docx")
    assert abs(grid(small)[1][3] - 685 * 8844 // 9741) <= 2  # the official template's proportions
    example_report.set_cell(CellRef("applications", "new_received", "natural"), "321")
    three, _ = export(example_report, tmp_path, "three.docx")
    assert grid(small) == grid(three) and table_sizes(small) == table_sizes(three)  # room for three digits
    assert max(grid(small)[1][3:]) - min(grid(small)[1][3:]) <= 1  # table 三's number columns alike
    example_report.set_cell(CellRef("applications", "new_received", "natural"), "3210987")
    seven, _ = export(example_report, tmp_path, "seven.docx")
    t3_small, t3_seven = grid(small)[1], grid(seven)[1]
    # the 自然人 column and the 总计 (its sum) widen, the others do not, and the labels give up what it takes
    assert t3_seven[3] > t3_small[3] and t3_seven[9] > t3_small[9]
    assert all(t3_seven[c] <= t3_small[c] for c in range(4, 9))
    assert sum(t3_seven[:3]) < sum(t3_small[:3])


def _expected_numbers(report) -> dict[CellRef, str]:
    """Hand-computed: inputs as typed, totals summed here (not by the model)."""
    out = {ref: p.text for ref, p in report.cells.items()}
    t3 = FMT.tables["applications"]
    data_cols = [c.id for c in t3.cols if c.id != "total"]
    result_rows = [r.id for r in t3.rows if r.id not in ("new_received", "carried_over", "result_total", "carry_next")]
    for col in data_cols:
        out[CellRef("applications", "result_total", col)] = str(
            sum(int(out[CellRef("applications", r, col)]) for r in result_rows))
    for row in t3.rows:
        out[CellRef("applications", row.id, "total")] = str(
            sum(int(out[CellRef("applications", row.id, c)]) for c in data_cols))
    for row in ("review", "lit_direct", "lit_after"):
        parts = ("maintained", "corrected", "other", "pending")
        out[CellRef("review_litigation", row, "total")] = str(
            sum(int(out[CellRef("review_litigation", row, c)]) for c in parts))
    return out


def test_every_number_in_its_official_cell(full_report, tmp_path):
    doc, warnings = export(full_report, tmp_path)
    assert warnings == []
    expected = _expected_numbers(full_report)
    checked = 0
    for docx_table, table in zip(doc.tables, FMT.tables.values(), strict=True):
        for g in table.grid:
            if g.kind == "value":
                assert cell_text(docx_table, g.r, g.c) == expected[g.ref], (g.ref, g.r, g.c)
                checked += 1
    assert checked == len(expected) == sum(len(t.cells()) for t in FMT.tables.values())
    # Spot checks by position, as a reader of the printed table finds them.
    assert cell_text(doc.tables[0], 13, 1) == FEE == "7730.28"  # 行政事业性收费, 万元 with its decimals
    assert cell_text(doc.tables[0], 2, 1) == "1"  # 规章 本年制发件数
    assert cell_text(doc.tables[1], 3, 3) == expected[CellRef("applications", "new_received", "natural")]
    lit_after = [int(expected[CellRef("review_litigation", "lit_after", c)])
                 for c in ("maintained", "corrected", "other", "pending")]
    assert cell_text(doc.tables[2], 3, 14) == str(sum(lit_after))  # 复议后起诉 总计
    assert cell_text(doc.tables[2], 3, 13) == "0"  # a zero prints as 0


def test_example_tables_print_zeros(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    assert cell_text(doc.tables[0], 13, 1) == "0"
    assert {cell_text(doc.tables[1], r, c) for r in range(3, 28) for c in range(3, 10)} == {"0"}


def test_blank_cell_prints_empty_and_unreadable_cell_prints_its_text(full_report, tmp_path):
    full_report.set_cell(CellRef("applications", "oth_other", "other_org"), "")
    full_report.set_cell(CellRef("applications", "np_repeat", "legal"), "12件")
    doc, warnings = export(full_report, tmp_path)
    t3 = doc.tables[1]
    rows = {row.id: i + 3 for i, row in enumerate(FMT.tables["applications"].rows)}
    assert cell_text(t3, rows["oth_other"], 8) == ""
    assert cell_text(t3, rows["np_repeat"], 7) == "12件"
    # not a number: it may wrap (a number cell never does)
    assert tc_at(t3, rows["np_repeat"], 7).find(qn("w:tcPr")).find(qn("w:noWrap")) is None
    assert tc_at(t3, rows["np_repeat"], 6).find(qn("w:tcPr")).find(qn("w:noWrap")) is not None
    assert cell_text(t3, rows["np_repeat"], 9) == ""  # its row total cannot be computed
    assert any("表三" in w and "12件" in w and "不是有效数字" in w for w in warnings)
    assert any("合计无法计算" in w for w in warnings)


def test_numbers_wider_than_a_full_row_can_hold_shrink_instead_of_wrapping(full_report, tmp_path):
    for col in ("natural", "commercial", "research", "social", "legal", "other_org"):
        full_report.set_cell(CellRef("applications", "carried_over", col), "123456789012345")  # 15 digits
    doc, _ = export(full_report, tmp_path)
    huge = doc.tables[1].cell(4, 3).paragraphs[0].runs[0]
    assert huge.text == "123456789012345"
    scale = huge._element.rPr.find(qn("w:w"))  # set smaller, then condensed (字符缩放), to stay on its line
    assert huge.font.size < Pt(10.5) and (scale is None or 33 <= int(scale.get(qn("w:val"))) <= 100)
    for text, usable, size, scale in _number_cells(doc, full_report):
        assert len(text) * DIGIT_EM * size * 20 * scale / 100 <= usable or scale == 33, text


# --- XML well-formedness ----------------------------------------------------------------------------------

@pytest.mark.parametrize("tag,order", [
    ("w:pPr", docx_xml.PPR_ORDER), ("w:rPr", docx_xml.RPR_ORDER), ("w:tcPr", docx_xml.TCPR_ORDER),
    ("w:tblPr", docx_xml.TBLPR_ORDER), ("w:sectPr", docx_xml.SECTPR_ORDER),
])
def test_properties_are_in_schema_order(full_report, tmp_path, tag, order):
    doc, _ = export(full_report, tmp_path)
    roots = [doc.element, doc.styles.element, doc.sections[0].footer._element,
             doc.sections[0].even_page_footer._element]
    seen = 0
    for root in roots:
        for node in root.iter(qn(tag)):
            names = [c.tag.rpartition("}")[2] for c in node]
            ranks = [order.index(n) for n in names]
            assert ranks == sorted(ranks), names
            seen += 1
    assert seen


# --- writing the file ---------------------------------------------------------------------------------

def test_chinese_path_and_atomic_replace(example_report, tmp_path):
    folder = tmp_path / "用户"
    folder.mkdir()
    path = folder / "年报 2024.docx"
    path.write_bytes(b"old")
    export_docx(example_report, path)
    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in folder.iterdir()) == ["年报 2024.docx"]  # no temporary file left


def test_failed_write_keeps_the_old_file(example_report, tmp_path, monkeypatch):
    path = tmp_path / "年报.docx"
    path.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError) as err:
        export_docx(example_report, path)
    assert "正在 Word/WPS 中打开" in str(err.value)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["年报.docx"]


def test_missing_folder_is_a_clear_error(example_report, tmp_path):
    with pytest.raises(ExportError, match="文件夹不存在"):
        export_docx(example_report, tmp_path / "没有" / "年报.docx")
    with pytest.raises(OSError):  # ExportError is an OSError for callers that catch those
        export_docx(example_report, tmp_path)


def test_document_properties(example_report, tmp_path):
    doc, _ = export(example_report, tmp_path)
    props = doc.core_properties
    assert props.title == "天山乡人民政府2024年政府信息公开工作年度报告"
    assert props.author == "哈密市伊州区天山乡人民政府"
    assert "python-docx" not in (props.comments or "")


def test_exporter_does_not_import_qt():
    code = "import sys, app.export.word, app.export.pdf_convert, app.export.cli; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(__file__)))
    assert out.stdout.strip() == "False"


def test_decimal_kept_as_entered(full_report):
    assert full_report.value(CellRef("active", "admin_fee", "amount_wanyuan")) == Decimal(FEE)


# --- PDF ------------------------------------------------------------------------------------------------

def test_pdf_without_libreoffice_says_so(example_report, tmp_path, monkeypatch):
    path = tmp_path / "年报.docx"
    export_docx(example_report, path)
    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: None)
    with pytest.raises(pdf_convert.PdfConversionError) as err:
        pdf_convert.convert_to_pdf(path)
    assert str(err.value) == "未安装 LibreOffice，无法转换为 PDF；请安装 LibreOffice 或在 Word/WPS 中另存为 PDF"
    assert not (tmp_path / "年报.pdf").exists()


def test_pdf_of_a_missing_docx(tmp_path):
    with pytest.raises(pdf_convert.PdfConversionError, match="找不到"):
        pdf_convert.convert_to_pdf(tmp_path / "无.docx")


@pytest.mark.skipif(os.name != "posix", reason="fake soffice is a shell script")
def test_pdf_when_libreoffice_fails(example_report, tmp_path, monkeypatch):
    path = tmp_path / "年报.docx"
    export_docx(example_report, path)
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("NIANBAO_SOFFICE", str(fake))
    with pytest.raises(pdf_convert.PdfConversionError) as err:
        pdf_convert.convert_to_pdf(path)
    assert "LibreOffice 未能生成 PDF" in str(err.value) and "source file could not be loaded" in str(err.value)
    assert "另存为 PDF" in str(err.value)


@pytest.mark.skipif(pdf_convert.soffice_path() is None, reason="LibreOffice is not installed")
def test_example_converts_to_pdf(example_report, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    folder = tmp_path / "用户"
    folder.mkdir()
    path = folder / "年报 2024.docx"
    export_docx(example_report, path)
    pdf = pdf_convert.convert_to_pdf(path)
    assert pdf == folder / "年报 2024.pdf"
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) >= 3
    first = reader.pages[0]
    assert round(float(first.mediabox.width) / 72 * 25.4) == 210
    assert round(float(first.mediabox.height) / 72 * 25.4) == 297
    assert sorted(p.name for p in folder.iterdir()) == ["年报 2024.docx", "年报 2024.pdf"]


def test_soffice_path_finds_an_override(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("")
    monkeypatch.setenv("NIANBAO_SOFFICE", str(fake))
    assert pdf_convert.soffice_path() == str(fake)
    monkeypatch.setenv("NIANBAO_SOFFICE", str(tmp_path / "missing"))
    assert pdf_convert.soffice_path() is None
