/* The third-party library that uses_lib.c links against. */
int helper_answer(void) { return 42; }
