package io.aoailab.lab.openai;

import io.aoailab.lab.topology.Topology.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each deployment's requests-per-minute and tokens-per-minute limits (topology {@code requestsPerMinute},
 * {@code tokensPerMinute}), over a sliding one-minute window on the injected clock.
 *
 * <p><b>What a request costs.</b> Azure charges a request against TPM when it arrives, by "an estimated max
 * processed-token count" of the prompt plus the {@code max_tokens} setting (Azure OpenAI quota docs, as quoted on
 * Microsoft Q&amp;A 1839866), not by what the answer turns out to use. The lab does the same: cost = input tokens
 * (instructions + input + chained context) + {@code max_output_tokens}, or {@link #DEFAULT_OUTPUT_ESTIMATE} when the
 * caller set none (the lab's own choice; Azure's default estimate is not documented). A refused request costs nothing.
 *
 * <p><b>When to retry.</b> {@code retry-after} is when enough of the window has slid out for this request to fit:
 * for calls, when the oldest call leaves; for tokens, when the oldest calls holding enough tokens have left. A request
 * costing more than the whole TPM never fits; it is told to retry after a full window.
 */
final class RateLimiter {
    static final int DEFAULT_OUTPUT_ESTIMATE = 1024;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    static int cost(int inputTokens, Integer maxOutputTokens) {
        return inputTokens + (maxOutputTokens == null ? DEFAULT_OUTPUT_ESTIMATE : maxOutputTokens);
    }

    /** Takes one call and {@code tokens} from the deployment's window, or says why not and for how long. */
    Decision acquire(Deployment deployment, int tokens) {
        return windows.computeIfAbsent(deployment.name(), n -> new Window()).acquire(deployment, tokens, clock.instant());
    }

    /** The outcome, with what remains of the window after it (for {@code x-ratelimit-remaining-*}, docs/azure-facts.md §2). */
    record Decision(boolean allowed, String limit, Duration retryAfter, int remainingRequests, int remainingTokens) {

        static Decision allowed(int remainingRequests, int remainingTokens) {
            return new Decision(true, null, Duration.ZERO, remainingRequests, remainingTokens);
        }

        /** @param limit {@code "call"} or {@code "token"}, as Azure's 429 names them (docs/azure-facts.md §3.5) */
        static Decision limited(String limit, Duration retryAfter, int remainingRequests, int remainingTokens) {
            return new Decision(false, limit, retryAfter, remainingRequests, remainingTokens);
        }
    }

    private static final class Window {
        private final Deque<Call> calls = new ArrayDeque<>();
        private long tokens;

        synchronized Decision acquire(Deployment deployment, int cost, Instant now) {
            Instant windowStart = now.minus(WINDOW);
            while (!calls.isEmpty() && !calls.peekFirst().at().isAfter(windowStart)) {
                tokens -= calls.pollFirst().tokens();
            }
            int remainingRequests = Math.max(0, deployment.requestsPerMinute() - calls.size());
            int remainingTokens = (int) Math.max(0, deployment.tokensPerMinute() - tokens);
            if (calls.size() + 1 > deployment.requestsPerMinute()) {
                Duration wait = calls.isEmpty() ? WINDOW : until(calls.peekFirst().at(), now);
                return Decision.limited("call", wait, remainingRequests, remainingTokens);
            }
            if (tokens + cost > deployment.tokensPerMinute()) {
                return Decision.limited("token", tokensFreeAt(deployment, cost, now), remainingRequests,
                        remainingTokens);
            }
            calls.addLast(new Call(now, cost));
            tokens += cost;
            return Decision.allowed(remainingRequests - 1, remainingTokens - cost);
        }

        private Duration tokensFreeAt(Deployment deployment, int cost, Instant now) {
            if (cost > deployment.tokensPerMinute()) {
                return WINDOW;
            }
            long held = tokens;
            for (Iterator<Call> it = calls.iterator(); it.hasNext(); ) {
                Call call = it.next();
                held -= call.tokens();
                if (held + cost <= deployment.tokensPerMinute()) {
                    return until(call.at(), now);
                }
            }
            return WINDOW;
        }

        private static Duration until(Instant callAt, Instant now) {
            Duration wait = Duration.between(now, callAt.plus(WINDOW));
            return wait.isNegative() ? Duration.ZERO : wait;
        }
    }

    private record Call(Instant at, int tokens) {
    }
}
