"""The project file's own limits (app/limits/project.py): absurd years, huge texts, too many units and special
files are refused when loading, naming the field and the limit, and a report past them is never written."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest

from app import storage
from app.limits import project as limits
from app.report import LastYear, Report, Unit
from app.resources_path import resource_path

EXAMPLE = resource_path("examples/huaian-2024.nianbao")


def _file(tmp_path, **changes) -> str:
    data = storage.report_to_dict(Report(year=2024))
    data.update(changes)
    path = tmp_path / "用户" / "年报 2024.nianbao"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _refusal(path) -> str:
    with pytest.raises(storage.ProjectFileError) as err:
        storage.load(path)
    return str(err.value)


@pytest.mark.parametrize("year", [0, -1, 2007, 2101, 99999])
def test_an_absurd_year_is_refused_naming_the_field_and_the_range(tmp_path, year):
    assert _refusal(_file(tmp_path, year=year)) == (
        f"文件内容有误：“year”（年度）为{year}，应在2008年至2100年之间（《政府信息公开条例》自2008年5月1日起施行）")


def test_a_year_of_thousands_of_digits_is_refused_without_printing_it(tmp_path):
    # the window once hung opening such a file
    message = _refusal(_file(tmp_path, year=10 ** 4000))
    assert "“year”（年度）为（极大的整数），应在2008年至2100年之间" in message and len(message) < 200


@pytest.mark.parametrize("year", [2008, 2100, None])
def test_the_years_at_the_edges_and_no_year_load(tmp_path, year):
    assert storage.load(_file(tmp_path, year=year)).year == year


def test_last_years_and_a_units_year_are_held_to_the_same_range(tmp_path):
    last = {"year": 1900, "tables": {}, "texts": {}}
    assert "“last_year.year”（上年年度）为1900，应在2008年至2100年之间" in _refusal(_file(tmp_path, last_year=last))
    units = [{"name": "甲局", "path": "", "sha256": "", "year": 20240}]
    assert "“units[0].year”（汇总单位名单）为20240，应在2008年至2100年之间" in _refusal(_file(tmp_path, units=units))


def test_a_body_name_of_megabytes_is_refused_at_once_without_quoting_it(tmp_path):
    # an 18 MB name took the window 100 s to show
    body = {"name": "某" * 6_000_000, "kind": "department", "scope": "own", "signature": "", "date": ""}
    message = _refusal(_file(tmp_path, body=body))
    assert message == "文件内容有误：“body.name”（机关名称）有6000000个字符，超过上限200个字符"


def test_a_signature_and_a_heading_past_their_limits_are_refused(tmp_path):
    body = {"name": "甲局", "kind": "department", "scope": "own", "signature": "乙" * 201, "date": ""}
    assert "“body.signature”（落款）有201个字符，超过上限200个字符" in _refusal(_file(tmp_path, body=body))
    headings = {"overall.active": "（一）" + "主" * 300}
    assert "“headings.overall.active”（小标题）有303个字符，超过上限200个字符" in _refusal(
        _file(tmp_path, headings=headings))


def test_a_text_part_past_its_limit_is_refused_and_one_at_it_loads(tmp_path):
    over = {"overall.intro": "文" * (limits.TEXT_PART_CHARS + 1)}
    assert _refusal(_file(tmp_path, texts=over)) == (
        "文件内容有误：“texts.overall.intro”（文字部分）有200001个字符，超过上限200000个字符")
    at = {"overall.intro": "文" * limits.TEXT_PART_CHARS}
    assert len(storage.load(_file(tmp_path, texts=at)).text("overall.intro")) == limits.TEXT_PART_CHARS


def test_more_units_than_a_summary_may_hold_are_refused_before_any_is_read(tmp_path):
    units = [{"name": f"单位{i}", "path": "", "sha256": ""} for i in range(limits.MAX_UNITS + 1)]
    assert _refusal(_file(tmp_path, units=units)) == (
        "文件内容有误：汇总的单位有5001个，超过上限5000个（汇总计入的是本级部门和下一级政府，最多几百个），"
        "请检查是否选错了文件夹")


def _largest_summary(count: int) -> Report:
    import hashlib

    cells = dict(storage.load(EXAMPLE).cells)  # every cell filled, several digits each
    report = storage.load(EXAMPLE)
    report.body.scope, report.consolidates = "summary", True
    report.units = [Unit(name=f"某自治县人民政府第{i}工作部门", path=f"/单位/2024年报/第{i}局.nianbao",
                         year=report.year, cells=cells, sha256=hashlib.sha256(str(i).encode()).hexdigest())
                    for i in range(count)]
    return report


def test_the_units_limit_and_the_file_size_limit_agree():
    # 20,000 full units once saved a 107 MB file that load then refused as too big: the work was lost
    few = storage.dumps(_largest_summary(10)).encode("utf-8")
    one = (len(few) - len(storage.dumps(_largest_summary(0)).encode("utf-8"))) / 10
    assert len(few) + one * limits.MAX_UNITS < storage.MAX_FILE_BYTES * 0.9


@pytest.mark.skipif(os.environ.get("NIANBAO_SLOW") != "1", reason="7 s: set NIANBAO_SLOW=1")
def test_the_largest_summary_allowed_saves_to_a_file_that_opens_again(tmp_path):
    report = _largest_summary(limits.MAX_UNITS)
    cells = report.units[0].cells
    path = tmp_path / "汇总.nianbao"
    storage.save(report, path, backup=False)
    assert path.stat().st_size < storage.MAX_FILE_BYTES
    again = storage.load(path)
    assert len(again.units) == limits.MAX_UNITS and again.units[-1].cells == cells
    assert storage.dumps(again) == path.read_text(encoding="utf-8")


def test_a_report_that_would_make_a_file_too_big_to_open_is_not_written(tmp_path, monkeypatch):
    report = storage.load(EXAMPLE)
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 10_000)
    path = tmp_path / "年报.nianbao"
    with pytest.raises(storage.BeyondLimitsError, match="超过年报项目文件的上限"):
        storage.save(report, path)
    assert not path.exists()


def test_a_hostile_field_name_is_quoted_short(tmp_path):
    message = _refusal(_file(tmp_path, texts={"x" * 1_000_000: "文"}))
    assert message.startswith("文件内容有误：未知的文字部分“texts.xxxx") and len(message) < 200
    message = _refusal(_file(tmp_path, app_version="9" * 1_000_000, schema_version=99))
    assert len(message) < 300


@pytest.mark.parametrize("change, field", [
    (lambda r: setattr(r, "year", 99999), "“year”（年度）为99999"),
    (lambda r: setattr(r.body, "name", "甲" * 201), "“body.name”（机关名称）有201个字符"),
    (lambda r: setattr(r, "last_year", LastYear(year=0)), "“last_year.year”（上年年度）为0"),
    (lambda r: setattr(r, "units", [Unit(name="乙" * 300)]), "“units[0].name”（汇总单位名单）有300个字符"),
])
def test_a_report_past_the_limits_is_never_written(tmp_path, change, field):
    path = tmp_path / "年报.nianbao"
    storage.save(Report(year=2024), path)
    before = path.read_bytes()
    report = Report(year=2024)
    change(report)
    with pytest.raises(OSError) as err:  # every save path says why, as for a full disk, and offers Save As
        storage.save(report, path)
    assert isinstance(err.value, storage.BeyondLimitsError)
    assert str(err.value).startswith("无法保存为年报项目文件：") and field in str(err.value)
    assert path.read_bytes() == before


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_refused_at_once_without_reading_it():
    # its size says 0 and reading it never ends
    assert _refusal("/dev/zero") == "这不是普通文件（是设备、管道或套接字），不能作为年报项目文件读取：/dev/zero"


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs on Windows")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "年报.nianbao"
    os.mkfifo(fifo)
    assert "这不是普通文件" in _refusal(fifo)


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs on Windows")
def test_the_file_opened_is_judged_not_the_name_looked_at_first(tmp_path, monkeypatch):
    # a name can change between stat and open: the opened file's own fstat decides
    fifo = tmp_path / "年报.nianbao"
    os.mkfifo(fifo)
    real_stat = os.stat

    def regular(path, *args, **kwargs):
        st = real_stat(path, *args, **kwargs)
        if str(path) != str(fifo):
            return st
        return os.stat_result((stat.S_IFREG | 0o644, *tuple(st)[1:]))

    monkeypatch.setattr(os, "stat", regular)
    assert "这不是普通文件" in _refusal(fifo)
