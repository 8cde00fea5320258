"""The check after publication (app/compare.py, ``nianbao compare``): the website version damaged the way CMS
editors damage it — a number, a whole table, a 〔〕 pair, a date's 年月日 — in the HTML page and in its copied
text; each difference is found and named where the officer looks for it; an identical copy reads as identical."""

from __future__ import annotations

import re

import pytest

from app import storage
from app.cli import main
from app.compare import compare, read_published, read_published_text
from app.export.html import website_html
from app.formatdef import CellRef
from app.resources_path import resource_path

HUAIAN = resource_path("examples", "huaian-2024.nianbao")
TYPED = "本年度按照国办公开办函〔2021〕30号要求编制，自2024年3月1日起按季度统计。"
NEW_NATURAL = CellRef("applications", "new_received", "natural")  # 3001 in the example


@pytest.fixture(scope="module")
def project():
    report = storage.load(HUAIAN)
    report.set_text("other.body", TYPED)
    return report


@pytest.fixture(scope="module")
def page(project):
    html, text, _ = website_html(project)
    return html, text


@pytest.fixture
def files(tmp_path, project):
    folder = tmp_path / "用户 核对"
    folder.mkdir()
    path = folder / "淮安 2024.nianbao"
    storage.save(project, path, backup=False)
    return folder, path


def damage_html(html: str) -> str:
    html = html.replace(">3001</td>", ">3010</td>", 1)
    html = html.replace("国办公开办函〔2021〕30号", "国办公开办函202130号")
    html = html.replace("2024年3月1日", "2024 3 1 日")
    heading = html.index("四、政府信息公开行政复议")  # the CMS kept the heading and dropped the table under it
    start = html.index("<table", heading)
    end = html.index("</table>", start) + len("</table>")
    return html[:start] + html[end:]


def damage_text(text: str) -> str:
    text = text.replace("\t3001\t", "\t3010\t", 1)
    text = text.replace("国办公开办函〔2021〕30号", "国办公开办函202130号")
    text = text.replace("2024年3月1日", "2024 3 1 日")
    lines = text.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    end = next(i for i in range(heading + 1, len(lines)) if lines[i].startswith("五、"))
    return "\n".join(lines[:heading + 1] + lines[end:])


def test_an_identical_copy_has_no_differences(project, page):
    html, text = page
    assert compare(project, read_published_text(html)) == []
    assert compare(project, read_published_text(text)) == []


@pytest.mark.parametrize("kind", ["html", "text"])
def test_each_damage_is_found_and_named(project, page, kind):
    html, text = page
    damaged = damage_html(html) if kind == "html" else damage_text(text)
    diffs = compare(project, read_published_text(damaged))
    messages = [d.message for d in diffs]
    assert "表三“一、本年新收／自然人”已发布为 3010，应为 3001" in messages
    assert "表四（四、政府信息公开行政复议、行政诉讼情况）在已发布版本中没有找到：整张表缺失" in messages
    assert "文号“国办公开办函〔2021〕30号”在已发布版本中成了“国办公开办函202130号”（“〔”“〕”丢失）" in messages
    assert "日期“2024年3月1日”在已发布版本中成了“2024 3 1 日”（“年”“月”丢失）" in messages
    assert len(diffs) == 4, messages  # the damaged paragraphs are not named a second time, 表四 not cell by cell
    by_kind = {d.kind: d for d in diffs}
    assert by_kind["cell"].cells == (NEW_NATURAL,) and by_kind["cell"].step == "applications"
    assert by_kind["table"].step == "review_litigation"
    assert {d.text_key for d in diffs if d.kind == "damaged"} == {"other.body"}


def test_the_dates_of_the_published_cms_pages_are_recognised(project, page):
    """兴安盟审计局 and 山东省大数据局 2025 (evaluators.md §4): “2024  1  1  日”, “从202411日到20241231日”."""
    text = page[1].replace("2024年1月1日至2024年12月31日", "202411日至20241231日")
    messages = [d.message for d in compare(project, read_published_text(text))]
    assert messages == ["日期“2024年1月1日”在已发布版本中成了“202411日”（“年”“月”丢失）",
                        "日期“2024年12月31日”在已发布版本中成了“20241231日”（“年”“月”丢失）"]


