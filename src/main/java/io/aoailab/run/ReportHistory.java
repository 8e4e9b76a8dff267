package io.aoailab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The report's history, carried from run to run so trends and each test's history fill in. Allure builds them from a
 * {@code history/} folder in the results it is given, and writes the updated folder into a report it generates as a
 * directory (the single-file report keeps it inside its one page), per Allure's documentation
 * (allurereport.org/docs/how-it-works-history-files, allurereport.org/docs/history-and-retries). The folder lives in
 * {@code reports/history/}: {@link #carryIn} copies it into the results before the report is generated,
 * {@link #carryOut} copies the new one back after. CI keeps the folder between runs (the nightly workflow restores
 * and saves it).
 */
final class ReportHistory {
    static final String FOLDER = "history";

    private ReportHistory() {
    }

    /** Copies the kept history into the results, if there is one. */
    static void carryIn(Path kept, Path results) {
        copy(kept, results.resolve(FOLDER));
    }

    /** Keeps the history of the report just generated as a directory. */
    static void carryOut(Path generatedReport, Path kept) {
        copy(generatedReport.resolve(FOLDER), kept);
    }

    private static void copy(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the report history from " + from + " to " + to, e);
        }
    }
}
