#!/usr/bin/env bash
# Builds the thin Mach-O modules that the fuse/retag tests assemble into wheels:
#   testdata/fuse/_demo.{x86_64,arm64}.so    extension modules (x86_64 minos 10.9, arm64 minos 11.0)
#   testdata/fuse/helper.{x86_64,arm64}.dylib plain dylibs
#   testdata/fuse/_demo.x86_64-10.15.so       x86_64 with minos 10.15 (LC_BUILD_VERSION)
# Needs clang-14 and lld-14 (apt-get install -y clang-14 lld-14); no macOS SDK is used.
set -euo pipefail
cd "$(dirname "$0")/../testdata/fuse"
export PATH="/usr/lib/llvm-14/bin:$PATH"
cc=clang-14; command -v $cc >/dev/null || cc=clang
common=(-fuse-ld=lld -nostdlib -Os)
$cc -target x86_64-apple-macos10.9  "${common[@]}" -bundle -undefined dynamic_lookup -o _demo.x86_64.so src/ext.c
$cc -target arm64-apple-macos11     "${common[@]}" -bundle -undefined dynamic_lookup -o _demo.arm64.so  src/ext.c
$cc -target x86_64-apple-macos10.15 "${common[@]}" -bundle -undefined dynamic_lookup -o _demo.x86_64-10.15.so src/ext.c
$cc -target x86_64-apple-macos10.9  "${common[@]}" -dynamiclib -install_name @rpath/libhelper.dylib -o helper.x86_64.dylib src/helper.c
$cc -target arm64-apple-macos11     "${common[@]}" -dynamiclib -install_name @rpath/libhelper.dylib -o helper.arm64.dylib  src/helper.c
ls -l *.so *.dylib
