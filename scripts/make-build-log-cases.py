#!/usr/bin/env python3
"""Writes the cases of the WW-B log rules from scripts/buildlogs/cases.py.

For each case: rules/build/<rule>/cases/fail-<slug>.log (or pass-<slug>.log), and for a fail
case fail-<slug>.expected.yaml with the exact message (the rule's message template filled with
the values the case says its patterns must capture), the 1-based line of the root cause and,
optionally, a piece of the evidence. Regenerating gives identical files.

Usage: scripts/make-build-log-cases.py   (needs PyYAML to read the rule templates)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "buildlogs"))

import yaml  # noqa: E402

from cases import CASES  # noqa: E402
from frames import ROOT  # noqa: E402

RULES = os.path.join(HERE, "..", "rules", "build")


def main():
    written = 0
    seen = set()
    for c in CASES:
        kind = "fail" if c.captures is not None else "pass"
        name = f"{kind}-{c.slug}"
        if (c.rule, name) in seen:
            sys.exit(f"duplicate case {c.rule}/{name}")
        seen.add((c.rule, name))
        rule_dir = os.path.join(RULES, c.rule)
        with open(os.path.join(rule_dir, "rule.yaml"), encoding="utf-8") as f:
            rule = yaml.safe_load(f)
        roots = [i for i, l in enumerate(c.lines) if l.startswith(ROOT)]
        if kind == "fail" and len(roots) != 1:
            sys.exit(f"{c.rule}/{name}: expected exactly one marked line, found {len(roots)}")
        if kind == "pass" and roots:
            sys.exit(f"{c.rule}/{name}: a pass case has no root cause")
        text_lines = [l[len(ROOT):] if l.startswith(ROOT) else l for l in c.lines]
        eol = "\r\n" if c.crlf else "\n"
        os.makedirs(os.path.join(rule_dir, "cases"), exist_ok=True)
        log = os.path.join(rule_dir, "cases", name + ".log")
        with open(log, "w", encoding="utf-8", newline="") as f:
            f.write(eol.join(text_lines) + eol)
        written += 1
        exp = os.path.join(rule_dir, "cases", name + ".expected.yaml")
        if kind == "pass":
            if os.path.exists(exp):
                os.remove(exp)
            continue
        message = rule["message"].format(**c.captures)
        out = ["findings:", f"  - message: {json.dumps(message, ensure_ascii=False)}",
               f"    location: {{file: {name}.log, line: {roots[0] + 1}}}"]
        if c.evidence:
            out.append(f"    evidence-contains: {json.dumps(c.evidence, ensure_ascii=False)}")
        with open(exp, "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
    print(f"wrote {written} case logs", file=sys.stderr)


if __name__ == "__main__":
    main()
