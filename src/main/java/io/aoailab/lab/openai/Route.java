package io.aoailab.lab.openai;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request matched to an operation of the Responses API on one of the two surfaces (docs/azure-facts.md §1.1). Anything else
 * (other paths, other methods, {@code /openai/deployments/{id}/responses}) is no route: Azure answers 404
 * "Resource not found" there (§3.7b).
 *
 * @param operation what is asked
 * @param surface dated or v1
 * @param responseId the {@code {response_id}} path segment; null for create
 */
record Route(Operation operation, Surface surface, String responseId) {
    private static final Pattern PATH =
            Pattern.compile("/openai(/v1)?/responses(?:/([^/]+)(/input_items)?)?/?");

    static Optional<Route> match(String method, String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Surface surface = m.group(1) == null ? Surface.DATED : Surface.V1;
        String id = m.group(2);
        Operation operation;
        if (id == null) {
            operation = Operation.CREATE;
        } else if (m.group(3) != null) {
            operation = Operation.LIST_INPUT_ITEMS;
        } else {
            operation = "DELETE".equals(method) ? Operation.DELETE : Operation.GET;
        }
        return operation.method().equals(method) ? Optional.of(new Route(operation, surface, id)) : Optional.empty();
    }

    /** e.g. {@code POST /openai/v1/responses}, as PermissionDenied names it (docs/azure-facts.md §3.4). */
    String template() {
        return operation.template(surface);
    }
}
