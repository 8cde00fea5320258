"""Placeholders never reach the final version (issue 23, item 2): Word, the website, the clipboard's page, the
workbook and ``nianbao export`` refuse a report with “（请填写：电话）” left in, naming it and where; as a
征求意见稿 they write it, marked so on every page. And the one question before an export names the real errors."""

from __future__ import annotations

import docx
import pytest
from openpyxl import load_workbook

from app import storage
from app.cli import main
from app.export.html import export_html, website_html
from app.export.publishing import ExportError, question, unfinished
from app.export.word import export_docx
from app.export.xlsx import export_xlsx
from app.formatdef import CellRef

PHONE = "（请填写：电话）"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def unfinished_report(large_report):
    large_report.set_text("other.body", f"如对本报告有疑问，请联系：{PHONE}。本年度收取信息处理费3940元。")
    large_report.set_body_field("signature", "XXX办公室")
    return large_report


def _refused(call) -> str:
    with pytest.raises(ExportError) as e:
        call()
    return str(e.value)


@pytest.mark.parametrize("kind", ["docx", "html", "xlsx", "clipboard"])
def test_the_final_version_is_refused_naming_each_placeholder_and_where(unfinished_report, tmp_path, kind):
    out = tmp_path / f"年报.{kind}"
    call = {"docx": lambda: export_docx(unfinished_report, out), "html": lambda: export_html(unfinished_report, out),
            "xlsx": lambda: export_xlsx(unfinished_report, out),
            "clipboard": lambda: website_html(unfinished_report, fragment=True)}[kind]
    message = _refused(call)
    assert "2处未填写的内容" in message and "不能导出正式版本" in message
    assert f"六、其他需要报告的事项：“{PHONE}”" in message and "落款机关：“XXX”" in message
    assert "征求意见稿" in message
    assert not out.exists()


def test_the_word_draft_says_so_on_every_page_and_marks_the_placeholders(unfinished_report, tmp_path):
    out = tmp_path / "征求意见稿.docx"
    export_docx(unfinished_report, out, draft=True)
    document = docx.Document(str(out))
    section = document.sections[0]
    # odd and even pages have headers of their own (奇偶页不同): both say it
    assert [p.text for p in section.header.paragraphs] == ["征求意见稿"]
    assert [p.text for p in section.even_page_header.paragraphs] == ["征求意见稿"]
    assert not section.different_first_page_header_footer
    highlighted = [r.text for p in document.paragraphs for r in p.runs
                   if r._r.find(f"{W}rPr/{W}highlight") is not None]
    assert highlighted == [PHONE, "XXX"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert PHONE in text  # still there, for whoever comments on the draft to see


def test_a_finished_report_has_no_draft_mark(large_report, tmp_path):
    out = tmp_path / "正式.docx"
    export_docx(large_report, out)
    section = docx.Document(str(out)).sections[0]
    assert all("征求意见稿" not in p.text for p in section.header.paragraphs + section.even_page_header.paragraphs)


def test_the_website_draft_has_a_banner_above_the_title(unfinished_report, tmp_path):
    out = tmp_path / "网页.html"
    export_html(unfinished_report, out, draft=True)
    html = out.read_text(encoding="utf-8")
    assert "<title>【征求意见稿】淮安市人民政府" in html
    body = html[html.index("<body"):]
    assert body.index(">征求意见稿</p>") < body.index("<h1")
    fragment, text, _ = website_html(unfinished_report, fragment=True, draft=True)
    assert ">征求意见稿</p>" in fragment and text.startswith("征求意见稿\n淮安市人民政府")


def test_the_workbook_draft_says_so_on_each_table(unfinished_report, tmp_path):
    out = tmp_path / "表格.xlsx"
    export_xlsx(unfinished_report, out, draft=True)
    book = load_workbook(out)
    for name in ("表二", "表三", "表四"):
        assert book[name]["A1"].value.startswith("【征求意见稿】")
        assert book[name].oddHeader.left.text == "征求意见稿"


def test_the_command_refuses_without_draft_and_marks_with_it(unfinished_report, tmp_path, capsys):
    project = tmp_path / "用户" / "年报 2024.nianbao"
    project.parent.mkdir()
    storage.save(unfinished_report, project, backup=False)
    out = tmp_path / "发布稿.docx"
    assert main(["export", str(project), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"六、其他需要报告的事项：“{PHONE}”" in err and "--draft" in err and not out.exists()
    assert main(["export", str(project), "-o", str(out), "--draft"]) == 0
    assert "已导出 Word 文档（征求意见稿）" in capsys.readouterr().out
    assert docx.Document(str(out)).sections[0].header.paragraphs[0].text == "征求意见稿"
    html = tmp_path / "发布稿.html"
    assert main(["export", str(project), "-o", str(html)]) == 2 and not html.exists()


def test_the_question_names_the_placeholders_and_the_tables(unfinished_report):
    from app.checks import check_report

    unfinished_report.set_text("overall.active", f"本年主动公开{PHONE}条。")
    unfinished_report.set_cell(CellRef("applications", "carry_next", "natural"), "3")
    asked = question(unfinished_report, check_report(unfinished_report))
    assert asked.draft and asked.title == "报告还有未填写的内容"
    assert asked.text.startswith(f"报告中还有3处未填写的内容（落款机关：“XXX”、一（一）：“{PHONE}”、六：“{PHONE}”）；"
                                 "表三有2处错误（表三勾稽关系、表三总计列）。")


def test_only_table_errors_ask_to_export_anyway(large_report):
    from app.checks import check_report

    large_report.set_cell(CellRef("applications", "carry_next", "natural"), "3")
    asked = question(large_report, check_report(large_report))
    assert not asked.draft and asked.title == "报告还有错误"
    assert asked.text == "报告中表三有2处错误（表三勾稽关系、表三总计列）。\n\n仍要导出吗？"
    assert unfinished(large_report) == []


def test_a_report_without_errors_asks_nothing(large_report):
    from app.checks import check_report

    assert question(large_report, check_report(large_report)) is None
