package io.aoailab.lab.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code POST .../docs/search.index} batch: {@code {"value":[{"@search.action":"upload", <fields>}, …]}}, the
 * action defaulting to {@code upload}. Applied action by action, each with its own result, as the py-recordings show
 * (OBSERVED, e.g. {@code test_search_client_index_document_live.pyTestSearchClientIndexDocument…json} and
 * {@code test_search_client_index_document_live.test_merge_documents_missing.yaml}):
 * <ul>
 *   <li>{@code upload}: 201 for a new key, 200 for a replaced one;</li>
 *   <li>{@code merge}: 200, or 404 {@code "Document not found."} when the key is unknown;</li>
 *   <li>{@code mergeOrUpload}: 200 when merged, 201 when uploaded (by analogy; UNCONFIRMED);</li>
 *   <li>{@code delete}: 200 whether or not the key existed.</li>
 * </ul>
 * Each result is {@code {"key","status","errorMessage","statusCode"}}; the whole answer is 200 when every action
 * succeeded and 207 Multi-Status otherwise.
 *
 * <p>A field the index does not define refuses the whole batch with Search's 400
 * ({@link SearchErrors#unknownDocumentField}); so do a non-string value (every lab field is {@code Edm.String}), an unknown action, and an empty batch (texts
 * UNCONFIRMED). A missing or empty key fails that one action with 400 (UNCONFIRMED).
 */
final class IndexBatch {
    static final String ACTION = "@search.action";
    private static final Set<String> ACTIONS = Set.of("upload", "merge", "mergeOrUpload", "delete");

    private final List<Action> actions;

    private IndexBatch(List<Action> actions) {
        this.actions = actions;
    }

    /**
     * The action names a body asks for, read leniently (anything unreadable counts as an upload), so RBAC can be
     * decided before the body is validated against the index.
     */
    static Set<String> actionNames(JsonNode body) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode value = body == null ? null : body.get("value");
        if (value == null || !value.isArray() || value.isEmpty()) {
            names.add("upload");
            return names;
        }
        for (JsonNode action : value) {
            JsonNode name = action.get(ACTION);
            names.add(name != null && name.isTextual() ? name.asText() : "upload");
        }
        return names;
    }

    static IndexBatch parse(JsonNode body, IndexStore index, String apiVersion) throws InvalidRequest {
        JsonNode value = body == null ? null : body.get("value");
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new InvalidRequest(SearchErrors.invalidRequest("No indexing actions found in the request. Please "
                    + "include between 1 and 32000 indexing actions in your request."));
        }
        List<Action> actions = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isObject()) {
                throw new InvalidRequest(SearchErrors.invalidRequest("Each indexing action must be a JSON object."));
            }
            String action = "upload";
            Map<String, String> document = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = element.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(ACTION)) {
                    action = field.getValue().asText();
                    if (!ACTIONS.contains(action)) {
                        throw new InvalidRequest(SearchErrors.invalidRequest("The action '" + action + "' is not "
                                + "valid; use upload, merge, mergeOrUpload or delete."));
                    }
                    continue;
                }
                if (!index.hasField(field.getKey())) {
                    throw new InvalidRequest(SearchErrors.unknownDocumentField(field.getKey(), apiVersion));
                }
                if (!field.getValue().isNull() && !field.getValue().isTextual()) {
                    throw new InvalidRequest(SearchErrors.invalidRequest("Cannot convert a primitive value to the "
                            + "expected type 'Edm.String'. See the inner exception for more details."));
                }
                document.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
            }
            actions.add(new Action(action, document));
        }
        return new IndexBatch(actions);
    }

    /** Applies every action in order; the answer body and whether all succeeded. */
    Outcome apply(IndexStore index) {
        ArrayNode results = LabJson.MAPPER.createArrayNode();
        boolean allSucceeded = true;
        for (Action action : actions) {
            String key = action.document().get(index.keyField());
            int status;
            String error = null;
            if (key == null || key.isEmpty()) {
                status = 400;
                error = "Document key cannot be missing or empty.";
            } else {
                status = switch (action.name()) {
                    case "upload" -> index.upload(action.document()) ? 200 : 201;
                    case "merge" -> index.merge(action.document()) ? 200 : 404;
                    case "mergeOrUpload" -> index.mergeOrUpload(action.document()) ? 200 : 201;
                    default -> {
                        index.delete(key);
                        yield 200;
                    }
                };
                if (status == 404) {
                    error = "Document not found.";
                }
            }
            boolean succeeded = status < 300;
            allSucceeded &= succeeded;
            ObjectNode result = results.addObject();
            result.put("key", key);
            result.put("status", succeeded);
            result.put("errorMessage", error);
            result.put("statusCode", status);
        }
        ObjectNode body = LabJson.object();
        body.set("value", results);
        return new Outcome(allSucceeded ? 200 : 207, body);
    }

    private record Action(String name, Map<String, String> document) {
    }

    record Outcome(int status, ObjectNode body) {
    }
}
