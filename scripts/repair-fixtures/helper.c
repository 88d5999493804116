/* libhelper: a dylib with install name @rpath/libhelper.dylib, outside the wheel. */
int helper_value(void) { return 7; }
