/* repdemo._demo (and _demo_rpath, built with -DMODULE=_demo_rpath): value() comes from libfoo (and libbar through it). */
#include <Python.h>

#ifndef MODULE
#define MODULE _demo
#endif
#define STR2(x) #x
#define STR(x) STR2(x)
#define INIT2(x) PyInit_##x
#define INIT(x) INIT2(x)

int foo_value(void);

static PyObject *value(PyObject *self, PyObject *args) { return PyLong_FromLong(foo_value()); }

static PyMethodDef methods[] = {{"value", value, METH_NOARGS, "foo_value() of libfoo"}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, STR(MODULE), NULL, -1, methods};

PyMODINIT_FUNC INIT(MODULE)(void) { return PyModule_Create(&module); }
