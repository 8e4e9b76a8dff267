package io.aoailab.target.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The standalone lab as a user runs it: its own JVM, stopped by a signal, as Ctrl-C or {@code kill} stop it. */
class LabMainProcessTest {

    @Test
    @Timeout(120)
    void should_say_it_stopped_and_remove_the_env_file_it_wrote(@TempDir Path out) throws Exception {
        // GIVEN a standalone lab in its own JVM, up and with its files written
        Path log = out.resolve("lab.log");
        Process lab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StandaloneLab.class.getName(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path envFile = out.resolve("lab.env");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.exists(envFile) || !read(log).contains("Ctrl-C stops it")) {
                assertThat(Instant.now()).as("lab.env written within 60 s; output so far:%n%s", read(log))
                        .isBefore(deadline);
                assertThat(lab.isAlive()).as("the lab process is alive; its output:%n%s", read(log)).isTrue();
                Thread.sleep(100);
            }

            // WHEN it is stopped as Ctrl-C or kill would stop it (SIGTERM)
            lab.destroy();

            // THEN it says so, and the env file with its client secrets is gone
            assertThat(lab.waitFor(30, TimeUnit.SECONDS)).as("the lab stops within 30 s").isTrue();
            assertThat(read(log)).contains("aoai-lab-suite lab stopped; removed " + envFile);
            assertThat(List.of(envFile, out.resolve("lab-ca.pem"))).noneMatch(Files::exists);
        } finally {
            lab.destroyForcibly();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
