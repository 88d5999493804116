/* A mingw DLL with four extra data sections: fifteen section headers leave 36 bytes before
   SizeOfHeaders, too few for one more, so a new section moves every section's data one
   FileAlignment further. demo_value() = foo_value() + 100 = 142. */
__declspec(dllimport) int foo_value(void);
__attribute__((section(".d1"), used)) int d1 = 1;
__attribute__((section(".d2"), used)) int d2 = 2;
__attribute__((section(".d3"), used)) int d3 = 3;
__attribute__((section(".d4"), used)) int d4 = 4;
__declspec(dllexport) int demo_value(void) { return foo_value() + 100 + d1 + d2 + d3 + d4 - 10; }
