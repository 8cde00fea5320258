"""Hostile input is refused cheaply: before it is read whole, decompressed or parsed.

Complements tests/test_storage.py (bad project files, a sparse oversized file, top-level nesting, long
numbers) and tests/test_import_errors.py / test_import_docx.py (garbage, an oversized sparse file, a zip
bomb declaring its size, billion laughs). "Cheap" is asserted by counting work (bytes read, bytes
inflated, parser calls), never by the clock.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from app import storage
from app.importing import ReportImportError, import_bytes
from tests.fuzzing import EXAMPLE


@pytest.fixture
def seed_docx(tmp_path) -> bytes:
    from app.docx_export import export_docx

    path = tmp_path / "用户" / "年报 2024.docx"
    path.parent.mkdir()
    export_docx(storage.load(EXAMPLE), path)
    return path.read_bytes()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return out.getvalue()


class _InflateCounter:
    """Wraps zlib.decompressobj as zipfile uses it, counting the bytes inflated."""

    def __init__(self, monkeypatch):
        self.total = 0
        real = zlib.decompressobj

        counter = self

        class Counting:
            def __init__(self, *args):
                self._d = real(*args)

            def decompress(self, data, max_length=0):
                out = self._d.decompress(data, max_length)
                counter.total += len(out)
                return out

            def flush(self, *args):
                out = self._d.flush(*args)
                counter.total += len(out)
                return out

            def __getattr__(self, name):
                return getattr(self._d, name)

        monkeypatch.setattr(zipfile.zlib, "decompressobj", Counting)


# --- Word packages --------------------------------------------------------------------------------

def _lying_bomb(seed: bytes, inflated: int) -> tuple[bytes, int]:
    """document.xml holding ``inflated`` bytes while its headers declare the size of the real one."""
    parts = _parts(seed)
    doc = parts["word/document.xml"]
    padded = doc.replace(b"<w:body>", b"<w:body>" + b" " * (inflated - len(doc)), 1)
    data = bytearray(_zip({**parts, "word/document.xml": padded}))
    name = b"word/document.xml"
    i = data.index(b"PK\x01\x02")  # central directory entries
    while i >= 0:
        name_len = int.from_bytes(data[i + 28: i + 30], "little")
        if bytes(data[i + 46: i + 46 + name_len]) == name:
            data[i + 24: i + 28] = len(doc).to_bytes(4, "little")  # declared uncompressed size
            local = int.from_bytes(data[i + 42: i + 46], "little")
            data[local + 22: local + 26] = len(doc).to_bytes(4, "little")
        i = data.find(b"PK\x01\x02", i + 1)
    return bytes(data), len(doc)


def test_a_zip_bomb_that_lies_about_its_size_is_refused_after_inflating_only_what_it_declares(seed_docx,
                                                                                             monkeypatch):
    bomb, declared = _lying_bomb(seed_docx, 200 * 1024 * 1024)  # 200 MB behind ~200 KB
    assert len(bomb) < 1024 * 1024
    counter = _InflateCounter(monkeypatch)
    with pytest.raises(ReportImportError, match="Word 文件已损坏"):
        import_bytes(bomb, "年报 2024.docx")
    # every entry is inflated at most to its declared size plus one read step, never to 200 MB
    declared_total = sum(len(c) for c in _parts(seed_docx).values())
    assert counter.total < declared_total + 2 * 1024 * 1024

