package io.aoailab.junit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Which build of the suite ran: its version (Maven passes it) and the commit of the working copy, for the report. */
final class SuiteBuild {
    static final String VERSION_PROPERTY = "aoailab.suite.version";
    private static final String UNKNOWN = "unknown";

    private SuiteBuild() {
    }

    static String version() {
        return System.getProperty(VERSION_PROPERTY, UNKNOWN);
    }

    /** {@code git rev-parse --short HEAD}, bounded to 5 s; "unknown" outside a git working copy or without git. */
    static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            if (!git.waitFor(5, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return UNKNOWN;
            }
            try (InputStream out = git.getInputStream()) {
                String hash = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
                return git.exitValue() == 0 && hash.matches("[0-9a-f]{4,40}") ? hash : UNKNOWN;
            }
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }
}
