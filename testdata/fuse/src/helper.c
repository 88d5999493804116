/* A second module, so that a wheel holds more than one Mach-O file. */
int helper_version(void) { return 3; }
