/* A DLL for x86 (PE32) and ARM64 that imports foo.dll: the PE patcher's other machines. */
__declspec(dllimport) int foo_value(void);
__declspec(dllexport) int other_value(void) { return foo_value() + 1; }
