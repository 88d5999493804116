package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericLinesTest {

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "  error: subprocess-exited-with-error => true",
            "  ERROR: Failed building wheel for cffi => true",
            "note: This error originates from a subprocess, and is likely not a problem with pip. => true",
            "error: legacy-install-failure => true",
            "  × Building wheel for cffi (pyproject.toml) did not run successfully. => true",
            "  │ exit code: 1 => true",
            "  ╰─> [38 lines of output] => true",
            "  ╰─> See above for output. => true",
            "      [end of output] => true",
            "Failed to build cffi => true",
            "ERROR: Could not build wheels for cffi, which is required to install pyproject.toml-based projects => true",
            "ERROR: Command errored out with exit status 1: python setup.py egg_info => true",
            "Command \"python setup.py egg_info\" failed with error code 1 in /tmp/pip-build/x/ => true",
            "error: command '/usr/bin/gcc' failed with exit code 1 => true",
            "ERROR Backend subprocess exited when trying to invoke build_wheel => true",
            "ERROR: Failed to build installable wheels for some pyproject.toml based projects (cffi) => true",
            "`    ^` => true",
            "`   ` => true",
            "`` => true",
            "c/_cffi_backend.c:15:10: fatal error: ffi.h: No such file or directory => false",
            "  exit code: none => false",
            "`   ^^^` => false",
            "  ╰─> [x lines of output] => false",
            "command 'gcc' failed with exit code 1 => false",
            "  error: FAILED BUILDING WHEEL FOR cffi => false",
    })
    void tellsClosingLinesFromCauses(String line, boolean generic) {
        assertThat(GenericLines.isGeneric(line)).isEqualTo(generic);
    }
}
