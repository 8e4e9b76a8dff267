package io.aoailab.assertions;

import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.ResponsesResponse;
import com.azure.core.exception.ResourceNotFoundException;
import io.aoailab.access.AccessPath;
import io.aoailab.access.CallRecord;

/**
 * Stored responses live in the one account that created them (docs/azure-facts.md §0.9, §3.7b). Through a
 * load-balanced pool a follow-up can land in the other region and find nothing; this check says so in words.
 *
 * <pre>{@code
 * StatefulFollowUps.assertRetrievable(path, request);   // passes on a pool that pins follow-ups
 * // on a plain pool:
 * // Expecting GET /responses/resp_1 through apim to find the response it created,
 * // but it answered 404 from East US 2 while the response was created in East US: ...
 * }</pre>
 */
public final class StatefulFollowUps {
    private StatefulFollowUps() {
    }

    /** Creates a stored response through {@code path} and retrieves it through the same path. */
    public static ResponsesResponse assertRetrievable(AccessPath path, CreateResponsesRequest request) {
        ResponsesResponse created = path.responses().createResponse(request.setStore(true));
        String createdIn = region(path);
        try {
            path.responses().getResponse(created.getId());
            return created;
        } catch (ResourceNotFoundException e) {
            String landedIn = region(path);
            throw new AssertionError(String.format("%nExpecting GET /responses/%s through %s to find the response it"
                    + " created,%nbut it answered %d from %s while the response was created in %s:%n"
                    + "stored responses live in the account that created them, so behind a load-balanced pool a"
                    + " follow-up (GET/DELETE /responses/{id}, input_items, previous_response_id) must be pinned to"
                    + " the creating region (see README, \"Why and how follow-ups are pinned\").",
                    created.getId(), path, e.getResponse().getStatusCode(), landedIn, createdIn), e);
        }
    }

    private static String region(AccessPath path) {
        return path.capture().last().flatMap(CallRecord::region).orElse("an unnamed region");
    }
}
