package io.aoailab.assertions;

import io.aoailab.access.AccessPath;
import io.aoailab.access.Call;
import io.aoailab.access.CallRecord;
import io.aoailab.access.ResponsesApi;
import io.aoailab.report.FailoverTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Requests sent one after another through a pool, each with when it was sent, what answered it and how long it
 * took: the evidence of the failover checks, and the report's timeline. One at a time, so that which region the
 * gateway chose for each is not blurred by requests in flight.
 *
 * @param path the pool's access path, as a sentence names it
 * @param requests in the order sent
 */
public record PoolRequests(String path, List<Sent> requests) {

    public PoolRequests {
        requests = List.copyOf(requests);
    }

    /**
     * One request and its answer.
     *
     * @param at when it was sent
     * @param latency how long it took, answer or refusal
     * @param answer what answered it: the HTTP record of its last call (empty if none was made)
     * @param refusal how it was refused, if it was ({@code 429 from East US: ...})
     */
    public record Sent(Instant at, Duration latency, Optional<CallRecord> answer, Optional<String> refusal) {
        public boolean succeeded() {
            return refusal.isEmpty();
        }

        /** The region that answered, or what refused it. */
        public String answeredBy() {
            return refusal.isPresent() ? answer.map(a -> a.status() + a.region().map(r -> " from " + r).orElse(""))
                    .orElse("no answer") : answer.flatMap(CallRecord::region).orElse("?");
        }
    }

    /**
     * Sends {@code operation} through {@code pool} until {@code until} has passed and at least {@code atLeast}
     * requests were sent, {@code pace} apart.
     */
    public static PoolRequests send(AccessPath pool, Function<ResponsesApi, ?> operation, Instant until, int atLeast,
            Duration pace) {
        return sendWhile(pool, operation, pace, sent -> Instant.now().isBefore(until) || sent.size() < atLeast);
    }

    /**
     * Sends {@code operation} through {@code pool}, one at a time, until one is answered by {@code region}, or until
     * {@code until} has passed and at least {@code atLeast} were sent without that.
     */
    public static PoolRequests sendUntilAnsweredBy(String region, AccessPath pool, Function<ResponsesApi, ?> operation,
            Instant until, int atLeast, Duration pace) {
        // it stops at the first such answer, so only the latest request can be one
        return sendWhile(pool, operation, pace, sent -> (sent.isEmpty() || !sent.get(sent.size() - 1).succeeded()
                || !sent.get(sent.size() - 1).answeredBy().equals(region))
                && (Instant.now().isBefore(until) || sent.size() < atLeast));
    }

    private static PoolRequests sendWhile(AccessPath pool, Function<ResponsesApi, ?> operation, Duration pace,
            Predicate<List<Sent>> more) {
        List<Sent> sent = new ArrayList<>();
        while (more.test(sent)) {
            sent.add(one(pool, operation));
            LockSupport.parkNanos(pace.toNanos());
        }
        return new PoolRequests(pool.description(), sent);
    }

    private static Sent one(AccessPath pool, Function<ResponsesApi, ?> operation) {
        Instant at = Instant.now();
        long began = System.nanoTime();
        Call<?> call = pool.call(operation);
        Duration latency = Duration.ofNanos(System.nanoTime() - began);
        Optional<CallRecord> answer = call.records().isEmpty() ? Optional.empty() : Optional.of(call.record());
        return new Sent(at, latency, answer, call.succeeded() ? Optional.empty()
                : Optional.of(call.failure().toString()));
    }

    /** These requests and {@code later} ones, in order. */
    public PoolRequests then(PoolRequests later) {
        List<Sent> all = new ArrayList<>(requests);
        all.addAll(later.requests);
        return new PoolRequests(path, all);
    }

    /** The requests sent in {@code [from, to)}. */
    public List<Sent> sentBetween(Instant from, Instant to) {
        return requests.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(to)).toList();
    }

    /** The report's timeline of these requests, from {@code start}, the fault lasting {@code fault}. */
    public FailoverTimeline timeline(String title, Instant start, Duration fault) {
        return new FailoverTimeline(title, fault.toMillis(), requests.stream().map(s -> new FailoverTimeline.Request(
                Duration.between(start, s.at()).toMillis(), s.answeredBy(), s.latency().toMillis())).toList());
    }
}
