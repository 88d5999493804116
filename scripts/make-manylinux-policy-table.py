#!/usr/bin/env python3
"""Writes rules/tables/manylinux-policy.json: the manylinux policies wheelwright judges ELF
binaries with (audit, retag, doctor --wheelhouse), from auditwheel's own policy file.

auditwheel (https://github.com/pypa/auditwheel) keeps its policies in
src/auditwheel/policy/manylinux-policy.json: per policy the libraries a wheel may expect from the
system ("lib_whitelist") and, per arch, every symbol version each versioned library family
provides there ("symbol_versions": GLIBC, GLIBCXX, CXXABI, GCC, ZLIB, LIBATOMIC). This script
reads that file from a checkout and writes our table in our own shape (oldest policy first, the
glibc each PEP 600 name stands for, the arch's dynamic loader), recording where it came from.
auditwheel's file is not kept in this repository; point the script at a checkout:

    python3 scripts/make-manylinux-policy-table.py AUDITWHEEL_CHECKOUT [OUT]

It refuses a file whose shape it does not know, so a change upstream is noticed, not copied.
"""
import json
import os
import re
import subprocess
import sys

if len(sys.argv) < 2:
    sys.exit("usage: make-manylinux-policy-table.py AUDITWHEEL_CHECKOUT [OUT]")
checkout = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else "rules/tables/manylinux-policy.json"
src = os.path.join(checkout, "src/auditwheel/policy/manylinux-policy.json")
try:
    with open(src, encoding="utf-8") as f:
        upstream = json.load(f)
except (OSError, ValueError) as e:
    sys.exit("make-manylinux-policy-table.py: %s: %s" % (src, e))


def git(*args):
    try:
        return subprocess.run(["git", "-C", checkout] + list(args), capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


described = git("describe", "--tags", "--always") or "unknown version"
commit = git("rev-parse", "HEAD") or "unknown commit"

# The dynamic loader of each arch: auditwheel leaves it out of every check (elfutils
# elf_find_versioned_symbols, lddtree), so a policy allows it on its arch.
LOADERS = {
    "x86_64": "ld-linux-x86-64.so.2",
    "i686": "ld-linux.so.2",
    "aarch64": "ld-linux-aarch64.so.1",
    "armv7l": "ld-linux-armhf.so.3",
    "ppc64le": "ld64.so.2",
    "ppc64": "ld64.so.1",
    "s390x": "ld64.so.1",
    "riscv64": "ld-linux-riscv64-lp64d.so.1",
    "loongarch64": "ld-linux-loongarch-lp64d.so.1",
}
FAMILIES = {"GLIBC", "GLIBCXX", "CXXABI", "GCC", "ZLIB", "LIBATOMIC"}


def key(v):
    return [int(p) if p.isdigit() else -1 for p in re.split(r"[._]", v)]


policies = []
for p in upstream:
    if p["name"] == "linux":
        continue
    m = re.fullmatch(r"manylinux_(\d+)_(\d+)", p["name"])
    if not m:
        sys.exit("make-manylinux-policy-table.py: unknown policy name %r" % p["name"])
    archs = {}
    for arch, fams in sorted(p["symbol_versions"].items()):
        if arch not in LOADERS:
            sys.exit("make-manylinux-policy-table.py: %s: arch %r has no known loader" % (p["name"], arch))
        unknown = set(fams) - FAMILIES
        if unknown:
            sys.exit("make-manylinux-policy-table.py: %s/%s: unknown families %s" % (p["name"], arch, sorted(unknown)))
        archs[arch] = {fam: sorted(vs, key=key) for fam, vs in sorted(fams.items())}
    policies.append({
        "name": p["name"],
        "aliases": p["aliases"],
        "glibc": "%d.%d" % (int(m.group(1)), int(m.group(2))),
        "libraries": p["lib_whitelist"],
        "symbolVersions": archs,
    })
policies.sort(key=lambda p: key(p["glibc"]))

table = {
    "about": "manylinux policies, oldest first (PEP 513 manylinux1 = manylinux_2_5, PEP 571 manylinux2010 = "
             "manylinux_2_12, PEP 599 manylinux2014 = manylinux_2_17, PEP 600 manylinux_x_y = glibc x.y). For each: "
             "the libraries a wheel may expect the system to provide (besides the arch's dynamic loader), and per arch "
             "the policy is defined for, every symbol version each versioned family (the part of a version name before "
             "its first '_': GLIBC, GLIBCXX, CXXABI, GCC, ZLIB, LIBATOMIC) provides on the policy's reference system; "
             "an empty list allows none, a family not listed is not judged. Written by "
             "scripts/make-manylinux-policy-table.py.",
    "source": "pypa/auditwheel %s (commit %s), src/auditwheel/policy/manylinux-policy.json" % (described, commit),
    "loaders": LOADERS,
    "policies": policies,
}
text = json.dumps(table, indent=1)
# lists of strings on one line each: the table stays readable in a diff
text = re.sub(r"\[\s*((?:\"[^\"]*\",?\s*)*)\]",
              lambda m: "[" + ", ".join(re.findall(r'"[^"]*"', m.group(1))) + "]", text)
with open(out, "w", encoding="utf-8") as f:
    f.write(text + "\n")
print("%s: %d policies from auditwheel %s" % (out, len(policies), described))
