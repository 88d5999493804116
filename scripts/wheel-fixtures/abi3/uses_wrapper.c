/* An extension module built against the limited API of 3.8 that calls its own helper library's
 * PyDemo_Wrap (not CPython's) and CPython's PyUnicode_AsUTF8 (not in the stable ABI). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern PyObject *PyDemo_Wrap(PyObject *o);
extern const char *PyUnicode_AsUTF8(PyObject *o);

static PyObject *show(PyObject *self, PyObject *arg) {
    PyObject *s = PyDemo_Wrap(arg);
    if (s == NULL || PyUnicode_AsUTF8(s) == NULL) {
        return NULL;
    }
    return s;
}

static PyMethodDef methods[] = {
    {"show", show, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_ext", NULL, -1, methods};

PyMODINIT_FUNC PyInit__ext(void) {
    return PyModule_Create(&module);
}
