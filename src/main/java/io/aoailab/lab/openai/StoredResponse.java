package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A response the account keeps (docs/azure-facts.md §1.1 "retained for 30 days"): the object GET returns, the input items
 * {@code input_items} lists, and the conversation a follow-up with {@code previous_response_id} continues.
 *
 * @param id the response id
 * @param createdAt when it was created, on the account's clock
 * @param response the final response object, as the create answered it
 * @param inputItems this response's own input items, with ids, in the order sent
 * @param conversation every text of the chain so far (earlier inputs and outputs, then this input and output), which
 *     a follow-up counts as input tokens
 * @param turn 1 for a fresh conversation, n+1 when chained onto turn n
 */
record StoredResponse(String id, Instant createdAt, ObjectNode response, List<ObjectNode> inputItems,
        List<String> conversation, int turn) {

    StoredResponse {
        inputItems = List.copyOf(inputItems);
        conversation = List.copyOf(conversation);
    }
}
