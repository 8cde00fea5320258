"""The exported tables as a reader sees them: LibreOffice prints every number on one line, whole.

The .docx is converted to PDF (app.export.pdf_convert) and read back with ``pdftotext -bbox``: a number that
wrapped inside its cell (“321” over “0”) comes out as two words, so each number the tables hold must be
found as one word between the first table's section title and the next text section's title. LibreOffice
here draws Times New Roman digits in a wider fallback face (DejaVu Serif), the case the widths plan for.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from app.cells import format_number
from app.export import pdf_convert
from app.export.word import export_docx
from app.formatdef import CellRef, load_format

FMT = load_format()
REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"

pytestmark = [
    pytest.mark.skipif(pdf_convert.soffice_path() is None,
                       reason="LibreOffice (soffice) is not installed: the export cannot be rendered to PDF"),
    pytest.mark.skipif(shutil.which("pdftotext") is None,
                       reason="pdftotext (poppler-utils) is not installed: the rendered PDF cannot be read"),
]

FEE = "24252.311082"  # 万元 with six decimals


def widest_report(report):
    """Every number cell at its widest plausible value: 7-digit counts wherever the totals still reconcile.

    Table 三's result rows add up to a 7-digit total, so (一)予以公开 holds the 7-digit counts of each
    column and the other results 5 digits; 一、二、(七) and 四 are 7 digits everywhere, totals computed.
    """
    t3 = FMT.tables["applications"]
    data = [c.id for c in t3.cols if c.id != "total"]
    inputs = {}
    for table in (FMT.tables["active"], FMT.tables["review_litigation"]):
        for i, ref in enumerate(table.cells()):
            if not FMT.is_total(ref):
                inputs[ref] = 2_345_678 + 1_111 * i  # table 四: four of these add up to 7 digits
    inputs[CellRef("active", "admin_fee", "amount_wanyuan")] = FEE
    details = [r.id for r in t3.rows if r.id not in ("new_received", "carried_over", "result_total", "carry_next")]
    for j, col in enumerate(data):
        result_total = 0
        for i, row in enumerate(details):
            v = 1_012_345 + 1_000 * j if row == "granted" else 10_001 + 101 * i + 7 * j
            inputs[CellRef("applications", row, col)] = v
            result_total += v
        new = 1_201_234 + 3 * j
        carry_next = 1_023_456 + 5 * j
        inputs[CellRef("applications", "new_received", col)] = new
        inputs[CellRef("applications", "carry_next", col)] = carry_next
        inputs[CellRef("applications", "carried_over", col)] = result_total + carry_next - new  # 一＋二＝三＋四
    for ref, v in inputs.items():
        report.set_cell(ref, str(v))
    return report


def table_numbers(report) -> Counter:
    """Every number the three tables print, as printed."""
    out = Counter()
    for table in FMT.tables.values():
        for ref in table.cells():
            text = format_number(report.value(ref))
            assert text, ref
            out[text] += 1
    return out


_WORD = re.compile(r'<word xMin="[^"]*" yMin="[^"]*" xMax="[^"]*" yMax="[^"]*">([^<]*)</word>')


def table_words(pdf: Path) -> Counter:
    """The words of the PDF from the first table section's title up to the next text section's title."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    words = [html.unescape(w) for w in _WORD.findall(out)]
    first = next(i for i, s in enumerate(FMT.sections) if s.kind == "table")
    after = next(s for s in FMT.sections[first:] if s.kind != "table")
    start = words.index(FMT.sections[first].title)
    end = words.index(after.title, start)
    return Counter(words[start:end])


def render(report, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "年报.docx"
    export_docx(report, path)
    return pdf_convert.convert_to_pdf(path)


def missing_numbers(report, pdf: Path) -> dict[str, int]:
    """Numbers the tables hold that the PDF does not show as one word, with how many are missing."""
    expected, found = table_numbers(report), table_words(pdf)
    return {text: n - found[text] for text, n in expected.items() if found[text] < n}


def test_widest_numbers_print_whole_on_one_line(example_report, tmp_path):
    report = widest_report(example_report)
    # the fixture reconciles: 一＋二＝三＋四 and every computed total is 7 digits
    for col in FMT.tables["applications"].cols:
        total = report.value(CellRef("applications", "result_total", col.id))
        assert 1_000_000 <= total <= 9_999_999
    numbers = table_numbers(report)
    assert FEE in numbers and sum(n for t, n in numbers.items() if len(t) == 7) >= 50
    pdf = render(report, tmp_path / "最宽")
    assert missing_numbers(report, pdf) == {}


@pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")
def test_huaian_2024_numbers_print_whole_on_one_line(tmp_path):
    from app.importing import import_file

    report = import_file(REALWORLD / "08_huaian_2024.txt").report
    assert report.value(CellRef("applications", "new_received", "total")) == 3119
    pdf = render(report, tmp_path / "淮安")
    assert missing_numbers(report, pdf) == {}
