package io.aoailab.access;

import io.aoailab.report.CallReport;
import java.util.List;
import java.util.Optional;

/**
 * One operation a scenario performed on an access path, and every HTTP call it took: the value it returned or how
 * the deployment refused it, with the records of its own calls (never "the last call on this path in the run").
 *
 * <pre>{@code
 * Call<Reply> call = path.call(api -> api.create(ask));
 * assertThat(call.value().status()).isEqualTo("completed");     // fails with the refusal if there was one
 * assertThat(call.record().region()).contains("East US");
 *
 * Failure refused = path.call(api -> api.create(unknownDeployment)).failure();
 * assertThat(refused.status()).isEqualTo(404);
 * }</pre>
 *
 * @param <T> what the operation returns
 */
public final class Call<T> {
    private final String path;
    private final T value;
    private final Failure failure;
    private final List<CallRecord> records;

    Call(String path, T value, Failure failure, List<CallRecord> records) {
        this.path = path;
        this.value = value;
        this.failure = failure;
        this.records = List.copyOf(records);
    }

    /** What the operation returned; an {@link AssertionError} naming the refusal when it was refused. */
    public T value() {
        if (failure != null) {
            throw new AssertionError(String.format("%nExpecting %s to answer the call,%nbut it refused it: %s%s", path,
                    failure, diagnosis()));
        }
        return value;
    }

    // a 404 no region answered is the front door's own: no route for the call there (APIM: no operation in the API)
    private String diagnosis() {
        if (failure.status() != 404 || failure.region().isPresent() || failure.code().isPresent()
                || records.isEmpty()) {
            return "";
        }
        CallRecord call = record();
        String route = call.method() + " " + java.net.URI.create(call.url()).getPath();
        return path.startsWith("through APIM")
                ? String.format("%nNo backend answered: the gateway has no operation for %s in its API. Fix: add"
                        + " operations for that route to the API in APIM (docs/apim-gateway.md §4).", route)
                : String.format("%nNo region answered: nothing serves %s at that endpoint.", route);
    }

    /** How the deployment refused the operation; an {@link AssertionError} when it answered instead. */
    public Failure failure() {
        if (failure == null) {
            throw new AssertionError(String.format("%nExpecting %s to refuse the call,%nbut it answered %s", path,
                    records.isEmpty() ? "without any HTTP call" : describe(record())));
        }
        if (!records.isEmpty()) {
            CallRecord last = record();
            CallReport.markExpected(last.path() + ": " + last.method() + " ", last.status());
        }
        return failure;
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** The HTTP call that answered the operation: its last one. */
    public CallRecord record() {
        if (records.isEmpty()) {
            throw new AssertionError(String.format("%nExpecting the operation through %s to make an HTTP call,%nbut it"
                    + " made none: %s", path, failure == null ? "it returned without one" : failure));
        }
        return records.get(records.size() - 1);
    }

    /** Every HTTP call the operation made, in order (a Foundry path looks its connection up first). */
    public List<CallRecord> records() {
        return records;
    }

    /** The region of the answer, if it named one. */
    public Optional<String> region() {
        return records.isEmpty() ? Optional.empty() : record().region();
    }

    private static String describe(CallRecord call) {
        return call.status() + call.region().map(r -> " from " + r).orElse("");
    }

    @Override
    public String toString() {
        return path + ": " + (failure == null ? "answered" : "refused, " + failure) + " " + records.size() + " call(s)";
    }
}
