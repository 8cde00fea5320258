#!/usr/bin/env bash
# Inside a fresh old root where `apt install ./nianbao_*.deb` has just run (packaging/oldest/build.sh smoke):
# the installed /usr/bin/nianbao opens its window on X11 (Xvfb), exports the bundled example to Word, imports
# that document again and checks the result; every library the bundle links to is found; the fcitx5 and
# IBus input-method plugins load into the bundle's Qt. Exits non-zero on the first failure.
set -euo pipefail
export LC_ALL=C.UTF-8 HOME=/tmp/home
mkdir -p "$HOME"
# an installed system has a machine id; without one libdbus aborts the process (the input-method plugins use D-Bus)
[ -s /etc/machine-id ] || tr -d - < /proc/sys/kernel/random/uuid > /etc/machine-id
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
step() { printf 'smoke: %s\n' "$*"; }

step "system: $(grep PRETTY_NAME /etc/os-release | cut -d= -f2), $(ldd --version | head -1)"
step "package: $(dpkg-query -W -f '${Package} ${Version} ${Architecture}' nianbao); Depends: $(dpkg-query -W -f '${Depends}' nianbao)"
nianbao --version

# as the bundle runs them: its launcher puts _internal on LD_LIBRARY_PATH. ldd also names the weak version
# needs of the fcitx5 plugin (elf_versions.py): not errors, the compat library covers them
step "every library the bundle's ELF files link to is found"
missing=$(find /opt/nianbao -type f \( -name '*.so*' -o -name nianbao \) -exec env LD_LIBRARY_PATH=/opt/nianbao/_internal sh -c \
    'ldd "$1" 2>/dev/null | grep "not found" | grep -v "weak version" | sed "s|^|$1: |"' _ {} \; || true)
[ -z "$missing" ] || fail "libraries not found:
$missing"

step "gui --exit-after-show under Xvfb (xcb), with and without a file"
EXAMPLE=/opt/nianbao/_internal/resources/examples/tianshan-2024.nianbao
timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" nianbao gui --exit-after-show || fail "gui (start page)"
timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" nianbao gui --exit-after-show "$EXAMPLE" || fail "gui (example)"

step "export the example to Word"
OUT="/tmp/用户/年报 2024.docx"
mkdir -p "$(dirname "$OUT")"
nianbao export "$EXAMPLE" -o "$OUT" || fail "export"
doc=$(unzip -p "$OUT" word/document.xml | sed 's/<[^>]*>//g')
for text in 天山乡人民政府2024年政府信息公开工作年度报告 总体情况 主动公开政府信息情况 收到和处理政府信息公开申请情况 \
        政府信息公开行政复议 存在的主要问题及改进情况 其他需要报告的事项; do
    case "$doc" in *"$text"*) ;; *) fail "the exported document lacks “$text”" ;; esac
done

step "import that document and check it"
nianbao import "$OUT" -o "/tmp/用户/导入.nianbao" || fail "import"
nianbao check "/tmp/用户/导入.nianbao" "$EXAMPLE" || fail "check"

for module in ibus fcitx; do
    plugin=$(ls /opt/nianbao/_internal/PySide6/Qt/plugins/platforminputcontexts/ | grep -i "$module" || true)
    if [ -z "$plugin" ]; then
        step "no $module plugin in the bundle"; continue
    fi
    step "$module input-method plugin ($plugin) loads into the bundle's Qt"
    log=$(QT_IM_MODULE=$module QT_DEBUG_PLUGINS=1 timeout 120 xvfb-run -a /opt/nianbao/nianbao gui --exit-after-show 2>&1) \
        || { echo "$log" | tail -20; fail "gui with QT_IM_MODULE=$module"; }
    echo "$log" | grep -E "cannot load|undefined symbol|not a Qt plugin|uses incompatible Qt" | grep -i "$plugin" \
        && fail "$plugin did not load"
    echo "$log" | grep -q "$plugin\" loaded library" || { echo "$log" | grep -i "$module" | tail -10; fail "$plugin was not loaded"; }
done
step "all passed"