def test_a_changed_and_a_missing_paragraph_and_the_title(project, page):
    text = page[1]
    title = "淮安市人民政府2024年政府信息公开工作年度报告"
    text = text.replace(title, title.replace("2024", "2023"), 1)
    text = text.replace("3119件，答复3050件", "3119件，答复3005件")
    problems = project.text("problems.body").split("\n")[1]
    text = text.replace(problems + "\n", "")
    diffs = compare(project, read_published_text(text))
    messages = [d.message for d in diffs]
    assert messages[0] == ("标题不同：已发布为“淮安市人民政府2023年政府信息公开工作年度报告”，"
                           "应为“淮安市人民政府2024年政府信息公开工作年度报告”")
    changed = next(d for d in diffs if d.kind == "changed")
    assert changed.text_key == "overall.application" and "3050" in changed.message and "3005" in changed.message
    missing = next(d for d in diffs if d.kind == "missing")
    assert missing.text_key == "problems.body" and problems[:24] in missing.message


def test_whitespace_and_punctuation_width_are_not_differences(project, page):
    text = page[1].replace("，", ",").replace("；", ";").replace("：", ":")
    text = re.sub("。", "。 ", text)
    assert compare(project, read_published_text(text)) == []


def test_a_damaged_signature_date(project, page):
    text = page[1].replace("2025年2月25日", "2025225日")
    messages = [d.message for d in compare(project, read_published_text(text))]
    assert messages == ["成文日期“2025年2月25日”在已发布版本中成了“2025225日”（“年”“月”丢失）"]


def test_a_difference_jumps_as_a_finding(project, page):
    diffs = compare(project, read_published_text(damage_text(page[1])))
    finding = next(d for d in diffs if d.kind == "cell").as_finding()
    assert finding.cells == (NEW_NATURAL,) and finding.step == "applications" and finding.fix is None
    text = next(d for d in diffs if d.kind == "damaged").as_finding()
    assert text.text_key == "other.body" and text.step == "other"


def test_cli_exit_codes(files, page, capsys):
    folder, path = files
    html, text = page
    same = folder / "已发布 原样.html"
    same.write_text(html, encoding="utf-8")
    assert main(["compare", str(same), str(path)]) == 0
    assert "已发布的版本与项目一致" in capsys.readouterr().out
    broken = folder / "已发布 网页.txt"
    broken.write_text(damage_text(text), encoding="utf-8")
    assert main(["compare", str(broken), str(path)]) == 1
    out = capsys.readouterr().out
    assert "已发布的版本与项目有4处不同" in out and "表三“一、本年新收／自然人”已发布为 3010，应为 3001" in out
    saved = folder / "已发布.html"
    saved.write_text(damage_html(html), encoding="utf-8")
    assert main(["compare", str(saved), str(path)]) == 1


def test_cli_reads_pasted_text_from_stdin(files, page, capsys, monkeypatch):
    import io

    _, path = files
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(damage_text(page[1]).encode("utf-8"))))
    assert main(["compare", "-", str(path)]) == 1
    assert "（“〔”“〕”丢失）" in capsys.readouterr().out


def test_cli_unreadable_inputs_exit_2(files, capsys, tmp_path):
    folder, path = files
    picture = folder / "截图.html"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert main(["compare", str(picture), str(path)]) == 2
    assert "无法读取已发布的版本" in capsys.readouterr().err
    assert main(["compare", str(folder / "没有.html"), str(path)]) == 2
    assert "找不到" in capsys.readouterr().err
    bad = folder / "坏.nianbao"
    bad.write_text("{不是 JSON", encoding="utf-8")
    assert main(["compare", str(picture), str(bad)]) == 2
    assert "无法读取" in capsys.readouterr().err


def test_the_published_word_file_is_compared_too(files, project):
    from app.export.word import export_docx

    folder, _ = files
    docx = folder / "已发布.docx"
    export_docx(project, docx)
    assert compare(project, read_published(docx)) == []
