#!/usr/bin/env python3
"""Writes rules/tables/spdx-licenses.json: the SPDX license and exception identifiers that
license-expression-invalid (WW-W023) accepts, with the SPDX License List version they come from.

The identifiers are taken from an installed `packaging` (24.2 or later), which carries the SPDX
list it validates PEP 639 License-Expression values against, so that wheelwright accepts exactly
what build back-ends and PyPI's tooling accept. Run it with a Python that has packaging:

    python3 scripts/make-spdx-table.py [OUT]
"""
import json
import sys

try:
    import packaging
    from packaging.licenses import _spdx
except ImportError:
    sys.exit("make-spdx-table.py: needs packaging 24.2 or later (pip install 'packaging>=24.2')")

out = sys.argv[1] if len(sys.argv) > 1 else "rules/tables/spdx-licenses.json"
table = {
    "source": "SPDX License List (https://spdx.org/licenses/), as packaging %s carries it" % packaging.__version__,
    "version": _spdx.VERSION,
    "licenses": sorted(v["id"] for v in _spdx.LICENSES.values()),
    "deprecatedLicenses": sorted(v["id"] for v in _spdx.LICENSES.values() if v["deprecated"]),
    "exceptions": sorted(v["id"] for v in _spdx.EXCEPTIONS.values()),
    "deprecatedExceptions": sorted(v["id"] for v in _spdx.EXCEPTIONS.values() if v["deprecated"]),
}
with open(out, "w", encoding="utf-8") as f:
    json.dump(table, f, indent=1)
    f.write("\n")
print("%s: SPDX %s, %d licenses, %d exceptions" % (out, table["version"], len(table["licenses"]), len(table["exceptions"])))
