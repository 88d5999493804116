package dev.wheelwright.wheel;

import java.util.Locale;

/** Rules about member names that installers rely on. */
public final class MemberNames {
    private MemberNames() {}

    /**
     * Why a member name would escape the install folder or be ambiguous, or null when it is safe.
     * Installers join member names to site-packages; pip refuses names that resolve outside it
     * ("The wheel has a file ... trying to be installed outside of the target directory").
     */
    public static String unsafeReason(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.indexOf('\0') >= 0) {
            return "contains a NUL byte";
        }
        if (name.startsWith("/")) {
            return "absolute path";
        }
        if (name.length() >= 2 && Character.isLetter(name.charAt(0)) && name.charAt(1) == ':') {
            return "absolute Windows path";
        }
        if (name.indexOf('\\') >= 0) {
            return "contains a backslash (a folder separator on Windows)";
        }
        // a ".." segment, found by a scan (no split: a name may be 100,000 slashes)
        for (int i = name.indexOf(".."); i >= 0; i = name.indexOf("..", i + 1)) {
            if ((i == 0 || name.charAt(i - 1) == '/') && (i + 2 == name.length() || name.charAt(i + 2) == '/')) {
                return "contains '..' (leaves the install folder)";
            }
        }
        return null;
    }

    /** The extension modules' suffixes CPython and PyPy import (importlib.machinery.EXTENSION_SUFFIXES family). */
    public static boolean isExtensionModule(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".so") || n.endsWith(".pyd");
    }

    /** Names of native code by extension: modules, shared libraries, Windows DLLs and executables. */
    public static boolean looksNativeByName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return isExtensionModule(n) || n.endsWith(".dylib") || n.endsWith(".dll") || n.endsWith(".exe")
                || versionedSharedObject(n);
    }

    /**
     * A name ending {@code .so} and one or more {@code .digits}, as {@code libz.so.1.2.13}: read
     * from the end (linear; a regex with {@code .*} in front backtracks over long names).
     */
    static boolean versionedSharedObject(String n) {
        int end = n.length();
        int groups = 0;
        while (true) {
            int i = end;
            while (i > 0 && n.charAt(i - 1) >= '0' && n.charAt(i - 1) <= '9') {
                i--;
            }
            if (i == end || i == 0 || n.charAt(i - 1) != '.') {
                break;
            }
            groups++;
            end = i - 1;
        }
        return groups > 0 && n.startsWith(".so", end - 3);
    }

    /**
     * A wheel folder joined with a relative path, {@code .} and {@code ..} folded; null when the
     * path climbs above the wheel's root. {@code dir} may be empty (the root).
     */
    public static String resolve(String dir, String rel) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String p : (dir.isEmpty() ? rel : dir + "/" + rel).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }
}
