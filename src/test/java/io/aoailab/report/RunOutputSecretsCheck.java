package io.aoailab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * After this build's scenario run: no secret the run knew (the lab's keys and client secrets, the configuration's)
 * appears anywhere in the report or the build output, and no access token does. The run leaves only SHA-256
 * fingerprints of its secrets ({@code secret-fingerprints.txt}); every key-like word of every text file under
 * {@code target/} and {@code reports/} is fingerprinted and compared. The report's data are looked at in plain text,
 * in the results and the directory copy of the report under {@code target/}.
 */
class RunOutputSecretsCheck {
    /**
     * Key-like words, cut three ways so a secret is found whatever stands next to it: letters and digits (hex and
     * alphanumeric keys), with {@code ~._-} (client secrets), with {@code +/=} (base64 keys).
     */
    private static final List<Pattern> WORDS = List.of(Pattern.compile("[A-Za-z0-9]{8,}"),
            Pattern.compile("[A-Za-z0-9~._-]{8,}"), Pattern.compile("[A-Za-z0-9+/]{8,}={0,2}"));
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.");
    private static final long MAX_FILE = 64L * 1024 * 1024;

    @Test
    void no_secret_of_the_run_reaches_the_report_or_the_build_output() throws IOException {
        Path run = Path.of(System.getProperty("aoailab.run.directory", "target/aoai-lab-suite"));
        Path fingerprintsFile = run.resolve("secret-fingerprints.txt");
        assertThat(fingerprintsFile).as("the fingerprints this build's scenario run left").isRegularFile();
        Set<String> fingerprints = new HashSet<>(Files.readAllLines(fingerprintsFile));
        assertThat(fingerprints).as("the run's secrets (the lab's keys and client secrets at least)").isNotEmpty();

        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path root : List.of(Path.of("target"), Path.of("reports"))) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path file : all.filter(Files::isRegularFile).toList()) {
                    if (file.equals(fingerprintsFile) || Files.size(file) > MAX_FILE) {
                        continue;
                    }
                    String text = text(file);
                    if (text == null) {
                        continue;
                    }
                    files++;
                    for (Pattern words : WORDS) {
                        Matcher word = words.matcher(text);
                        while (word.find()) {
                            if (fingerprints.contains(Redactor.sha256(word.group()))) {
                                found.add(file + ": a secret of the run");
                            }
                        }
                    }
                    if (JWT.matcher(text).find() && !file.toString().contains("test-classes")) {
                        found.add(file + ": an access token");
                    }
                }
            }
        }
        assertThat(files).as("text files looked at").isGreaterThan(100);
        assertThat(found).as("places where a secret of the run was found").isEmpty();
    }

    // null for a binary file (classes, jars, images)
    private static String text(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
