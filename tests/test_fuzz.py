"""Fuzzing the project loader and every importer with mutated real files (tests/fuzzing.py).

Every input either reads (and the report then checks, saves and reopens unchanged) or is refused with
the documented error and a Chinese message; any other exception, a worker process that dies, or an
input running over the time limit fails the test, and the input is saved for reproduction (the
failure message says where and how to run it again).

The normal run reads a fixed set of 1,000 inputs (fixed random seed); NIANBAO_SLOW=1 reads 10,000.
NIANBAO_FUZZ_SEED=n explores other inputs; NIANBAO_FUZZ_FAILURES=dir keeps failing inputs in dir.
Below the fuzz: the inputs it found that once crashed the importer, kept as plain regression tests.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from app.importing import ReportImportError, import_bytes
from tests.fuzzing import EXAMPLE, Case, Pool, build_seeds, family_cases

SLOW = os.environ.get("NIANBAO_SLOW") == "1"
RNG_SEED = int(os.environ.get("NIANBAO_FUZZ_SEED", "20261126"))
TIME_LIMIT = float(os.environ.get("NIANBAO_FUZZ_TIME_LIMIT", "30"))  # per input; the slowest read is ~2 s
# inputs per family; without LibreOffice the PDF share goes to the loader
COUNTS = ({"loader": 4000, "text": 2000, "html": 1800, "docx": 1800, "pdf": 400} if SLOW else
          {"loader": 400, "text": 200, "html": 150, "docx": 200, "pdf": 50})
FAMILIES = list(COUNTS)


def _pdf_seed(work: Path, cache) -> bytes | None:
    """The example exported to Word and converted by LibreOffice; kept in pytest's cache between runs
    (converting takes seconds), keyed by the example and the exporter's sources."""
    from app.export import pdf_convert
    from app.export.word import export_docx

    if pdf_convert.soffice_path() is None and not shutil.which("soffice"):
        return None
    root = Path(__file__).resolve().parent.parent
    key = hashlib.sha256(EXAMPLE.read_bytes())
    for source in sorted((root / "app" / "export").glob("*.py")):
        key.update(source.read_bytes())
    cached = cache.mkdir("nianbao-fuzz") / f"seed-{key.hexdigest()[:16]}.pdf" if cache is not None else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    from app import storage

    docx = work / "用户" / "年报 2024.docx"
    docx.parent.mkdir(parents=True, exist_ok=True)
    export_docx(storage.load(EXAMPLE), docx)
    try:
        pdf = pdf_convert.convert_to_pdf(docx).read_bytes()
    except pdf_convert.PdfConversionError:
        return None
    if cached is not None:
        cached.write_bytes(pdf)
    return pdf


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory, request):
    work = tmp_path_factory.mktemp("fuzz")
    seeds = build_seeds(work, _pdf_seed(work, getattr(request.config, "cache", None)))
    failures = Path(os.environ.get("NIANBAO_FUZZ_FAILURES") or work / "failures")
    pool = Pool(work / "scratch", failures, time_limit=TIME_LIMIT)
    yield seeds, pool
    pool.close()


@pytest.mark.timeout(900 if SLOW else 300)
@pytest.mark.parametrize("family", FAMILIES)
def test_mutated_inputs_are_read_or_refused_in_chinese(fuzz, family):
    seeds, pool = fuzz
    count = COUNTS[family]
    if family == "pdf" and not seeds["pdf"]:
        pytest.skip("LibreOffice is not installed: no PDF seed (its inputs go to the loader)")
    if family == "loader" and not seeds["pdf"]:
        count += COUNTS["pdf"]
    stats, failures = pool.run(family_cases(family, count, seeds, RNG_SEED))
    cases = stats.cases
    print(f"\n{family}: {stats.summary()}")
    assert len(cases) == count
    assert not failures, f"{len(failures)} of {len(cases)} inputs failed (seed {RNG_SEED}):\n\n" + "\n\n".join(
        str(f) for f in failures[:10])
    seeds_read = [stats.results[i] for i, case in enumerate(cases) if case.how == "seed"]
    assert seeds_read and set(seeds_read) == {"ok"}, "every unmutated seed must import"
    # the mutations must reach past the front door (some inputs still read) and also break things
    assert stats.count("ok") >= len(cases) // 10 and stats.count("refused") >= len(cases) // 10, stats.summary()


def test_the_harness_reports_a_crash_a_hang_and_a_dead_worker_with_the_input_saved(tmp_path):
    pool = Pool(tmp_path / "scratch", tmp_path / "用户" / "失败", workers=1, time_limit=2)
    try:
        cases = [Case("selftest", b"crash", "a"), Case("selftest", b"hang", "b"), Case("selftest", b"die", "c"),
                 Case("load", EXAMPLE.read_bytes(), "年报 2024.nianbao", "seed")]
        stats, failures = pool.run(cases)
    finally:
        pool.close()
    assert [f.kind for f in failures] == ["failure", "hang", "died"]
    assert "KeyError: 'crash'" in failures[0].detail and "2 s" in failures[1].detail
    assert "exit code 3" in failures[2].detail
    for failure, case in zip(failures, cases, strict=False):
        assert failure.saved.read_bytes() == case.data
        assert str(failure.saved) in str(failure) and "-m tests.fuzzing" in str(failure)
    assert stats.results[3] == "ok"  # the worker killed for the hang was replaced and went on


# --- inputs the fuzz found --------------------------------------------------------------------------

def _seed_docx(tmp_path) -> bytes:
    from app import storage
    from app.export.word import export_docx

    path = tmp_path / "用户" / "年报 2024.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    export_docx(storage.load(EXAMPLE), path)
    return path.read_bytes()


def _replace_parts(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, change(name, src.read(name)))
    return out.getvalue()


def test_word_file_whose_properties_part_is_foreign_xml_still_imports(tmp_path):
    # docProps/core.xml with its namespace changed: python-docx hands back a plain element for it
    data = _replace_parts(_seed_docx(tmp_path), lambda name, xml: xml.replace(
        b"package/2006/metadata/core-properties", b"package/1e308/metadata/core-properties")
        if name == "docProps/core.xml" else xml)
    result = import_bytes(data, "年报 2024.docx")
    assert result.report.title() == "天山乡人民政府2024年政府信息公开工作年度报告"


@pytest.mark.parametrize("old, new", [
    (b"wordprocessingml/2006/main", b"wordprocessingml/2007/main"),  # another namespace: no Word body
    (b"w:body", b"w:bodx"),  # the body element renamed
])
def test_word_file_without_a_word_body_is_refused_as_damaged(tmp_path, old, new):
    data = _replace_parts(_seed_docx(tmp_path), lambda name, xml: xml.replace(old, new)
                          if name == "word/document.xml" else xml)
    with pytest.raises(ReportImportError, match="Word 文件已损坏"):
        import_bytes(data, "年报 2024.docx")


def test_word_file_needing_a_zip_version_zipfile_does_not_know_is_refused_as_damaged(tmp_path):
    data = bytearray(_seed_docx(tmp_path))
    i = data.index(b"PK\x01\x02")  # the first central directory entry
    data[i + 6: i + 8] = (84).to_bytes(2, "little")  # "version needed to extract": 8.4
    with pytest.raises(ReportImportError, match="Word 文件已损坏"):
        import_bytes(bytes(data), "年报 2024.docx")
