/* An extension module that calls into a third-party library, so that the library becomes a
 * linked dependency (LC_LOAD_DYLIB / DT_NEEDED) of the module. */
typedef struct PyModuleDef PyModuleDef;
extern void *PyModule_Create2(PyModuleDef *def, int api);
extern int helper_answer(void);
static char module_def[128];

void *PyInit__ext(void) {
    module_def[0] = (char)helper_answer();
    return PyModule_Create2((PyModuleDef *)module_def, 1013);
}
