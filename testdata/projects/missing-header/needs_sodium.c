#define PY_SSIZE_T_CLEAN
#include <Python.h>
/* libsodium's header: absent unless libsodium-dev is installed, which is the point. */
#include <sodium.h>

static PyObject *version(PyObject *self, PyObject *noargs) {
    return PyUnicode_FromString(sodium_version_string());
}

static PyMethodDef methods[] = {{"version", version, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "needs_sodium", NULL, -1, methods};

PyMODINIT_FUNC PyInit_needs_sodium(void) { return PyModule_Create(&module); }
