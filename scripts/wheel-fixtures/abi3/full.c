/* An extension module built against the full C API (no Py_LIMITED_API): PyUnicode_AsUTF8 and
 * _PyBytes_Resize are not in the stable ABI, so an abi3 tag on it is a promise it cannot keep. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *shout(PyObject *self, PyObject *arg) {
    const char *s = PyUnicode_AsUTF8(arg);
    if (s == NULL) {
        return NULL;
    }
    PyObject *b = PyBytes_FromString(s);
    if (b == NULL || _PyBytes_Resize(&b, PyBytes_Size(b) / 2) < 0) {
        return NULL;
    }
    return b;
}

static PyMethodDef methods[] = {
    {"shout", shout, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_ext", NULL, -1, methods};

PyMODINIT_FUNC PyInit__ext(void) {
    return PyModule_Create(&module);
}
