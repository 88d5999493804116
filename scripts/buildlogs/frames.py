"""Frames of build-log styles: what each front end prints around a build backend's output.

A case body is a list of lines; the line that carries the root cause starts with the marker
ROOT ("@@"). A frame wraps the body the way a tool prints it (pip of several eras,
`python -m build`, cibuildwheel, uv, poetry, pdm, tox, conda-build), and decorators add what CI
systems add (GitHub Actions timestamps, BuildKit step prefixes, ANSI colours). The marker
survives every frame, so the generator can compute the exact 1-based line of the root cause.

The wording of each frame follows the format strings of the tools' sources (pip's
`subprocess-exited-with-error` diagnostic, its older `Command errored out` block, build's
`Backend subprocess exited` line, cibuildwheel's per-identifier headings); the texts here are
written for this project.
"""

import posixpath
import random

ROOT = "@@"


def _indent(lines, n):
    pad = " " * n
    out = []
    for line in lines:
        marked = line.startswith(ROOT)
        text = line[len(ROOT):] if marked else line
        text = (pad + text) if text else pad.rstrip() if n <= 2 else pad
        out.append((ROOT + text) if marked else text)
    return out


def _strip(lines):
    return [l[len(ROOT):] if l.startswith(ROOT) else l for l in lines]


def _as_install(lines):
    """The same backend output as seen by pip's `setup.py install` fallback."""
    return ["running install" if l == "running bdist_wheel" else l for l in _strip(lines)]


