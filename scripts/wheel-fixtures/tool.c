/* A stand-alone helper program, the kind a wheel ships as data and runs in a subprocess. */
int main(void) {
    return 0;
}
