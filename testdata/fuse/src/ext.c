/* A minimal CPython extension module for Mach-O fixtures. No system headers: the few CPython
 * symbols it needs are declared here, and resolved at load time (-undefined dynamic_lookup). */
typedef struct _object PyObject;
typedef struct PyModuleDef PyModuleDef;
extern PyObject *PyModule_Create2(PyModuleDef *def, int apiver);
extern PyObject *PyLong_FromLong(long v);

static struct {
    char head[40];
    const char *name;
    const char *doc;
    long size;
    void *methods;
    void *slots[4];
} demo_module = {{0}, "_demo", "fuse fixture", -1, 0, {0}};

long demo_answer(void) { return 42; }

PyObject *PyInit__demo(void) {
    return PyModule_Create2((PyModuleDef *)&demo_module, 1013);
}
