/* A helper library that wraps the C API under Py-prefixed names of its own, as PySide's
 * libpyside6 exports PySideProperty_TypeF: the module importing them binds to this library. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *PyDemo_Wrap(PyObject *o) {
    return PyObject_Str(o);
}
