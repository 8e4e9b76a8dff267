/**
 * The lab's APIM policy engine: loads the policy XML a user applies to real APIM and runs it for each request
 * (docs/apim-gateway.md §2).
 *
 * <p>Public surface: {@link io.aoailab.lab.apim.policy.Policy} (parse, execute),
 * {@link io.aoailab.lab.apim.policy.PolicyContext} (APIM's {@code context}),
 * {@link io.aoailab.lab.apim.policy.PolicyException} (a refused document), the gateway's SPI
 * ({@link io.aoailab.lab.apim.policy.GatewayServices} and the records it exchanges) and the in-memory
 * {@link io.aoailab.lab.apim.policy.InMemoryCounterStore} and {@link io.aoailab.lab.apim.policy.InMemoryValueCache}.
 *
 * <p>Elements (attributes as in §2; every element also takes {@code id}):
 * {@code base}; {@code set-backend-service} (backend-id | base-url); {@code authentication-managed-identity}
 * (resource, client-id, output-token-variable-name, ignore-error); {@code set-header} (name, exists-action, value*);
 * {@code set-variable} (name, value); {@code choose}/{@code when}/{@code otherwise}; {@code retry} (condition, count,
 * interval, max-interval, delta, first-fast-retry); {@code forward-request} (timeout | timeout-ms,
 * buffer-request-body, buffer-response, fail-on-error-status-code, http-version, continue-timeout,
 * follow-redirects="false"); {@code return-response} (response-variable-name; set-status, set-header, set-body);
 * {@code set-status} (code, reason); {@code set-body} (xsi-nil, parse-date); {@code rate-limit-by-key};
 * {@code azure-openai-token-limit}; {@code llm-token-limit}; {@code azure-openai-emit-token-metric};
 * {@code llm-emit-token-metric}; {@code cache-store-value}; {@code cache-lookup-value}; {@code cache-remove-value};
 * and the {@code on-error} section. Anything else is refused when the policy is loaded.
 */
package io.aoailab.lab.apim.policy;
