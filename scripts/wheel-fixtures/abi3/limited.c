/* An extension module built against the limited API (compile with -DPy_LIMITED_API=0x03080000 or
 * 0x030A0000). With LIMITED_310 it also calls PyUnicode_AsUTF8AndSize, which joined the stable
 * ABI in 3.10: tagged cp38-abi3, it fails to import on 3.8 and 3.9 ("undefined symbol"). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *length(PyObject *self, PyObject *arg) {
#ifdef LIMITED_310
    Py_ssize_t n = 0;
    if (PyUnicode_AsUTF8AndSize(arg, &n) == NULL) {
        return NULL;
    }
    return PyLong_FromSsize_t(n);
#else
    return PyLong_FromSsize_t(PyObject_Length(arg));
#endif
}

static PyMethodDef methods[] = {
    {"length", length, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_ext", NULL, -1, methods};

PyMODINIT_FUNC PyInit__ext(void) {
    return PyModule_Create(&module);
}
