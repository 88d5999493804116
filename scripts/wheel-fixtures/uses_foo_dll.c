/* A Windows extension module that imports a private foo.dll (foo_value) besides python3.dll: the
 * external-dll rule's failing case. */
typedef struct PyModuleDef PyModuleDef;
extern void *PyModule_Create2(PyModuleDef *def, int api);
__declspec(dllimport) int foo_value(void);
static char module_def[128];

__declspec(dllexport) void *PyInit__ext(void) {
    return foo_value() ? PyModule_Create2((PyModuleDef *)module_def, 1013) : 0;
}
