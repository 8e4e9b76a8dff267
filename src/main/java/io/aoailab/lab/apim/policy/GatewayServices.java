package io.aoailab.lab.apim.policy;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway lends the policy engine: the effects a policy cannot have on its own. The engine decides
 * <em>what</em> to do from the policy XML; the gateway decides <em>how</em> (which pool member, which token).
 */
public interface GatewayServices {

    /**
     * {@code forward-request}: sends {@code request} to {@code target} (a pool member chosen now, honouring weights,
     * priorities and circuit breakers) and returns the backend's answer, whatever its status, with the URL it went to.
     *
     * @throws BackendException when no HTTP answer came (connection failure, timeout) or no pool member is available
     */
    BackendAnswer forward(GatewayRequest request, BackendTarget target, ForwardOptions options) throws BackendException;

    /** {@code authentication-managed-identity}: an Entra token of the gateway's identity for {@code resource}. */
    String managedIdentityToken(String resource, Optional<String> clientId);

    /**
     * A counter store shared by every request of the gateway, for {@code rate-limit-by-key} and the token-limit
     * policies: sliding windows keyed by the policy's counter key.
     */
    CounterStore counters();

    /** {@code cache-store-value} / {@code cache-lookup-value} / {@code cache-remove-value}: the gateway's cache. */
    ValueCache cache();

    /** Where {@code llm-emit-token-metric} / {@code azure-openai-emit-token-metric} records go. */
    void emitMetric(String namespace, String name, double value, Map<String, String> dimensions);

    /** The gateway's clock: every time the engine reads comes from here. */
    Clock clock();
}
