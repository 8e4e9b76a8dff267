package io.aoailab.assertions;

import io.aoailab.access.AccessPath;
import io.aoailab.access.Call;
import io.aoailab.access.CallLedger;
import io.aoailab.access.CallRecord;
import io.aoailab.access.ResponsesApi;
import io.aoailab.config.DistributionSettings;
import io.aoailab.config.IntendedDeployment;
import io.aoailab.stats.SequentialShareTest;
import io.aoailab.stats.ShareTestSettings;
import io.aoailab.stats.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The regions that answered a run of requests through a pool, sent until a {@link SequentialShareTest} decides
 * (or its request budget is spent), at most {@code concurrency} at a time. The answers feed the test in the order
 * they arrive; what is still in flight at the decision is waited for, so nothing outlives the measurement, and is
 * not counted: stopping on the evidence must not depend on answers the decision did not see.
 *
 * @param path the pool's access path, as a sentence names it
 * @param summary the sequential test's decision and the numbers behind it
 * @param calls the calls whose answers the decision counted, in arrival order
 */
public record PoolDistribution(String path, Summary summary, List<CallRecord> calls) {

    public PoolDistribution {
        calls = List.copyOf(calls);
    }

    /**
     * Sends {@code operation} through {@code pool} until the shares of the answering regions are decided against the
     * intended weights. A call that is refused, or whose answer the intended deployment rules out, ends the
     * measurement with an {@link AssertionError} saying so: a distribution over failures means nothing.
     *
     * @param intended the intended deployment, whose pool weights the shares are held to
     * @param measurement the error rates, tolerance, request budget and concurrency of the measurement
     * @param callTimeout the longest one call can take (the HTTP timeout): bounds the wait for the calls in flight
     */
    public static PoolDistribution measure(AccessPath pool, Function<ResponsesApi, ?> operation,
            IntendedDeployment intended, DistributionSettings measurement, Duration callTimeout) {
        Map<String, Double> weights = new LinkedHashMap<>();
        intended.poolWeights().forEach((region, weight) -> weights.put(region, weight.doubleValue()));
        ShareTestSettings settings = new ShareTestSettings(measurement.alpha(), measurement.beta(),
                measurement.delta(), measurement.maxRequests());
        int concurrency = measurement.concurrency();
        SequentialShareTest test = new SequentialShareTest(weights, settings);
        List<CallRecord> counted = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "aoai-lab-suite pool measurement");
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<Call<?>> answers = new ExecutorCompletionService<>(workers);
        int sent = 0;
        int inFlight = 0;
        try {
            while (true) {
                // keep `concurrency` requests in flight until the test decides or the budget is spent
                for (; inFlight < concurrency && sent < settings.maxSamples() && !test.decided(); sent++, inFlight++) {
                    answers.submit(() -> pool.call(operation));
                }
                if (inFlight == 0 || test.decided()) {
                    break;
                }
                Call<?> call = next(answers, callTimeout);
                inFlight--;
                CallLedger.addMadeElsewhere(call.records());
                if (!call.succeeded()) {
                    throw new AssertionError(String.format("%nExpecting every request %s to be answered while the"
                            + " pool's distribution is measured,%nbut request %d was refused: %s", pool.description(),
                            counted.size() + 1, call.failure()));
                }
                CallRecord answer = call.record();
                counted.add(answer);
                test.add(answer.region().orElseThrow());
            }
            // the calls still in flight are waited for (and counted as calls), not as evidence
            for (; inFlight > 0; inFlight--) {
                CallLedger.addMadeElsewhere(next(answers, callTimeout).records());
            }
        } finally {
            workers.shutdownNow();
        }
        return new PoolDistribution(pool.description(), test.summary(), counted);
    }

    private static Call<?> next(CompletionService<Call<?>> answers, Duration callTimeout) {
        try {
            Future<Call<?>> done = answers.poll(callTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            if (done == null) {
                throw new AssertionError("A request through the pool took longer than the HTTP timeout ("
                        + callTimeout.toSeconds() + " s) allows: the measurement stopped");
            }
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while measuring the pool's distribution", e);
        } catch (ExecutionException e) {
            // an AssertionError from a worker (an answer the intended deployment rules out) is the test's outcome
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw new IllegalStateException("A request through the pool failed unexpectedly", e.getCause());
        }
    }
}
