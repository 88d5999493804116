#!/usr/bin/env bash
# Builds the native binaries and real wheels that the wheel and audit tests and the wheel rule
# cases use, from the sources in scripts/wheel-fixtures/, into testdata/wheels/.
# Needs clang-14, lld-14, LLVM 14 tools, gcc, a JDK and Debian's python3 with setuptools/wheel/build.
# Re-running it rewrites the same files (outputs are committed; only rerun to change them).
set -euo pipefail
export PATH=/usr/lib/llvm-14/bin:$PATH
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/scripts/wheel-fixtures"
out="$root/testdata/wheels"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/macho" "$out/elf" "$out/pe" "$out/jar" "$out/real"

# --- Mach-O (FIXTURES.md: cross-linked with lld, no SDK; a fake sysroot of .tbd stubs) ---
mkdir -p "$work/sdk/usr/lib"
cp "$src/sdk/libSystem.tbd" "$work/sdk/usr/lib/libSystem.tbd"
macho() { # target out.so extra-args...
  local target="$1" o="$2"; shift 2
  clang -target "$target" -fuse-ld=lld -bundle -undefined dynamic_lookup -nostdlib "$@" -o "$o"
}
macho arm64-apple-macos11     "$out/macho/ext-arm64.so"          "$src/ext.c"
macho x86_64-apple-macos10.9  "$out/macho/ext-x86_64.so"         "$src/ext.c"
llvm-lipo -create "$out/macho/ext-arm64.so" "$out/macho/ext-x86_64.so" -output "$out/macho/ext-universal2.so"
macho arm64-apple-macos13     "$out/macho/ext-arm64-macos13.so"  "$src/ext.c"
llvm-lipo -create "$out/macho/ext-arm64-macos13.so" "$out/macho/ext-x86_64.so" -output "$out/macho/ext-universal2-mixed-minos.so"
macho x86_64-apple-macos10.9  "$out/macho/ext-x86_64-macos12.so" "$src/ext.c" -Wl,-platform_version,macos,12.0,13.1
macho arm64-apple-macos11     "$out/macho/ext-arm64-unsigned.so" "$src/ext.c" -Wl,-no_adhoc_codesign
# linked against an absolute Homebrew-style libffi (not bundled)
for a in arm64:arm64-apple-macos11 x86_64:x86_64-apple-macos10.9; do
  clang -target "${a#*:}" -fuse-ld=lld -bundle -undefined dynamic_lookup -isysroot "$work/sdk" \
    "$src/uses_lib.c" "$src/sdk/libffi.tbd" -o "$work/libffi-${a%%:*}.so"
done
llvm-lipo -create "$work/libffi-arm64.so" "$work/libffi-x86_64.so" -output "$out/macho/ext-universal2-libffi.so"
# linked against @rpath/libhelper.dylib, rpath @loader_path/.dylibs (delocate's layout), and that library
clang -target arm64-apple-macos11 -fuse-ld=lld -bundle -undefined dynamic_lookup -isysroot "$work/sdk" \
  "$src/uses_lib.c" "$src/sdk/libhelper.tbd" -Wl,-rpath,@loader_path/.dylibs -o "$out/macho/ext-arm64-rpath.so"
clang -target arm64-apple-macos11 -fuse-ld=lld -dynamiclib -nostdlib -isysroot "$work/sdk" \
  -Wl,-install_name,@rpath/libhelper.dylib "$src/helper.c" -o "$out/macho/libhelper.dylib"

# --- ELF ---
gcc -shared -fPIC -O1 -o "$out/elf/ext-x86_64.so" "$src/ext.c"
gcc -shared -fPIC -O1 -o "$out/elf/ext-x86_64-glibc234.so" "$src/uses_threads.c"
gcc -shared -fPIC -O1 -Wl,-soname,libhelper.so.1 -o "$work/libhelper.so.1" "$src/helper.c"
cp "$work/libhelper.so.1" "$out/elf/libhelper.so.1"
gcc -shared -fPIC -O1 -Wl,-rpath,'$ORIGIN/../demo.libs' -o "$out/elf/ext-x86_64-libhelper.so" "$src/uses_lib.c" "$work/libhelper.so.1"
# the split layout of a wheel whose libraries another distribution installs beside it (RUNPATH into
# a folder of the package that this wheel does not ship)
gcc -shared -fPIC -O1 -Wl,-rpath,'$ORIGIN/vendor/lib' -o "$out/elf/ext-x86_64-split.so" "$src/uses_lib.c" "$work/libhelper.so.1"
# a module needing two libraries that no manylinux policy allows (the second is the helper under another soname)
gcc -shared -fPIC -O1 -Wl,-soname,libother.so.2 -o "$work/libother.so.2" "$src/helper.c"
gcc -shared -fPIC -O1 -Wl,--no-as-needed -o "$out/elf/ext-x86_64-two-libs.so" "$src/uses_lib.c" "$work/libhelper.so.1" "$work/libother.so.2"
# a module of a prefix layout (prefix/lib/pythonX.Y/site-packages/pkg) reading the prefix's lib folder
gcc -shared -fPIC -O1 -Wl,-rpath,'$ORIGIN/../../../../lib' -o "$out/elf/ext-x86_64-prefix.so" "$src/uses_lib.c" "$work/libhelper.so.1"
clang -target aarch64-linux-gnu -fuse-ld=lld -shared -fPIC -nostdlib -o "$out/elf/ext-aarch64.so" "$src/ext.c"
# a musl-linked module: a stub libc with musl's soname stands in for musl at link time
clang -target x86_64-linux-musl -fuse-ld=lld -shared -fPIC -nostdlib -Wl,-soname,libc.musl-x86_64.so.1 \
  -o "$work/libc.musl-x86_64.so.1" "$src/helper.c"
