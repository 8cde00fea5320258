"""Importing Word (.docx) reports written in the shapes published reports take: merged cells, split
tables, automatic numbering, a layout table around everything; and Word files that must be refused."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from app.formatdef import CellRef, load_format
from app.importing import ReportImportError, import_bytes, import_file

from .importing_support import sample, values

FMT = load_format()


def add_table(container, report, table_id, rows=None, label=lambda s: s, cell=None):
    """The format's grid as a Word table, merged cells merged the way Word merges them (gridSpan, vMerge)."""
    t = FMT.tables[table_id]
    rows = range(t.grid_rows) if rows is None else rows
    table = container.add_table(rows=len(rows), cols=t.columns)
    table.style = "Table Grid"
    first = rows[0]
    cells = table._cells  # taken once: python-docx's table.cell() walks the whole table on every call

    def at(r, c):
        return cells[(r - first) * t.columns + c]

    for g in t.grid:
        if g.r not in rows:
            continue
        c = at(g.r, g.c)
        if g.rowspan > 1 or g.colspan > 1:
            c = c.merge(at(g.r + g.rowspan - 1, g.c + g.colspan - 1))
        if g.ref is not None:
            c.text = cell(g.ref) if cell else report.cell_text(g.ref) or str(report.value(g.ref))
        else:
            c.text = label(g.text)
    return table


