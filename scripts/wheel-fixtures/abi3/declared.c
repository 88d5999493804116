/* The same calls as limited.c (LIMITED_310) and full.c, with the CPython symbols declared by hand
 * (FIXTURES.md: the Linux Python headers do not compile for Darwin or Windows targets). */
typedef struct _object PyObject;
typedef struct PyModuleDef PyModuleDef;
typedef long Py_ssize_t;
extern PyObject *PyModule_Create2(PyModuleDef *def, int api);
extern const char *PyUnicode_AsUTF8AndSize(PyObject *o, Py_ssize_t *size);
extern const char *PyUnicode_AsUTF8(PyObject *o);
static char module_def[128];

const char *utf8(PyObject *o, Py_ssize_t *n) {
    return n ? PyUnicode_AsUTF8AndSize(o, n) : PyUnicode_AsUTF8(o);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
PyObject *PyInit__ext(void) {
    return PyModule_Create2((PyModuleDef *)module_def, 1013);
}
