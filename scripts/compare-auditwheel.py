#!/usr/bin/env python3
"""Compares wheelwright's audit with `auditwheel show` on every manylinux wheel of the local wheel
mirror (/opt/pypi/files, /opt/pypi-more/files, /opt/wheels: real PyPI wheels; not available to
users or CI, so this is a script, never a test) and prints the disagreements by kind:

  tag       the policy the binaries are consistent with (auditwheel's "overall_tag", our verdict
            line "consistent with ...", computed as retag computes it)
  verdict   whether the wheel's manylinux tag is one its binaries meet (auditwheel: the tag's
            glibc is at or above the overall tag's; ours: no manylinux policy finding, i.e. none
            of WW-E001/E002/E004/E006/E009/E011)
  external  auditwheel lists external libraries (needed, not in the wheel, not allowed by its
            most compatible policy) / we report external-shared-library (WW-E002) or
            library-from-another-distribution (WW-E007)
  isa       auditwheel's "unsupported_isa" / our isa-level-above-baseline (WW-E011)

    scripts/compare-auditwheel.py [OUT_DIR]

OUT_DIR keeps auditwheel's JSON per wheel (reused by a second run), our audit.json and audit.txt,
and disagreements.txt (default: a temp dir). CACHED_ONLY=1 compares only the wheels auditwheel has
already been run on in OUT_DIR; REUSE_AUDIT=1 reads OUT_DIR's audit.txt/audit.json instead of
auditing again (to re-read a comparison after changing this script). auditwheel is taken from $AUDITWHEEL (a command line,
e.g. "python3 -m auditwheel" with PYTHONPATH set) or `auditwheel` on PATH; without it, or without
the mirror, the script says so and exits 0. Needs target/wheelwright.jar (mvn -q package -DskipTests).
"""
import concurrent.futures
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
mirrors = [d for d in ("/opt/pypi/files", "/opt/pypi-more/files", "/opt/wheels") if os.path.isdir(d)]
if not mirrors:
    print("compare-auditwheel.py: no local wheel mirror (/opt/pypi*/files, /opt/wheels): nothing to compare", file=sys.stderr)
    sys.exit(0)
auditwheel = shlex.split(os.environ["AUDITWHEEL"]) if os.environ.get("AUDITWHEEL") else (
    ["auditwheel"] if shutil.which("auditwheel") else None)
if auditwheel is None:
    print("compare-auditwheel.py: auditwheel is not installed (pip install auditwheel, or set AUDITWHEEL to "
          "a command that runs it): nothing to compare", file=sys.stderr)
    sys.exit(0)
jar = os.path.join(root, "target", "wheelwright.jar")
if not os.path.isfile(jar):
    sys.exit("compare-auditwheel.py: build first: mvn -q package -DskipTests")
out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="compare-auditwheel.")
os.makedirs(os.path.join(out, "auditwheel"), exist_ok=True)
os.makedirs(os.path.join(out, "wheels"), exist_ok=True)

# every manylinux wheel once (the same file under two mirrors is compared once)
wheels = {}
for d in mirrors:
    for f in sorted(glob.glob(os.path.join(d, "*.whl"))):
        name = os.path.basename(f)
        if "manylinux" in name.split("-")[-1] and name not in wheels:
            wheels[name] = f
if os.environ.get("CACHED_ONLY") == "1":
    wheels = {n: f for n, f in wheels.items() if os.path.exists(os.path.join(out, "auditwheel", n + ".json"))}
for name, f in wheels.items():
    link = os.path.join(out, "wheels", name)
    if not os.path.lexists(link):
        os.symlink(f, link)
print("comparing %d manylinux wheels of %s" % (len(wheels), " ".join(mirrors)), file=sys.stderr)


def run_auditwheel(name):
    cached = os.path.join(out, "auditwheel", name + ".json")
    if os.path.exists(cached):
        with open(cached, encoding="utf-8") as f:
            return name, json.load(f)
    start = time.time()
    try:
        p = subprocess.run(auditwheel + ["show", "--json", wheels[name]], capture_output=True, text=True, timeout=3600)
        text = p.stdout.strip()
        result = json.loads(text[text.index("{"):]) if "{" in text else {
            "error": (p.stderr.strip().splitlines() or ["no output"])[-1]}
    except (subprocess.TimeoutExpired, ValueError) as e:
        result = {"error": str(e)}
    result["_seconds"] = round(time.time() - start, 1)
    with open(cached, "w", encoding="utf-8") as f:
        json.dump(result, f)
    return name, result


start = time.time()
aw = {}
jobs = int(os.environ.get("JOBS", "2"))
with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
    for i, (name, result) in enumerate(pool.map(run_auditwheel, sorted(wheels, key=lambda n: os.path.getsize(wheels[n])))):
        aw[name] = result
        if (i + 1) % 25 == 0:
            print("auditwheel: %d/%d wheels, %d s" % (i + 1, len(wheels), time.time() - start), file=sys.stderr)
print("auditwheel: %d wheels in %d s" % (len(aw), time.time() - start), file=sys.stderr)

