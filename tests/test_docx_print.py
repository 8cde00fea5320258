"""How the printed pages break (issue 23, item 13): a heading under a table gets a line of space, a table never
begins at a page's foot, a short row group stays on one page with its label, header rows repeat; the title is
bold only where this machine draws a stand-in for 方正小标宋 (PDF, preview); the web page's header labels
break between words, never inside one."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from app.export.fonts import FontCheck, title_needs_bold
from app.export.html import header_words, website_html
from app.export.layout import FONT_BODY, FONT_TITLE, LINE_PITCH
from app.export.tables import printed_table
from app.export.word import export_docx


def _document(report, tmp_path, **kwargs):
    out = tmp_path / "年报.docx"
    export_docx(report, out, **kwargs)
    return docx.Document(str(out))


def _kept(tr) -> bool:
    """Every paragraph of the row keeps with the next (Word and LibreOffice keep the row with the next one)."""
    props = list(tr.iter(qn("w:pPr")))
    return bool(props) and all(p.find(qn("w:keepNext")) is not None for p in props)


def test_a_heading_right_under_a_table_has_a_line_of_space(large_report, tmp_path):
    body = _document(large_report, tmp_path).element.body
    children = list(body)
    after_tables = [children[i + 1] for i, el in enumerate(children[:-1]) if el.tag == qn("w:tbl")]
    headings = [p for p in after_tables if p.tag == qn("w:p")]
    assert ["".join(t.text for t in p.iter(qn("w:t"))) for p in headings] == [
        "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"]
    for p in headings:
        spacing = p.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
        assert spacing is not None and spacing.get(qn("w:before")) == str(LINE_PITCH)
        assert p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Heading1"  # keepNext in the style


def test_table_three_breaks_only_between_row_groups(large_report, tmp_path):
    document = _document(large_report, tmp_path)
    table = large_report.fmt.tables["applications"]
    printed = printed_table(large_report, table)
    rows = document.tables[1]._tbl.findall(qn("w:tr"))
    # the header rows repeat on the next page
    assert [tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in rows[:4]] == [True] * 3 + [False]
    # the first rows go with the header: the table never begins with a row or two at a page's foot
    assert all(_kept(tr) for tr in rows[:table.header_rows + 10])
    groups = [c for c in printed.cells if c.kind != "value" and c.r >= table.header_rows and 1 < c.rowspan <= 10]
    labels = {c.text for c in groups}
    assert {"（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"} <= labels
    for group in groups:
        assert all(_kept(rows[r]) for r in range(group.r, group.r + group.rowspan - 1)), group.text
    # between two groups (after （三）不予公开, past the first rows) a page may break
    last_of_three = next(c for c in groups if c.text == "（三）不予公开")
    assert not _kept(rows[last_of_three.r + last_of_three.rowspan - 1])


def _title_runs(document):
    title = document.paragraphs[0]
    assert title.style.name == "Title"
    return title.runs


def test_the_word_file_keeps_the_standard_title_weight(large_report, tmp_path):
    for run in _title_runs(_document(large_report, tmp_path)):
        assert run.bold is None  # 2号小标宋 is not bold (GB/T 9704 7.3.1); the face is heavy of its own


def test_the_pdf_title_is_bold_where_xiaobiaosong_is_missing(large_report, tmp_path):
    runs = _title_runs(_document(large_report, tmp_path, title_bold=True))
    assert runs and all(run.bold for run in runs if run.text)
    assert title_needs_bold(FontCheck(True, [FONT_TITLE], {FONT_TITLE: "Noto Serif CJK SC"}))
    assert not title_needs_bold(FontCheck(True, [FONT_BODY], {FONT_BODY: "仿宋"}))
    assert not title_needs_bold(FontCheck(False, reason="未找到 fontconfig 的 fc-list"))


def test_web_header_labels_break_between_words_only(large_report):
    assert header_words("结果维持") == ("结果", "维持")
    assert header_words("未经复议直接起诉") == ("未经", "复议", "直接", "起诉")
    assert header_words("自然人") == ("自然人",)
    assert header_words("总计") == ("总计",)
    assert header_words("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") == ()
    html = website_html(large_report)[0]
    table_four = html[html.index("四、政府信息公开行政复议"):]
    for word in ("结果<wbr>维持", "结果<wbr>纠正", "其他<wbr>结果", "尚未<wbr>审结", "未经<wbr>复议<wbr>直接<wbr>起诉"):
        assert f'word-break:keep-all;">{word}</td>' in table_four
    assert "white-space:nowrap;\">351</td>" in table_four  # the numbers as before: one text node each
