"""The website version (``nianbao export -o OUT.html``): the tables read back cell by cell with their spans, the
officer's text escaped, 〔〕 and 年月日 as plain characters, and the page as headless Chromium shows it."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from app import storage
from app.cli import main
from app.export.html import export_html, website_html
from app.export.tables import printed_table
from app.importing import import_bytes, import_text
from app.resources_path import resource_path

HUAIAN = resource_path("examples", "huaian-2024.nianbao")
HOSTILE_TEXT = ('<script>alert("x")</script>本机关<img src=x onerror=alert(1)>认真落实&amp;<b>要求</b>'
                "{{ 7*7 }}{% for x in range(3) %}循环{% endfor %}{{ ''.__class__ }}。")
HOSTILE_NAME = '某某局<script>alert(1)</script><img src=x onerror="alert(2)">'


class Page(HTMLParser):
    """A page as a reader sees it: the elements met, each table as a grid with spans expanded, the paragraphs."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.tables: list[dict[tuple[int, int], str]] = []
        self.paragraphs: list[str] = []
        self._cell: list[str] | None = None
        self._para: list[str] | None = None
        self._row = -1
        self._spans: tuple[int, int] = (1, 1)
        self._taken: set[tuple[int, int]] = set()
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "table":
            self.tables.append({})
            self._row, self._taken = -1, set()
        elif tag == "tr":
            self._row += 1
        elif tag in ("td", "th"):
            self._cell = []
            self._spans = (int(attrs.get("rowspan", 1)), int(attrs.get("colspan", 1)))
        elif tag in ("p", "h1", "h2", "h3"):
            self._para = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            c = 0
            while (self._row, c) in self._taken:
                c += 1
            rowspan, colspan = self._spans
            for dr in range(rowspan):
                for dc in range(colspan):
                    self._taken.add((self._row + dr, c + dc))
                    self.tables[-1][(self._row + dr, c + dc)] = "".join(self._cell).strip()
            self._cell = None
        elif tag in ("p", "h1", "h2", "h3") and self._para is not None:
            self.paragraphs.append("".join(self._para))
            self._para = None

    def handle_data(self, data):
        for part in (self._cell, self._para):
            if part is not None:
                part.append(data)


def expected_grids(report) -> list[dict[tuple[int, int], str]]:
    """Each table as the project has it: every grid position covered by its cell's label or printed value."""
    out = []
    for section in report.fmt.sections:
        if section.kind != "table":
            continue
        printed = printed_table(report, report.fmt.tables[section.table])
        grid = {}
        for cell in printed.cells:
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[(cell.r + dr, cell.c + dc)] = cell.text
        out.append(grid)
    return out


@pytest.fixture(scope="module")
def huaian():
    return storage.load(HUAIAN)


def test_export_html_by_suffix_and_by_format(tmp_path, capsys):
    folder = tmp_path / "用户"
    folder.mkdir()
    out = folder / "网站 2024.html"
    assert main(["export", str(HUAIAN), "-o", str(out)]) == 0
    assert f"已导出网页版：{out}" in capsys.readouterr().out
    assert main(["export", str(HUAIAN), "--format", "html", "-o", str(folder / "网站稿")]) == 0
    assert (folder / "网站稿.html").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert main(["export", str(HUAIAN), "--format", "html", "-o", str(folder / "a.docx")]) == 2
    assert "与 --format html 不符" in capsys.readouterr().err


def test_export_a_workbook_and_a_pdf_alone_by_suffix(tmp_path, capsys, monkeypatch):
    from app.export import pdf_convert

    out = tmp_path / "表格 2024.xlsx"
    assert main(["export", str(HUAIAN), "-o", str(out)]) == 0
    assert f"已导出 Excel 工作簿：{out}" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"PK")
    monkeypatch.setattr(pdf_convert, "soffice_path", lambda: None)
    assert main(["export", str(HUAIAN), "-o", str(tmp_path / "年报.pdf")]) == 2
    assert pdf_convert.NOT_INSTALLED in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [out]  # the Word file made for the PDF is not left behind


