/* baz.dll: a private DLL the extension module delay-loads (its delay-load import table). */
__declspec(dllexport) int baz_value(void) { return 100; }