class Rand:
    """Deterministic pseudo-random helpers so that regenerating gives identical files."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def tmp(self, prefix):
        return prefix + "".join(self.r.choice("abcdefghijklmnopqrstuvwxyz0123456789_") for _ in range(8))

    def hexid(self, n=64):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def size(self):
        return f"{self.r.randint(12, 900)} kB"


def collecting(deps, rnd, cached=False, era=23):
    """`Collecting X` blocks for dependencies that install fine from wheels."""
    out = []
    for name, ver, wheel_tag in deps:
        if era >= 20:
            out.append(f"Collecting {name}=={ver}" if era < 23 else f"Collecting {name}>={ver}")
            verb = "Using cached" if cached else "Downloading"
            out.append(f"  {verb} {name.replace('-', '_')}-{ver}-{wheel_tag}.whl ({rnd.size()})")
        else:
            out.append(f"Collecting {name}=={ver}")
            out.append(f"  Downloading {name.replace('-', '_')}-{ver}-{wheel_tag}.whl ({rnd.size()})")
    return out


def pip23(pkg, ver, body, rnd, deps=(), backend="setuptools", how="pyproject.toml", install=True,
          sdist=True, closing="23"):
    """pip 21.2+ with the rich `subprocess-exited-with-error` diagnostic."""
    out = []
    if install:
        out.append(f"Collecting {pkg}=={ver}")
        if sdist:
            out.append(f"  Downloading {pkg}-{ver}.tar.gz ({rnd.size()})")
        out.append("  Installing build dependencies: started")
        out.append("  Installing build dependencies: finished with status 'done'")
        out.append("  Getting requirements to build wheel: started")
        out.append("  Getting requirements to build wheel: finished with status 'done'")
        out.append(f"  Preparing metadata ({how}): started")
        out.append(f"  Preparing metadata ({how}): finished with status 'done'")
    out += collecting(deps, rnd)
    out.append(f"Building wheels for collected packages: {pkg}")
    out.append(f"  Building wheel for {pkg} ({how}): started")
    out.append(f"  Building wheel for {pkg} ({how}): finished with status 'error'")
    out.append("  error: subprocess-exited-with-error")
    out.append("  ")
    out.append(f"  × Building wheel for {pkg} ({how}) did not run successfully.")
    out.append("  │ exit code: 1")
    out.append(f"  ╰─> [{len(body)} lines of output]")
    out += _indent(body, 6)
    out.append("      [end of output]")
    out.append("  ")
    out.append("  note: This error originates from a subprocess, and is likely not a problem with pip.")
    out.append(f"  ERROR: Failed building wheel for {pkg}")
    out.append(f"Failed to build {pkg}")
    if closing == "23":
        out.append(f"ERROR: Could not build wheels for {pkg}, which is required to install pyproject.toml-based projects")
    else:
        out.append(f"ERROR: Failed to build installable wheels for some pyproject.toml based projects ({pkg})")
    return out


def pip23_metadata(pkg, ver, body, rnd, step="Getting requirements to build wheel", deps=()):
    """pip 21.2+ failing in an early hook (metadata / get_requires)."""
    out = [f"Collecting {pkg}=={ver}", f"  Downloading {pkg}-{ver}.tar.gz ({rnd.size()})"]
    out.append("  Installing build dependencies: started")
    out.append("  Installing build dependencies: finished with status 'done'")
    out.append(f"  {step}: started")
    out.append(f"  {step}: finished with status 'error'")
    out.append("  error: subprocess-exited-with-error")
    out.append("  ")
    out.append(f"  × {step} did not run successfully.")
    out.append("  │ exit code: 1")
    out.append(f"  ╰─> [{len(body)} lines of output]")
    out += _indent(body, 6)
    out.append("      [end of output]")
    out.append("  ")
    out.append("  note: This error originates from a subprocess, and is likely not a problem with pip.")
    out.append("error: subprocess-exited-with-error")
    out.append("")
    out.append(f"× {step} did not run successfully.")
    out.append("│ exit code: 1")
    out.append("╰─> See above for output.")
    out.append("")
    out.append("note: This error originates from a subprocess, and is likely not a problem with pip.")
    return out


def pip20(pkg, ver, body, rnd, deps=(), python="/usr/bin/python3"):
    """pip 20.x: `ERROR: Command errored out with exit status 1:` blocks, then setup.py install."""
    build = rnd.tmp("/tmp/pip-install-")
    wheel = rnd.tmp("/tmp/pip-wheel-")
    shim = (f"{python} -u -c 'import sys, setuptools, tokenize; sys.argv[0] = '\"'\"'{build}/{pkg}/setup.py'\"'\"'; "
            f"__file__='\"'\"'{build}/{pkg}/setup.py'\"'\"';f=getattr(tokenize, '\"'\"'open'\"'\"', open)(__file__);"
            "code=f.read().replace('\"'\"'\\r\\n'\"'\"', '\"'\"'\\n'\"'\"');f.close();exec(compile(code, __file__, '\"'\"'exec'\"'\"'))'")
    out = [f"Collecting {pkg}=={ver}", f"  Downloading {pkg}-{ver}.tar.gz ({rnd.size()})"]
    out += collecting(deps, rnd, era=20)
    out.append(f"Building wheels for collected packages: {pkg}")
    out.append(f"  Building wheel for {pkg} (setup.py): started")
    out.append(f"  Building wheel for {pkg} (setup.py): finished with status 'error'")
    out.append("  ERROR: Command errored out with exit status 1:")
    out.append(f"   command: {shim} bdist_wheel -d {wheel}")
    out.append(f"       cwd: {build}/{pkg}/")
    out.append(f"  Complete output ({len(body)} lines):")
    out += _indent(body, 2)
    out.append("  ----------------------------------------")
    out.append(f"  ERROR: Failed building wheel for {pkg}")
    out.append(f"  Running setup.py clean for {pkg}")
    out.append(f"Failed to build {pkg}")
    names = ", ".join([d[0] for d in deps] + [pkg])
    out.append(f"Installing collected packages: {names}")
    out.append(f"    Running setup.py install for {pkg}: started")
    out.append(f"    Running setup.py install for {pkg}: finished with status 'error'")
    out.append("    ERROR: Command errored out with exit status 1:")
    rec = rnd.tmp("/tmp/pip-record-")
    out.append(f"     command: {shim} install --record {rec}/install-record.txt --single-version-externally-managed --compile --install-headers /usr/local/include/python3.8/{pkg}")
    out.append(f"         cwd: {build}/{pkg}/")
    out.append(f"    Complete output ({len(body)} lines):")
    out += _indent(_as_install(body), 4)
    out.append("    ----------------------------------------")
    out.append(f"ERROR: Command errored out with exit status 1: {shim} install --record {rec}/install-record.txt "
               f"--single-version-externally-managed --compile --install-headers /usr/local/include/python3.8/{pkg} Check the logs for full command output.")
    return out


def pip9(pkg, ver, body, rnd, deps=(), python="/usr/bin/python", pipver="9.0.1", latest="21.3.1"):
    """pip 8/9: `Running setup.py bdist_wheel for X ... error`, `Complete output from command`."""
    build = rnd.tmp("/tmp/pip-build-")
    shim = (f"{python} -u -c \"import setuptools, tokenize;__file__='{build}/{pkg}/setup.py';"
            "f=getattr(tokenize, 'open', open)(__file__);code=f.read().replace('\\r\\n', '\\n');f.close();"
            "exec(compile(code, __file__, 'exec'))\"")
    out = [f"Collecting {pkg}=={ver}", f"  Downloading {pkg}-{ver}.tar.gz ({rnd.size()[:-3]}kB)"]
    for name, v, tag in deps:
        out.append(f"Collecting {name}=={v}")
        out.append(f"  Downloading {name.replace('-', '_')}-{v}-{tag}.whl ({rnd.size()[:-3]}kB)")
    out.append(f"Building wheels for collected packages: {pkg}")
    out.append(f"  Running setup.py bdist_wheel for {pkg}: started")
    out.append(f"  Running setup.py bdist_wheel for {pkg}: finished with status 'error'")
    out.append(f"  Complete output from command {shim} bdist_wheel -d {rnd.tmp('/tmp/tmp')}pip-wheel- --python-tag cp27:")
    out += _indent(body, 2)
    out.append("  ")
    out.append("  ----------------------------------------")
    out.append(f"  Failed building wheel for {pkg}")
    out.append(f"  Running setup.py clean for {pkg}")
    out.append(f"Failed to build {pkg}")
    names = " ".join([d[0] for d in deps] + [pkg])
    out.append(f"Installing collected packages: {names}")
    out.append(f"  Running setup.py install for {pkg}: started")
    out.append(f"    Running setup.py install for {pkg}: finished with status 'error'")
    rec = rnd.tmp("/tmp/pip-")
    out.append(f"    Complete output from command {shim} install --record {rec}-record/install-record.txt --single-version-externally-managed --compile:")
    out += _indent(_as_install(body), 4)
    out.append("    ")
    out.append("    ----------------------------------------")
    out.append(f"Command \"{shim} install --record {rec}-record/install-record.txt --single-version-externally-managed --compile\" failed with error code 1 in {build}/{pkg}/")
    out.append(f"You are using pip version {pipver}, however version {latest} is available.")
    out.append("You should consider upgrading via the 'pip install --upgrade pip' command.")
    return out


def pybuild(body_requires, body_wheel, requires=("setuptools>=61", "wheel"), isolated=True):
    """`python -m build` (pypa/build 0.10-1.x)."""
    out = []
    if isolated:
        out.append("* Creating virtualenv isolated environment...")
        out.append(f"* Installing packages in isolated environment... ({', '.join(requires)})")
    out.append("* Getting build dependencies for wheel...")
    out += body_requires
    if body_wheel is not None:
        if isolated:
            out.append("* Installing packages in isolated environment... (wheel)")
        out.append("* Building wheel...")
        out += body_wheel
        out.append("")
        out.append("ERROR Backend subprocess exited when trying to invoke build_wheel")
    else:
        out.append("")
        out.append("ERROR Backend subprocess exited when trying to invoke get_requires_for_build_wheel")
    return out


def cibuildwheel(identifiers, build_bodies, platform="macos", archs="x86_64 arm64", version="2.16.5",
                 test_command="pytest {project}/tests", tail=None):
    """cibuildwheel 2.x: options summary, then one `Building <identifier> wheel` section each."""
    out = [f"cibuildwheel version {version}", "", "Build options:", f"  platform: {platform}",
           f"  architectures: {archs}", "  build_selector: ", "    build_config: cp39-* cp310-* cp311-* cp312-*",
           "    skip_config: pp* *-musllinux*", "    requires_python: >=3.9", "    prerelease_pythons: False",
           "  container_engine: docker", "  output_dir: /Users/runner/actions-runner/_work/proj/proj/wheelhouse",
           "  package_dir: /Users/runner/actions-runner/_work/proj/proj", f"  test_selector: ", "    skip_config: ",
           "  before_all: ", "  before_build: ", "  before_test: ", "  build_frontend: pip",
           "  build_verbosity: 1", "  config_settings: ", "  dependency_versions: pinned",
           "  environment: MACOSX_DEPLOYMENT_TARGET=\"11.0\"", "  manylinux_images: ", "  musllinux_images: ",
           "  repair_command: delocate-wheel --require-archs {delocate_archs} -w {dest_dir} -v {wheel}",
           f"  test_command: {test_command}", "  test_extras: ", "  test_requires: pytest", "",
           "Cache folder: /Users/runner/Library/Caches/cibuildwheel", "",
           "Here we go!", ""]
    for ident, body in zip(identifiers, build_bodies):
        out += ["", f"Building {ident} wheel", "", "Setting up build environment...", ""]
        out += body
    if tail:
        out += tail
    return out


def uv(pkg, ver, stdout_body, stderr_body, resolved=14):
    """uv 0.4+ build failure of a source distribution."""
    out = [f"Resolved {resolved} packages in 1.84s"]
    out.append(f"  × Failed to build `{pkg}=={ver}`")
    out.append("  ├─▶ The build backend returned an error")
    out.append("  ╰─▶ Call to `setuptools.build_meta.build_wheel` failed (exit status: 1)")
    out.append("")
    out.append("      [stdout]")
    out += _indent(stdout_body, 6)
    out.append("")
    out.append("      [stderr]")
    out += _indent(stderr_body, 6)
    out.append("")
    out.append("      hint: This usually indicates a problem with the package or the build environment.")
    out.append(f"  help: `{pkg}` ({ver}) was included because `app` (0.1.0) depends on `{pkg}`")
    return out


def poetry(pkg, ver, body, installs=7):
    """poetry 1.4+ `ChefBuildError` when a dependency's PEP 517 build fails."""
    out = ["Installing dependencies from lock file", "",
           f"Package operations: {installs} installs, 0 updates, 0 removals", "",
           "  - Installing certifi (2024.2.2)", "  - Installing idna (3.6)",
           "  - Installing urllib3 (2.2.1)", "  - Installing charset-normalizer (3.3.2)",
           "  - Installing requests (2.31.0)", f"  - Installing {pkg} ({ver}): Failed", "",
           "  ChefBuildError", "", "  Backend subprocess exited when trying to invoke build_wheel", "  "]
    out += _indent(body, 2)
    out += ["  ", "", "  at /opt/poetry/venv/lib/python3.11/site-packages/poetry/installation/chef.py:164 in _prepare",
            "      160│ ", "      161│                 error = ChefBuildError(\"\\n\\n\".join(message_parts))",
            "      162│ ", "      163│             if error is not None:",
            "    → 164│                 raise error from None", "      165│ ",
            "      166│             return path", "      167│ ",
            "      168│     def _prepare_sdist(self, archive: Path, destination: Path | None = None) -> Path:", "",
            f"Note: This error originates from the build backend, and is likely not a problem with poetry but with {pkg} ({ver}) not supporting PEP 517 builds. You can verify this by running 'pip wheel --no-cache-dir --use-pep517 \"{pkg} (=={ver})\"'.",
            ""]
    return out


