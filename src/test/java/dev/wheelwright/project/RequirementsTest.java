package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cffi>=1.15.0|cffi",
        "Setuptools_SCM[toml] >= 6.2|setuptools-scm",
        "zope.interface ; python_version < '3.12'|zope-interface",
        "CFFI   # build dep|cffi",
    })
    void namesAreCanonical(String requirement, String name) {
        assertThat(Requirements.name(requirement)).contains(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "setuptools|true",
        "setuptools>=61|true",
        "setuptools>=70.1|true",
        "setuptools>=64,<70|false",
        "setuptools==69.5.1|false",
        "setuptools~=69.0|false",
        "setuptools~=70.0|true",
        "setuptools<=70.0.0|false",
    })
    void setuptoolsThatBuildsWheelsItself(String requirement, boolean allows) {
        assertThat(Requirements.allowsSetuptoolsWithBdistWheel(requirement)).isEqualTo(allows);
    }

    @ParameterizedTest
    @CsvSource({"2.9,2.15,-1", "2.15.0,2.15,0", "1.9.0,1.10,-1", "11.0,10.13,1"})
    void releaseNumbersCompareNumerically(String a, String b, int sign) {
        assertThat(Integer.signum(Requirements.compareVersions(a, b))).isEqualTo(sign);
    }
}