start = time.time()
if os.environ.get("REUSE_AUDIT") != "1" or not os.path.exists(os.path.join(out, "audit.json")):
    with open(os.path.join(out, "audit.txt"), "w", encoding="utf-8") as txt:
        code = subprocess.run(["java", "-Xmx1g", "-jar", jar, "audit", "--no-color", "--fail-on", "never",
                               "--json", os.path.join(out, "audit.json"), os.path.join(out, "wheels")], stdout=txt).returncode
    if code != 0:
        sys.exit("compare-auditwheel.py: wheelwright audit exited %d" % code)
    print("wheelwright audit: %d wheels in %d s" % (len(wheels), time.time() - start), file=sys.stderr)

verdicts = {}
with open(os.path.join(out, "audit.txt"), encoding="utf-8") as f:
    for line in f:
        m = re.match(r"(\S+\.whl): (.*); tag claims (\S+): ", line)
        if m:
            verdicts[m.group(1)] = m.group(2)
with open(os.path.join(out, "audit.json"), encoding="utf-8") as f:
    findings = json.load(f)["findings"]
rules = {}
for fd in findings:
    w = os.path.basename((fd.get("location") or {}).get("wheel", ""))
    if not fd.get("suppressed"):
        rules.setdefault(w, {}).setdefault(fd["rule"], []).append(fd["message"])

POLICY_RULES = {"WW-E001", "WW-E002", "WW-E004", "WW-E006", "WW-E009", "WW-E011"}
LEGACY = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


def glibc(tag):
    """(2, 17) of manylinux_2_17_x86_64 or manylinux2014_x86_64; None for linux_* and others."""
    m = re.match(r"manylinux_(\d+)_(\d+)_", tag)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.match(r"(manylinux\d+)_", tag)
    return LEGACY.get(m.group(1)) if m else None


def claimed(name):
    return [p for p in name[:-4].split("-")[-1].split(".") if glibc(p)]


disagreements = []
counts = {"tag": 0, "verdict": 0, "external": 0, "isa": 0, "auditwheel-error": 0}
for name in sorted(wheels):
    a = aw.get(name, {})
    ours = verdicts.get(name)
    r = rules.get(name, {})
    if ours is None:
        counts["not-audited"] = counts.get("not-audited", 0) + 1
        continue
    if "error" in a and "does not look like a platform wheel" in str(a["error"]) and ours == "no native binaries":
        continue  # both: no ELF binary (our platlib-without-binaries reports the tag)
    if "error" in a or "overall_tag" not in a:
        counts["auditwheel-error"] += 1
        disagreements.append(("auditwheel-error", name, "auditwheel: %s" % a.get("error"), "ours: " + ours))
        continue
    theirs = glibc(a["overall_tag"])
    our_tags = [t for t in re.findall(r"manylinux\w+", ours) if glibc(t)]
    our_glibc = min((glibc(t) for t in our_tags), default=None)
    if theirs != our_glibc:
        counts["tag"] += 1
        disagreements.append(("tag", name, "auditwheel: %s (sym_tag %s)" % (a["overall_tag"], a.get("sym_tag")), "ours: " + ours))
    tags = claimed(name)
    aw_ok = theirs is not None and all(glibc(t) >= theirs for t in tags)
    our_ok = not (POLICY_RULES & set(r))
    if aw_ok != our_ok:
        counts["verdict"] += 1
        disagreements.append(("verdict", name, "auditwheel: %s for %s" % ("meets" if aw_ok else "fails", ".".join(tags)),
                              "ours: " + ("no policy finding" if our_ok else "; ".join(
                                  k + " " + v[0][:200] for k, v in sorted(r.items()) if k in POLICY_RULES))))
    # libraries the claimed policy does not allow and the wheel does not bring: auditwheel's
    # libs_to_eliminate for that policy (none when the binaries meet it); ours:
    # external-shared-library, or library-from-another-distribution for a library that a RUNPATH
    # folder of another wheel gives
    upgrades = a.get("policy_upgrades") or {}
    key = next((k for k in upgrades for t in tags[:1] if k.startswith("manylinux_%d_%d_" % glibc(t))), None)
    ext = sorted(upgrades.get(key, {}).get("libs_to_eliminate", [])) if key else []
    if theirs is None and not ext:
        ext = sorted(a.get("external_libs") or {})
    our_ext = "WW-E002" in r or "WW-E007" in r
    if bool(ext) != our_ext:
        counts["external"] += 1
        disagreements.append(("external", name, "auditwheel: " + (", ".join(ext) or "no external libraries"),
                              "ours: " + "; ".join(k + " " + r[k][0][:300] for k in ("WW-E002", "WW-E007") if k in r)
                              if our_ext else "ours: no external-shared-library"))
    if bool(a.get("unsupported_isa")) != ("WW-E011" in r):
        counts["isa"] += 1
        disagreements.append(("isa", name, "auditwheel: unsupported_isa %s" % a.get("unsupported_isa"),
                              "ours: " + ("; ".join(r.get("WW-E011", [])) or "no isa-level-above-baseline")))

with open(os.path.join(out, "disagreements.txt"), "w", encoding="utf-8") as f:
    for kind, name, theirs, ours in disagreements:
        f.write("%s\t%s\n    %s\n    %s\n" % (kind, name, theirs, ours))
print("%d manylinux wheels; disagreements by kind: %s" % (len(wheels), ", ".join("%s %d" % kv for kv in counts.items())))
for kind, name, theirs, ours in disagreements:
    print("%-16s %s\n    %s\n    %s" % (kind, name, theirs, ours))
print("(details in %s)" % out, file=sys.stderr)
