#!/usr/bin/env bash
# Inside the old root: CPython 3.11 into /opt/python3.11, from the upstream tarball (.orig.tar.gz) of Debian bookworm's
# python3.11 source package (without Debian's patches: those change the install layout).
# Shared library (PyInstaller bundles libpython3.11.so), rpath to find it, no PGO/LTO (a few minutes on
# two cores instead of half an hour; the app's hot paths are in Qt and lxml).
set -euo pipefail
export LC_ALL=C.UTF-8
mkdir -p /build/python-src && cd /build/python-src
if ! ls python3.11_*.orig.tar.* >/dev/null 2>&1; then
    echo "deb-src http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list.d/bookworm-src.list
    apt-get update -qq
    apt-get source --download-only -qq python3.11
fi
orig=$(ls python3.11_*.orig.tar.* | sort -V | tail -1)
echo "python.sh: building from $orig"
rm -rf Python-*/
tar -xf "$orig"
cd Python-3.11*/
./configure --prefix=/opt/python3.11 --enable-shared --with-ensurepip=install \
    LDFLAGS="-Wl,-rpath,/opt/python3.11/lib" >/build/python-configure.log
make -j"$(nproc)" >/build/python-make.log 2>&1 || { tail -50 /build/python-make.log; exit 1; }
make altinstall >/build/python-install.log 2>&1
/opt/python3.11/bin/python3.11 -c 'import ssl, ctypes, lzma, bz2, zlib, sqlite3, uuid, sys; print(sys.version)'
grep -A3 "modules were not found\|Failed to build" /build/python-make.log || true
