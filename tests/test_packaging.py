"""Packaging: the wheel carries the resources, the bundle rules, the Linux and Windows installer files.

The fast tests build a wheel (pip, no network) and run the installed copy. The slow ones run the built
desktop bundle (dist/nianbao) and the .deb, not the source tree: they run only with NIANBAO_SLOW=1 and a
bundle and .deb newer than the source (``make smoke`` builds both, then runs them and fails instead of
skipping). NIANBAO_BUNDLE points them at another bundle, e.g. one unpacked from the .deb.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import docx
import pytest

from app import storage
from app.formatdef import load_format

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
EXAMPLE = ROOT / "resources" / "examples" / "tianshan-2024.nianbao"
ICON_FILES = ["nianbao.ico", "nianbao.svg", "nianbao.png"] + [
    f"nianbao-{size}.png" for size in (16, 24, 32, 48, 64, 128, 256, 512)]
SLOW = pytest.mark.skipif(os.environ.get("NIANBAO_SLOW") != "1", reason="bundle smoke test: set NIANBAO_SLOW=1")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundling = _load("nianbao_bundling", PACKAGING / "bundling.py")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_is_the_example_report(path: Path) -> None:
    """The exported Word document has the report's title and the six section titles of the format."""
    paragraphs = [_flat(p.text) for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[0] == _flat(storage.load(EXAMPLE).title())
    titles = [s.title for s in load_format().sections if s.title]
    assert len(titles) == 6
    for title in titles:
        assert _flat(title) in paragraphs, title


# --- the wheel ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of this checkout (setuptools leaves build/ behind in the tree it builds)."""
    if importlib.util.find_spec("setuptools") is None or (
            importlib.util.find_spec("setuptools.command.bdist_wheel") is None and importlib.util.find_spec("wheel")
            is None):
        pytest.fail("the virtual environment cannot build wheels without isolation: pip install 'setuptools>=70.1'")
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("app", "ui", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(work / "out"), str(src)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = (work / "out").glob("nianbao-*.whl")
    return found


def test_wheel_carries_formats_templates_example_and_icons(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = ROOT / "resources"
    for pattern in ("formats/*.json", "templates/drafts/*.j2", "templates/export/*.j2", "examples/*.nianbao"):
        files = sorted(resources.glob(pattern))
        assert files, pattern
        for path in files:
            assert f"resources/{path.relative_to(resources).as_posix()}" in names
    for icon in ICON_FILES:
        assert f"resources/icons/{icon}" in names
    assert not [n for n in names if n.startswith("resources/") and Path(n).name.startswith(".")]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "nianbao = app.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_wheel_carries_every_module_of_the_app(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = sorted(p.relative_to(ROOT).as_posix() for top in ("app", "ui") for p in (ROOT / top).rglob("*.py"))
    assert len(sources) > 60
    missing = [s for s in sources if s not in names]
    assert not missing, f"not in the wheel: {missing[:5]}"


def test_installed_wheel_exports_its_own_example(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    out = tmp_path / "用户" / "年报 2024.docx"
    out.parent.mkdir()
    script = ("import resources, sys\nfrom importlib.resources import files\nfrom app.cli import main\n"
              "print(resources.__file__)\n"
              "sys.exit(main(['export', str(files('resources') / 'examples' / 'tianshan-2024.nianbao'),"
              f" '-o', {str(out)!r}]))\n")
    env = {**os.environ, "PYTHONPATH": str(site), "NIANBAO_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith(str(site))  # the installed copy, not this checkout
    assert_is_the_example_report(out)


def test_resource_paths_name_the_icons_and_the_example():
    from app.resources_path import icon_files, resource_path

    assert resource_path("examples", "tianshan-2024.nianbao") == EXAMPLE
    assert [p.name for p in icon_files()] == [f"nianbao-{s}.png" for s in (16, 24, 32, 48, 64, 128, 256, 512)]
    assert all(p.is_file() for p in icon_files())


# --- what goes into the bundle -----------------------------------------------------------------------


def test_bundle_takes_the_resources_the_wheel_takes():
    assert bundling.resource_patterns() == [
        "formats/*.json", "templates/drafts/*.j2", "templates/export/*.j2", "examples/*.nianbao", "icons/*",
        "translations/*.qm", "help/*.md"]
    assert not fnmatch(".~tianshan-2024.nianbao.lock", "*.nianbao")


def test_bundle_version_comes_from_the_app():
    from app import __version__

    assert bundling.version() == __version__
    assert bundling.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert bundling.version_tuple("2.3rc1") == (2, 3, 0, 0)
    assert bundling.debian_version("1.0rc1") == "1.0~rc1" and bundling.debian_version("1.0") == "1.0"


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6\\plugins\\generic\\qtuiotouchplugin.dll", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
])
def test_only_the_qt_plugins_the_app_needs_are_kept(dest, kept):
    assert bundling.keep_binary(dest) is kept


def test_only_the_chinese_qt_translation_is_kept():
    assert bundling.keep_data("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not bundling.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not bundling.keep_data("PySide6\\translations\\qt_help_zh_CN.qm")
    assert bundling.keep_data("resources/formats/gbgkbh-2021-30.json")


def test_libraries_nothing_links_to_are_dropped_with_their_links():
    links = {"/s/ext.so": ["libA.so"], "/s/libA.so": ["libB.so"], "/s/plug.so": ["libdbus-1.so.3"],
             "/s/libdbus-1.so.3": ["libsystemd.so.0"]}
    entries = [("mod/ext.so", "/s/ext.so", "EXTENSION"), ("libA.so", "/s/libA.so", "BINARY"),
               ("libB.so", "/s/libB.so", "BINARY"), ("libgtk.so", "/s/libgtk.so", "BINARY"),
               ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/plug.so", "BINARY"),
               ("libdbus-1.so.3", "/s/libdbus-1.so.3", "BINARY"), ("libsystemd.so.0", "/s/libsystemd.so.0", "BINARY"),
               ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY")]
    kept, dropped = bundling.prune_unreferenced(entries, lambda src: links.get(src, []), system={"libdbus-1.so.3"})
    assert {e[0] for e in kept} == {"mod/ext.so", "libA.so", "libB.so", "PySide6/Qt/plugins/platforms/libqxcb.so",
                                    "libpython3.11.so.1.0"}
    assert dropped == ["libdbus-1.so.3", "libgtk.so", "libsystemd.so.0"]
    datas = [("libgtk.so", "sub/libgtk.so", "SYMLINK"), ("libA.so.1", "libA.so", "SYMLINK"), ("x.json", "/x", "DATA")]
    assert bundling.without_dangling_links(datas, ["sub/libgtk.so"]) == datas[1:]


# --- installer files ---------------------------------------------------------------------------------


def test_desktop_entry_opens_nianbao_files():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "linux" / "nianbao.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "nianbao gui %f" and desktop["Icon"] == "nianbao"
    assert "application/x-nianbao" in desktop["MimeType"].split(";")
    assert desktop["Name[zh_CN]"] == "年报编制助手"


def test_mime_type_matches_the_suffix_and_the_file_marker():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(PACKAGING / "linux" / "nianbao-mime.xml").getroot().find("m:mime-type", ns)
    assert mime.get("type") == "application/x-nianbao"
    assert mime.find("m:glob", ns).get("pattern") == f"*{storage.SUFFIX}"
    match = mime.find("m:magic/m:match", ns)
    end = int(match.get("offset").split(":")[1])
    assert match.get("value").encode() in EXAMPLE.read_bytes()[: end + len(match.get("value"))]


def test_linux_scripts_are_valid_shell():
    for name in ("nianbao-launcher.sh", "postinst", "postrm"):
        subprocess.run(["sh", "-n", str(PACKAGING / "linux" / name)], check=True)


def test_windows_installer_is_per_user_and_associates_nianbao_files():
    script = (PACKAGING / "windows" / "nianbao.iss").read_text(encoding="utf-8-sig")
    setup = dict(re.findall(r"^(\w+)=(.*)$", script, re.MULTILINE))
    assert setup["PrivilegesRequired"] == "lowest" and setup["ChangesAssociations"] == "yes"
    registry = [line for line in script.splitlines() if line.startswith("Root: HKA")]
    assert any('Software\\Classes\\{#AppFileExt}' in line for line in registry)
    assert any('"""{app}\\{#AppExeName}"" gui ""%1"""' in line for line in registry)
    spec = (PACKAGING / "nianbao.spec").read_text(encoding="utf-8")
    assert 'name="nianbao"' in spec and '#define AppExeName "nianbao.exe"' in script


# --- the built bundle and .deb (slow) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle() -> Path:
    path = Path(os.environ.get("NIANBAO_BUNDLE", ROOT / "dist" / "nianbao"))
    return _built(path / "nianbao", f"no bundle in {path}: make bundle")


def _newest_source() -> float:
    sources = [p for d in ("app", "ui") for p in (ROOT / d).rglob("*.py")]
    sources += [p for pattern in bundling.resource_patterns() for p in (ROOT / "resources").glob(pattern)]
    return max(p.stat().st_mtime for p in sources)


def _built(path: Path, missing: str) -> Path:
    """A build product that is there and newer than the source; otherwise the tests skip (NIANBAO_SLOW=1 also
    switches on other long runs, where no bundle was built), or fail under ``make smoke`` (NIANBAO_SMOKE=1)."""
    problem = missing if not path.is_file() else (
        f"{path} is older than the source: rebuild it (make deb)" if path.stat().st_mtime < _newest_source()
        else None)
    if problem:
        (pytest.fail if os.environ.get("NIANBAO_SMOKE") == "1" else pytest.skip)(problem)
    return path.parent if path.name == "nianbao" else path


def run_bundle(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """The bundled launcher in a bare environment: no PYTHONPATH, no venv, started outside the checkout."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "NIANBAO_HOME": str(tmp_path / "nianbao-home")}
    return subprocess.run([str(bundle / "nianbao"), *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)


def run_source(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NIANBAO_HOME": str(tmp_path / "nianbao-home"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@SLOW
def test_bundle_opens_the_window_offscreen(bundle, tmp_path):
    done = run_bundle(bundle, tmp_path, "gui", "--exit-after-show")
    assert done.returncode == 0, done.stderr
    done = run_bundle(bundle, tmp_path, "gui", "--exit-after-show", str(bundle / "_internal" / "resources" /
                                                                          "examples" / "tianshan-2024.nianbao"))
    assert done.returncode == 0, done.stderr


@SLOW
def test_bundle_exports_its_example_to_word(bundle, tmp_path):
    out = tmp_path / "用户" / "年报 2024.docx"
    out.parent.mkdir()
    example = bundle / "_internal" / "resources" / "examples" / "tianshan-2024.nianbao"
    done = run_bundle(bundle, tmp_path, "export", str(example), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert f"已导出 Word 文档：{out}" in done.stdout
    assert_is_the_example_report(out)


@SLOW
def test_bundle_imports_and_checks_like_the_source_tree(bundle, tmp_path):
    """Import (Word, text, web page, PDF when LibreOffice is there) and check give what the source tree gives."""
    docx_file = tmp_path / "发布稿.docx"
    assert run_bundle(bundle, tmp_path, "export", str(EXAMPLE), "-o", str(docx_file)).returncode == 0
    seed = ROOT / "tests" / "fixtures" / "import" / "seed-tianshan-2024.txt"
    html = tmp_path / "网页.html"
    html.write_text("<html><body>" + "".join(f"<p>{line}</p>" for line in seed.read_text("utf-8").splitlines())
                    + "</body></html>", encoding="utf-8")
    sources = [docx_file, seed, html]
    if shutil.which("soffice") or shutil.which("libreoffice"):
        pdf_source = tmp_path / "pdf稿.docx"
        done = run_bundle(bundle, tmp_path, "export", str(EXAMPLE), "-o", str(pdf_source), "--pdf")
        assert done.returncode == 0, done.stderr
        sources.append(pdf_source.with_suffix(".pdf"))
    for source in sources:
        outcomes = {}
        for name in ("bundle", "source"):
            out = tmp_path / f"{source.stem}-{name}.nianbao"
            args = ("import", str(source), "-o", str(out))
            done = run_bundle(bundle, tmp_path, *args) if name == "bundle" else run_source(tmp_path, *args)
            checked = run_bundle(bundle, tmp_path, "check", str(out))
            outcomes[name] = [(run.returncode, run.stdout.replace(str(out), "OUT")) for run in (done, checked)]
        assert outcomes["bundle"] == outcomes["source"], source.name
    assert outcomes["bundle"][0][0] == 0  # the PDF (or the web page) was read


def _deb() -> Path:
    debs = sorted((ROOT / "dist").glob(f"nianbao_{bundling.debian_version(bundling.version())}_*.deb"))
    return _built(debs[-1] if debs else ROOT / "dist" / "nianbao.deb", "no .deb in dist/: make deb")


@SLOW
def test_deb_installs_the_bundle_launcher_desktop_entry_icon_and_mime_type(tmp_path):
    deb = _deb()
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Depends: .*libc6 \(>= 2\.\d+\)", control, re.MULTILINE)
    for path in ("opt/nianbao/nianbao", "usr/bin/nianbao", "usr/share/applications/nianbao.desktop",
                 "usr/share/mime/packages/nianbao.xml", "usr/share/icons/hicolor/48x48/apps/nianbao.png",
                 "usr/share/icons/hicolor/scalable/apps/nianbao.svg",
                 "usr/share/icons/hicolor/48x48/mimetypes/application-x-nianbao.png"):
        assert (root / path).is_file(), path
    launcher = tmp_path / "nianbao-launcher"  # /usr/bin/nianbao, pointed at the unpacked /opt/nianbao
    launcher.write_text((root / "usr/bin/nianbao").read_text(encoding="utf-8").replace("/opt/", f"{root}/opt/"),
                        encoding="utf-8")
    done = subprocess.run(["sh", str(launcher), "--version"], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == f"nianbao {bundling.version()}", done.stderr
    unreadable = [p for p in root.rglob("*") if not p.is_symlink() and not p.stat().st_mode & stat.S_IROTH]
    assert not unreadable  # other users can read everything (the build may leave 600 files)
    assert not [p for p in root.rglob("*") if p.is_symlink() and not p.exists()]

    control_dir = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control_dir)], check=True)
    for script in ("postinst", "postrm"):
        assert (control_dir / script).stat().st_mode & stat.S_IXUSR
        assert "update-mime-database" in (control_dir / script).read_text(encoding="utf-8")
    if shutil.which("update-mime-database"):
        subprocess.run(["update-mime-database", str(root / "usr/share/mime")], check=True, capture_output=True)
        assert "application/x-nianbao:*.nianbao" in (root / "usr/share/mime/globs2").read_text(encoding="utf-8")

    # The bundle works from where the package puts it.
    out = tmp_path / "用户" / "年报 2024.docx"
    out.parent.mkdir()
    app_dir = root / "opt" / "nianbao"
    done = run_bundle(app_dir, tmp_path, "export", str(app_dir / "_internal/resources/examples/tianshan-2024.nianbao"),
                      "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert_is_the_example_report(out)
