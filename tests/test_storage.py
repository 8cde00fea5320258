"""The project file (.nianbao): what is in it, atomic saves with a backup, loading anything without
crashing, migrating old schema versions, and round trips on Chinese paths."""

from __future__ import annotations

import json
import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import __version__, project_data, storage
from app.checks import check_report, has_errors
from app.formatdef import CellRef, load_format
from app.report import Body, LastYear, Report

FMT = load_format()
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "tianshan-2024.nianbao"
A = lambda row, col: CellRef("applications", row, col)  # noqa: E731


@pytest.fixture
def project_path(tmp_path):
    folder = tmp_path / "用户"
    folder.mkdir()
    return folder / "年报 2024.nianbao"


def sample_report() -> Report:
    r = Report(year=2024)
    r.body = Body(name="某某区人民政府", kind="government", scope="summary", signature="某某区人民政府办公室",
                  date="2025-03-20")
    r.set_text("overall.intro", "2024年，全区认真贯彻落实《条例》。")
    r.set_cell(A("new_received", "natural"), "１２")
    r.set_cell(A("granted", "natural"), "12件")
    r.set_cell(A("result_total", "total"), "12")
    r.set_cell(CellRef("active", "admin_fee", "amount_wanyuan"), "1.50")
    return r


# --- what is in the file ------------------------------------------------------------------------

def test_file_is_utf8_json_with_every_documented_field(project_path):
    storage.save(sample_report(), project_path)
    raw = project_path.read_bytes()
    assert "某某区人民政府".encode() in raw  # Chinese is written as UTF-8, not \u escapes
    data = json.loads(raw.decode("utf-8"))
    assert list(data) == ["format", "schema_version", "app_version", "report_format", "year", "body", "texts",
                          "headings", "tables", "last_year", "notes"]
    assert data["format"] == "nianbao-project"
    assert data["schema_version"] == storage.SCHEMA_VERSION == 2
    assert data["app_version"] == __version__
    assert data["report_format"] == "GBGKBH-2021-30"
    assert data["year"] == 2024
    assert data["body"] == {"name": "某某区人民政府", "kind": "government", "scope": "summary",
                            "signature": "某某区人民政府办公室", "date": "2025-03-20"}
    assert data["texts"] == {"overall.intro": "2024年，全区认真贯彻落实《条例》。"}
    assert data["tables"] == {
        "active": {"admin_fee": {"amount_wanyuan": "1.50"}},  # an amount is kept as typed, as text
        "applications": {"new_received": {"natural": 12},  # a count is a JSON number
                         "granted": {"natural": "12件"},  # invalid text is kept as typed
                         "result_total": {"total": 12}},  # an override is stored; automatic totals are not
    }
    assert data["last_year"] is None


def test_body_kind_and_scope_are_saved(project_path):
    for kind in ("government", "department"):
        for scope in ("own", "summary"):
            r = sample_report()
            r.set_body_field("kind", kind)
            r.set_body_field("scope", scope)
            storage.save(r, project_path)
            loaded = storage.load(project_path)
            assert (loaded.body.kind, loaded.body.scope) == (kind, scope)


def test_invalid_cell_text_survives_save_and_load(project_path):
    storage.save(sample_report(), project_path)
    loaded = storage.load(project_path)
    ref = A("granted", "natural")
    assert loaded.cell_text(ref) == "12件"
    assert loaded.value(ref) is None
    assert [f.message for f in check_report(loaded) if f.rule == "CELL-INVALID"] == [
        "表三“（一）予以公开／自然人”填写的“12件”有误：请只填数字，不要带单位“件”"]


def test_amounts_and_overrides_survive_save_and_load(project_path):
    storage.save(sample_report(), project_path)
    loaded = storage.load(project_path)
    fee = CellRef("active", "admin_fee", "amount_wanyuan")
    assert loaded.cell_text(fee) == "1.50" and loaded.value(fee) == Decimal("1.50")
    assert loaded.is_override(A("result_total", "total"))
    assert not loaded.is_override(A("new_received", "total"))
    assert loaded.value(A("new_received", "total")) == 12


def test_last_years_values_are_stored(project_path):
    r = sample_report()
    last = Report(year=2023)
    last.set_cell(A("carry_next", "natural"), "3")
    r.last_year = LastYear(2023, last.cells, {"problems.body": "去年的问题。"})
    storage.save(r, project_path)
    data = json.loads(project_path.read_text(encoding="utf-8"))
    assert data["last_year"] == {"year": 2023, "tables": {"applications": {"carry_next": {"natural": 3}}},
                                 "texts": {"problems.body": "去年的问题。"}}
    loaded = storage.load(project_path)
    assert loaded.last_year == r.last_year


