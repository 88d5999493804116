"""Reusable pieces of backend output: setuptools/distutils build steps, compiler lines, tracebacks.

Written for this project after the format strings of setuptools (`running build_ext`,
`building '<ext>' extension`, `error: command '<cc>' failed with exit code 1`), gcc/clang
diagnostics (`file:line:col: fatal error: ...`) and CPython tracebacks.
"""

import os

ROOT = "@@"
RECORDED = os.path.join(os.path.dirname(__file__), "..", "..", "testdata", "logs", "recorded")


def recorded(name):
    """Lines of a log recorded by scripts/record-build-logs.sh."""
    with open(os.path.join(RECORDED, name + ".log"), encoding="utf-8") as f:
        return f.read().splitlines()


def mark(lines, needle, nth=0):
    """Marks the nth line containing `needle` as the root cause."""
    seen = 0
    out = list(lines)
    for i, line in enumerate(out):
        if needle in line:
            if seen == nth:
                out[i] = ROOT + line
                return out
            seen += 1
    raise ValueError(f"no line with {needle!r}")


def st_build(pkg, ext, plat="linux-x86_64-cpython-311", modules=("__init__.py",), pure_extra=()):
    out = ["running bdist_wheel", "running build", "running build_py", "creating build",
           f"creating build/lib.{plat}", f"creating build/lib.{plat}/{pkg}"]
    for m in list(modules) + list(pure_extra):
        out.append(f"copying {pkg}/{m} -> build/lib.{plat}/{pkg}")
    out += ["running egg_info", f"writing {pkg}.egg-info/PKG-INFO",
            f"writing dependency_links to {pkg}.egg-info/dependency_links.txt",
            f"writing requirements to {pkg}.egg-info/requires.txt",
            f"writing top-level names to {pkg}.egg-info/top_level.txt",
            f"reading manifest file '{pkg}.egg-info/SOURCES.txt'",
            "reading manifest template 'MANIFEST.in'",
            f"writing manifest file '{pkg}.egg-info/SOURCES.txt'",
            "running build_ext", f"building '{ext}' extension",
            f"creating build/temp.{plat}", f"creating build/temp.{plat}/src"]
    return out


def gcc_compile(src, obj, includes=("/usr/include/python3.11",), cc="x86_64-linux-gnu-gcc", extra=""):
    inc = " ".join("-I" + i for i in includes)
    return (f"{cc} -Wsign-compare -DNDEBUG -g -fwrapv -O2 -Wall -g -fstack-protector-strong -Wformat "
            f"-Werror=format-security -g -fwrapv -O2 -fPIC {extra}{inc} -c {src} -o {obj}")


def clang_compile(src, obj, archs=("arm64",), includes=("/Library/Frameworks/Python.framework/Versions/3.11/include/python3.11",),
                  sdk="/Library/Developer/CommandLineTools/SDKs/MacOSX.sdk", extra=""):
    a = " ".join("-arch " + x for x in archs)
    inc = " ".join("-I" + i for i in includes)
    return (f"clang -Wsign-compare -Wunreachable-code -fno-common -dynamic -DNDEBUG -g -fwrapv -O3 -Wall "
            f"{a} -isysroot {sdk} {extra}{inc} -c {src} -o {obj}")


def gcc_fatal_header(src, line, header, include_text=None):
    text = include_text or f"#include <{header}>"
    col = text.index("<") + 1 if "<" in text else 10
    return [ROOT + f"{src}:{line}:{col}: fatal error: {header}: No such file or directory",
            f"  {line:3d} | {text}" if line < 100 else f" {line} | {text}",
            "      |          " + "^" + "~" * (len(header) + 1),
            "compilation terminated."]


def clang_fatal_header(src, line, header):
    return [ROOT + f"{src}:{line}:10: fatal error: '{header}' file not found",
            f"#include <{header}>", "         " + "^" + "~" * (len(header) + 1), "1 error generated."]


def traceback(frames, last):
    out = ["Traceback (most recent call last):"]
    for f, ln, fn, code in frames:
        out.append(f'  File "{f}", line {ln}, in {fn}')
        if code:
            out.append(f"    {code}")
    out.append(last)
    return out


PIP_HOOK_FRAMES = [
    ("/usr/local/lib/python3.11/site-packages/pip/_vendor/pyproject_hooks/_in_process/_in_process.py", 353, "<module>", "main()"),
    ("/usr/local/lib/python3.11/site-packages/pip/_vendor/pyproject_hooks/_in_process/_in_process.py", 335, "main", "json_out['return_val'] = hook(**hook_input['kwargs'])"),
]


def hook_frames(env, hook, fn_line, setuptools_lines):
    fr = list(PIP_HOOK_FRAMES)
    fr.append(("/usr/local/lib/python3.11/site-packages/pip/_vendor/pyproject_hooks/_in_process/_in_process.py", fn_line, hook, "return hook(config_settings)"))
    for ln, fn, code in setuptools_lines:
        fr.append((f"{env}/overlay/lib/python3.11/site-packages/setuptools/build_meta.py", ln, fn, code))
    return fr
