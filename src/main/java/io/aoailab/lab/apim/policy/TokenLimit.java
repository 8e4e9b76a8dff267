package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code azure-openai-token-limit} and {@code llm-token-limit} (docs/apim-gateway.md §2.8). Admission: with
 * {@code estimate-prompt-tokens} the request's prompt estimate must fit in what is left of {@code tokens-per-minute};
 * without it, any budget left admits the request, so one request can overshoot and later ones wait (§2.8). A request
 * with {@code "stream": true} is always estimated. Once the answer is known the tokens it reports
 * ({@code usage.total_tokens}; the estimate when it reports none) are charged to the one-minute sliding window. A
 * streamed answer is not held back for that: it is charged once it has passed through the gateway, and its headers,
 * which leave first, show the budget before it and no consumed-tokens header (INFERRED: its count is not known yet).
 *
 * <p>Over the rate: 429 {@code { "statusCode": 429, "message": "Token limit is exceeded. Try again in N seconds." }}
 * with {@code Retry-After: N}. Over the llm quota ({@code token-quota} per {@code token-quota-period}, a sliding
 * period in the lab): 403 {@code { "statusCode": 403, "message": "Token quota is exceeded. Try again in N seconds." }}
 * (the text after "exceeded." is UNCONFIRMED, §2.8 [S30]). Both go to on-error as {@code TokenLimitExceeded} /
 * {@code TokenQuotaExceeded} (reasons UNCONFIRMED) with that answer as {@code context.Response}.
 */
final class TokenLimit extends Step {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Map<String, Duration> PERIODS = Map.of("hourly", Duration.ofHours(1), "daily",
            Duration.ofDays(1), "weekly", Duration.ofDays(7), "monthly", Duration.ofDays(30), "yearly",
            Duration.ofDays(365));

    private final Value counterKey;
    private final Value tokensPerMinute;
    private final boolean estimate;
    private final Value quota;
    private final Duration quotaPeriod;
    private final Map<String, String> names;

