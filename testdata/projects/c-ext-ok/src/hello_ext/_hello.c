#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* greet(name) -> "hello, <name>" */
static PyObject *greet(PyObject *self, PyObject *args) {
    const char *name;
    if (!PyArg_ParseTuple(args, "s", &name)) {
        return NULL;
    }
    return PyUnicode_FromFormat("hello, %s", name);
}

static PyMethodDef methods[] = {
    {"greet", greet, METH_VARARGS, "Say hello."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_hello", NULL, -1, methods};

PyMODINIT_FUNC PyInit__hello(void) { return PyModule_Create(&module); }
