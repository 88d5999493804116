#!/usr/bin/env python3
"""Writes rules/tables/windows-dlls.json: the DLLs `repair` never bundles into a Windows wheel,
from delvewheel's own lists.

delvewheel (https://github.com/adang1345/delvewheel) keeps them in delvewheel/_dll_list.py:
per machine (x86, x64, arm64) the lower-case names of every DLL present on Windows 7 SP1 and
later ("ignore_names_*", the System32/SysWOW64 folders of the installation media), regular
expressions of names left to the interpreter or to Windows ("ignore_regexes": python3X.dll,
PyPy's and GraalPy's DLLs, the api-* API sets, combase.dll), the C runtime DLLs each CPython
ABI and platform ships ("ignore_by_abi_platform", "ignore_abi3"), and dependencies never
followed ("ignore_dependency"). This script loads that module from a checkout (it imports only
the standard library) and writes our table in our own shape, recording where it came from.
delvewheel's file is not kept in this repository; point the script at a checkout:

    python3 scripts/make-windows-dll-table.py DELVEWHEEL_CHECKOUT [OUT]

It refuses a module whose shape it does not know, so a change upstream is noticed, not copied.
"""
import importlib.util
import json
import os
import re
import subprocess
import sys

if len(sys.argv) < 2:
    sys.exit("usage: make-windows-dll-table.py DELVEWHEEL_CHECKOUT [OUT]")
checkout = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else "rules/tables/windows-dlls.json"
src = os.path.join(checkout, "delvewheel", "_dll_list.py")
spec = importlib.util.spec_from_file_location("delvewheel_dll_list", src)
if spec is None or not os.path.isfile(src):
    sys.exit(f"{src}: no such file (is {checkout} a delvewheel checkout?)")
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)

for attr in ("ignore_names", "ignore_regexes", "ignore_by_abi_platform", "ignore_abi3", "ignore_dependency", "MachineType"):
    if not hasattr(mod, attr):
        sys.exit(f"{src}: has no {attr}; delvewheel's layout changed")
machines = {"I386": "x86", "AMD64": "amd64", "ARM64": "arm64"}
names = {}
for machine, listed in mod.ignore_names.items():
    key = machines.get(machine.name)
    if key is None:
        sys.exit(f"{src}: unknown machine {machine.name} in ignore_names")
    if not all(isinstance(n, str) and n == n.lower() and n.endswith((".dll", ".drv")) for n in listed):
        sys.exit(f"{src}: ignore_names[{machine.name}] holds a name that is not a lower-case .dll/.drv file name")
    names[key] = sorted(listed)
if set(names) != set(machines.values()):
    sys.exit(f"{src}: ignore_names covers {sorted(names)}, expected x86, amd64 and arm64")


def table(d, what):
    rows = []
    for pattern, dlls in d.items():
        re.compile(pattern)
        if not all(isinstance(n, str) and n.endswith(".dll") for n in dlls):
            sys.exit(f"{src}: {what}[{pattern!r}] holds a name that is not a .dll file name")
        rows.append({"tags": pattern, "dlls": sorted(dlls)})
    return rows


try:
    commit = subprocess.run(["git", "-C", checkout, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
except (OSError, subprocess.CalledProcessError):
    commit = "unknown"
doc = {
    "source": "delvewheel delvewheel/_dll_list.py at " + commit,
    "regexes": sorted(r.pattern for r in mod.ignore_regexes),
    "byAbiPlatform": table(mod.ignore_by_abi_platform, "ignore_by_abi_platform"),
    "byAbi3": table(mod.ignore_abi3, "ignore_abi3"),
    "dependencies": {k: sorted(v) for k, v in sorted(mod.ignore_dependency.items())},
    "system": names,
}
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
print(f"{out}: {sum(len(v) for v in names.values())} system DLL names, {len(doc['regexes'])} patterns")
