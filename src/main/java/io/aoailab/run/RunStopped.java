package io.aoailab.run;

/**
 * Stops the build with one line: the message says why and what to do. No stack trace and no class name, which would
 * only bury the line in Maven's output.
 */
final class RunStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunStopped(String message) {
        super(message, null, false, false);
    }

    static RunStopped nothingValidated(String why) {
        return new RunStopped("nothing was validated: " + why);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
