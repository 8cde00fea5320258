"""``nianbao export FILE -o OUT.docx [--pdf] [--page-numbers odd-even|center]``: exit codes and messages."""

from __future__ import annotations

import docx
import docx.document
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from app import storage
from app.cli import main
from app.export import pdf_convert


@pytest.fixture
def project(tmp_path, example_report):
    """The example saved under a Chinese folder and file name."""
    folder = tmp_path / "用户"
    folder.mkdir()
    path = folder / "年报 2024.nianbao"
    storage.save(example_report, path, backup=False)
    return path


def test_export_writes_the_docx(project, capsys):
    out = project.with_name("发布稿 2024.docx")
    assert main(["export", str(project), "-o", str(out)]) == 0
    assert f"已导出 Word 文档：{out}" in capsys.readouterr().out
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text == "天山乡人民政府\n2024年政府信息公开工作年度报告"
    assert len(doc.tables) == 3


def test_output_defaults_to_the_project_name_and_gets_its_suffix(project, tmp_path):
    assert main(["export", str(project)]) == 0
    assert project.with_suffix(".docx").is_file()
    assert main(["export", str(project), "-o", str(tmp_path / "年报")]) == 0
    assert (tmp_path / "年报.docx").is_file()


def test_centred_page_numbers(project, tmp_path):
    out = tmp_path / "居中.docx"
    assert main(["export", str(project), "-o", str(out), "--page-numbers", "center"]) == 0
    footer = docx.Document(str(out)).sections[0].footer.paragraphs[0]
    assert footer.text == "— 1 —" and footer.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_unreadable_input_exits_2_with_a_chinese_message(tmp_path, capsys):
    bad = tmp_path / "坏文件.nianbao"
    bad.write_text("{不是 JSON", encoding="utf-8")
    assert main(["export", str(bad), "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert "无法读取" in err and "坏文件.nianbao" in err
    assert not (tmp_path / "x.docx").exists()


def test_missing_input_exits_2(tmp_path, capsys):
    assert main(["export", str(tmp_path / "没有.nianbao"), "-o", str(tmp_path / "x.docx")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_unwritable_output_exits_2(project, tmp_path, capsys):
    assert main(["export", str(project), "-o", str(tmp_path / "没有这个文件夹" / "年报.docx")]) == 2
    assert "导出失败：文件夹不存在" in capsys.readouterr().err


def test_warnings_are_shown(project, capsys):
    report = storage.load(project)
    report.set_text("other.body", "本年度未收取信息处理费。\x02")
    storage.save(report, project, backup=False)
    assert main(["export", str(project)]) == 0
    out = capsys.readouterr().out
    assert "提示：“六、其他需要报告的事项”中有1个无法写入 Word 的控制字符" in out


def test_pdf_without_libreoffice_exits_1_and_keeps_the_docx(project, monkeypatch, capsys):
    """Exit 1, written with a problem: 2 says nothing was written, and the Word file was."""
    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: None)
    assert main(["export", str(project), "--pdf"]) == 1
    captured = capsys.readouterr()
    assert "已导出 Word 文档" in captured.out
    assert f"未能生成 PDF：{pdf_convert.NOT_INSTALLED}" in captured.err
    assert "未安装 LibreOffice" in captured.err
    assert project.with_suffix(".docx").is_file() and not project.with_suffix(".pdf").exists()


@pytest.mark.skipif(pdf_convert.soffice_path() is None, reason="LibreOffice is not installed")
def test_pdf_with_libreoffice(project, capsys):
    assert main(["export", str(project), "--pdf"]) == 0
    assert f"已生成 PDF：{project.with_suffix('.pdf')}" in capsys.readouterr().out
    assert project.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def test_unknown_page_number_mode_is_an_argparse_error(project):
    with pytest.raises(SystemExit) as err:
        main(["export", str(project), "--page-numbers", "left"])
    assert err.value.code == 2


@pytest.mark.parametrize("args", [["--pdf"], ["-o", "用户 报告.pdf"]], ids=["docx and pdf", "pdf alone"])
def test_before_a_pdf_the_command_says_which_official_fonts_are_missing(project, monkeypatch, capsys, args):
    from app.export import fonts

    def refuse(*_args, **_kw):
        raise pdf_convert.PdfConversionError("LibreOffice 未能生成 PDF")

    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_convert, "convert_to_pdf", refuse)
    monkeypatch.setattr(fonts, "check_fonts", lambda: fonts.FontCheck(
        True, ["方正小标宋简体"], {"方正小标宋简体": "Noto Serif CJK SC"}))
    if args[0] == "-o":
        args = ["-o", str(project.parent / args[1])]
    main(["export", str(project), *args])
    assert "字体：本机缺少方正小标宋简体，PDF中将以 Noto Serif CJK SC 代替。" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--pdf"], ["-o", "用户 报告.pdf"]], ids=["docx and pdf", "pdf alone"])
def test_the_pdf_title_is_bold_where_this_machine_lacks_xiaobiaosong(project, monkeypatch, args, tmp_path):
    from app.export import fonts

    titles = []

    def convert(docx_path, pdf=None, timeout=120, cancel=None):
        titles.append([run.bold for run in docx.Document(str(docx_path)).paragraphs[0].runs if run.text])
        pdf.write_bytes(b"%PDF-1.4 fake")
        return pdf

    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_convert, "convert_to_pdf", convert)
    monkeypatch.setattr(fonts, "check_fonts", lambda: fonts.FontCheck(True, [fonts.FONT_TITLE], {}))
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(project), *args]) == 0
    assert len(titles) == 1 and titles[0] and all(titles[0])
    if args == ["--pdf"]:  # the officer's Word file keeps the standard weight
        assert [run.bold for run in docx.Document(str(project.with_suffix(".docx"))).paragraphs[0].runs] == [None] * 3


def test_a_forced_export_that_fails_half_way_leaves_the_old_file(project, monkeypatch, capsys):
    out = project.with_name("发布稿.docx")
    out.write_bytes(b"last week's version")

    def disk_full(self, stream):
        stream.write(b"PK\x03\x04 half a document")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", disk_full)
    assert main(["export", str(project), "-o", str(out), "--force"]) == 2
    assert "导出失败" in capsys.readouterr().err
    assert out.read_bytes() == b"last week's version"
    assert sorted(p.name for p in project.parent.iterdir()) == ["发布稿.docx", "年报 2024.nianbao"]


def test_a_folder_as_the_output_is_refused_even_with_force(project, capsys):
    folder = project.with_name("发布稿.docx")
    folder.mkdir()
    assert main(["export", str(project), "-o", str(folder), "--force"]) == 2
    assert f"“{folder}”是文件夹，请给出要保存的文件名" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_the_suffix_is_read_in_any_case_and_without_one_the_formats_is_added(project, capsys):
    assert main(["export", str(project), "-o", str(project.with_name("网站稿.HTML"))]) == 0
    assert project.with_name("网站稿.HTML").read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>")
    assert main(["export", str(project), "--format", "xlsx", "-o", str(project.with_name("表格"))]) == 0
    assert f"已导出 Excel 工作簿：{project.with_name('表格.xlsx')}" in capsys.readouterr().out
