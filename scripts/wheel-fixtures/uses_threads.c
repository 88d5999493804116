/* An extension module that starts a thread: on glibc 2.34 and later pthread_create is versioned
 * GLIBC_2.34, which makes the module need a newer glibc than manylinux_2_17 promises. */
#include <pthread.h>
typedef struct PyModuleDef PyModuleDef;
extern void *PyModule_Create2(PyModuleDef *def, int api);
static char module_def[128];
static void *work(void *arg) { return arg; }

void *PyInit__ext(void) {
    pthread_t t;
    pthread_create(&t, 0, work, 0);
    return PyModule_Create2((PyModuleDef *)module_def, 1013);
}
