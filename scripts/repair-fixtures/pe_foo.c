/* foo.dll: a private DLL the extension module imports; it imports bar.dll. */
__declspec(dllimport) int bar_value(void);
__declspec(dllexport) int foo_value(void) { return bar_value() + 2; }
