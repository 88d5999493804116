#!/usr/bin/env python3
"""Score `wheelwright doctor --log` against the real-log development corpus.

Usage: scripts/score-log-corpus.py [--labels FILE] [--excerpts DIR] [--wheelwright CMD] [-v]

The labels (testdata/logs/corpus/LABELS.tsv) are committed; the excerpts they name
(testdata/logs/corpus/excerpts/<id>.log) are not: they are copies of public issue threads
and stay on the machine that collected them. Labels whose excerpt is absent are skipped
(and counted in a note).

Columns of LABELS.tsv (tab-separated, header line first):
  id        excerpt id; the excerpt is excerpts/<id>.log
  thread    where it was found (owner/repo#number)
  problem   the rule name of the root cause (a WW-B name such as compiler-missing), or
            `none` for a log that shows no failure, or a non-build cause: network-error,
            hash-mismatch, dependency-conflict, test-failure, unrecognised-build-failure
  decisive  the decisive line, paraphrased (what to search the excerpt for)
  frontend  the tool that printed the log (pip 22, easy_install, cibuildwheel 2, ld64, ...)
  year      the year of the thread
  also      optional: comma-separated names of further findings that the log really shows
            (accepted as secondary findings for this excerpt)

Definitions (per excerpt, findings compared by rule name):
  recall     an excerpt counts as found when its labelled problem is among the findings.
             Computed over every excerpt whose label is not `none`.
  precision  of all findings reported, the share that is correct. A finding is correct
             when it is the labelled problem, a name listed in `also`, or one of the
             context findings (no-wheel-for-target, old-pip-platform-tags,
             cross-compiled-untested) on an excerpt labelled with a *build* problem: those
             state facts the log shows (a source build, an old pip, an untested
             cross-build) next to the root cause. On a negative (`none`, network-error,
             hash-mismatch, dependency-conflict, test-failure) every finding other than
             the label (and `also`) is false, so a negative that gets a build-problem
             finding counts as a false positive.
Per problem, recall is over the excerpts with that label and precision over the findings
with that rule name (so a false finding is charged to the rule that made it).

Exit status 0 whatever the figures; 2 on a usage error.
"""
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

# negatives: logs whose failure (if any) is not the package's build
NEGATIVE = {"none", "network-error", "hash-mismatch", "dependency-conflict", "test-failure"}
CONTEXT = {"no-wheel-for-target", "old-pip-platform-tags", "cross-compiled-untested"}


def usage(msg):
    print(f"score-log-corpus: {msg}", file=sys.stderr)
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    opts = {
        "labels": os.path.join(root, "testdata", "logs", "corpus", "LABELS.tsv"),
        "excerpts": None,
        "wheelwright": os.path.join(root, "bin", "wheelwright"),
        "verbose": False,
    }
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        if a in ("-v", "--verbose"):
            opts["verbose"] = True
        elif a in ("--labels", "--excerpts", "--wheelwright"):
            if i + 1 >= len(argv):
                usage(f"{a} needs a value")
            opts[a[2:]] = argv[i + 1]
            i += 1
        else:
            usage(f"unknown argument {a}")
        i += 1
    if opts["excerpts"] is None:
        opts["excerpts"] = os.path.join(os.path.dirname(opts["labels"]), "excerpts")
    if not os.path.isfile(opts["labels"]):
        usage(f"{opts['labels']}: no such labels file")
    return opts


def read_labels(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[:6] != ["id", "thread", "problem", "decisive", "frontend", "year"]:
            usage(f"{path}: unexpected header {header}")
        for n, line in enumerate(f, start=2):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) < 6:
                usage(f"{path}:{n}: expected at least 6 tab-separated columns, got {len(cols)}")
            also = set(x.strip() for x in cols[6].split(",") if x.strip()) if len(cols) > 6 else set()
            rows.append({"id": cols[0], "thread": cols[1], "problem": cols[2],
                         "frontend": cols[4], "year": cols[5], "also": also})
    return rows


def run_doctor(cmd, paths, workdir):
    """One doctor run over several logs (one JVM); findings are grouped by their file.
    Returns {path: [names]} or (None, error)."""
    args = [cmd, "doctor", "--format", "json", "--fail-on", "never"]
    for path in paths:
        args += ["--log", path]
    args.append(workdir)      # an empty project folder: only the logs are diagnosed
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        data = json.loads(p.stdout)
    except ValueError:
        return None, (p.stderr.strip().splitlines() or ["no output"])[-1]
    out = {path: [] for path in paths}
    for f in data.get("findings", []):
        loc = (f.get("location") or {}).get("file")
        for path in paths:
            if loc == path:
                out[path].append(f.get("name") or f.get("rule"))
                break
    return out, None


def run_all(cmd, paths, batch=40):
    results, errors = {}, {}
    with tempfile.TemporaryDirectory() as workdir:
        for k in range(0, len(paths), batch):
            chunk = paths[k:k + batch]
            out, err = run_doctor(cmd, chunk, workdir)
            if out is None:           # fall back to one run per log to find the culprit
                for path in chunk:
                    one, err1 = run_doctor(cmd, [path], workdir)
                    if one is None:
                        errors[path] = err1
                    else:
                        results.update(one)
            else:
                results.update(out)
    return results, errors


