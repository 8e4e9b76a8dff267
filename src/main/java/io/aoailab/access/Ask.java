package io.aoailab.access;

import java.util.List;
import java.util.Optional;

/**
 * A Responses API request as the scenarios state it, whatever client sends it: each access path's client turns it
 * into its own request type.
 *
 * @param model the deployment name (the Responses API's {@code model})
 * @param input the user's text
 * @param maxOutputTokens {@code max_output_tokens}: small, so live runs stay cheap
 * @param store {@code store}: whether the account keeps the response (false unless a case needs it)
 * @param previousResponseId {@code previous_response_id}, to continue a stored response
 * @param vectorStores the vector stores of a {@code file_search} tool; none for no tool
 */
public record Ask(String model, String input, int maxOutputTokens, boolean store, Optional<String> previousResponseId,
        List<String> vectorStores) {

    /** Small by default: a scenario asks for what it checks, not for an essay. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 64;

    public Ask {
        vectorStores = List.copyOf(vectorStores);
    }

    /** A stateless ask ({@code store: false}) of at most {@value #DEFAULT_MAX_OUTPUT_TOKENS} output tokens. */
    public static Ask of(String model, String input) {
        return new Ask(model, input, DEFAULT_MAX_OUTPUT_TOKENS, false, Optional.empty(), List.of());
    }

    /** The same ask, kept by the account ({@code store: true}), so it can be retrieved or continued. */
    public Ask stored() {
        return new Ask(model, input, maxOutputTokens, true, previousResponseId, vectorStores);
    }

    /** The same ask, continuing a stored response. */
    public Ask after(String responseId) {
        return new Ask(model, input, maxOutputTokens, store, Optional.of(responseId), vectorStores);
    }

    /** The same ask, with a {@code file_search} tool over these vector stores. */
    public Ask searching(List<String> stores) {
        return new Ask(model, input, maxOutputTokens, store, previousResponseId, stores);
    }

    public Ask maxOutputTokens(int tokens) {
        return new Ask(model, input, tokens, store, previousResponseId, vectorStores);
    }

    /** The same ask for another deployment name. */
    public Ask toDeployment(String deployment) {
        return new Ask(deployment, input, maxOutputTokens, store, previousResponseId, vectorStores);
    }
}
