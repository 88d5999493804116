#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF. */
static PyObject *crc16(PyObject *self, PyObject *args) {
    Py_buffer buf;
    if (!PyArg_ParseTuple(args, "y*", &buf)) return NULL;
    unsigned int crc = 0xFFFF;
    const unsigned char *p = buf.buf;
    for (Py_ssize_t i = 0; i < buf.len; i++) {
        crc ^= (unsigned int)p[i] << 8;
        for (int k = 0; k < 8; k++) crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
    }
    PyBuffer_Release(&buf);
    return PyLong_FromUnsignedLong(crc);
}

static PyMethodDef methods[] = {{"crc16", crc16, METH_VARARGS, "CRC-16/CCITT-FALSE"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_crc16", NULL, -1, methods};
PyMODINIT_FUNC PyInit__crc16(void) { return PyModule_Create(&module); }