def build_docx(report, path, *, split_active=False, auto_numbers=False, label=lambda s: s, cell=None,
               signature_and_date=True, container=None, table_headings=True):
    document = docx.Document()
    body = container(document) if container else document
    title = body.add_paragraph(report.body.name)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    body.add_paragraph(f"{report.year}年政府信息公开工作年度报告").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for p in report.text("preamble.body").split("\n"):
        body.add_paragraph(p)

    def heading(title_text):
        body.add_paragraph(title_text.partition("、")[2] if auto_numbers else title_text)

    heading(FMT.section("overall").title)
    for p in report.text("overall.intro").split("\n"):
        body.add_paragraph(p)
    for part in FMT.section("overall").parts[1:]:
        body.add_paragraph(part.label if auto_numbers else part.heading)
        for p in report.text(f"overall.{part.id}").split("\n"):
            body.add_paragraph(p)
    if table_headings:
        heading(FMT.section("active").title)
    if split_active:  # many reports print table 二 as four small tables, one per clause of 第二十条
        for rows in (range(0, 4), range(4, 7), range(7, 11), range(11, 14)):
            add_table(body, report, "active", rows, label, cell)
            body.add_paragraph("")
    else:
        add_table(body, report, "active", label=label, cell=cell)
    for sec in ("applications", "review_litigation"):
        if table_headings:
            heading(FMT.section(sec).title)
        add_table(body, report, sec, label=label, cell=cell)
    for sec in ("problems", "other"):
        heading(FMT.section(sec).title)
        for p in report.text(f"{sec}.body").split("\n"):
            body.add_paragraph(p)
    if signature_and_date:
        body.add_paragraph(report.body.signature).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        body.add_paragraph("2024年1月22日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def test_word_report_with_merged_cells_imports_everything(tmp_path):
    report = sample()
    path = build_docx(report, tmp_path / "用户" / "年报 2023.docx")
    result = import_file(path)
    got = result.report
    assert result.source_kind == "Word"
    assert got.body.name == "示例区教育局" and got.year == 2023
    assert got.body.signature == "示例市示例区教育局" and got.body.date == "2024-01-22"
    assert got.texts == report.texts
    assert values(got) == values(report)
    assert all(ref in got.cells for ref in FMT.all_cells())  # totals as printed
    assert result.unread == {} and not result.legacy_2019
    assert not [f for f in result.findings if f.severity == "error"]
    assert "已导入Word年报：示例区教育局2023年政府信息公开工作年度报告" in result.summary()


def test_table_two_in_four_parts_with_blank_and_slash_cells(tmp_path):
    report = sample()
    blank, slash = CellRef("active", "rules", "repealed"), CellRef("applications", "np_repeat", "natural")

    def cell(ref):
        return "" if ref == blank else "/" if ref == slash else report.cell_text(ref) or str(report.value(ref))

    result = import_file(build_docx(report, tmp_path / "r.docx", split_active=True, cell=cell))
    got = result.report
    assert blank not in got.cells and slash not in got.cells
    assert result.unread == {blank: "原表此格为空白", slash: "原表此格为“/”"}
    assert got.value(CellRef("active", "rules", "valid")) == 11  # the cell after the blank one keeps its column
    expected = {ref: v for ref, v in values(report).items() if ref not in (blank, slash) and not FMT.is_total(ref)}
    assert {ref: got.value(ref) for ref in expected} == expected
    assert any(line.startswith("未能读取：表二“规章／本年废止件数”：原表此格为空白") for line in result.log)


def test_label_variants_inside_word_cells(tmp_path):
    def label(text):
        return (text.replace("1.", "1、").replace("2.", "2、").replace("商业企业", "商业\n企业")
                .replace("（二）部分公开（", "（二）部分公开\n（")
                .replace("本年收费金额（单位：万元）", "本年收费金额(单位:万元)"))

    report = sample()
    result = import_file(build_docx(report, tmp_path / "r.docx", label=label))
    assert values(result.report) == values(report)
    assert result.unread == {}


def test_automatic_numbering_leaves_only_the_heading_words(tmp_path):
    """Word's list numbering is not in the text: “总体情况” and “主动公开” alone are still headings."""
    report = sample()
    result = import_file(build_docx(report, tmp_path / "r.docx", auto_numbers=True))
    assert result.report.texts == report.texts
    assert values(result.report) == values(report)


def test_report_inside_a_layout_table(tmp_path):
    """Some Word files (converted from web pages) hold the whole report in one table cell."""
    report = sample()

    def container(document):
        return document.add_table(rows=1, cols=1).cell(0, 0)

    result = import_file(build_docx(report, tmp_path / "r.docx", container=container))
    assert result.report.texts == report.texts
    assert values(result.report) == values(report)


def test_tables_without_their_section_headings_are_found_by_their_labels(tmp_path):
    report = sample()
    result = import_file(build_docx(report, tmp_path / "r.docx", table_headings=False, split_active=True))
    assert values(result.report) == values(report)
    assert result.report.texts == report.texts
    assert any("按表格中的栏目名称识别三张表" in line for line in result.log)


def test_word_file_saved_with_another_suffix_is_read_by_its_content(tmp_path):
    report = sample()
    path = build_docx(report, tmp_path / "r.docx")
    renamed = tmp_path / "下载的文件.bin"
    renamed.write_bytes(path.read_bytes())
    assert values(import_file(renamed).report) == values(report)


# --- Word files that must be refused -------------------------------------------------------------

def _docx_bytes(tmp_path) -> bytes:
    return build_docx(sample(), tmp_path / "ok.docx").read_bytes()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def test_zip_bomb_disguised_as_docx_is_refused_before_reading(tmp_path):
    data = bytearray(_docx_bytes(tmp_path))
    # declare 3.9 GB for word/document.xml in the central directory; nothing is decompressed to find out
    name = b"word/document.xml"
    i = -1
    while True:
        i = data.index(b"PK\x01\x02", i + 1)  # a central directory entry
        name_len = int.from_bytes(data[i + 28: i + 30], "little")
        if bytes(data[i + 46: i + 46 + name_len]) == name:
            break
    data[i + 24: i + 28] = (0xF0000000).to_bytes(4, "little")
    with pytest.raises(ReportImportError, match="解压后过大"):
        import_bytes(bytes(data), "bomb.docx")


_ENTITIES = ('<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
             '<!ENTITY x SYSTEM "file:///etc/hostname">')
_LAUGHS = "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("bcdef", "cdefg", strict=True))


def _with_entities(data: bytes, dtd: str, use: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    head, _, rest = xml.partition("?>")
    rest = rest.replace("<w:t>本报告由", f"<w:t>{use}本报告由", 1)
    return _rezip(data, {"word/document.xml": f"{head}?><!DOCTYPE w:document [{dtd}]>{rest}".encode()})


def test_entities_in_word_xml_are_neither_expanded_nor_fetched(tmp_path):
    result = import_bytes(_with_entities(_docx_bytes(tmp_path), _ENTITIES, "&b;&x;"), "entities.docx")
    preamble = result.report.text("preamble.body")
    assert preamble.startswith("本报告由")  # the text around the entity references is kept
    assert "哈" not in preamble  # &b; was not expanded; &x; (a local file) was not read


def test_billion_laughs_in_word_xml(tmp_path):
    hostile = _with_entities(_docx_bytes(tmp_path), _ENTITIES + _LAUGHS, "&g;")
    try:
        result = import_bytes(hostile, "laughs.docx")
    except ReportImportError as e:
        assert "Word 文件已损坏" in str(e)
    else:
        assert "哈" not in result.report.text("preamble.body")


@pytest.mark.parametrize("content, message", [
    (b"PK\x03\x04" + b"\x00" * 100, "Word 文件已损坏"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "旧版 Word（.doc）"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100,
     "设置了打开密码"),
])
def test_broken_old_and_encrypted_word_files(content, message):
    with pytest.raises(ReportImportError, match=message):
        import_bytes(content, "年报.docx")


def test_other_office_files_and_plain_zips(tmp_path):
    for names, message in ((["xl/workbook.xml"], "Excel"), (["ppt/presentation.xml"], "PowerPoint"),
                           (["OFD.xml"], "OFD"), (["readme.txt"], "压缩包")):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            for n in names:
                zf.writestr(n, "x")
        with pytest.raises(ReportImportError, match=message):
            import_bytes(out.getvalue(), "x.docx")
