/* Loads a module as CPython 3.8+ on Windows does (LoadLibraryExW with
   LOAD_LIBRARY_SEARCH_DEFAULT_DIRS | LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR) after adding the folders
   given, as os.add_dll_directory does, then prints demo_value(). SetDefaultDllDirectories stands
   in for the delay-load hook delvewheel asks modules with delay-loaded DLLs to be built with
   (its delayload/delayhook.c): without one, the delay-load helper's plain LoadLibrary never
   searches the folders os.add_dll_directory added.
   Usage: load.exe MODULE [DLL_DIR...] */
#include <windows.h>
#include <stdio.h>

static wchar_t *wide(const char *s) {
    static wchar_t buf[4][MAX_PATH];
    static int next;
    wchar_t *w = buf[next++ % 4];
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, MAX_PATH);
    return w;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: load.exe MODULE [DLL_DIR...]\n");
        return 2;
    }
    SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_DEFAULT_DIRS);
    for (int i = 2; i < argc; i++) {
        if (!AddDllDirectory(wide(argv[i]))) {
            printf("AddDllDirectory %s failed: %lu\n", argv[i], GetLastError());
            return 1;
        }
    }
    HMODULE h = LoadLibraryExW(wide(argv[1]), NULL, LOAD_LIBRARY_SEARCH_DEFAULT_DIRS | LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR);
    if (!h) {
        printf("LoadLibraryExW %s failed: %lu\n", argv[1], GetLastError());
        return 1;
    }
    int (*value)(void) = (int (*)(void))GetProcAddress(h, "demo_value");
    if (!value) {
        printf("no demo_value in %s\n", argv[1]);
        return 1;
    }
    printf("demo_value %d\n", value());
    return 0;
}
