/* A Mach-O extension module that links @rpath/libhelper.dylib (no system headers: no macOS SDK here). */
int helper_value(void);
int module_value(void) { return helper_value() * 6; }
