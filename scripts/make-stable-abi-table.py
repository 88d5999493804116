#!/usr/bin/env python3
"""Writes rules/tables/stable-abi.json: the symbols of CPython's stable ABI (PEP 384, PEP 652) with
the version each was added in, which abi3-symbol-not-stable (WW-E012) judges abi3 wheels with.

CPython lists the Limited API and the Stable ABI in Misc/stable_abi.toml. This script reads that
file and keeps only what a binary can import: the `function` and `data` items (structs, macros,
constants and typedefs never appear as symbols), each with its kind, the version it was added in,
`abi_only` (part of the ABI, not of the API: private helpers that public macros call, such as
_Py_Dealloc) and `ifdef` (only present when a feature macro is defined, e.g. MS_WINDOWS,
HAVE_FORK). The toml is not kept in this repository; point the script at a copy and say where the
copy comes from (repository, path, commit or CPython version):

    python3 scripts/make-stable-abi-table.py STABLE_ABI_TOML "SOURCE" [OUT]

It needs Python 3.11+ (tomllib) and refuses a file whose shape it does not know, so that a format
change upstream is noticed, not copied.
"""
import hashlib
import json
import re
import sys

try:
    import tomllib
except ImportError:
    sys.exit("make-stable-abi-table.py: needs Python 3.11 or later (tomllib)")

if len(sys.argv) < 3:
    sys.exit('usage: make-stable-abi-table.py STABLE_ABI_TOML "SOURCE" [OUT]')
src, source = sys.argv[1], sys.argv[2]
out = sys.argv[3] if len(sys.argv) > 3 else "rules/tables/stable-abi.json"
try:
    with open(src, "rb") as f:
        raw = f.read()
    doc = tomllib.loads(raw.decode("utf-8"))
except (OSError, ValueError) as e:
    sys.exit("make-stable-abi-table.py: %s: %s" % (src, e))

for key in ("function", "data", "feature_macro"):
    if not isinstance(doc.get(key), dict) or not doc[key]:
        sys.exit("make-stable-abi-table.py: %s: no [%s.*] items; the format changed?" % (src, key))

VERSION = re.compile(r"3\.\d+")
feature_macros = sorted(doc["feature_macro"])
symbols = {}
for kind in ("function", "data"):
    for name, body in doc[kind].items():
        added = body.get("added")
        if not isinstance(added, str) or not VERSION.fullmatch(added):
            sys.exit("make-stable-abi-table.py: %s: %s.%s has no 'added' version (%r)" % (src, kind, name, added))
        unknown = set(body) - {"added", "abi_only", "ifdef", "doc"}
        if unknown:
            sys.exit("make-stable-abi-table.py: %s: %s.%s has unknown keys %s" % (src, kind, name, sorted(unknown)))
        if name in symbols:
            sys.exit("make-stable-abi-table.py: %s: %s is listed twice" % (src, name))
        entry = {"kind": kind, "added": added}
        if body.get("abi_only"):
            entry["abi_only"] = True
        if "ifdef" in body:
            if body["ifdef"] not in doc["feature_macro"]:
                sys.exit("make-stable-abi-table.py: %s: %s names an unknown feature macro %s" % (src, name, body["ifdef"]))
            entry["ifdef"] = body["ifdef"]
        symbols[name] = entry

newest = max((e["added"] for e in symbols.values()), key=lambda v: int(v.split(".")[1]))
table = {
    "about": "CPython's stable ABI: every function and data symbol an abi3 extension may import, with the "
             "CPython version it was added in (an abi3 wheel tagged cp3X may import only symbols added in 3.X "
             "or earlier), abi_only (in the ABI, not the Limited API) and ifdef (present only when that feature "
             "macro is defined). Written by scripts/make-stable-abi-table.py.",
    "source": source,
    "sha256": hashlib.sha256(raw).hexdigest(),
    "newest": newest,
    "feature_macros": feature_macros,
    "symbols": dict(sorted(symbols.items())),
}
with open(out, "w", encoding="utf-8") as f:
    f.write("{\n")
    for key in ("about", "source", "sha256", "newest", "feature_macros"):
        f.write(" %s: %s,\n" % (json.dumps(key), json.dumps(table[key])))
    f.write(' "symbols": {\n')
    rows = ["  %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in table["symbols"].items()]
    f.write(",\n".join(rows))
    f.write("\n }\n}\n")
print("%s: %d symbols (%d functions, %d data), newest %s" % (
    out, len(symbols), sum(e["kind"] == "function" for e in symbols.values()),
    sum(e["kind"] == "data" for e in symbols.values()), newest))
