package io.aoailab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's history goes into the results before generation and comes back from the generated report after. */
class ReportHistoryTest {

    @Test
    void the_kept_history_goes_into_the_results_and_the_new_one_is_kept(@TempDir Path dir) throws IOException {
        Path kept = Files.createDirectories(dir.resolve("reports/history"));
        Files.writeString(kept.resolve("history-trend.json"), "[{\"buildOrder\":1}]");
        Path results = Files.createDirectories(dir.resolve("allure-results"));

        ReportHistory.carryIn(kept, results);
        assertThat(results.resolve("history/history-trend.json")).hasContent("[{\"buildOrder\":1}]");

        Path report = Files.createDirectories(dir.resolve("report/history"));
        Files.writeString(report.resolve("history-trend.json"), "[{\"buildOrder\":2},{\"buildOrder\":1}]");
        ReportHistory.carryOut(dir.resolve("report"), kept);
        assertThat(kept.resolve("history-trend.json")).hasContent("[{\"buildOrder\":2},{\"buildOrder\":1}]");
    }

    @Test
    void without_a_kept_history_nothing_is_copied(@TempDir Path dir) {
        ReportHistory.carryIn(dir.resolve("none"), dir.resolve("results"));

        assertThat(dir.resolve("results")).doesNotExist();
    }
}
