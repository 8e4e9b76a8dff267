package io.aoailab.assertions;

import com.azure.core.credential.TokenCredential;
import io.aoailab.access.RoleProbe;
import io.aoailab.config.Persona;
import io.aoailab.roles.Answer;
import io.aoailab.roles.Cell;
import io.aoailab.roles.Expectation;
import io.aoailab.roles.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Measures the RBAC matrix: every persona tries every cell, each cell's expectation derived from the persona's
 * intended grants alone. Cells run concurrently on a bounded pool, each call bounded by the run's HTTP timeout.
 *
 * <p>Azure applies role assignment changes within about 10 minutes, and a new token is what picks them up
 * (learn.microsoft.com/azure/role-based-access-control/troubleshooting, "Role assignment changes are not being
 * detected"). So a cell whose allowed-or-denied answer disagrees with the intent is asked again, each time with a newly
 * signed-in identity, until it agrees or {@code propagation} has passed; a cell that answers anything else (a refused
 * token, an error) is final at once, and ends the wait.
 */
public final class RbacMatrix {
    private static final Duration POLL = Duration.ofSeconds(15);

    private final RoleProbe probe;
    private final TokenCredential caller;
    private final Function<Persona, TokenCredential> signIn;
    private final int concurrency;
    private final Duration callBound;
    private final Duration poll;

    /**
     * @param caller the suite's own caller, which places and removes the blobs the matrix acts on
     * @param signIn a newly signed-in identity of the persona, whose first token is fresh
     * @param callBound the longest one cell's call may take (the HTTP timeout, with room for the token)
     */
    public RbacMatrix(RoleProbe probe, TokenCredential caller, Function<Persona, TokenCredential> signIn,
            int concurrency, Duration callBound) {
        this(probe, caller, signIn, concurrency, callBound, POLL);
    }

    private RbacMatrix(RoleProbe probe, TokenCredential caller, Function<Persona, TokenCredential> signIn,
            int concurrency, Duration callBound, Duration poll) {
        this.probe = probe;
        this.caller = caller;
        this.signIn = signIn;
        this.concurrency = concurrency;
        this.callBound = callBound;
        this.poll = poll;
    }

    /** This matrix, asking disagreeing cells again every {@code interval} (15 s by default) while it waits. */
    public RbacMatrix pollingEvery(Duration interval) {
        return new RbacMatrix(probe, caller, signIn, concurrency, callBound, interval);
    }

    /**
     * What the matrix measured.
     *
     * @param verdicts one per persona and cell, personas in the given order, cells in matrix order
     * @param unprepared what Storage answered the suite's caller when it could not place the blobs, if it could not
     */
    public record Measured(List<Verdict> verdicts, Optional<Answer> unprepared) {
        public Measured {
            verdicts = List.copyOf(verdicts);
        }
    }

    /** Places the blobs the cells act on, asks every cell, and removes what the matrix wrote, as the caller. */
    public Measured measure(List<Persona> personas, List<Cell> cells, Duration propagation) {
        Optional<Answer> unprepared = probe.prepare(caller, personas.stream().map(Persona::name).toList());
        try {
            return new Measured(verdicts(personas, cells, propagation), unprepared);
        } finally {
            probe.cleanUp(caller);
        }
    }

    private List<Verdict> verdicts(List<Persona> personas, List<Cell> cells, Duration propagation) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Persona persona : personas) {
            for (Cell cell : cells) {
                verdicts.add(new Verdict(persona.name(), cell, Expectation.of(persona.intended(), cell),
                        Answer.of(cell.operation().service(), 0, Optional.empty(), "not asked"), 0));
            }
        }
        askAll(verdicts, personas);
        if (!propagation.isZero() && verdicts.stream().anyMatch(Verdict::mayStillChange)) {
            waitForPropagation(verdicts, personas, propagation);
        }
        return List.copyOf(verdicts);
    }

    private void waitForPropagation(List<Verdict> verdicts, List<Persona> personas, Duration propagation) {
        try {
            Awaitility.await("role assignments to take effect for the cells that disagree with the personas' intent")
                    .atMost(propagation).pollDelay(poll).pollInterval(poll)
                    .failFast("a cell that disagreed answered neither allowed nor denied",
                            () -> verdicts.stream().anyMatch(v -> !v.holds() && !v.mayStillChange()
                                    && v.attempts() > 1))
                    .until(() -> {
                        askAll(verdicts.stream().filter(Verdict::mayStillChange).toList(), verdicts, personas);
                        return verdicts.stream().noneMatch(Verdict::mayStillChange);
                    });
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            // the verdicts stay as last measured: each disagreeing cell fails with its own answer and attempts
        }
    }

    private void askAll(List<Verdict> verdicts, List<Persona> personas) {
        askAll(List.copyOf(verdicts), verdicts, personas);
    }

    /** Asks {@code which} again and replaces them in {@code all}. */
    private void askAll(List<Verdict> which, List<Verdict> all, List<Persona> personas) {
        int threads = Math.max(1, Math.min(concurrency, which.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // every call is bounded by the HTTP timeout; the pool's queue makes the last wait longest
        long rounds = (which.size() + threads - 1) / threads + 1;
        long deadline = System.nanoTime() + callBound.toNanos() * rounds;
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (Verdict verdict : which) {
                Persona persona = personas.stream().filter(p -> p.name().equals(verdict.persona())).findFirst()
                        .orElseThrow();
                answers.add(pool.submit(() -> probe.ask(verdict.cell(), persona.name(), signIn.apply(persona))));
            }
            for (int i = 0; i < which.size(); i++) {
                Verdict verdict = which.get(i);
                synchronized (all) {
                    all.set(all.indexOf(verdict), verdict.after(answer(answers.get(i), verdict, deadline)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Answer answer(Future<Answer> answer, Verdict verdict, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Answer.of(verdict.cell().operation().service(), 0, Optional.empty(),
                    "no answer within " + callBound.toSeconds() + " s");
        } catch (ExecutionException e) {
            return Answer.of(verdict.cell().operation().service(), 0, Optional.empty(),
                    String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the RBAC matrix", e);
        }
    }
}
