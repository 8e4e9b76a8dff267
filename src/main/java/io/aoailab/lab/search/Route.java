package io.aoailab.lab.search;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request path resolved to an operation, the index it names and the document key. Search accepts two spellings of
 * every path: the OData one azure-search-documents uses ({@code /indexes('hotels')/docs('1')},
 * {@code /docs/search.post.search}, {@code /docs/search.index}; VERIFIED-LOCAL in the 11.8.1 {@code DocumentsImpl} and
 * {@code IndexesImpl} annotations) and the "simple" one of the REST docs ({@code /indexes/hotels/docs/1},
 * {@code /docs/search}, {@code /docs/index}; MicrosoftDocs azure-docs search-documents reference, PRIMARY). Inside
 * {@code ('…')} a quote is doubled, as in any OData string literal.
 *
 * @param operation what is asked
 * @param index the index named, null for the index collection
 * @param key the document key, null unless a lookup
 */
record Route(Operation operation, String index, String key) {
    private static final Pattern INDEX = Pattern.compile("^/indexes(?:\\('((?:[^']|'')*)'\\)|/([^/()]+))(/.*)?$");
    private static final Pattern KEY = Pattern.compile("^/docs(?:\\('((?:[^']|'')*)'\\)|/([^/]+))$");

    /** The route of {@code path} (already percent-decoded), if the lab serves one there. */
    static Optional<Route> match(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals("/indexes")) {
            return Optional.of(new Route(Operation.LIST_INDEXES, null, null));
        }
        Matcher index = INDEX.matcher(trimmed);
        if (!index.matches()) {
            return Optional.empty();
        }
        String name = index.group(1) != null ? unquote(index.group(1)) : index.group(2);
        String rest = index.group(3) == null ? "" : index.group(3);
        return switch (rest) {
            case "" -> Optional.of(new Route(Operation.GET_INDEX, name, null));
            case "/docs" -> Optional.of(new Route(Operation.SEARCH_GET, name, null));
            case "/docs/search.post.search", "/docs/search" -> Optional.of(new Route(Operation.SEARCH_POST, name, null));
            case "/docs/$count" -> Optional.of(new Route(Operation.COUNT, name, null));
            case "/docs/search.index", "/docs/index" -> Optional.of(new Route(Operation.INDEX_DOCUMENTS, name, null));
            default -> lookup(name, rest);
        };
    }

    private static Optional<Route> lookup(String index, String rest) {
        Matcher key = KEY.matcher(rest);
        if (!key.matches()) {
            return Optional.empty();
        }
        String value = key.group(1) != null ? unquote(key.group(1)) : key.group(2);
        // the other actions under /docs (suggest, autocomplete…) are not keys
        if (key.group(2) != null && value.startsWith("search.")) {
            return Optional.empty();
        }
        return Optional.of(new Route(Operation.LOOKUP, index, value));
    }

    private static String unquote(String literal) {
        return literal.replace("''", "'");
    }
}