def fmt(num, den):
    return f"{num / den:.3f}" if den else "  -  "


def main():
    opts = parse_args(sys.argv[1:])
    if not os.access(opts["wheelwright"], os.X_OK):
        usage(f"{opts['wheelwright']}: not an executable (build first: mvn -q -o package -DskipTests)")
    labels = read_labels(opts["labels"])
    absent = []
    per_label = defaultdict(lambda: [0, 0])      # problem -> [found, total]
    per_rule = defaultdict(lambda: [0, 0])       # finding name -> [correct, total]
    misses, false_findings, errors = [], [], []
    by_year, by_front = defaultdict(int), defaultdict(int)
    present = []
    for row in labels:
        path = os.path.join(opts["excerpts"], row["id"] + ".log")
        if os.path.isfile(path):
            present.append((row, path))
        else:
            absent.append(row["id"])
    results, errs = run_all(opts["wheelwright"], [p for _, p in present])
    for row, path in present:
        if path in errs:
            errors.append((row["id"], errs[path]))
        names = results.get(path, [])
        label = row["problem"]
        got = list(dict.fromkeys(names))
        by_year[row["year"]] += 1
        by_front[row["frontend"].split(" ")[0]] += 1
        if label != "none":
            per_label[label][1] += 1
            if label in got:
                per_label[label][0] += 1
            else:
                misses.append((row["id"], label, got))
        else:
            per_label["none"][1] += 1
            if not got:
                per_label["none"][0] += 1
        wrong = []
        for name in got:
            ok = (name == label or name in row["also"] or
                  (name in CONTEXT and label not in NEGATIVE))
            per_rule[name][1] += 1
            if ok:
                per_rule[name][0] += 1
            else:
                wrong.append(name)
        if wrong:
            false_findings.append((row["id"], label, wrong))
        if opts["verbose"]:
            print(f"{row['id']}\t{label}\t{','.join(got) or '-'}")

    scored = sum(t for _, t in per_label.values())
    pos_found = sum(f for k, (f, t) in per_label.items() if k != "none")
    pos_total = sum(t for k, (f, t) in per_label.items() if k != "none")
    correct = sum(c for c, _ in per_rule.values())
    total = sum(t for _, t in per_rule.values())
    neg_total = sum(per_label[k][1] for k in NEGATIVE if k in per_label)
    neg_clean = 0
    false_ids = {i for i, _, _ in false_findings}
    for row in labels:
        if row["problem"] in NEGATIVE and row["id"] not in absent \
                and row["id"] not in false_ids:
            neg_clean += 1

    print(f"Real-log corpus: {scored} excerpts scored ({len(labels)} labels"
          + (f", {len(absent)} skipped: excerpt absent" if absent else "") + ")")
    print()
    print(f"{'problem':34} {'logs':>5} {'found':>6} {'recall':>7}   {'findings':>8} {'correct':>8} {'precision':>9}")
    names = sorted(set(per_label) | set(per_rule))
    for name in names:
        f, t = per_label.get(name, (0, 0))
        c, n = per_rule.get(name, (0, 0))
        print(f"{name:34} {t:5d} {f:6d} {fmt(f, t) if name != 'none' else '  -  ':>7}   {n:8d} {c:8d} {fmt(c, n):>9}")
    print()
    ww_found = sum(f for k, (f, t) in per_label.items() if k not in NEGATIVE and k != "unrecognised-build-failure")
    ww_total = sum(t for k, (f, t) in per_label.items() if k not in NEGATIVE and k != "unrecognised-build-failure")
    print(f"overall recall    {fmt(pos_found, pos_total)}  ({pos_found} of {pos_total} logs labelled with a problem: labelled problem found)")
    print(f"  WW-B labels     {fmt(ww_found, ww_total)}  ({ww_found} of {ww_total} logs labelled with a WW-B problem)")
    print(f"overall precision {fmt(correct, total)}  ({correct} of {total} findings correct)")
    print(f"negatives clean   {neg_clean} of {neg_total} (none, network-error, hash-mismatch, dependency-conflict,"
          " test-failure: no false finding)")
    if errors:
        print()
        print(f"doctor gave no JSON on {len(errors)} excerpts:")
        for i, e in errors:
            print(f"  {i}: {e}")
    print()
    print(f"misses ({len(misses)}): id, expected, got")
    for i, exp, got in misses:
        print(f"  {i}\t{exp}\t{','.join(got) or '-'}")
    print()
    print(f"false findings ({len(false_findings)} excerpts): id, expected, wrong findings")
    for i, exp, wrong in false_findings:
        print(f"  {i}\t{exp}\t{','.join(wrong)}")
    if absent:
        print()
        print(f"note: {len(absent)} labels skipped because their excerpt is absent"
              + (f" ({', '.join(absent[:10])}{', ...' if len(absent) > 10 else ''})"))
    if opts["verbose"]:
        print()
        print("by year:", ", ".join(f"{y}: {n}" for y, n in sorted(by_year.items())))
        print("by front end:", ", ".join(f"{k}: {n}" for k, n in sorted(by_front.items(), key=lambda x: -x[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
