package io.aoailab.lab.search;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData metadata level an answer is written at, from the request's {@code Accept}. Search honours it in both the
 * body and the {@code Content-Type}:
 * <ul>
 *   <li>{@code Accept: application/json;odata.metadata=none} (what azure-search-documents sends for document
 *       operations, VERIFIED-LOCAL in {@code DocumentsImpl}) gets {@code Content-Type: application/json;
 *       odata.metadata=none} and no {@code @odata.context} (py-recordings, OBSERVED).</li>
 *   <li>{@code ...=minimal} (sent for index operations, VERIFIED-LOCAL in {@code IndexesImpl}) gets
 *       {@code application/json; odata.metadata=minimal} and {@code @odata.context} (py-recordings).</li>
 *   <li>No {@code Accept} (curl, REST clients) gets the default, minimal, written as
 *       {@code application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8}
 *       (MicrosoftDocs/azure-ai-docs search-markdown-data-tutorial.md, a captured 2025-09-01 answer, PRIMARY).</li>
 * </ul>
 * {@code odata.metadata=full} is served as minimal (the lab has no type annotations to add; UNCONFIRMED).
 */
enum Metadata {
    NONE("application/json; odata.metadata=none", false),
    MINIMAL("application/json; odata.metadata=minimal", true),
    DEFAULT("application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8", true);

    private static final Pattern LEVEL = Pattern.compile("odata\\.metadata\\s*=\\s*([a-z]+)");

    private final String contentType;
    private final boolean context;

    Metadata(String contentType, boolean context) {
        this.contentType = contentType;
        this.context = context;
    }

    static Metadata of(Optional<String> accept) {
        if (accept.isEmpty()) {
            return DEFAULT;
        }
        Matcher level = LEVEL.matcher(accept.get().toLowerCase(Locale.ROOT));
        if (!level.find()) {
            return DEFAULT;
        }
        return "none".equals(level.group(1)) ? NONE : MINIMAL;
    }

    String contentType() {
        return contentType;
    }

    /** Whether {@code @odata.context} (and, for index definitions, {@code @odata.etag}) are written. */
    boolean annotated() {
        return context;
    }
}