def tox(env, before, body, after_status=1):
    """tox 4: `env: install_deps>` / `commands[0]>` prefixes and the closing summary."""
    out = [f"{env}: install_deps> python -I -m pip install -r requirements-dev.txt"]
    out += before
    out += body
    out += [f"{env}: exit {after_status} (48.21 seconds) /home/runner/actions-runner/_work/app/app> python -I -m pip install -r requirements-dev.txt pid=4127",
            f"  {env}: FAIL code {after_status} (52.77=setup[52.77]+cmd[0.00] seconds)",
            "  evaluation failed :( (52.91 seconds)"]
    return out


def conda_build(pkg, ver, body, py="311"):
    """conda-build 3.x running build.sh / `pip install . -vv` for a recipe."""
    root = f"/home/conda/feedstock_root/build_artifacts/{pkg}_1708432211458"
    build_script = posixpath.join(root, "work", "conda_build.sh")  # conda-build's work folder inside the build root
    out = [f"Adding in variants from internal_defaults", f"Adding in variants from /tmp/tmp_{pkg}_conda_build_config.yaml",
           "INFO:conda_build.metadata:Attempting to finalize metadata for " + pkg,
           "BUILD START: ['" + f"{pkg}-{ver}-py{py}h2a4d8b2_0.conda" + "']", "",
           "Reloading output folder: /opt/conda/conda-bld", "",
           "## Package Plan ##", "", f"  environment location: {root}/_h_env_placehold_placehold_placehold", "",
           "Source cache directory is: /home/conda/feedstock_root/build_artifacts/src_cache",
           f"Extracting download", "source tree in: " + root + "/work",
           f"export PREFIX={root}/_h_env_placehold_placehold_placehold",
           f"export BUILD_PREFIX={root}/_build_env",
           f"export SRC_DIR={root}/work",
           "Using pip 24.0 from $PREFIX/lib/python3.11/site-packages/pip (python 3.11)",
           "Non-user install because user site-packages disabled",
           "Ignoring indexes: https://pypi.org/simple",
           "Created temporary directory: /tmp/pip-build-tracker-x2k3n1v0",
           f"Processing $SRC_DIR"]
    out += body
    out += ["Traceback (most recent call last):",
            "  File \"/opt/conda/bin/conda-build\", line 11, in <module>",
            "    sys.exit(execute())",
            "  File \"/opt/conda/lib/python3.10/site-packages/conda_build/cli/main_build.py\", line 590, in execute",
            "    api.build(",
            "  File \"/opt/conda/lib/python3.10/site-packages/conda_build/build.py\", line 2491, in build_tree",
            "    packages_from_this = build(",
            "  File \"/opt/conda/lib/python3.10/site-packages/conda_build/utils.py\", line 451, in _func_defaulting_env_to_os_environ",
            "    raise subprocess.CalledProcessError(proc.returncode, _args)",
            f"subprocess.CalledProcessError: Command '['/bin/bash', '-o', 'errexit', '{build_script}']' returned non-zero exit status 1."]
    return out


