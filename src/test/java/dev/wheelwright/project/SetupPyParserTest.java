package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SetupPyParserTest {

    static Stream<Arguments> setupRequiresValues() {
        return Stream.of(
                Arguments.of("setup(setup_requires=['cffi>=1.0', \"wheel\"])", List.of("cffi>=1.0", "wheel"), true),
                Arguments.of("setup(\n    name='x',\n    setup_requires=('cffi',),\n)", List.of("cffi"), true),
                Arguments.of("REQS = ['cffi']\nsetup(setup_requires=REQS)", List.of("cffi"), false),
                Arguments.of("BASE = ['a']\nEXTRA = ['b']\nsetup(setup_requires=BASE + EXTRA + ['c'])", List.of("a", "b", "c"), false),
                Arguments.of("R = ['a']\nR += ['b']\nsetup(setup_requires=R)", List.of("a", "b"), false),
                Arguments.of("from setuptools import setup\nif __name__ == '__main__':\n    setup(setup_requires=['x'] )", List.of("x"), true),
                Arguments.of("import setuptools\nsetuptools.setup(setup_requires=[\n  'a',  # comment\n  'b'\n])", List.of("a", "b"), true),
                Arguments.of("setup(setup_requires=['py' 'test'])", List.of("pytest"), true),
                // setup(**kwargs) with a literal dict: its keys are the call's keywords, not editable in place
                Arguments.of("kw = dict(\n    name='x',\n    setup_requires=['cffi'],\n)\nsetup(**kw)", List.of("cffi"), false),
                Arguments.of("R = ['a']\nkw = {'name': 'x', 'setup_requires': R + ['b']}\nsetup(**kw)", List.of("a", "b"), false),
                Arguments.of("setup(name='x', **{'setup_requires': ['c']})", List.of("c"), false),
                Arguments.of("kw = dict(setup_requires=['a'])\nsetup(setup_requires=['explicit'], **kw)", List.of("explicit"), true),
                // lists grown before setup(), also under if/try (a requirement on some platforms is one)
                Arguments.of("R = ['setuptools']\nR.append('cffi>=1.0')\nsetup(setup_requires=R)", List.of("setuptools", "cffi>=1.0"), false),
                Arguments.of("R = []\nif not PYPY:\n    R.append('cffi')\nsetup(setup_requires=R)", List.of("cffi"), false),
                Arguments.of("R = ['a']\nR.extend(['b', 'c'])\nR.insert(0, 'z')\nsetup(setup_requires=R)", List.of("z", "a", "b", "c"), false),
                Arguments.of("R = ['a']\ntry:\n    import x\nexcept ImportError:\n    R += ['b']\nsetup(setup_requires=R)", List.of("a", "b"), false),
                // a function body runs only when called: its appends do not count
                Arguments.of("R = ['a']\ndef later():\n    R.append('x')\nsetup(setup_requires=R)", List.of("a"), false),
                Arguments.of("R = ['a']\nclass C:\n    def m(self):\n        R.append('x')\nR.append('b')\nsetup(setup_requires=R)",
                        List.of("a", "b"), false),
                // keyword dicts filled before setup(**kw)
                Arguments.of("kw = dict(name='x')\nkw['setup_requires'] = ['cffi']\nsetup(**kw)", List.of("cffi"), false),
                Arguments.of("kw = {}\nkw.update(setup_requires=['a'])\nsetup(**kw)", List.of("a"), false),
                Arguments.of("kw = {'name': 'x'}\nkw.update({'setup_requires': ['b']})\nsetup(**kw)", List.of("b"), false),
                Arguments.of("R = ['a']\nkw = dict(setup_requires=R)\nR.append('late')\nsetup(**kw)", List.of("a"), false),
                // a literal list spliced into another
                Arguments.of("EXTRA = ['b']\nsetup(setup_requires=['a', *EXTRA])", List.of("a", "b"), true));
    }

    @Test
    void whatCannotBeFollowedStaysUnknownAndMixedListsKeepTheirLiterals() {
        SetupPy grown = SetupPyParser.parse("setup.py", "R = get_reqs()\nR.append('cffi')\nsetup(setup_requires=R)");
        assertThat(grown.keyword("setup_requires").orElseThrow().value()).isInstanceOf(PyValue.Unknown.class);
        SetupPy updated = SetupPyParser.parse("setup.py", "kw = {}\nkw.update(make())\nsetup(**kw)");
        assertThat(updated.keyword("setup_requires")).isEmpty();
        assertThat(updated.keyword("**kw").orElseThrow().value()).isInstanceOf(PyValue.Unknown.class);
        SetupPy mixed = SetupPyParser.parse("setup.py", "setup(setup_requires=['cffi>=1.0', *(['x'] if X else [])])");
        PyValue v = mixed.keyword("setup_requires").orElseThrow().value();
        assertThat(v.strings()).isEmpty();
        assertThat(v.knownStrings()).containsExactly("cffi>=1.0");
        assertThat(mixed.keyword("setup_requires").orElseThrow().literal()).isFalse();
        // a method that is not a list or dict mutation leaves the variable as it was
        SetupPy other = SetupPyParser.parse("setup.py", "R = ['a']\nR.sort()\nprint(R)\nsetup(setup_requires=R)");
        assertThat(other.keyword("setup_requires").orElseThrow().value().strings()).contains(List.of("a"));
    }

    @Test
    void unpackedKeywordsKeepTheirLineAndUnknownDictsStayUnknown() {
        SetupPy s = SetupPyParser.parse("setup.py", "kw = dict(\n    name='x',\n    setup_requires=['cffi'],\n)\nsetup(**kw)");
        assertThat(s.keyword("setup_requires").orElseThrow().line()).isEqualTo(3);
        assertThat(s.keyword("name").orElseThrow().value()).isEqualTo(new PyValue.Str("x", 2));
        SetupPy dynamic = SetupPyParser.parse("setup.py", "setup(**make_kwargs())");
        assertThat(dynamic.keyword("setup_requires")).isEmpty();
        assertThat(dynamic.keyword("**make_kwargs")).isPresent();
    }

    @ParameterizedTest
    @MethodSource("setupRequiresValues")
    void resolvesLiteralsVariablesAndConcatenation(String source, List<String> expected, boolean literal) {
        SetupPy s = SetupPyParser.parse("setup.py", source);
        SetupPy.Keyword k = s.keyword("setup_requires").orElseThrow();
        assertThat(k.value().strings()).contains(expected);
        assertThat(k.literal()).isEqualTo(literal);
    }

    static Stream<Arguments> dynamicValues() {
        return Stream.of(
                Arguments.of("setup(setup_requires=[r for r in R])", "comprehension"),
                Arguments.of("setup(setup_requires=['a'] if X else [])", "needs execution"),
                Arguments.of("setup(setup_requires=open('r.txt').read().split())", "open"),
                Arguments.of("setup(setup_requires=UNDEFINED)", "UNDEFINED"),
                Arguments.of("setup(setup_requires=f'cffi{V}')", "f-string"));
    }

    @ParameterizedTest
    @MethodSource("dynamicValues")
    void dynamicValuesAreUnknownNotGuessed(String source, String mentioned) {
        SetupPy s = SetupPyParser.parse("setup.py", source);
        PyValue v = s.keyword("setup_requires").orElseThrow().value();
        assertThat(v).isInstanceOf(PyValue.Unknown.class);
        PyValue.Unknown u = (PyValue.Unknown) v;
        assertThat(u.source() + " " + u.reason()).contains(mentioned);
        assertThat(v.strings()).isEmpty();
    }

    @Test
    void callResultsAreCallsWithoutStrings() {
        PyValue v = SetupPyParser.parse("setup.py", "setup(setup_requires=get_reqs('a'))").keyword("setup_requires").orElseThrow().value();
        assertThat(v).isEqualTo(new PyValue.Call("get_reqs", List.of(new PyValue.Str("a", 1)), java.util.Map.of(), 1));
        assertThat(v.strings()).isEmpty();
    }

    @Test
    void keepsLinesAndOffsetsOfKeywords() {
        String src = "from setuptools import setup\n\nsetup(\n    name=\"pkg\",\n    setup_requires=[\"cffi>=1.15\"],\n"
                + "    cffi_modules=[\"build_ffi.py:ffi\"],\n    ext_modules=[Extension('pkg._x', sources=['x.c'])],\n)\n";
        SetupPy s = SetupPyParser.parse("setup.py", src);
        assertThat(s.setupLine()).isEqualTo(3);
        SetupPy.Keyword k = s.keyword("setup_requires").orElseThrow();
        assertThat(k.line()).isEqualTo(5);
        assertThat(src.substring(k.start(), k.end())).isEqualTo("setup_requires=[\"cffi>=1.15\"]");
        assertThat(s.keyword("cffi_modules").orElseThrow().value().strings()).contains(List.of("build_ffi.py:ffi"));
        assertThat(s.extensions()).singleElement().satisfies(c -> {
            assertThat(c.callee()).isEqualTo("Extension");
            assertThat(c.args().get(0)).isEqualTo(new PyValue.Str("pkg._x", 7));
        });
    }

    @Test
    void ignoresDefinitionsAndOtherSetupAttributes() {
        SetupPy s = SetupPyParser.parse("setup.py", "def setup(x):\n    pass\nfoo.setup(a=1)\nsetup(name='real')\n");
        assertThat(s.setupLine()).isEqualTo(4);
        assertThat(s.keyword("name").orElseThrow().value()).isEqualTo(new PyValue.Str("real", 4));
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("setup(name='x\n)", "line 1: unterminated string"),
                Arguments.of("import os\nx = '''never closed\n", "line 2: unterminated string"),
                Arguments.of("a = 1\n\u0001\u0002junk", "line 2: binary data"));
    }

    @ParameterizedTest
    @MethodSource("unreadable")
    void unreadableSourceSaysWhereAndWhy(String source, String expected) {
        SetupPy s = SetupPyParser.parse("setup.py", source);
        assertThat(s.unparsable()).startsWith(expected);
        assertThat(s.hasSetupCall()).isFalse();
    }

    @Test
    void noSetupCallIsNotAnError() {
        SetupPy s = SetupPyParser.parse("setup.py", "# nothing here\nprint('hi')\n");
        assertThat(s.unparsable()).isNull();
        assertThat(s.hasSetupCall()).isFalse();
        assertThat(s.keyword("setup_requires")).isEqualTo(Optional.empty());
    }

    @Test
    void absurdNestingIsUnknownNotAStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        SetupPy s = SetupPyParser.parse("setup.py", "X = " + deep + "\nsetup(setup_requires=" + deep + ", name='ok')\n");
        assertThat(s.keyword("setup_requires").orElseThrow().value().strings()).isEmpty();
        assertThat(s.keyword("name").orElseThrow().value()).isEqualTo(new PyValue.Str("ok", 2));
    }
}
