/* A private library that libfoo needs: repair must bundle it too (a dependency of a dependency). */
int bar_value(void) { return 40; }
