#!/usr/bin/env bash
# Builds the binaries of abi3-symbol-not-stable (WW-E012) from scripts/wheel-fixtures/abi3/ into
# testdata/wheels/{elf,macho,pe}/: extension modules built against the limited API of 3.8 and of
# 3.10, and against the full C API (Python.h of this machine's python3), plus a Mach-O and a PE
# module that import a 3.10 stable-ABI function and a function outside the stable ABI.
# Needs gcc with python3's headers, clang-14, lld-14 and LLVM 14 tools (FIXTURES.md).
# Re-running it rewrites the same files (outputs are committed; only rerun to change them).
set -euo pipefail
export PATH=/usr/lib/llvm-14/bin:$PATH
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/scripts/wheel-fixtures/abi3"
out="$root/testdata/wheels"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
inc="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
[ -f "$inc/Python.h" ] || { echo "make-abi3-fixtures.sh: no Python.h in $inc (install python3-dev)" >&2; exit 2; }

# --- ELF, with the real headers ---
gcc -shared -fPIC -O1 -I"$inc" -DPy_LIMITED_API=0x03080000 -o "$out/elf/ext-x86_64-abi3-py38.so" "$src/limited.c"
gcc -shared -fPIC -O1 -I"$inc" -DPy_LIMITED_API=0x030A0000 -DLIMITED_310 -o "$out/elf/ext-x86_64-abi3-py310.so" "$src/limited.c"
gcc -shared -fPIC -O1 -I"$inc" -o "$out/elf/ext-x86_64-full-api.so" "$src/full.c"
# a helper library exporting its own Py-prefixed function, and a module importing it
gcc -shared -fPIC -O1 -I"$inc" -DPy_LIMITED_API=0x03080000 -Wl,-soname,libpydemo.abi3.so \
  -o "$out/elf/libpydemo.abi3.so" "$src/wrapper.c"
gcc -shared -fPIC -O1 -I"$inc" -DPy_LIMITED_API=0x03080000 -Wl,-rpath,'$ORIGIN' \
  -o "$out/elf/ext-x86_64-uses-wrapper.so" "$src/uses_wrapper.c" "$out/elf/libpydemo.abi3.so"

# --- Mach-O (cross-linked, symbols resolved at import: -undefined dynamic_lookup) ---
clang -target arm64-apple-macos11 -fuse-ld=lld -bundle -undefined dynamic_lookup -nostdlib \
  -o "$out/macho/ext-arm64-abi3-mixed.so" "$src/declared.c"

# --- PE: linked against python311.dll (not python3.dll, the stable ABI's DLL) ---
llvm-dlltool -d "$src/python311.def" -l "$work/python311.lib" -m i386:x86-64
clang --target=x86_64-pc-windows-msvc -fuse-ld=lld -nostdlib -shared -Wl,-noentry -Wl,/Brepro \
  "$src/declared.c" "$work/python311.lib" -o "$out/pe/ext-amd64-abi3-mixed.pyd"
rm -f "$out"/pe/*.lib "$out"/pe/*.exp

ls -l "$out"/elf/*abi3* "$out"/elf/ext-x86_64-full-api.so "$out"/elf/ext-x86_64-uses-wrapper.so "$out"/macho/*abi3* "$out"/pe/*abi3*