# --- the example and round trips --------------------------------------------------------------------

def test_example_loads_checks_without_error_and_is_saved_byte_for_byte(project_path):
    report = storage.load(EXAMPLE)
    assert report.body.name == "天山乡人民政府" and report.year == 2024
    assert not has_errors(check_report(report))
    storage.save(report, project_path)
    assert project_path.read_bytes() == EXAMPLE.read_bytes()


def test_save_load_save_is_byte_identical(project_path, tmp_path):
    storage.save(sample_report(), project_path)
    again = tmp_path / "用户" / "再存一次.nianbao"
    storage.save(storage.load(project_path), again)
    assert again.read_bytes() == project_path.read_bytes()


def test_an_unpaired_surrogate_from_a_paste_does_not_stop_the_save(project_path):
    r = sample_report()
    r.set_text("problems.body", "问题\ud800")
    r.set_body_field("name", "某某\udc00局")
    storage.save(r, project_path)
    loaded = storage.load(project_path)
    assert loaded.text("problems.body") == "问题\ufffd"
    assert loaded.body.name == "某某\ufffd局"


CELL_TEXT = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(str),
    st.sampled_from(["", " ", "１２", "1,234", "1.50", "0.0001", "-1", "3件", "无", "/", "1.2.3", "😀", "{{ x }}"]),
    st.text(max_size=8),
)
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["{{ body.name }}", "{0}{name}", "😀👍🏽", "\x00\x01\x07\x1b", "\r\n\t", "第一行\n第二行", "\u3000全角空格"])
DATES = st.sampled_from(["", "2025-01-31", "2024-02-29"])


@st.composite
def reports(draw) -> Report:
    r = Report(year=draw(st.one_of(st.none(), st.integers(min_value=2008, max_value=2100))))
    for name, values in (("kind", st.sampled_from(["government", "department"])),
                         ("scope", st.sampled_from(["own", "summary"])), ("name", TEXT), ("signature", TEXT),
                         ("date", DATES)):
        r.set_body_field(name, draw(values))
    for key in draw(st.lists(st.sampled_from(FMT.text_keys()), max_size=4)):
        r.set_text(key, draw(TEXT))
    for ref in draw(st.lists(st.sampled_from(FMT.all_cells()), max_size=12)):
        r.set_cell(ref, draw(CELL_TEXT))
    if draw(st.booleans()):
        last = Report(year=2023)
        for ref in draw(st.lists(st.sampled_from(FMT.all_cells()), max_size=6)):
            last.set_cell(ref, draw(CELL_TEXT))
        texts = {k: draw(TEXT) for k in draw(st.lists(st.sampled_from(FMT.text_keys()), max_size=3))}
        r.last_year = LastYear(draw(st.one_of(st.none(), st.just(2023))), last.cells,
                               {k: v for k, v in texts.items() if v})
    r.notes = draw(st.lists(TEXT, max_size=2))
    return r


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_any_report_round_trips(report, tmp_path):
    path = tmp_path / "用户" / "年报 往返.nianbao"
    path.parent.mkdir(exist_ok=True)
    storage.save(report, path, backup=False)
    loaded = storage.load(path)
    assert loaded == report
    for ref in FMT.all_cells():
        assert loaded.cell_text(ref) == report.cell_text(ref)
    assert storage.dumps(loaded) == path.read_text(encoding="utf-8")


# --- atomic save and backup -----------------------------------------------------------------------

def test_save_keeps_the_previous_version_as_bak(project_path):
    first = sample_report()
    storage.save(first, project_path)
    assert not project_path.with_name("年报 2024.nianbao.bak").exists()  # nothing to back up yet
    second = sample_report()
    second.set_text("problems.body", "第二版")
    storage.save(second, project_path)
    bak = project_path.with_name("年报 2024.nianbao.bak")
    assert storage.load(bak).text("problems.body") == ""
    assert storage.load(project_path).text("problems.body") == "第二版"
    assert sorted(p.name for p in project_path.parent.iterdir()) == ["年报 2024.nianbao", "年报 2024.nianbao.bak"]


