package io.aoailab.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallLedgerTest {
    private CallLedger ledger = CallLedger.open();

    @AfterEach
    void close() {
        ledger.close();
    }

    private static CallRecord call(String path, Optional<TokenUsage> bodyUsage, Optional<StreamTrace> stream) {
        return new CallRecord(path, Instant.EPOCH, "POST", "https://aoai.example/openai/responses", 200,
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(),
                new CallRecord.BodySummary(bodyUsage, Optional.empty(), Optional.empty(), Optional.empty()), stream,
                Optional.empty());
    }

    private static CallRecord call(String path, long input, long output) {
        return call(path, Optional.of(new TokenUsage(input, output, input + output)), Optional.empty());
    }

    @Test
    void should_sum_calls_and_usage_per_access_path_in_the_order_paths_were_first_used() {
        CallLedger.addToCurrent(call("apim", 10, 2));
        CallLedger.addToCurrent(call("direct(East US)", 7, 1));
        CallLedger.addToCurrent(call("apim", 5, 3));
        CallLedger.addToCurrent(call("apim", Optional.empty(), Optional.empty()));

        assertThat(ledger.usageByPath()).containsExactly(
                entry("apim", new UsageSummary(3, new TokenUsage(15, 5, 20))),
                entry("direct(East US)", new UsageSummary(1, new TokenUsage(7, 1, 8))));
        assertThat(ledger.total()).isEqualTo(new UsageSummary(4, new TokenUsage(22, 6, 28)));
        assertThat(ledger.calls()).hasSize(4);
    }

    @Test
    void should_receive_only_the_calls_of_its_own_thread() throws Exception {
        CompletableFuture.runAsync(() -> CallLedger.addToCurrent(call("apim", 1, 1))).get();

        assertThat(ledger.calls()).isEmpty();
    }

    @Test
    void should_stop_receiving_once_closed_even_when_closed_from_another_thread() throws Exception {
        CallLedger.addToCurrent(call("apim", 1, 1));
        CompletableFuture.runAsync(ledger::close).get();
        CallLedger.addToCurrent(call("apim", 1, 1));

        assertThat(ledger.isOpen()).isFalse();
        assertThat(ledger.calls()).hasSize(1);
    }

    @Test
    void should_add_a_call_to_every_open_ledger_of_the_thread_and_restore_the_enclosing_one_on_close() {
        CallLedger inner = CallLedger.open();
        CallLedger.addToCurrent(call("apim", 1, 1));
        inner.close();
        CallLedger.addToCurrent(call("apim", 2, 2));

        assertThat(inner.calls()).hasSize(1);
        assertThat(ledger.calls()).hasSize(2);
    }

    @Test
    void should_count_a_streams_usage_once_the_stream_ended() {
        StreamTrace trace = new StreamTrace();
        CallLedger.addToCurrent(call("apim", Optional.empty(), Optional.of(trace)));
        trace.usage(new TokenUsage(11, 3, 14));

        assertThat(ledger.total()).as("still streaming").isEqualTo(new UsageSummary(1, TokenUsage.ZERO));

        trace.end();
        assertThat(ledger.total()).isEqualTo(new UsageSummary(1, new TokenUsage(11, 3, 14)));
    }

    @Test
    void should_keep_the_usage_of_calls_that_left_the_bounded_list_in_its_sums() {
        ledger.close();
        ledger = CallLedger.open(2);
        for (int i = 0; i < 5; i++) {
            CallLedger.addToCurrent(call(i % 2 == 0 ? "apim" : "direct(East US)", 1, 1));
        }

        assertThat(ledger.calls()).hasSize(2);
        assertThat(ledger.usageByPath()).containsEntry("apim", new UsageSummary(3, new TokenUsage(3, 3, 6)))
                .containsEntry("direct(East US)", new UsageSummary(2, new TokenUsage(2, 2, 4)));
    }
}
