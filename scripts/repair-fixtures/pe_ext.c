/* pedemo._demo for Windows, without Python headers: imports foo.dll (and through it bar.dll),
   delay-loads baz.dll, imports python312.dll as every CPython 3.12 module does.
   demo_value() = foo_value() + baz_value() = 142 once every DLL is found. */
__declspec(dllimport) int foo_value(void);
int baz_value(void); /* from the delay-load import library */
__declspec(dllimport) int Py_IsInitialized(void);
__declspec(dllexport) int demo_value(void) { return foo_value() + baz_value(); }
__declspec(dllexport) void *PyInit__demo(void) { return Py_IsInitialized() ? (void *)0 : (void *)0; }
