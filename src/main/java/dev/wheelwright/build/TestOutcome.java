package dev.wheelwright.build;

/**
 * How trying a target's wheels went.
 *
 * @param status  passed, failed, or not run
 * @param how     natively, under QEMU, not tested
 * @param detail  for a test not run or failed: why, in a few words; else the command run
 */
public record TestOutcome(Status status, String how, String detail) {

    public enum Status {
        PASSED, FAILED, NOT_RUN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    static TestOutcome notRun(String why) {
        return new TestOutcome(Status.NOT_RUN, TestPlan.Mode.NONE.words(), why);
    }
}
