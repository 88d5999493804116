#!/usr/bin/env bash
# Builds, into OUT, Mach-O binaries for the repair tests, with clang-14 and lld-14 (no macOS SDK):
#   OUT/lib/libhelper.{arm64,x86_64,fat}.dylib  install name @rpath/libhelper.dylib (arm64 ad-hoc linker-signed)
#   OUT/mod.{arm64,x86_64,fat}.so                bundles linking @rpath/libhelper.dylib, LC_RPATH OUT/lib
#   OUT/lib/libhelper.dylib                      the fat one, under the name the modules look for
#   OUT/tight.arm64.so                           the same module without header padding to spare
#                                                (-headerpad 0): a longer name does not fit
# Usage: scripts/make-repair-macho-fixtures.sh OUT
set -euo pipefail
out=${1:?usage: make-repair-macho-fixtures.sh OUT}
src="$(cd "$(dirname "$0")/repair-fixtures" && pwd)"
export PATH="/usr/lib/llvm-14/bin:$PATH"
cc=clang-14; command -v $cc >/dev/null || cc=clang
mkdir -p "$out/lib"
out="$(cd "$out" && pwd)"
for pair in arm64:arm64-apple-macos11 x86_64:x86_64-apple-macos10.9; do
  arch=${pair%%:*}; target=${pair#*:}
  $cc -target "$target" -fuse-ld=lld -nostdlib -dynamiclib -install_name @rpath/libhelper.dylib \
      -o "$out/lib/libhelper.$arch.dylib" "$src/helper.c"
  $cc -target "$target" -fuse-ld=lld -nostdlib -bundle -undefined dynamic_lookup \
      -o "$out/mod.$arch.so" "$src/mod.c" "$out/lib/libhelper.$arch.dylib" -Wl,-rpath,"$out/lib"
done
$cc -target arm64-apple-macos11 -fuse-ld=lld -nostdlib -bundle -undefined dynamic_lookup -Wl,-headerpad,0 \
    -o "$out/tight.arm64.so" "$src/mod.c" "$out/lib/libhelper.arm64.dylib"
llvm-lipo -create "$out/mod.arm64.so" "$out/mod.x86_64.so" -output "$out/mod.fat.so"
llvm-lipo -create "$out/lib/libhelper.arm64.dylib" "$out/lib/libhelper.x86_64.dylib" -output "$out/lib/libhelper.fat.dylib"
cp "$out/lib/libhelper.fat.dylib" "$out/lib/libhelper.dylib"   # the name @rpath/libhelper.dylib looks for
ls "$out"