    private TokenLimit(Origin origin, Value counterKey, Value tokensPerMinute, boolean estimate, Value quota,
            Duration quotaPeriod, Map<String, String> names) {
        super(origin);
        this.counterKey = counterKey;
        this.tokensPerMinute = tokensPerMinute;
        this.estimate = estimate;
        this.quota = quota;
        this.quotaPeriod = quotaPeriod;
        this.names = names;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        boolean llm = origin.name().equals("llm-token-limit");
        String[] common = {"counter-key", "tokens-per-minute", "estimate-prompt-tokens", "retry-after-header-name",
            "retry-after-variable-name", "remaining-tokens-header-name", "remaining-tokens-variable-name",
            "tokens-consumed-header-name", "tokens-consumed-variable-name"};
        String[] quotaAttrs = {"token-quota", "token-quota-period", "remaining-quota-tokens-header-name",
            "remaining-quota-tokens-variable-name"};
        String[] allowed = llm ? concat(common, quotaAttrs) : common;
        Attrs a = new Attrs(element, loader, allowed);
        a.noChildren();
        Value tpm = a.integer("tokens-per-minute", !llm, 1, Long.MAX_VALUE);
        Value quota = llm ? a.integer("token-quota", false, 1, Long.MAX_VALUE) : null;
        String period = llm ? a.literal("token-quota-period", false) : null;
        if (llm && (quota == null) != (period == null)) {
            throw a.error(quota == null ? "token-quota-period" : "token-quota", "token-quota and token-quota-period "
                    + "go together", "give both, or neither");
        }
        if (llm && tpm == null && quota == null) {
            throw a.error("tokens-per-minute", "either tokens-per-minute or token-quota with token-quota-period is "
                    + "required", "add tokens-per-minute=\"...\"");
        }
        Duration quotaPeriod = null;
        if (period != null) {
            quotaPeriod = PERIODS.get(period.trim().toLowerCase(Locale.ROOT));
            if (quotaPeriod == null) {
                throw a.error("token-quota-period", "token-quota-period must be Hourly, Daily, Weekly, Monthly or "
                        + "Yearly, not '" + period + "'", "use one of them");
            }
        }
        if (!a.has("estimate-prompt-tokens")) {
            throw a.error("estimate-prompt-tokens", "attribute 'estimate-prompt-tokens' is required",
                    "add estimate-prompt-tokens=\"true\" or \"false\"");
        }
        boolean estimate = a.literalBool("estimate-prompt-tokens", false);
        Map<String, String> names = new java.util.HashMap<>();
        for (String n : allowed) {
            if (n.endsWith("-name")) {
                String v = a.literal(n, false);
                if (v != null) {
                    names.put(n, v);
                }
            }
        }
        names.putIfAbsent("retry-after-header-name", "Retry-After");
        return new TokenLimit(origin, a.value("counter-key", true), tpm, estimate, quota, quotaPeriod, names);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        String key = origin.name() + "\u0000" + counterKey.string(ex, this);
        byte[] body = ex.context.requestBody();
        boolean estimating = estimate || TokenUsage.isStreaming(body);
        long prompt = estimating ? TokenUsage.estimatePrompt(body) : 0;
        CounterStore counters = ex.services.counters();
        Long tpm = tokensPerMinute == null ? null : tokensPerMinute.integer(ex, this);
        Long quotaLimit = quota == null ? null : quota.integer(ex, this);
        if (tpm != null) {
            CounterStore.Admission a = counters.check(key, Math.max(1, prompt), tpm, MINUTE);
            if (!a.admitted()) {
                throw refused(ex, 429, "Token limit is exceeded", "TokenLimitExceeded", a);
            }
            Limits.variable(ex, names.get("remaining-tokens-variable-name"), a.remaining());
        }
        if (quotaLimit != null) {
            CounterStore.Admission a = counters.check(key + "\u0000quota", Math.max(1, prompt), quotaLimit,
                    quotaPeriod);
            if (!a.admitted()) {
                throw refused(ex, 403, "Token quota is exceeded", "TokenQuotaExceeded", a);
            }
            Limits.variable(ex, names.get("remaining-quota-tokens-variable-name"), a.remaining());
        }
        // in the backend section the consumed-tokens variable holds the prompt estimate (docs/apim-gateway.md §2.8)
        Limits.variable(ex, names.get("tokens-consumed-variable-name"), prompt);
        ex.completions.add(new Execution.Completion() {
            private TokenUsage.Usage usage;
            private boolean streamed;

            @Override
            public void afterBackend(Execution e) {
                GatewayResponse response = e.context.responseOrNull();
                if (TokenUsage.watchAsStream(response, e.context.requestBody())) {
                    // a stream passes through unread: it is charged once it has ended (§2.8: estimated for streams)
                    streamed = true;
                    HeaderMap headers = response.headers();
                    response.stream().orElseThrow().onEnd(body -> charge(TokenUsage.of(headers, body, prompt)
                            .map(TokenUsage.Usage::total).orElse(prompt)));
                    return;
                }
                usage = TokenUsage.of(response, prompt).orElse(null);
                if (usage != null) {
                    Limits.variable(e, names.get("tokens-consumed-variable-name"), usage.total());
                }
            }

            @Override
            public void finish(Execution e, GatewayResponse answer) {
                if (!streamed) {
                    charge(usage != null ? usage.total() : prompt);
                }
                // a streamed answer's headers leave before its tokens are known: they show the budget before it
                if (tpm != null) {
                    Limits.header(answer, names.get("remaining-tokens-header-name"),
                            counters.remaining(key, tpm, MINUTE));
                }
                if (quotaLimit != null) {
                    Limits.header(answer, names.get("remaining-quota-tokens-header-name"),
                            counters.remaining(key + "\u0000quota", quotaLimit, quotaPeriod));
                }
                if (usage != null) {
                    Limits.header(answer, names.get("tokens-consumed-header-name"), usage.total());
                }
            }

            private void charge(long consumed) {
                if (tpm != null) {
                    counters.add(key, consumed, MINUTE);
                }
                if (quotaLimit != null) {
                    counters.add(key + "\u0000quota", consumed, quotaPeriod);
                }
            }
        });
    }

    private PolicyFault refused(Execution ex, int status, String message, String reason,
            CounterStore.Admission admission) {
        long seconds = Limits.seconds(admission.retryAfter());
        Limits.variable(ex, names.get("retry-after-variable-name"), (int) seconds);
        GatewayResponse answer = ErrorAnswers.message(status, message + ". Try again in " + seconds + " seconds.");
        answer.headers().set(names.get("retry-after-header-name"), String.valueOf(seconds));
        Limits.header(answer, names.get(status == 429 ? "remaining-tokens-header-name"
                : "remaining-quota-tokens-header-name"), 0);
        return new PolicyFault(origin.name(), reason, message, origin, answer);
    }
}
