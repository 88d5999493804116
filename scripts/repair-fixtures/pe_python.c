/* A stand-in for the interpreter's python312.dll, placed beside the loader: the module imports
   it, and repair must leave it to the interpreter (never bundle it). */
__declspec(dllexport) int Py_IsInitialized(void) { return 1; }
