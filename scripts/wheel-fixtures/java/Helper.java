package demo;

/** A class compiled for a chosen Java release, to give a bundled jar a class-file version. */
public final class Helper {
    public static int answer() {
        return 42;
    }
}