def pdm(pkg, ver, build_tail, others=(("packaging", "24.0"), ("six", "1.16.0"))):
    """pdm 2.x `pdm install`: per-package results, then the BuildError with the build's last lines."""
    out = ["Updating pdm.lock...", "🔒 Lock successful", "Changes are written to pdm.lock.",
           f"Synchronizing working set with resolved packages: {len(others) + 1} to add, 0 to update, 0 to remove", ""]
    for name, v in others:
        out.append(f"  ✔ Install {name} {v} successful")
    out += [f"  ✖ Install {pkg} {ver} failed", "Retry failed jobs", f"  ✖ Install {pkg} {ver} failed",
            "Error occurs: ", "Traceback (most recent call last):",
            '  File "/home/runner/.local/pipx/venvs/pdm/lib/python3.11/site-packages/pdm/installers/synchronizers.py", line 258, in install_candidate',
            "    self.manager.install(can)",
            '  File "/home/runner/.local/pipx/venvs/pdm/lib/python3.11/site-packages/pdm/builders/base.py", line 125, in log_subprocessor',
            "    raise BuildError(",
            f"pdm.exceptions.BuildError: Build backend raised error: Showing the last {len(build_tail)} lines of the build output:"]
    out += build_tail
    out += ["", "[BuildError]: Build backend raised error: " + f"Showing the last {len(build_tail)} lines of the build output:",
            "Add '-v' to see the detailed traceback"]
    return out


