package dev.wheelwright.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value of a {@code setup.py} expression as far as it can be known without running the file.
 * Anything that depends on execution (a function call result, a comprehension, a conditional)
 * is {@link Unknown}, carrying the source text and why it could not be resolved, never a guess.
 */
public sealed interface PyValue {

    /** 1-based line where the expression starts. */
    int line();

    record Str(String value, int line) implements PyValue {}

    record Num(String text, int line) implements PyValue {}

    /** True, False or None. */
    record Const(String name, int line) implements PyValue {}

    /** A list or tuple literal (or a {@code +} concatenation of them). */
    record Seq(List<PyValue> items, int line) implements PyValue {
        public Seq {
            items = List.copyOf(items);
        }
    }

    /** A dict literal with string keys (other keys are dropped: nothing here reads them). */
    record Dict(Map<String, PyValue> entries, int line) implements PyValue {
        public Dict {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }
    }

    /** A call such as {@code Extension("pkg._ext", sources=[...])}: its callee and arguments. */
    record Call(String callee, List<PyValue> args, Map<String, PyValue> kwargs, int line) implements PyValue {
        public Call {
            args = List.copyOf(args);
            kwargs = Map.copyOf(kwargs);
        }
    }

    /** An expression whose value needs execution. */
    record Unknown(String source, String reason, int line) implements PyValue {}

    /** The strings of a list/tuple of string literals, or of one string; empty if anything is not a literal string. */
    default Optional<List<String>> strings() {
        if (this instanceof Str s) {
            return Optional.of(List.of(s.value()));
        }
        if (this instanceof Seq seq) {
            List<String> out = new ArrayList<>();
            for (PyValue v : seq.items()) {
                if (!(v instanceof Str s)) {
                    return Optional.empty();
                }
                out.add(s.value());
            }
            return Optional.of(out);
        }
        return Optional.empty();
    }

    /**
     * The literal strings of a list/tuple whose other items need execution ({@code ["cffi",
     * *extra]} gives {@code ["cffi"]}): what is certainly there; the value itself when it is a string.
     */
    default List<String> knownStrings() {
        if (this instanceof Str s) {
            return List.of(s.value());
        }
        List<String> out = new ArrayList<>();
        if (this instanceof Seq seq) {
            for (PyValue v : seq.items()) {
                if (v instanceof Str s) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }
}
