package dev.wheelwright.repair;

import dev.wheelwright.WheelwrightException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines {@code repair} puts into a package's {@code __init__.py} so that Windows finds the
 * DLLs bundled in {@code <name>.libs/}, where delvewheel puts its own: after the last
 * {@code from __future__ import}, else after the module docstring, else after the header comments,
 * else after a shebang, else at the very start (then behind an empty docstring, so that help()
 * does not show the patch's comment as the module's description). The code adds the folder with
 * {@code os.add_dll_directory}; for wheels that also serve Pythons older than 3.10 it falls back,
 * as delvewheel does, to loading each DLL listed in the folder's load-order file up front where
 * that call is missing (before 3.8) or does not take effect (Anaconda's CPython before 3.10). The
 * generated code is Python 2.6-compatible in that variant. Line endings follow the file's first
 * one ({@code \r\n} for a file without any, as delvewheel).
 */
final class DllDirectoryPatch {
    private static final Pattern FUTURE = Pattern.compile("^from\\s+__future__\\s+import\\b");
    private static final Pattern STRING_START = Pattern.compile("^(?:[rRuUbBfF]{0,2})(\"\"\"|'''|\"|')");

    private DllDirectoryPatch() {}

    /**
     * The code, in {@code \n} line endings.
     *
     * @param libsDir         the folder's path from site-packages ({@code pedemo.libs}, or {@code .})
     * @param depth           how many folders up from the file's folder site-packages is
     * @param loadOrderFile   the load-order file's name in the folder, null when every target Python is 3.10 or newer
     * @param atStart         whether the patch opens the file
     */
    static String code(String libsDir, int depth, String loadOrderFile, boolean atStart) {
        String up = "os.pardir, ".repeat(depth);
        String path = "os.path.abspath(os.path.join(os.path.dirname(__file__), " + up + pyString(libsDir) + "))";
        StringBuilder sb = new StringBuilder();
        sb.append(atStart ? "\"\"\"\"\"\" " : "").append("# start wheelwright patch: lets Windows find the DLLs bundled by wheelwright repair\n");
        sb.append("def _wheelwright_patch():\n");
        sb.append("    import os\n");
        if (loadOrderFile == null) {
            sb.append("    libs_dir = ").append(path).append("\n");
            sb.append("    if os.path.isdir(libs_dir):\n");
            sb.append("        os.add_dll_directory(libs_dir)\n");
        } else {
            sb.append("    import sys\n");
            sb.append("    import ctypes\n");
            sb.append("    import platform\n");
            sb.append("    libs_dir = ").append(path).append("\n");
            sb.append("    if not os.path.isdir(libs_dir):\n");
            sb.append("        return\n");
            sb.append("    # Anaconda's CPython before 3.10 may ignore os.add_dll_directory (conda/conda#10897)\n");
            sb.append("    conda = platform.python_implementation() == 'CPython' and (hasattr(ctypes.pythonapi, 'Anaconda_GetVersion')"
                    + " or 'packaged by conda-forge' in sys.version)\n");
            sb.append("    if sys.version_info[:2] >= (3, 10) or sys.version_info[:2] >= (3, 8) and not conda:\n");
            sb.append("        os.add_dll_directory(libs_dir)\n");
            sb.append("        return\n");
            sb.append("    order = os.path.join(libs_dir, ").append(pyString(loadOrderFile)).append(")\n");
            sb.append("    if not os.path.isfile(order):\n");
            sb.append("        return\n");
            sb.append("    import ctypes.wintypes\n");
            sb.append("    f = open(order)\n");
            sb.append("    try:\n");
            sb.append("        names = f.read().split()\n");
            sb.append("    finally:\n");
            sb.append("        f.close()\n");
            sb.append("    kernel32 = ctypes.WinDLL('kernel32', use_last_error=True)\n");
            sb.append("    kernel32.LoadLibraryExW.restype = ctypes.wintypes.HMODULE\n");
            sb.append("    kernel32.LoadLibraryExW.argtypes = ctypes.wintypes.LPCWSTR, ctypes.wintypes.HANDLE, ctypes.wintypes.DWORD\n");
            sb.append("    for name in names:\n");
            sb.append("        dll = os.path.join(libs_dir, name)\n");
            sb.append("        # 8: LOAD_WITH_ALTERED_SEARCH_PATH, so that the DLL's own folder serves its imports\n");
            sb.append("        if os.path.isfile(dll) and not kernel32.LoadLibraryExW(dll, None, 8):\n");
            sb.append("            raise OSError('cannot load %s: %s' % (name, ctypes.FormatError(ctypes.get_last_error())))\n");
        }
        sb.append("\n\n_wheelwright_patch()\n");
        sb.append("del _wheelwright_patch\n");
        sb.append("# end wheelwright patch\n");
        return sb.toString();
    }

    /** {@code file} with the patch in place; {@code what} names it in errors. */
    static String apply(String what, String file, String libsDir, int depth, String loadOrderFile) {
        String nl = lineEnding(file);
        List<String> lines = file.lines().toList();
        // after the last top-level "from __future__ import" statement (with its parenthesised continuation)
        int futureEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (FUTURE.matcher(lines.get(i)).find()) {
                int j = i;
                if (lines.get(i).contains("(") && !lines.get(i).contains(")")) {
                    while (j + 1 < lines.size() && !lines.get(j).contains(")")) {
                        j++;
                    }
                } else {
                    while (j + 1 < lines.size() && lines.get(j).endsWith("\\")) {
                        j++;
                    }
                }
                futureEnd = j;
            }
        }
        if (futureEnd >= 0) {
            return join(lines.subList(0, futureEnd + 1), nl).stripTrailing() + nl.repeat(3) + endings(code(libsDir, depth, loadOrderFile, false), nl)
                    + rest(lines.subList(futureEnd + 1, lines.size()), nl);
        }
        int start = 0;
        while (start < lines.size() && (lines.get(start).isBlank() || lines.get(start).stripLeading().startsWith("#"))) {
            start++;
        }
        if (start < lines.size()) {
            Matcher m = STRING_START.matcher(lines.get(start).stripLeading());
            if (m.find() && lines.get(start).equals(lines.get(start).stripLeading())) {
                int end = docstringEnd(lines, start, m.end(), m.group(1));
                if (end < 0) {
                    throw new WheelwrightException(what + ": its docstring does not end where repair can find it");
                }
                int line = end;
                String tail = lines.get(line).substring(docstringTail(lines, start, m.end(), m.group(1)));
                if (!tail.isBlank() && !tail.strip().startsWith("#")) {
                    throw new WheelwrightException(what + ": text follows the docstring on the line where it ends ('" + tail.strip()
                            + "'); move it to a line of its own");
                }
                return join(lines.subList(0, line + 1), nl).stripTrailing() + nl.repeat(3) + endings(code(libsDir, depth, loadOrderFile, false), nl)
                        + rest(lines.subList(line + 1, lines.size()), nl);
            }
        }
        int first = 0;
        boolean shebang = !lines.isEmpty() && lines.get(0).startsWith("#!");
        if (shebang) {
            first = 1;
        }
        while (first < lines.size() && (lines.get(first).isBlank() || lines.get(first).strip().equals("#"))) {
            first++;
        }
        if (first < lines.size() && lines.get(first).startsWith("#")) {
            int end = first + 1;
            while (end < lines.size() && lines.get(end).startsWith("#")) {
                end++;
            }
            return join(lines.subList(0, end), nl).stripTrailing() + nl.repeat(3) + endings(code(libsDir, depth, loadOrderFile, false), nl)
                    + rest(lines.subList(end, lines.size()), nl);
        }
        if (shebang) {
            return lines.get(0).stripTrailing() + nl.repeat(3) + endings(code(libsDir, depth, loadOrderFile, false), nl)
                    + rest(lines.subList(1, lines.size()), nl);
        }
        return endings(code(libsDir, depth, loadOrderFile, true), nl) + rest(lines, nl);
    }

    /** The line index where a string literal opened at (line, col after the quote) closes; -1 if never. */
    private static int docstringEnd(List<String> lines, int line, int col, String quote) {
        int[] at = close(lines, line, indexAfterQuote(lines.get(line), col), quote);
        return at == null ? -1 : at[0];
    }

    private static int docstringTail(List<String> lines, int line, int col, String quote) {
        int[] at = close(lines, line, indexAfterQuote(lines.get(line), col), quote);
        return at == null ? 0 : at[1];
    }

    private static int indexAfterQuote(String line, int colInStripped) {
        return colInStripped + (line.length() - line.stripLeading().length());
    }

    /** {line, column after the closing quote}, honouring backslash escapes. */
    private static int[] close(List<String> lines, int line, int col, String quote) {
        boolean triple = quote.length() == 3;
        for (int l = line; l < lines.size(); l++) {
            String s = lines.get(l);
            for (int i = l == line ? col : 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (s.startsWith(quote, i)) {
                    return new int[] {l, i + quote.length()};
                }
            }
            if (!triple && !s.endsWith("\\")) {
                return null;
            }
        }
        return null;
    }

    private static String rest(List<String> lines, String nl) {
        String r = join(lines, nl).stripLeading();
        return r.isEmpty() ? "" : nl + r + (r.endsWith(nl) ? "" : nl);
    }

    private static String join(List<String> lines, String nl) {
        return String.join(nl, lines);
    }

    private static String endings(String code, String nl) {
        return nl.equals("\n") ? code : code.replace("\n", nl);
    }

    /** The file's first line ending; {@code \r\n} when it has none (delvewheel's default). */
    static String lineEnding(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                return "\n";
            }
            if (c == '\r') {
                return i + 1 < s.length() && s.charAt(i + 1) == '\n' ? "\r\n" : "\r";
            }
        }
        return "\r\n";
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