# ---- decorators ---------------------------------------------------------------------------

def gha(lines, start="2024-03-05T10:22:31", step_seconds=0.0137, groups=None):
    """GitHub Actions raw log: every line prefixed with an ISO timestamp with 7 fraction digits."""
    import datetime
    t = datetime.datetime.fromisoformat(start)
    out = []
    pre = groups or []
    for g in pre:
        out.append(g)
    for i, line in enumerate(lines):
        marked = line.startswith(ROOT)
        text = line[len(ROOT):] if marked else line
        t += datetime.timedelta(seconds=step_seconds * (1 + (i * 7919) % 13))
        stamp = t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond:06d}0Z"
        out.append((ROOT if marked else "") + f"{stamp} {text}")
    return out


def buildkit(lines, step=9, stage="builder 4/6", command="pip wheel --no-cache-dir -w /wheels -r requirements.txt"):
    """Docker BuildKit plain progress: `#N <seconds> <line>` and the closing `failed to solve`."""
    out = [f"#{step} [{stage}] RUN {command}"]
    secs = 0.412
    for line in lines:
        marked = line.startswith(ROOT)
        text = line[len(ROOT):] if marked else line
        secs += 0.087
        out.append((ROOT if marked else "") + f"#{step} {secs:.3f} {text}")
    out += [f"#{step} ERROR: process \"/bin/sh -c {command}\" did not complete successfully: exit code: 1",
            "------", f" > [{stage}] RUN {command}:"]
    tail = [l[len(ROOT):] if l.startswith(ROOT) else l for l in lines[-5:]]
    out += [f"{secs:.3f} {t}" for t in tail]
    out += ["------", "Dockerfile:14", "--------------------", "  13 |     COPY requirements.txt .",
            f"  14 | >>> RUN {command}", "  15 |     ", "--------------------",
            f"ERROR: failed to solve: process \"/bin/sh -c {command}\" did not complete successfully: exit code: 1"]
    return out


RED, YELLOW, BOLD, RESET = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m"


def ansi(lines):
    """pip's rich colours: `ERROR:` lines red, `error:` red bold, `WARNING:` yellow."""
    out = []
    for line in lines:
        marked = line.startswith(ROOT)
        text = line[len(ROOT):] if marked else line
        stripped = text.lstrip()
        lead = text[: len(text) - len(stripped)]
        if stripped.startswith("ERROR:") or stripped.startswith("error:"):
            text = f"{lead}{RED}{BOLD if stripped.startswith('error:') else ''}{stripped}{RESET}"
        elif stripped.startswith("WARNING:") or stripped.startswith("Warning:"):
            text = f"{lead}{YELLOW}{stripped}{RESET}"
        elif stripped.startswith("×"):
            text = f"{lead}{RED}×{RESET} {stripped[2:]}"
        out.append((ROOT if marked else "") + text)
    return out
