package io.aoailab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.junit.Outcome;
import io.aoailab.junit.Outcome.Status;
import io.aoailab.junit.RunRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    private static final TagSelection ALL = new TagSelection("");

    private static Outcome outcome(String scenario, Status status, String message) {
        return new Outcome(scenario, scenario + " case", status, message);
    }

    private static RunRecord live() {
        Map<String, Map<String, Long>> regions = new LinkedHashMap<>();
        regions.put("direct(East US)[azure-ai-openai]", Map.of("East US", 3L));
        regions.put("apim[openai-java]", new LinkedHashMap<>(Map.of("East US 2", 4L)));
        regions.get("apim[openai-java]").put("East US", 5L);
        regions.put("foundry(aoai-eus)[openai-java]", new LinkedHashMap<>(Map.of(RunRecord.NO_REGION, 1L)));
        regions.get("foundry(aoai-eus)[openai-java]").put("East US", 2L);
        return new RunRecord("live", null, List.of("aoai-eus.openai.azure.com", "apim.azure-api.net"), regions, 6,
                1234, 567, 1801, "≈ 0.0088 USD (0.0025 per 1K input, 0.01 per 1K output tokens)");
    }

    @Test
    void should_say_what_was_validated_per_scenario_path_and_region() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RunSummary.print(new PrintStream(printed, true, StandardCharsets.UTF_8), List.of(
                outcome("responses", Status.PASSED, ""), outcome("responses", Status.PASSED, ""),
                outcome("responses", Status.SKIPPED, "Only on the lab target (this run: live): faults"),
                outcome("rbac", Status.NOT_BUILT, "Not built yet: denial")), Optional.of(live()), "");

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""

                aoai-lab-suite: live (LAB_TARGET=live): aoai-eus.openai.azure.com, apim.azure-api.net – 2 passed, 1 skipped, 1 not built
                  responses         2 passed, 1 skipped
                  load-balancing    not selected
                  rbac              1 not built
                  skipped because   1× Only on the lab target (this run: live): faults
                  regions per path  direct(East US)[azure-ai-openai]  East US: 3
                                    apim[openai-java]                 East US 2: 4, East US: 5
                                    foundry(aoai-eus)[openai-java]    East US: 2 (+1 calls that named no region)
                  tokens            6 calls, 1,234 input + 567 output = 1,801 tokens, ≈ 0.0088 USD (0.0025 per 1K input, 0.01 per 1K output tokens)
                """);
    }

    @Test
    void should_pass_a_run_with_at_least_one_passed_test() {
        assertThatCode(() -> RunSummary.verdict(List.of(outcome("responses", Status.PASSED, ""),
                outcome("rbac", Status.NOT_BUILT, "Not built yet: x")), Optional.of(live()), ALL))
                .doesNotThrowAnyException();
    }

    @Test
    void should_fail_a_run_in_which_no_test_ran() {
        assertThatThrownBy(() -> RunSummary.verdict(List.of(), Optional.of(live()), new TagSelection("rbac")))
                .isInstanceOf(RunStopped.class).hasMessage("nothing was validated: no scenario test ran (-Dgroups=rbac)");
    }

    @Test
    void should_fail_a_run_whose_every_selected_test_was_skipped_or_not_built() {
        assertThatThrownBy(() -> RunSummary.verdict(List.of(outcome("load-balancing", Status.NOT_BUILT, "Not built yet: x"),
                outcome("responses", Status.SKIPPED, "AI_FOUNDRY_PROJECT_ENDPOINT is not set")), Optional.of(live()),
                ALL)).hasMessage("nothing was validated: every selected test was skipped: load-balancing is not"
                        + " built yet; AI_FOUNDRY_PROJECT_ENDPOINT is not set");
    }

    @Test
    void should_fail_a_misconfigured_run_pointing_at_the_line_that_names_the_fix() {
        assertThatThrownBy(() -> RunSummary.verdict(List.of(outcome("responses", Status.BROKEN, "LAB_TARGET=...")),
                Optional.of(new RunRecord("", "LAB_TARGET='prod' ...", List.of(), Map.of(), 0, 0, 0, 0, "")), ALL))
                .hasMessageStartingWith("nothing was validated: the configuration is invalid; the first lines of"
                        + " this run, and the report's first broken test, name the key and the fix");
    }

    @Test
    void should_leave_failures_to_fail_the_build_in_failsafe() {
        assertThatCode(() -> RunSummary.verdict(List.of(outcome("responses", Status.FAILED, "Expecting ...")),
                Optional.of(live()), ALL)).doesNotThrowAnyException();
    }
}
