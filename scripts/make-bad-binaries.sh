#!/usr/bin/env bash
# Builds the malformed binaries of testdata/binaries/bad/: crafted Mach-O from the YAML in
# scripts/fixtures/binary/bad/ (yaml2obj writes counts, sizes and offsets exactly as given),
# good fixtures cut short with head -c, and good fixtures with one header field overwritten.
# The error each file must give is asserted by MalformedBinaryTest.
# Usage: make-bad-binaries.sh OUT_DIR   (OUT_DIR holds the good fixtures already)
set -euo pipefail
export PATH=/usr/lib/llvm-14/bin:$PATH
here="$(cd "$(dirname "$0")" && pwd)"
good="$1"
out="$good/bad"
mkdir -p "$out"
rm -f "$out"/*.bin

# poke FILE OFFSET BYTES... : overwrite bytes (given as two-digit hex) at a decimal offset.
poke() {
  local file=$1 off=$2; shift 2
  local esc=""
  for b in "$@"; do esc+="\\x$b"; done
  printf "$esc" | dd of="$file" bs=1 seek="$off" conv=notrunc status=none
}

for y in "$here"/fixtures/binary/bad/*.yaml; do
  yaml2obj "$y" -o "$out/$(basename "${y%.yaml}").bin"
done
# yaml2obj cannot write a cmdsize below the command's own size: write 24, then zero it.
# Second load command starts at 32 (header) + 24; its cmdsize is 4 bytes further.
poke "$out/macho-cmdsize-zero.bin" 60 00 00 00 00
# yaml2obj pads a slice to its declared size: cut the file to leave the slice past the end.
head -c 4200 "$out/macho-fat-slice-past-eof.bin" > "$out/macho-fat-slice-past-eof.tmp"
mv "$out/macho-fat-slice-past-eof.tmp" "$out/macho-fat-slice-past-eof.bin"

head -c 20 "$good/macho-arm64.so" > "$out/macho-truncated-header.bin"
head -c 300 "$good/macho-x86_64-10.9.so" > "$out/macho-truncated-load-commands.bin"
head -c 5000 "$good/macho-universal2.so" > "$out/macho-fat-truncated.bin"
head -c 40 "$good/elf-x86_64-plain.so" > "$out/elf-truncated-header.bin"
cp "$good/elf-x86_64-plain.so" "$out/elf-section-headers-past-eof.bin"
poke "$out/elf-section-headers-past-eof.bin" 40 00 00 00 00 01 00 00 00        # e_shoff = 2^32
cp "$good/elf-x86_64-plain.so" "$out/elf-program-headers-past-eof.bin"
poke "$out/elf-program-headers-past-eof.bin" 32 00 00 f0 7f 00 00 00 00        # e_phoff = 0x7ff00000
cp "$good/pe-x86_64.pyd" "$out/pe-lfanew-outside-file.bin"
poke "$out/pe-lfanew-outside-file.bin" 60 00 00 ff 7f                          # e_lfanew = 0x7fff0000
head -c 100 "$good/pe-x86_64.pyd" > "$out/pe-truncated.bin"
