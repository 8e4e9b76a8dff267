package io.aoailab.lab.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A search request, from a {@code POST .../docs/search.post.search} JSON body or a {@code GET .../docs} query string.
 * Names and defaults as the Search Documents reference gives them (MicrosoftDocs azure-docs / azure-rest-api-specs
 * {@code search-documents.md}, PRIMARY): {@code top} 50, {@code skip} 0, {@code searchMode} {@code any},
 * {@code queryType} {@code simple}; on GET the OData ones are spelled {@code $top}, {@code $skip}, {@code $select},
 * {@code $filter}, {@code $count}. {@code select} and {@code searchFields} are comma-separated lists in both forms
 * (azure-search-documents joins its lists that way).
 *
 * <p>{@code queryType=full} is served with the simple engine (the Lucene syntax's extras are not interpreted;
 * UNCONFIRMED fidelity). Parameters that would change results in ways the lab does not implement (ordering, facets,
 * highlighting, scoring profiles, semantic ranking, vectors) are refused with a lab 400 rather than ignored.
 *
 * @param search the query text; null, blank or {@code *} for every document
 * @param requireAll {@code searchMode=all}
 * @param searchFields the fields to search, empty for every searchable field
 * @param select the fields to return, empty for all
 * @param filter the {@code $filter} expression, or null
 */
record QueryRequest(String search, boolean requireAll, List<String> searchFields, List<String> select, String filter,
        int top, int skip, boolean count) {
    static final int DEFAULT_TOP = 50;

    private static final List<String> UNSUPPORTED_BODY = List.of("orderby", "facets", "highlight", "scoringProfile",
            "scoringParameters", "semanticConfiguration", "semanticQuery", "answers", "captions", "queryRewrites",
            "vectorQueries", "hybridSearch");
    private static final List<String> UNSUPPORTED_QUERY = List.of("$orderby", "facet", "highlight", "scoringProfile",
            "scoringParameter", "semanticConfiguration", "semanticQuery", "answers", "captions", "queryRewrites");

    /** From a POST body. */
    static QueryRequest fromBody(JsonNode body) throws InvalidRequest {
        if (body == null || !body.isObject()) {
            throw new InvalidRequest(SearchErrors.invalidRequest("The request body must be a JSON object."));
        }
        for (String name : UNSUPPORTED_BODY) {
            JsonNode value = body.get(name);
            if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())
                    && !(value.isTextual() && value.asText().isEmpty())) {
                throw new InvalidRequest(SearchErrors.notSupportedByLab(name));
            }
        }
        checkQueryType(text(body, "queryType"));
        return new QueryRequest(text(body, "search"), searchMode(text(body, "searchMode")),
                list(text(body, "searchFields")), list(text(body, "select")), text(body, "filter"),
                integer(body.get("top"), "top", DEFAULT_TOP), integer(body.get("skip"), "skip", 0),
                bool(body.get("count"), "count"));
    }

    /** From a GET query string. */
    static QueryRequest fromQuery(Map<String, List<String>> query) throws InvalidRequest {
        for (String name : UNSUPPORTED_QUERY) {
            if (first(query, name).filter(v -> !v.isEmpty()).isPresent()) {
                throw new InvalidRequest(SearchErrors.notSupportedByLab(name));
            }
        }
        checkQueryType(first(query, "queryType").orElse(null));
        return new QueryRequest(first(query, "search").orElse(null), searchMode(first(query, "searchMode").orElse(null)),
                list(first(query, "searchFields").orElse(null)), list(first(query, "$select").orElse(null)),
                first(query, "$filter").orElse(null), integer(first(query, "$top"), "$top", DEFAULT_TOP),
                integer(first(query, "$skip"), "$skip", 0), bool(first(query, "$count"), "$count"));
    }

    /** A comma-separated field list, trimmed; {@code *} alone means every field, as does an empty list. */
    static List<String> list(String value) {
        List<String> names = new ArrayList<>();
        if (value == null) {
            return names;
        }
        for (String part : value.split(",")) {
            String name = part.trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names.equals(List.of("*")) ? List.of() : names;
    }

    private static String text(JsonNode body, String name) throws InvalidRequest {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequest(SearchErrors.invalidRequest("The parameter '" + name + "' must be a string."));
        }
        return value.asText();
    }

    private static boolean searchMode(String mode) throws InvalidRequest {
        if (mode == null || mode.equalsIgnoreCase("any")) {
            return false;
        }
        if (mode.equalsIgnoreCase("all")) {
            return true;
        }
        throw new InvalidRequest(SearchErrors.invalidRequest("The value '" + mode + "' is not valid for 'searchMode'; "
                + "use 'any' or 'all'."));
    }

    private static void checkQueryType(String type) throws InvalidRequest {
        if (type == null) {
            return;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.equals("simple") || lower.equals("full")) {
            return;
        }
        if (lower.equals("semantic")) {
            throw new InvalidRequest(SearchErrors.notSupportedByLab("queryType=semantic"));
        }
        throw new InvalidRequest(SearchErrors.invalidRequest("The value '" + type + "' is not valid for 'queryType'."));
    }

    private static int integer(JsonNode value, String name, int fallback) throws InvalidRequest {
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw nonNegative(name);
        }
        return value.asInt();
    }

    private static int integer(Optional<String> value, String name, int fallback) throws InvalidRequest {
        if (value.isEmpty() || value.get().isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get().trim());
            if (parsed < 0) {
                throw nonNegative(name);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw nonNegative(name);
        }
    }

    private static boolean bool(JsonNode value, String name) throws InvalidRequest {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidRequest(SearchErrors.invalidRequest("The parameter '" + name + "' must be true or false."));
        }
        return value.asBoolean();
    }

    private static boolean bool(Optional<String> value, String name) throws InvalidRequest {
        if (value.isEmpty() || value.get().isEmpty()) {
            return false;
        }
        String lower = value.get().trim().toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new InvalidRequest(SearchErrors.invalidRequest("The parameter '" + name + "' must be true or false."));
        }
        return lower.equals("true");
    }

    private static InvalidRequest nonNegative(String name) {
        return new InvalidRequest(SearchErrors.invalidRequest("The parameter '" + name
                + "' must be a non-negative integer."));
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
