package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a wheel installs on a target interpreter and platform, by its file name alone: it does
 * when one of its tags is among the target's supported tags (PEP 425 "Use"); its rank is the
 * position of its best tag there. Otherwise each tag gets the reasons, in words, why the target
 * refuses it.
 */
public final class WheelCompatibility {
    private WheelCompatibility() {}

    /** One tag of the wheel: its 1-based rank among the target's tags (0 if refused) and why not. */
    public record TagVerdict(Tag tag, int rank, List<String> reasons) {
        public TagVerdict {
            reasons = List.copyOf(reasons);
        }

        public boolean supported() {
            return rank > 0;
        }
    }

    /** The wheel's verdict on the target. */
    public record Verdict(WheelFilename wheel, String interpreter, String platform, int supportedTagCount,
            List<TagVerdict> tags) {
        public Verdict {
            tags = List.copyOf(tags);
        }

        public boolean installs() {
            return best().isPresent();
        }

        /** The wheel's best tag on the target: the one ranked highest (lowest rank number). */
        public Optional<TagVerdict> best() {
            return tags.stream().filter(TagVerdict::supported).min((a, b) -> Integer.compare(a.rank(), b.rank()));
        }
    }

    private static final Pattern INTERPRETER = Pattern.compile("([a-z]+?)([0-9]*)");
    private static final Map<String, String> IMPLEMENTATIONS = Map.of("cp", "CPython", "pp", "PyPy",
            "ip", "IronPython", "jy", "Jython", "graalpy", "GraalPy", "py", "Python");

    /**
     * Judges every tag of {@code wheel} against implementation {@code impl} ({@code cp} or
     * {@code pp}) of {@code python} on the machine the platform tag describes.
     */
    public static Verdict check(WheelFilename wheel, PythonVersion python, String impl, String platformTag) {
        Platforms.Target target = Platforms.machine(platformTag);
        List<String> platforms = Platforms.compatible(target);
        List<Tag> supported = Tags.forTarget(python, impl, platforms);
        Map<Tag, Integer> rank = new HashMap<>();
        for (int i = 0; i < supported.size(); i++) {
            rank.putIfAbsent(supported.get(i), i + 1);
        }
        Set<String> interpreters = new HashSet<>();
        Set<String> abis = new HashSet<>();
        for (Tag t : supported) {
            interpreters.add(t.interpreter());
            abis.add(t.abi());
        }
        Set<String> platformSet = new HashSet<>(platforms);
        platformSet.add("any"); // PEP 425: 'any' runs everywhere (the pure-Python tags)
        String implName = IMPLEMENTATIONS.getOrDefault(impl == null ? "cp" : impl.toLowerCase(java.util.Locale.ROOT), impl);
        Context ctx = new Context(python, implName, target, platforms, interpreters, abis, platformSet);
        List<TagVerdict> verdicts = new ArrayList<>();
        for (Tag tag : wheel.tags()) {
            Integer r = rank.get(tag);
            verdicts.add(r != null ? new TagVerdict(tag, r, List.of()) : new TagVerdict(tag, 0, ctx.reasons(tag)));
        }
        return new Verdict(wheel, implName + " " + python, target.tag(), supported.size(), verdicts);
    }

