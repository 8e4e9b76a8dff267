package io.aoailab.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Files a scenario leaves for people beside the report, in the run directory ({@code target/aoai-lab-suite} on a
 * Maven run), e.g. the RBAC guide written from the matrix. Injected by {@link DeploymentTest}; writes nothing where
 * no run directory is configured (a suite launched by a project test).
 */
public final class RunFiles {
    private final Optional<Path> directory;

    RunFiles(Optional<Path> directory) {
        this.directory = directory;
    }

    /**
     * Writes {@code content} to {@code name} in the run directory.
     *
     * @return where it was written; empty when the run has no directory
     */
    public Optional<Path> write(String name, String content) {
        return directory.map(dir -> {
            Path file = dir.resolve(name);
            try {
                Files.createDirectories(dir);
                Files.writeString(file, content, StandardCharsets.UTF_8);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        });
    }
}