def test_tables_have_the_official_spans_and_every_number(huaian, tmp_path):
    page = Page(website_html(huaian)[0])
    expected = expected_grids(huaian)
    assert len(page.tables) == 3
    for got, want in zip(page.tables, expected, strict=True):
        assert got == want
    # a number the officer sees in the grid, and a merged label over three rows of 表三
    assert page.tables[1][(3, 3)] == "3001" and page.tables[1][(3, 9)] == "3119"
    assert "rowspan" in str(page.tags) and "colspan" in str(page.tags)


def test_only_inline_styles_no_scripts_no_fields(huaian):
    html = website_html(huaian)[0]
    page = Page(html)
    names = {tag for tag, _ in page.tags}
    assert not names & {"style", "script", "link", "iframe", "object", "img", "span"}
    assert not any("class" in attrs or "id" in attrs or any(a.startswith("on") for a in attrs)
                   for _, attrs in page.tags)
    assert "PAGE" not in html and "MERGEFIELD" not in html and "<o:" not in html


def test_the_page_imports_back_as_the_same_report(huaian):
    html, text, warnings = website_html(huaian)
    assert warnings == []
    for result in (import_bytes(html.encode("utf-8"), "网站.html"), import_text(text)):
        back = result.report
        assert not result.unread
        assert {ref: back.value(ref) for ref in huaian.fmt.all_cells()} == \
               {ref: huaian.value(ref) for ref in huaian.fmt.all_cells()}
        assert back.texts == huaian.texts and back.body == huaian.body and back.title() == huaian.title()


def test_hostile_text_is_printed_as_text_never_as_markup(huaian):
    report = storage.load(HUAIAN)
    report.set_text("other.body", HOSTILE_TEXT)
    report.set_body_field("name", HOSTILE_NAME)
    report.set_body_field("signature", HOSTILE_NAME)
    html = website_html(report, draft=True)[0]  # its “__” reads as a fill-in blank: a 征求意见稿 only
    page = Page(html)
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "img" not in names and "b" not in names
    assert HOSTILE_TEXT in page.paragraphs
    assert page.paragraphs[:2] == ["征求意见稿", f"{HOSTILE_NAME}2024年政府信息公开工作年度报告"]
    assert HOSTILE_NAME in page.paragraphs[-2]
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_document_numbers_and_dates_are_plain_characters(huaian):
    report = storage.load(HUAIAN)
    typed = "按照国办公开办函〔2021〕30号要求，统计期限自2025年1月1日至2025年12月31日。"
    report.set_text("other.body", typed)
    html = website_html(report)[0]
    assert typed in html  # literally: no entities, no runs, no fields around the digits
    assert typed in Page(html).paragraphs
    assert Page(html).paragraphs[-1] == "2025年2月25日"


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium); the page is not rendered")
    return exe


def _run_chromium(exe: str, *args: str) -> str:
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
    proc = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
                          capture_output=True, timeout=120, check=True)
    return proc.stdout.decode("utf-8")


def test_chromium_shows_every_table_cell_of_the_large_example(huaian, tmp_path):
    exe = _chromium()
    out = tmp_path / "用户 网站" / "淮安 2024.html"
    out.parent.mkdir()
    report = storage.load(HUAIAN)
    typed = "按照国办公开办函〔2021〕30号要求，自2025年1月1日起施行。"
    report.set_text("other.body", typed)
    report.set_body_field("name", HOSTILE_NAME)
    assert export_html(report, out) == []
    dom = _run_chromium(exe, "--dump-dom", out.as_uri())
    page = Page(dom)
    assert page.tables == expected_grids(report)
    assert typed in page.paragraphs
    assert page.paragraphs[0] == f"{HOSTILE_NAME}2024年政府信息公开工作年度报告"
    assert not {tag for tag, _ in page.tags} & {"script", "img"}


def test_screenshot_of_the_website_version(huaian, tmp_path):
    exe = _chromium()
    out = tmp_path / "website.html"
    export_html(huaian, out)
    shot = tmp_path / "website.png"
    _run_chromium(exe, f"--screenshot={shot}", "--window-size=1000,2000", out.as_uri())
    assert shot.read_bytes().startswith(b"\x89PNG")  # docs/screenshots/website.png is made the same way