    private record Context(PythonVersion python, String implName, Platforms.Target target, List<String> platforms,
            Set<String> interpreters, Set<String> abis, Set<String> platformSet) {

        List<String> reasons(Tag tag) {
            List<String> out = new ArrayList<>();
            boolean abi3TooNew = false;
            if (tag.abi().equals("abi3") && implName.equals("CPython") && !python.freeThreaded()) {
                Matcher m = INTERPRETER.matcher(tag.interpreter());
                if (m.matches() && m.group(1).equals("cp") && !interpreters.contains(tag.interpreter())) {
                    String v = dotted(m.group(2));
                    out.add("abi3 needs CPython " + v + "+, the target is " + python);
                    abi3TooNew = true;
                }
            }
            if (!abi3TooNew && !interpreters.contains(tag.interpreter())) {
                out.add(interpreterReason(tag.interpreter()));
            }
            if (!abis.contains(tag.abi())) {
                out.add(abiReason(tag));
            }
            if (!platformSet.contains(tag.platform())) {
                out.add(PlatformReasons.why(tag.platform(), target, platforms));
            }
            Matcher cp = INTERPRETER.matcher(tag.interpreter());
            if (out.isEmpty() && cp.matches() && cp.group(1).equals("cp") && !cp.group(2).isEmpty()
                    && !dotted(cp.group(2)).equals(python.major() + "." + python.minor())) {
                // An older cpXY is accepted only with the stable ABI; with any other ABI it names one version.
                out.add("built for CPython " + dotted(cp.group(2)) + " only (only abi3 wheels carry over to newer"
                        + " versions), the target is " + implName + " " + python);
            }
            if (out.isEmpty()) {
                out.add("the target accepts " + tag.interpreter() + ", " + tag.abi() + " and " + tag.platform()
                        + " but not in this combination");
            }
            return out;
        }

        private String interpreterReason(String interpreter) {
            Matcher m = INTERPRETER.matcher(interpreter);
            if (!m.matches()) {
                return "interpreter tag '" + interpreter + "' is not one the target accepts";
            }
            String impl = m.group(1);
            String version = dotted(m.group(2));
            String name = IMPLEMENTATIONS.get(impl);
            String targetText = implName + " " + python;
            if (name == null) {
                return "built for interpreter '" + interpreter + "', the target is " + targetText;
            }
            if (!impl.equals("py") && !name.equals(implName)) {
                return "built for " + name + (version.isEmpty() ? "" : " " + version) + ", the target is " + targetText;
            }
            if (version.isEmpty()) {
                return "interpreter tag '" + interpreter + "' names no Python version";
            }
            String major = m.group(2).substring(0, 1);
            if (!major.equals(Integer.toString(python.major()))) {
                return "needs Python " + version + ", the target is Python " + python;
            }
            if (impl.equals("py")) {
                return "needs Python " + version + " or newer, the target is " + python;
            }
            return "built for " + name + " " + version + ", the target is " + targetText;
        }

        private String abiReason(Tag tag) {
            String abi = tag.abi();
            if (abi.equals("abi3")) {
                if (python.freeThreaded()) {
                    return "abi3 does not load on free-threaded CPython " + python + " (it needs abi3t)";
                }
                return "abi3 is CPython's stable ABI; " + implName + " does not load it";
            }
            if (abi.equals("abi3t")) {
                return "abi3t is the stable ABI of free-threaded CPython; the target is " + implName + " " + python;
            }
            String own = implName.equals("CPython") ? Tags.cpythonAbi(python) : "pypy" + python.nodot() + "_pp73";
            Matcher m = Pattern.compile("cp([0-9]+)([a-z]*)").matcher(abi);
            if (m.matches()) {
                String flags = m.group(2);
                String v = dotted(m.group(1));
                if (!v.equals(python.major() + "." + python.minor())) {
                    return "built for the ABI of " + (flags.contains("t") ? "free-threaded " : "") + "CPython " + v
                            + " (" + abi + "), the target's is " + own;
                }
                if (flags.contains("t") != python.freeThreaded()) {
                    return flags.contains("t")
                            ? "built for free-threaded CPython (" + abi + "), the target's ABI is " + own
                            : "built for CPython with the GIL (" + abi + "), the target is free-threaded (" + own + ")";
                }
                if (flags.contains("d")) {
                    return "built for a debug build of CPython (" + abi + "), the target's ABI is " + own;
                }
                return "built for ABI " + abi + ", the target's is " + own;
            }
            if (abi.startsWith("pypy")) {
                return "built for PyPy's ABI (" + abi + "), the target's is " + own;
            }
            return "built for ABI " + abi + ", the target's is " + own + " (or abi3, none)";
        }
    }

    /** {@code 310} → {@code 3.10}; {@code 3} → {@code 3}. */
    static String dotted(String digits) {
        return digits.length() <= 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    }
}
