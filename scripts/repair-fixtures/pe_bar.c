/* bar.dll: a private DLL that foo.dll imports (a dependency of a dependency). */
__declspec(dllexport) int bar_value(void) { return 40; }