clang -target x86_64-linux-musl -fuse-ld=lld -shared -fPIC -nostdlib -Wl,--dynamic-linker=/lib/ld-musl-x86_64.so.1 \
  -o "$out/elf/ext-x86_64-musl.so" "$src/uses_lib.c" "$work/libc.musl-x86_64.so.1"

# a C++ module built with this system's g++ (Debian 12, GCC 12): std::thread and a sized delete
# need GLIBCXX_3.4.22 and CXXABI_1.3.9 from libstdc++, newer than manylinux2014 (CentOS 7) has
g++ -shared -fPIC -O1 -o "$out/elf/ext-x86_64-cxx.so" "$src/cxx_threads.cpp"
# an executable stack (PT_GNU_STACK with PF_X), as old assembly without .note.GNU-stack gives
gcc -shared -fPIC -O1 -Wl,-z,execstack -o "$out/elf/ext-x86_64-execstack.so" "$src/ext.c"
# code built for x86-64-v3 (AVX2): -mneeded records GNU_PROPERTY_X86_ISA_1_NEEDED in a property note
gcc -shared -fPIC -O3 -march=x86-64-v3 -mneeded -o "$out/elf/ext-x86_64-v3.so" "$src/ext.c" "$src/vector_loop.c"

# torch's split layout in small: two $ORIGIN folders of the nvidia-* wheels, and the driver's libcuda.so.1
for so in libcublas.so.12 libcudnn.so.9 libcuda.so.1; do
  gcc -shared -fPIC -O1 -Wl,-soname,$so -o "$work/$so" "$src/helper.c"
done
gcc -shared -fPIC -O1 -Wl,--no-as-needed -Wl,-rpath,'$ORIGIN/../nvidia/cublas/lib:$ORIGIN/../nvidia/cudnn/lib' \
  -o "$out/elf/ext-x86_64-cuda-split.so" "$src/uses_lib.c" "$work/libcublas.so.12" "$work/libcudnn.so.9" "$work/libcuda.so.1"

# a helper executable (with a program interpreter), not a loadable library
gcc -O1 -o "$out/elf/tool-x86_64" "$src/tool.c"

# --- PE (lld-link; python3.dll import library from a .def) ---
llvm-dlltool -d "$src/python3.def" -l "$work/python3-amd64.lib" -m i386:x86-64
llvm-dlltool -d "$src/python3.def" -l "$work/python3-arm64.lib" -m arm64
clang --target=x86_64-pc-windows-msvc -fuse-ld=lld -nostdlib -shared -Wl,-noentry -Wl,/Brepro \
  "$src/ext.c" "$work/python3-amd64.lib" -o "$out/pe/ext-amd64.pyd"
clang --target=aarch64-pc-windows-msvc -fuse-ld=lld -nostdlib -shared -Wl,-noentry -Wl,/Brepro \
  "$src/ext.c" "$work/python3-arm64.lib" -o "$out/pe/ext-arm64.pyd"
# a module importing a private foo.dll, which the wheel does not carry
llvm-dlltool -d "$src/foo.def" -l "$work/foo-amd64.lib" -m i386:x86-64
clang --target=x86_64-pc-windows-msvc -fuse-ld=lld -nostdlib -shared -Wl,-noentry -Wl,/Brepro \
  "$src/uses_foo_dll.c" "$work/python3-amd64.lib" "$work/foo-amd64.lib" -o "$out/pe/ext-amd64-foo.pyd"
# a helper executable (no DLL flag)
clang --target=x86_64-pc-windows-msvc -fuse-ld=lld -nostdlib -Wl,-entry:main -Wl,-subsystem:console -Wl,/Brepro \
  "$src/tool.c" -o "$out/pe/tool-amd64.exe"
rm -f "$out"/pe/*.lib "$out"/pe/*.exp

# --- bundled jars: the same class compiled for Java 8 (major 52) and Java 17 (major 61) ---
for rel in 8 17; do
  mkdir -p "$work/java$rel"
  javac -nowarn --release "$rel" -d "$work/java$rel" "$src/java/Helper.java" 2>/dev/null
  (cd "$work/java$rel" && jar --create --file "$out/jar/helper-java$rel.jar" --date=1980-01-02T00:00:00Z demo/Helper.class)
done

# --- a real wheel built by Python's own tools (FIXTURES.md) ---
cp -r "$src/hello_ext" "$work/hello_ext"
(cd "$work/hello_ext" && SOURCE_DATE_EPOCH=315532800 LDSHARED="gcc -shared" CFLAGS="-g0" \
  /usr/bin/python3 -m build --wheel --no-isolation --outdir "$work/dist" . >/dev/null 2>&1)
rm -f "$out"/real/*.whl
cp "$work"/dist/*.whl "$out/real/"

ls -l "$out"/*/
