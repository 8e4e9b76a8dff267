package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of {@code GET …/responses/{id}/input_items?limit=&order=&after=&before=} (docs/azure-facts.md §1.1, §1.3): limit 1–100,
 * default 20; order {@code asc} or {@code desc}, default {@code desc} as in OpenAI's API; {@code after}/{@code before}
 * are item ids in that order. beta.16 pages on by sending {@code after=<last_id>} while {@code has_more} (§6.1).
 * An {@code after}/{@code before} id that is not an item of the response gives an empty page.
 */
final class InputItemsPage {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final int limit;
    private final boolean ascending;
    private final Optional<String> after;
    private final Optional<String> before;

    private InputItemsPage(int limit, boolean ascending, Optional<String> after, Optional<String> before) {
        this.limit = limit;
        this.ascending = ascending;
        this.after = after;
        this.before = before;
    }

    /** Reads the query; refuses a bad limit or order as OpenAI does. */
    static InputItemsPage of(Map<String, List<String>> query) throws InvalidRequestException {
        int limit = DEFAULT_LIMIT;
        Optional<String> rawLimit = first(query, "limit");
        if (rawLimit.isPresent()) {
            try {
                limit = Integer.parseInt(rawLimit.get());
            } catch (NumberFormatException e) {
                throw invalid("Invalid type for 'limit': expected an integer, but got a string instead.", "limit",
                        "invalid_type");
            }
            if (limit < 1) {
                throw invalid("Invalid 'limit': integer below minimum value. Expected a value >= 1, but got " + limit
                        + " instead.", "limit", "integer_below_min_value");
            }
            if (limit > MAX_LIMIT) {
                throw invalid("Invalid 'limit': integer above maximum value. Expected a value <= " + MAX_LIMIT
                        + ", but got " + limit + " instead.", "limit", "integer_above_max_value");
            }
        }
        String order = first(query, "order").orElse("desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw invalid("Invalid value: '" + order + "'. Supported values are: 'asc' and 'desc'.", "order",
                    "invalid_value");
        }
        return new InputItemsPage(limit, order.equals("asc"), first(query, "after"), first(query, "before"));
    }

    ObjectNode of(List<ObjectNode> items) {
        List<ObjectNode> ordered = new ArrayList<>(items);
        if (!ascending) {
            Collections.reverse(ordered);
        }
        int from = 0;
        int to = ordered.size();
        if (after.isPresent()) {
            from = indexOf(ordered, after.get()) + 1;
            if (from == 0) {
                to = 0;
            }
        }
        if (before.isPresent()) {
            int end = indexOf(ordered, before.get());
            to = end < 0 ? 0 : Math.min(to, end);
        }
        List<ObjectNode> window = from >= to ? List.of() : ordered.subList(from, to);
        List<ObjectNode> page = window.subList(0, Math.min(limit, window.size()));
        ObjectNode list = LabJson.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        page.forEach(item -> data.add(item.deepCopy()));
        list.put("first_id", page.isEmpty() ? null : page.get(0).path("id").asText(null));
        list.put("last_id", page.isEmpty() ? null : page.get(page.size() - 1).path("id").asText(null));
        list.put("has_more", window.size() > page.size());
        return list;
    }

    private static int indexOf(List<ObjectNode> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).path("id").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? Optional.empty()
                : Optional.of(values.get(0));
    }

    private static InvalidRequestException invalid(String message, String param, String code) {
        return new InvalidRequestException(AzureErrors.invalidRequest(message, param, code));
    }
}
