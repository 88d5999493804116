#!/usr/bin/env bash
# Builds the native-binary fixtures under testdata/binaries/ from the sources in
# scripts/fixtures/binary/: Mach-O (clang/lld cross-linked for macOS, no SDK needed), ELF (gcc,
# and clang for other Linux arches), PE (clang + lld-link with import libraries from
# llvm-dlltool), jars (javac), and deliberately malformed files (yaml2obj, head -c).
# Needs clang-14, lld-14, gcc and the LLVM 14 tools; see testdata/README.md.
set -euo pipefail
export PATH=/usr/lib/llvm-14/bin:$PATH
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/fixtures/binary"
out="$here/../testdata/binaries"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.o "$out"/*.so "$out"/*.dylib "$out"/*.pyd "$out"/*.jar "$out"/*.bin
cd "$src"

# --- Mach-O ---------------------------------------------------------------------------------
# arm64: ad-hoc, linker-signed LC_CODE_SIGNATURE; LC_BUILD_VERSION minos 11.0, sdk 13.1.
clang -target arm64-apple-macos11 -fuse-ld=lld -bundle -undefined dynamic_lookup -nostdlib \
    -Wl,-platform_version,macos,11.0,13.1 -o "$out/macho-arm64.so" ext.c
# x86_64 for 10.9: LC_VERSION_MIN_MACOSX.
clang -target x86_64-apple-macos10.9 -fuse-ld=lld -bundle -undefined dynamic_lookup -nostdlib \
    -o "$out/macho-x86_64-10.9.so" ext.c
# x86_64 for 10.14: LC_BUILD_VERSION.
clang -target x86_64-apple-macos10.14 -fuse-ld=lld -bundle -undefined dynamic_lookup -nostdlib \
    -o "$out/macho-x86_64-10.14.so" ext.c
# universal2 (x86_64 then arm64, as lipo orders them).
llvm-lipo -create "$out/macho-arm64.so" "$out/macho-x86_64-10.9.so" -output "$out/macho-universal2.so"
# dylibs with absolute, @rpath and weak load commands, an install name and two rpaths,
# linked against text stubs in a fake sysroot.
clang -target x86_64-apple-macos10.14 -fuse-ld=lld -shared -isysroot sdk \
    -o "$out/macho-x86_64-libs.dylib" ffi_user.c libffi.tbd libhelper.tbd \
    -Wl,-rpath,@loader_path/.dylibs -Wl,-install_name,@rpath/libffiuser.dylib
clang -target arm64-apple-macos11 -fuse-ld=lld -shared -isysroot sdk \
    -o "$out/macho-arm64-libs.dylib" ffi_user.c libhelper.tbd -Wl,-weak_library,libffi.tbd \
    -Wl,-rpath,@loader_path/.dylibs -Wl,-rpath,/opt/homebrew/lib -Wl,-install_name,@rpath/libffiuser.dylib \
    -Wl,-platform_version,macos,12.0,13.1
# --- ELF ------------------------------------------------------------------------------------
gcc -shared -fPIC -O1 -Wl,--hash-style=gnu -o "$out/elf-x86_64-plain.so" plain.c
gcc -shared -fPIC -O1 -o "$out/elf-x86_64-glibc234.so" glibc234.c -lm
gcc -shared -fPIC -O1 -Wl,-soname,libhelper.so.1 -o "$work/libhelper.so.1" helper.c
cp "$work/libhelper.so.1" "$out/elf-x86_64-libhelper.so"
gcc -shared -fPIC -O1 -o "$out/elf-x86_64-runpath.so" uses_helper.c -L"$work" -l:libhelper.so.1 \
    -Wl,--enable-new-dtags,-rpath,'$ORIGIN/../helper.libs'
gcc -shared -fPIC -O1 -o "$out/elf-x86_64-rpath.so" uses_helper.c -L"$work" -l:libhelper.so.1 \
    -Wl,--disable-new-dtags,-rpath,/opt/vendor/lib
# musl: an executable whose interpreter is musl's loader, and a module that needs musl's libc
# (a stub with musl's soname stands in for the real library).
gcc -O1 -o "$out/elf-x86_64-musl-interp" main.c -Wl,--dynamic-linker=/lib/ld-musl-x86_64.so.1
clang -fuse-ld=lld -shared -fPIC -nostdlib -O1 -Wl,-soname,libc.musl-x86_64.so.1 -o "$work/libc.musl-x86_64.so.1" bare.c
clang -fuse-ld=lld -shared -fPIC -nostdlib -O1 -o "$out/elf-x86_64-musl.so" uses_helper.c "$work/libc.musl-x86_64.so.1" \
    -Wl,--unresolved-symbols=ignore-all
# Other Linux arches, without a C library.
for t in aarch64-linux-gnu i686-linux-gnu armv7-linux-gnueabihf powerpc64le-linux-gnu riscv64-linux-gnu; do
  clang --target="$t" -fuse-ld=lld -shared -fPIC -nostdlib -O1 -o "$out/elf-${t%%-*}-bare.so" bare.c
done
# lld 14 cannot link s390x: a relocatable object still carries the machine.
clang --target=s390x-linux-gnu -c -O1 -o "$out/elf-s390x-bare.o" bare.c

# --- PE -------------------------------------------------------------------------------------
# Import libraries from .def files; i686 uses stdcall-decorated names.
for t in x86_64 i686 aarch64; do
  case $t in x86_64) m=i386:x86-64; d=""; k="";; i686) m=i386; d="@0"; k="-k";; aarch64) m=arm64; d=""; k="";; esac
  u4="${d:+@4}"
  printf 'LIBRARY python39.dll\nEXPORTS\n  PyModule_Create2\n' > "$work/python39.def"
  printf 'LIBRARY KERNEL32.dll\nEXPORTS\n  GetLastError%s\n' "$d" > "$work/kernel32.def"
  printf 'LIBRARY USER32.dll\nEXPORTS\n  MessageBeep%s\n' "$u4" > "$work/user32.def"
  for lib in python39 kernel32 user32; do
    llvm-dlltool $k -m $m -d "$work/$lib.def" -l "$work/$lib-$t.lib"
  done
  clang --target=$t-pc-windows-msvc -c -O1 -o "$work/win-$t.obj" win.c
  lld-link /nologo /dll /nodefaultlib /entry:_DllMainCRTStartup /out:"$out/pe-$t.pyd" "$work/win-$t.obj" \
      "$work/python39-$t.lib" "$work/kernel32-$t.lib" "$work/user32-$t.lib" /delayload:USER32.dll \
      /brepro /implib:"$work/ext-$t.lib"
done

# --- Jars -----------------------------------------------------------------------------------
mkdir -p "$work/j8" "$work/j17"
javac --release 8 -d "$work/j8" Hello8.java
javac --release 17 -d "$work/j17" Hello17.java
(cd "$work/j8" && jar --create --file "$out/java8.jar" --date=2020-01-01T00:00:00Z fixture)
(cd "$work/j17" && cp -r "$work/j8/fixture" . && jar --create --file "$out/java17.jar" --date=2020-01-01T00:00:00Z fixture)

# --- Malformed ------------------------------------------------------------------------------
"$here/make-bad-binaries.sh" "$out"
ls -l "$out"
