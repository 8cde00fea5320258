"""Read and relax the GLIBC/GLIBCXX/CXXABI version needs of an ELF file (64-bit little-endian only).

    python elf_versions.py needs FILE...                 print "library version" per needed version
    python elf_versions.py weaken FILE VERSION...        mark those needed versions weak (VER_FLG_WEAK)

Used for the fcitx5 plugin taken from Debian trixie (packaging/oldest/fcitx.sh): it was compiled by GCC 14
and asks libstdc++ for two functions that bullseye's GCC 10 library lacks (``__cxa_call_terminate``,
CXXABI_1.3.15, and ``std::__throw_bad_array_new_length``, GLIBCXX_3.4.29). The bundle carries them in a
small compat library (cxxcompat.cc) defined at those version names; marked weak, the version needs no
longer stop the dynamic loader, which then binds the two symbols to the compat library by name and version.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def _sections(data: bytes) -> list[tuple[int, int, int, int]]:
    """(type, offset, size, link) of every section header."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    out = []
    for i in range(shnum):
        _name, typ, _flags, _addr, offset, size, link = struct.unpack_from("<IIQQQQI", data, shoff + i * shentsize)
        out.append((typ, offset, size, link))
    return out


def needed_versions(data: bytes) -> list[tuple[str, str, int, int]]:
    """(library, version, flags, file offset of its Vernaux entry) for every needed symbol version."""
    sections = _sections(data)
    out = []
    for typ, offset, _size, link in sections:
        if typ != SHT_GNU_VERNEED:
            continue
        strtab = sections[link][1]

        def string(at: int, strtab: int = strtab) -> str:
            return data[strtab + at:data.index(b"\0", strtab + at)].decode()

        entry = offset
        while True:
            _version, count, file, aux, next_entry = struct.unpack_from("<HHIII", data, entry)
            at = entry + aux
            for _ in range(count):
                _hash, flags, _other, name, next_aux = struct.unpack_from("<IHHII", data, at)
                out.append((string(file), string(name), flags, at))
                at += next_aux
            if not next_entry:
                break
            entry += next_entry
    return out


def weaken(path: Path, versions: set[str]) -> list[str]:
    data = bytearray(path.read_bytes())
    done = []
    for library, version, _flags, at in needed_versions(bytes(data)):
        if version in versions:
            flags, = struct.unpack_from("<H", data, at + 4)
            struct.pack_into("<H", data, at + 4, flags | VER_FLG_WEAK)
            done.append(f"{library} {version}")
    path.write_bytes(bytes(data))
    return done


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "needs":
        for name in argv[1:]:
            for library, version, flags, _at in needed_versions(Path(name).read_bytes()):
                print(f"{name}: {library} {version}{' (weak)' if flags & VER_FLG_WEAK else ''}")
        return 0
    if len(argv) >= 3 and argv[0] == "weaken":
        for line in weaken(Path(argv[1]), set(argv[2:])):
            print(f"{argv[1]}: weak {line}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
