package io.aoailab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call steps as the report shows them: timed by the call, all of them under concurrency, expected refusals said so. */
class CallReportStepsTest {
    private final List<TestResult> written = new CopyOnWriteArrayList<>();
    private AllureLifecycle previous;
    private AllureLifecycle lifecycle;
    private String test;

    @BeforeEach
    void startTestCase() {
        previous = Allure.getLifecycle();
        lifecycle = new AllureLifecycle(new AllureResultsWriter() {
            @Override
            public void write(TestResult result) {
                written.add(result);
            }

            @Override
            public void write(TestResultContainer container) {
            }

            @Override
            public void write(String source, InputStream attachment) {
            }
        });
        Allure.setLifecycle(lifecycle);
        test = UUID.randomUUID().toString();
        lifecycle.scheduleTestCase(new TestResult().setUuid(test).setName("a case"));
        lifecycle.startTestCase(test);
    }

    @AfterEach
    void restore() {
        Allure.setLifecycle(previous);
    }

    private TestResult finished() {
        lifecycle.stopTestCase(test);
        lifecycle.writeTestCase(test);
        return written.get(0);
    }

    @Test
    void a_step_spans_the_call_not_the_moment_it_was_written() {
        Instant start = Instant.parse("2026-11-30T10:00:00Z");

        CallReport.attach(new Redactor(), "apim: POST https://a.example/openai/responses -> 200 (East US)", "exchange",
                start, Duration.ofMillis(1234));

        StepResult step = finished().getSteps().get(0);
        assertThat(step.getStart()).isEqualTo(start.toEpochMilli());
        assertThat(step.getStop() - step.getStart()).isEqualTo(1234);
    }

    @Test
    void every_step_of_concurrent_calls_is_kept_in_its_own_test() throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            int n = i;
            workers.submit(() -> CallReport.attach(new Redactor(), "apim: POST https://a.example/" + n + " -> 200",
                    "exchange", Instant.now(), Duration.ofMillis(5)));
        }
        workers.shutdown();
        assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        List<StepResult> steps = finished().getSteps();
        assertThat(steps).hasSize(400).allSatisfy(s -> assertThat(s.getAttachments()).hasSize(1));
        assertThat(steps.stream().map(StepResult::getName).distinct()).hasSize(400);
    }

    @Test
    void an_expected_refusal_is_marked_on_the_latest_matching_step() {
        Redactor redactor = new Redactor();
        CallReport.attach(redactor, "direct(East US): POST https://a.example/x -> 404 (East US)", "e", Instant.now(),
                Duration.ZERO);
        CallReport.attach(redactor, "direct(East US): POST https://a.example/y -> 404 (East US)", "e", Instant.now(),
                Duration.ZERO);

        CallReport.markExpected("direct(East US): POST ", 404);

        assertThat(finished().getSteps()).extracting(StepResult::getName).containsExactly(
                "direct(East US): POST https://a.example/x -> 404 (East US)",
                "direct(East US): POST https://a.example/y -> 404 (East US)" + CallReport.EXPECTED);
    }
}
