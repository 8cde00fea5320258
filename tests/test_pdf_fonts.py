"""The PDF carries its fonts: every font in the example's PDF is embedded (pdffonts says "emb yes"), so it prints
the same on a machine without the substitutes LibreOffice took here. LibreOffice's writer_pdf_Export embeds
by default, so pdf_convert passes no filter options; this test fails if that ever stops being true."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app import storage
from app.export import pdf_convert
from app.export.word import export_docx

from .conftest import EXAMPLE

pytestmark = [
    pytest.mark.skipif(pdf_convert.soffice_path() is None, reason="needs LibreOffice (soffice)"),
    pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs pdffonts (poppler-utils)"),
]


def pdffonts(pdf) -> list[dict[str, str]]:
    """pdffonts' table as rows: name, type, encoding, emb, sub, uni (names never hold spaces: they are
    PostScript names; the type may, as in "Type 1" or "CID TrueType")."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
    assert out[0].split()[:2] == ["name", "type"] and set(out[1]) <= {"-", " "}
    rows = []
    for line in out[2:]:
        words = line.split()
        # from the right: object id (two numbers), uni, sub, emb, encoding; the rest is name and type
        name, encoding, emb, sub, uni = words[0], words[-6], words[-5], words[-4], words[-3]
        rows.append({"name": name, "type": " ".join(words[1:-6]), "encoding": encoding, "emb": emb, "sub": sub,
                     "uni": uni})
    return rows


def test_every_font_of_the_exported_pdf_is_embedded(tmp_path):
    docx = tmp_path / "用户" / "年报 2024.docx"
    docx.parent.mkdir()
    export_docx(storage.load(EXAMPLE), docx)
    pdf = pdf_convert.convert_to_pdf(docx)
    rows = pdffonts(pdf)
    assert rows, "the PDF lists no fonts"
    assert [r["name"] for r in rows if r["emb"] != "yes"] == []
    # subsets (the 6-letter tag): the PDF carries the glyphs it draws, not whole 20 MB CJK fonts
    assert all(r["sub"] == "yes" for r in rows)
    # and the Chinese text is drawn in a Chinese face, not in a Latin font that has no 汉字
    assert any("CJK" in r["name"] or "Song" in r["name"] or "Kai" in r["name"] or "Hei" in r["name"]
               or "Fang" in r["name"] for r in rows), rows


def test_the_parser_reads_pdffonts_table(monkeypatch):
    # the table as poppler prints it, to keep the parser honest where this machine's fonts differ
    sample = """name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
BAAAAA+NotoSerifCJKjp-Regular-VKana  Type 1            Builtin          yes yes yes     26  0
Helvetica                            Type 1            Custom           no  no  no      21  0
"""

    class Done:
        stdout = sample

    monkeypatch.setattr(subprocess, "run", lambda *a, **k: Done())
    rows = pdffonts("x.pdf")
    assert [(r["name"], r["type"], r["emb"]) for r in rows] == [
        ("BAAAAA+NotoSerifCJKjp-Regular-VKana", "Type 1", "yes"), ("Helvetica", "Type 1", "no")]
