/* A private library that libfoo needs: repair must bundle it too (a dependency of a dependency).
   getrandom (GLIBC_2.25) gives the repaired wheel a glibc floor above manylinux2014's 2.17. */
#include <sys/random.h>

int bar_value(void) { return 40; }

int bar_random(void) {
    int v = 0;
    getrandom(&v, sizeof v, 0);
    return v;
}
