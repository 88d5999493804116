/* A minimal CPython extension module for fixtures. The few CPython symbols it uses are declared
 * by hand (no Python.h: the Linux headers do not compile for Darwin or Windows targets) and are
 * resolved when the module is imported (-undefined dynamic_lookup on macOS). */
typedef struct PyModuleDef PyModuleDef;
extern void *PyModule_Create2(PyModuleDef *def, int api);
static char module_def[128];

#ifdef _WIN32
__declspec(dllexport)
#endif
void *PyInit__ext(void) {
    return PyModule_Create2((PyModuleDef *)module_def, 1013);
}