def test_save_writes_a_temp_file_fsyncs_then_renames(project_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])

    def replace(src, dst):
        calls.append(("replace", Path(src).name, Path(dst).name))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    storage.save(sample_report(), project_path)
    assert calls[0] == "fsync"  # the data is on disk before the rename
    renames = [c for c in calls if c[0] == "replace"]
    assert renames[-1][2] == "年报 2024.nianbao"
    assert renames[-1][1].startswith(".年报 2024.nianbao.") and renames[-1][1].endswith(".tmp")


def test_a_failed_save_leaves_the_old_file_whole_and_no_temp_file(project_path, monkeypatch):
    storage.save(sample_report(), project_path)
    before = project_path.read_bytes()

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    changed = sample_report()
    changed.set_text("problems.body", "不会保存")
    with pytest.raises(OSError):
        storage.save(changed, project_path)
    monkeypatch.undo()
    assert project_path.read_bytes() == before
    assert not [p for p in project_path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_save_keeps_the_files_permissions(project_path):
    storage.save(sample_report(), project_path)
    os.chmod(project_path, 0o640)
    storage.save(sample_report(), project_path)
    assert stat.S_IMODE(project_path.stat().st_mode) == 0o640
    assert stat.S_IMODE(project_path.with_name(project_path.name + ".bak").stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_file_follows_the_umask_not_mkstemps_0600(project_path):
    old = os.umask(0o022)
    try:
        storage.save(sample_report(), project_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(project_path.stat().st_mode) == 0o644


# --- loading anything, never crashing --------------------------------------------------------------

def _valid() -> dict:
    return json.loads(storage.dumps(sample_report()))


def _with(path: str, value) -> bytes:
    data = _valid()
    *parents, last = path.split("/")
    node = data
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = value
    return json.dumps(data, ensure_ascii=False).encode()


def _without(key: str) -> bytes:
    data = _valid()
    del data[key]
    return json.dumps(data).encode()


BAD_FILES = [
    ("truncated", storage.dumps(sample_report()).encode()[:200], ["损坏或不完整"]),
    ("not JSON", "这是一段文字".encode(), ["损坏或不完整"]),
    ("empty", b"", ["空的"]),
    ("only spaces", b"  \n", ["损坏或不完整"]),
    ("binary", b"PK\x03\x04\x00\x00\x08\x00docx", ["二进制", "导入"]),
    ("GBK text", '{"name": "年报"}'.encode("gbk"), ["UTF-8"]),
    ("foreign JSON object", b'{"name": "x", "version": 1}', ["不是年报项目文件"]),
    ("foreign JSON list", b"[1, 2, 3]", ["不是年报项目文件"]),
    ("JSON string", b'"nianbao-project"', ["不是年报项目文件"]),
    ("newer schema", _with("schema_version", 3).replace(f'"{__version__}"'.encode(), b'"9.9.9"'),
     ["较新", "9.9.9", "升级"]),
    ("schema version as text", _with("schema_version", "1"), ["版本号"]),
    ("no schema version", _without("schema_version"), ["版本号"]),
    ("schema version 0", _with("schema_version", 0), ["版本0", "无效或过旧"]),
    ("unknown report format", _with("report_format", "GBGKBH-2019-60"), ["不支持的年报格式", "GBGKBH-2019-60"]),
    ("no report format", _without("report_format"), ["缺少年报格式"]),
    ("year as text", _with("year", "2024"), ["“year”应为整数"]),
    ("year as true", _with("year", True), ["“year”应为整数"]),
    ("body as list", _with("body", ["某某局"]), ["“body”应为对象"]),
    ("body name as number", _with("body/name", 5), ["“body.name”应为文本"]),
    ("body kind unknown", _with("body/kind", "city"), ["body.kind"]),
    ("date not a date", _with("body/date", "2025-13-40"), ["成文日期", "不是有效日期"]),
    ("texts as list", _with("texts", ["a"]), ["“texts”应为对象"]),
    ("text as number", _with("texts/overall.intro", 1), ["texts.overall.intro", "文本"]),
    ("unknown text part", _with("texts/overall.summary", "x"), ["未知的文字部分", "overall.summary"]),
    ("tables as list", _with("tables", []), ["“tables”应为对象"]),
    ("unknown table", _with("tables/table5", {}), ["未知的表格", "table5"]),
    ("row as number", _with("tables/applications", {"granted": 3}), ["tables.applications.granted", "对象"]),
    ("unknown cell", _with("tables/active", {"license": {"issued": 1}}), ["没有单元格", "license.issued"]),
    ("cell as list", _with("tables/active", {"license": {"decisions": [1]}}),
     ["tables.active.license.decisions", "整数或文本"]),
    ("cell as true", _with("tables/active", {"license": {"decisions": True}}), ["tables.active.license.decisions"]),
    ("last_year as number", _with("last_year", 5), ["“last_year”应为对象"]),
    ("last year's year as text", _with("last_year", {"year": "2023"}), ["last_year.year"]),
    ("notes as text", _with("notes", "x"), ["“notes”应为列表"]),
    ("note as number", _with("notes", [1]), ["notes"]),
    ("deeply nested", b"[" * 100_000 + b"]" * 100_000, ["嵌套过深"]),
    ("number too long", b'{"format": "nianbao-project", "schema_version": ' + b"1" * 5000 + b"}", ["过长的数字"]),
]


@pytest.mark.parametrize("content, words", [(c, w) for _, c, w in BAD_FILES], ids=[n for n, _, _ in BAD_FILES])
def test_a_bad_file_is_refused_with_a_chinese_message(project_path, content, words):
    project_path.write_bytes(content)
    with pytest.raises(storage.ProjectFileError) as err:
        storage.load(project_path)
    for word in words:
        assert word in str(err.value)


@pytest.mark.parametrize("content", [b"", storage.dumps(sample_report()).encode()[:200]], ids=["empty", "truncated"])
def test_a_damaged_file_names_its_backup_only_when_there_is_one(project_path, content):
    project_path.write_bytes(content)
    with pytest.raises(storage.ProjectFileError) as err:
        storage.load(project_path)
    assert err.value.damaged and "备份" not in str(err.value)
    storage.backup_path(project_path).write_text(storage.dumps(sample_report()), encoding="utf-8")
    with pytest.raises(storage.ProjectFileError) as err:
        storage.load(project_path)
    assert f"“{project_path.name}.bak”" in str(err.value) and "可打开备份" in str(err.value)


def test_a_foreign_file_never_suggests_the_backup(project_path):
    project_path.write_bytes(b'{"name": "x", "version": 1}')
    storage.backup_path(project_path).write_text(storage.dumps(sample_report()), encoding="utf-8")
    with pytest.raises(storage.ProjectFileError) as err:
        storage.load(project_path)
    assert not err.value.damaged and "备份" not in str(err.value)


def test_a_huge_file_is_refused_without_reading_it(project_path):
    with open(project_path, "wb") as f:
        f.truncate(storage.MAX_FILE_BYTES + 1)  # sparse: no disk space used
    with pytest.raises(storage.ProjectFileError, match="文件过大"):
        storage.load(project_path)


def test_a_missing_file_and_a_folder_are_refused(tmp_path):
    with pytest.raises(storage.ProjectFileError, match="找不到文件"):
        storage.load(tmp_path / "用户" / "没有这个文件.nianbao")
    with pytest.raises(storage.ProjectFileError, match="文件夹"):
        storage.load(tmp_path)


def test_a_utf8_bom_is_accepted(project_path):
    project_path.write_bytes(b"\xef\xbb\xbf" + storage.dumps(sample_report()).encode())
    assert storage.load(project_path).body.name == "某某区人民政府"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
FIELDS = ["format", "schema_version", "app_version", "report_format", "year", "body", "body/name", "body/kind",
          "body/date", "texts", "texts/overall.intro", "tables", "tables/applications",
          "tables/applications/granted", "tables/applications/granted/natural", "tables/active/admin_fee",
          "last_year", "last_year/tables", "last_year/texts", "notes"]


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(FIELDS), value=JSON)
def test_loading_a_damaged_field_never_crashes(field, value):
    data = _valid()
    *parents, last = field.split("/")
    node = data
    for key in parents:
        node = node.setdefault(key, {}) if isinstance(node, dict) else node
    if isinstance(node, dict):
        node[last] = value
    try:
        storage.loads(json.dumps(data))
    except storage.ProjectFileError as e:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(e))


@settings(max_examples=200, deadline=None)
@given(content=st.binary(max_size=200) | JSON.map(lambda v: json.dumps(v).encode()))
def test_loading_any_bytes_never_crashes(content, tmp_path_factory):
    path = tmp_path_factory.mktemp("用户") / "随机.nianbao"
    path.write_bytes(content)
    try:
        storage.load(path)
    except storage.ProjectFileError:
        pass


# --- schema versions --------------------------------------------------------------------------------

def test_version_1_fixture_loads():
    report = storage.load(FIXTURES / "project-v1.nianbao")
    assert report.year == 2024
    assert report.body == Body(name="示例县人民政府", kind="government", scope="summary",
                               signature="示例县人民政府办公室", date="2025-03-20")
    assert report.text("problems.body") == "公开内容不够全面。\n下一步将加强培训。"
    assert report.value(A("new_received", "natural")) == 10
    assert report.is_override(A("new_received", "total")) and report.value(A("new_received", "total")) == 12
    assert report.cell_text(A("granted", "natural")) == "8件"
    assert report.cell_text(CellRef("active", "admin_fee", "amount_wanyuan")) == "1.50"
    assert report.last_year.year == 2023
    assert report.last_year.cells[A("carry_next", "natural")].value == 2
    assert report.last_year.texts == {"problems.body": "2023年的问题。"}
    assert report.notes == ["由2023年度报告生成；文字为上年原文，请逐段修改"]


def test_every_schema_version_has_a_fixture_and_a_migration_path():
    for version in range(1, storage.SCHEMA_VERSION + 1):
        assert (FIXTURES / f"project-v{version}.nianbao").exists()
    for version in range(min(storage.MIGRATIONS, default=storage.SCHEMA_VERSION), storage.SCHEMA_VERSION):
        assert version in storage.MIGRATIONS


def test_migrations_are_applied_step_by_step(monkeypatch):
    seen = []

    def v0_to_v1(data):
        seen.append(("0→1", data["schema_version"]))
        data["body"] = {"name": data.pop("organ"), "kind": "department", "scope": "own", "signature": "",
                        "date": ""}
        return data

    monkeypatch.setattr(project_data, "MIGRATIONS", {**project_data.MIGRATIONS, 0: v0_to_v1})
    old = {"format": "nianbao-project", "schema_version": 0, "app_version": "0.0.1",
           "report_format": "GBGKBH-2021-30", "year": 2023, "organ": "旧版本的机关"}
    report = storage.loads(json.dumps(old, ensure_ascii=False))
    assert seen == [("0→1", 0)]
    assert report.body.name == "旧版本的机关"


def test_migrations_run_in_order_up_to_the_current_version(monkeypatch):
    seen = []

    def step(n):
        def migrate(data):
            seen.append((n, data["schema_version"]))
            data.setdefault("notes", []).append(f"升级{n}")
            return data
        return migrate

    monkeypatch.setattr(project_data, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(project_data, "MIGRATIONS", {1: step(1), 2: step(2)})
    data = json.loads((FIXTURES / "project-v1.nianbao").read_text(encoding="utf-8"))
    report = storage.report_from_dict(data)
    assert seen == [(1, 1), (2, 2)]
    assert report.notes[-2:] == ["升级1", "升级2"]


def test_a_migration_that_cannot_read_an_old_file_gives_a_project_file_error(monkeypatch):
    monkeypatch.setattr(project_data, "MIGRATIONS", {0: lambda data: data["missing"]})
    with pytest.raises(storage.ProjectFileError, match="版本0"):
        storage.loads('{"format": "nianbao-project", "schema_version": 0}')


def test_version_2_fixture_keeps_the_officers_own_sub_headings():
    report = storage.load(FIXTURES / "project-v2.nianbao")
    assert report.part_heading("overall.platform") == "（四）政府信息公开平台建设情况"
    assert report.part_heading("overall.active") == "（一）主动公开"  # no own wording: the format's heading
    assert report.part_heading("problems.body") is None


def test_a_version_1_file_reads_with_the_formats_headings():
    report = storage.load(FIXTURES / "project-v1.nianbao")
    assert report.headings == {}
    assert report.part_heading("overall.platform") == "（四）平台建设"


def test_own_sub_headings_survive_save_and_reopen(project_path):
    r = sample_report()
    r.set_heading("overall.supervision", "（五）监督保障情况")
    storage.save(r, project_path)
    assert storage.load(project_path).part_heading("overall.supervision") == "（五）监督保障情况"


@pytest.mark.parametrize("headings, words", [({"problems.body": "五、问题"}, ["problems.body", "没有小标题"]),
                                             ({"nowhere.part": "x"}, ["未知的文字部分"]),
                                             ({"overall.active": 5}, ["应为文本"])])
def test_a_heading_the_format_cannot_hold_is_refused(headings, words):
    data = _valid()
    data["headings"] = headings
    with pytest.raises(storage.ProjectFileError) as e:
        storage.loads(json.dumps(data, ensure_ascii=False))
    assert all(w in str(e.value) for w in words)


def test_the_example_in_the_documentation_is_the_newest_fixture():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "file-format.md").read_text(encoding="utf-8")
    example = doc.split("```json\n", 1)[1].split("```", 1)[0]
    newest = FIXTURES / f"project-v{storage.SCHEMA_VERSION}.nianbao"
    assert storage.loads(example) == storage.load(newest)
    assert json.loads(example)["schema_version"] == storage.SCHEMA_VERSION


@pytest.mark.parametrize("name, value", [("kind", "city"), ("scope", "全市"), ("date", "2025-13-01"),
                                         ("date", "2025年1月5日"), ("date", "20250105")])
def test_the_model_refuses_a_body_value_the_file_could_not_hold(name, value, project_path):
    r = sample_report()
    before = Body(**vars(r.body))
    with pytest.raises(ValueError):
        r.set_body_field(name, value)
    assert r.body == before
    storage.save(r, project_path)
    assert storage.load(project_path).body == before


# --- Windows: replacing a file another program holds open -------------------------------------------------

@pytest.fixture
def held_open(project_path, monkeypatch):
    """Windows' os.replace over a file held open: PermissionError for the first ``state["fails"]`` tries.
    Sleeps are recorded, not slept."""
    state = {"fails": 0, "tries": 0, "sleeps": []}
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == project_path:
            state["tries"] += 1
            if state["tries"] <= state["fails"]:
                raise PermissionError(13, "Access is denied", str(dst))  # WinError 5/32 arrive as EACCES
        return real_replace(src, dst)

    storage.save(sample_report(), project_path)
    monkeypatch.setattr(storage, "_on_windows", lambda: True, raising=False)
    monkeypatch.setattr(storage, "_sleep", state["sleeps"].append, raising=False)
    monkeypatch.setattr(os, "replace", replace)
    return state


def _edited(text="第二版"):
    r = sample_report()
    r.set_text("problems.body", text)
    return r


def test_on_windows_a_file_held_for_a_moment_is_saved_after_a_retry(project_path, held_open):
    held_open["fails"] = 2  # an antivirus scanner looking at the new file
    storage.save(_edited(), project_path)
    assert storage.load(project_path).text("problems.body") == "第二版"
    assert held_open["sleeps"] == [0.05, 0.1]
    assert not [p for p in project_path.parent.iterdir() if p.name.endswith(".tmp")]


def test_on_windows_a_file_kept_open_is_refused_in_chinese_and_left_whole(project_path, held_open):
    from app import oserrors

    before = project_path.read_bytes()
    held_open["fails"] = 100  # Word or WPS has it open
    with pytest.raises(PermissionError) as e:
        storage.save(_edited("不会保存"), project_path)
    assert oserrors.describe(e.value) == "文件正被其他程序占用（如 Word、WPS 或杀毒软件），请关闭该文件后重试"
    assert "正在 Word/WPS 中打开，或被杀毒软件等其他程序占用" in oserrors.cannot_write(
        project_path, e.value, "Word 文档", " Word/WPS ")
    assert held_open["sleeps"] == list(storage.REPLACE_RETRY_DELAYS) and held_open["tries"] == 5
    assert project_path.read_bytes() == before
    assert not [p for p in project_path.parent.iterdir() if p.name.endswith(".tmp")]



def test_on_windows_a_read_only_file_is_refused_at_once_and_leaves_no_temp_file(project_path, held_open, monkeypatch):
    from app import oserrors

    project_path.chmod(0o444)
    before = project_path.read_bytes()
    held_open["fails"] = 100  # Windows refuses to replace a file with the read-only attribute
    real_unlink = os.unlink

    def unlink(p, *args, **kwargs):
        if not os.stat(p).st_mode & stat.S_IWRITE:
            raise PermissionError(13, "Access is denied", str(p))  # as Windows answers for a read-only file
        return real_unlink(p, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "access", lambda p, mode: False)  # os.access sees the read-only attribute
    with pytest.raises(PermissionError) as e:
        storage.save(_edited("不会保存"), project_path)
    monkeypatch.undo()
    assert "只读" in oserrors.describe(e.value)
    assert held_open["sleeps"] == []  # waiting does not help a read-only file
    assert project_path.read_bytes() == before
    assert not [p for p in project_path.parent.iterdir() if p.name.endswith(".tmp")]
