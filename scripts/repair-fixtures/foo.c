/* A private library outside every system folder: the extension module links it. */
int bar_value(void);
int foo_value(void) { return bar_value() + 2; }
