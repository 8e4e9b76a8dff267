package io.aoailab.junit;

import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.access.Call;
import io.aoailab.access.Failure;
import io.aoailab.access.Reply;
import io.aoailab.config.SuiteConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the deployment still accepts the dated api-version the azure-ai-openai cases send ({@code OPENAI_API_VERSION}).
 * Azure retires preview api-versions: only the latest three stay supported (docs/azure-facts.md §8). One small create
 * on the first regional endpoint tells, made when the first azure-ai-openai case calls, once per run; when it is
 * refused for its version, every azure-ai-openai case would fail for the same reason, so the first fails saying so and
 * the rest are not run, while the openai-java cases, which send no api-version, run as usual.
 */
final class ApiVersionHealth {
    /** The smallest {@code max_output_tokens} Azure accepts: the probe costs a handful of tokens. */
    static final int PROBE_TOKENS = 16;

    private final AccessPath probe;
    private final SuiteConfig config;
    private Optional<RefusedOnce> refused;

    /** @param probe the path the probe goes through: an account's own endpoint, with azure-ai-openai */
    ApiVersionHealth(AccessPath probe, SuiteConfig config) {
        this.probe = probe;
        this.config = config;
    }

    /**
     * What a case that sends the dated api-version must throw instead of calling: the failure for the first that
     * asks, a reason not to run for the rest; empty while the version is accepted. Probes on the first question.
     */
    synchronized Optional<Throwable> reasonNotToCall() {
        if (refused == null) {
            refused = refusal(probe, config).map(RefusedOnce::new);
        }
        return refused.map(RefusedOnce::get);
    }

    /** Why the azure-ai-openai cases cannot run, if the probe through {@code path} says so. */
    static Optional<String> refusal(AccessPath path, SuiteConfig config) {
        Call<Reply> probe;
        try {
            probe = path.call(api -> api.create(Ask.of(config.modelDeployment(), "ping").maxOutputTokens(PROBE_TOKENS)));
        } catch (AssertionError other) {
            return Optional.empty(); // an answer the cases themselves will report
        }
        if (probe.succeeded() || !refusesVersion(probe.failure())) {
            return Optional.empty();
        }
        Failure refused = probe.failure();
        return Optional.of(String.format("%nExpecting %s to accept api-version %s (OPENAI_API_VERSION), which every"
                + " azure-ai-openai case sends,%nbut it refused it: %s%nAzure retires preview api-versions (only the"
                + " latest three previews stay supported, docs/azure-facts.md §8).%nFix: set OPENAI_API_VERSION to a"
                + " current preview, or run the v1 client alone (OPENAI_CLIENTS=openai-java), which sends no"
                + " api-version.", path.endpoint(), config.apiVersion(), refused));
    }

    // Azure's words for a version it does not serve (docs/azure-facts.md §3.7)
    private static boolean refusesVersion(Failure failure) {
        String message = failure.message().toLowerCase(Locale.ROOT);
        return (failure.status() == 400 || failure.status() == 404)
                && (message.contains("api version") || message.contains("api-version"));
    }
}
