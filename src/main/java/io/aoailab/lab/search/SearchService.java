package io.aoailab.lab.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.entra.TokenVerifier;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultControl;
import io.aoailab.lab.faults.FaultEffects;
import io.aoailab.lab.http.BodyTooLargeException;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.search.Authenticator.Identity;
import io.aoailab.lab.search.Ranker.Scored;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.SearchSpec;
import io.aoailab.lab.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One Azure AI Search service ({@code <name>.search.windows.net}) serving the documents data plane as the real service
 * does on the wire, so that azure-search-documents 11.8.1's {@code SearchIndexClient} and {@code SearchClient} work
 * against it unchanged.
 *
 * <p><b>Operations</b> (both path spellings, see {@link Route}): list indexes ({@code $select}), get an index, search
 * ({@code GET .../docs}, {@code POST .../docs/search.post.search}), look a document up, count documents, index documents
 * ({@code upload}, {@code merge}, {@code mergeOrUpload}, {@code delete}). Search is simple-syntax keyword search with
 * BM25 scores ({@link Ranker}) and {@code $filter} over string fields ({@link Filter}).
 *
 * <p><b>Credentials</b>: two admin keys and one query key ({@link #adminKeys()}, {@link #queryKey()}), or Entra tokens
 * for {@value #AUDIENCE} (the SDK asks for {@value #SCOPE}); see {@link Authenticator}.
 *
 * <p><b>RBAC</b>, for Entra principals, with the lab's {@link AccessControl}: document operations need the data actions
 * {@code Microsoft.Search/searchServices/indexes/documents/read} (search, lookup, count), {@code …/write} (upload, merge,
 * mergeOrUpload) and {@code …/delete} (delete), at {@link #indexScope(String)}; reading index definitions (list, get)
 * needs the control-plane action {@code Microsoft.Search/searchServices/indexes/read}, which no data-plane role has
 * ({@link Operation}, the role Actions of {@link io.aoailab.lab.rbac.RoleCatalog}). A missing role is <b>403</b> {@code Authorization failed.}
 *
 * <p><b>Order of checks</b>, each failing with Search's answer ({@link SearchErrors}): fault; route (404/405);
 * {@code api-version} (400); credentials (401/403); RBAC (403); index (404); request (400); serve. RBAC comes before the
 * index lookup, so a principal without a role learns nothing about which indexes exist.
 *
 * <p><b>Answers</b> carry Search's headers ({@link AnswerHeaders}) and honour the requested OData metadata level
 * ({@link Metadata}).
 *
 * <p>Thread-safe: the lab serves requests on many threads; each index holds its own lock.
 */
public final class SearchService implements LabHandler {
    /** The audience of the tokens the service accepts. */
    public static final String AUDIENCE = Authenticator.AUDIENCE;
    /** The scope azure-search-documents requests from a {@code TokenCredential} (VERIFIED-LOCAL, 11.8.1). */
    public static final String SCOPE = AUDIENCE + "/.default";

    /**
     * The api-versions served: the GA versions azure-search-documents 11.8.1 can send ({@code SearchServiceVersion}:
     * 2020-06-30, 2023-11-01, 2024-07-01 and its default 2025-09-01; VERIFIED-LOCAL), and 2026-04-01, the GA version
     * the JavaScript client {@code @azure/search-documents} 13.x sends by default (docs/azure-facts.md §8). Previews
     * and versions that do not exist are refused.
     */
    static final Set<String> API_VERSIONS = Set.of("2020-06-30", "2023-11-01", "2024-07-01", "2025-09-01",
            "2026-04-01");
    static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final SearchSpec service;
    private final String serviceScope;
    private final Topology topology;
    private final ServiceKeys keys = new ServiceKeys();
    private final Authenticator authenticator;
    private final AccessControl access;
    private final FaultControl faults;
    private final Map<String, IndexStore> indexes;

    /**
     * @param topology the lab's topology, for the service's ARM scope
     * @param service the service to serve, with its indexes and seed documents
     * @param tokens checks bearer tokens for the {@value #AUDIENCE} audience
     * @param access the lab's RBAC engine
     * @param faults what an operator has done to this service (keyed by the service's name)
     * @param clock the lab's clock: the indexes' ETags
     */
    public SearchService(Topology topology, SearchSpec service, TokenVerifier tokens, AccessControl access,
            FaultControl faults, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.serviceScope = topology.searchScope(service);
        this.topology = topology;
        this.authenticator = new Authenticator(keys, tokens);
        this.access = Objects.requireNonNull(access, "access");
        this.faults = Objects.requireNonNull(faults, "faults");
        Map<String, IndexStore> loaded = new LinkedHashMap<>();
        service.indexes().forEach(index -> loaded.put(index.name(), new IndexStore(index, clock.instant())));
        this.indexes = Collections.unmodifiableMap(loaded);
    }

    public SearchSpec spec() {
        return service;
    }

    /** {@code <name>.search.windows.net}. */
    public String hostName() {
        return service.hostName();
    }

    /** The primary and secondary admin keys: 52 letters and digits each, fresh for every lab run. */
    public List<LabSecret> adminKeys() {
        return keys.admin();
    }

    /** The query key a new service has: read-only access to the documents collection. */
    public LabSecret queryKey() {
        return keys.query();
    }

    public List<String> indexNames() {
        return List.copyOf(indexes.keySet());
    }

    /** The service's ARM id. */
    public String serviceScope() {
        return serviceScope;
    }

    /**
     * The ARM id document data actions are authorized at, e.g.
     * {@code /subscriptions/…/resourceGroups/…/providers/Microsoft.Search/searchServices/srch/indexes/docs-index}; the
     * scope of "Grant access to a single index" (search-security-rbac.md, PRIMARY).
     */
    public String indexScope(String index) {
        return topology.indexScope(service, index);
    }

    /**
     * Searches an index as {@code search=<query>&searchMode=any} over every searchable field would, without
     * credentials or RBAC: for the lab's own services (the Responses {@code file_search} tool), which check their
     * caller's access themselves with {@link AccessControl} at {@link #indexScope(String)}.
     *
     * @param top the most hits to return
     * @return hits ordered by score, highest first, ties by key
     * @throws IllegalArgumentException if the service has no such index
     */
    public List<SearchHit> search(String index, String query, int top) {
        IndexStore store = indexes.get(index);
        if (store == null) {
            throw new IllegalArgumentException("The search service " + service.name() + " has no index '" + index
                    + "'; it has " + indexes.keySet());
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Scored scored : Ranker.rank(store.documents(), store.keyField(), store.searchableFields(), query, false,
                d -> true)) {
            if (hits.size() >= Math.max(0, top)) {
                break;
            }
            Map<String, String> present = new LinkedHashMap<>();
            scored.document().forEach((field, value) -> {
                if (value != null) {
                    present.put(field, value);
                }
            });
            hits.add(new SearchHit(scored.key(), scored.score(), present));
        }
        return hits;
    }

    @Override
    public void handle(LabExchange exchange) throws IOException {
        long start = System.nanoTime();
        AnswerHeaders.common(exchange);
        Optional<Fault> fault = faults.next(service.name());
        if (fault.isPresent() && applied(fault.get(), exchange, start)) {
            return;
        }
        Optional<Route> found = Route.match(exchange.path());
        if (found.isEmpty()) {
            refuse(exchange, SearchErrors.unknownPath(), start);
            return;
        }
        Route route = found.get();
        if (!route.operation().method().equals(exchange.method())) {
            refuse(exchange, SearchErrors.methodNotAllowed(), start);
            return;
        }
        Optional<String> apiVersion = exchange.query("api-version");
        if (apiVersion.isEmpty() || !API_VERSIONS.contains(apiVersion.get())) {
            refuse(exchange, SearchErrors.invalidApiVersion(), start);
            return;
        }
        Identity identity = authenticator.authenticate(exchange);
        if (identity instanceof Identity.Refused refused) {
            refuse(exchange, refused.reply(), start);
            return;
        }
        Body body = "POST".equals(exchange.method()) ? Body.read(exchange) : Body.NONE;
        Optional<ErrorReply> denied = authorize(identity, route, body.json());
        if (denied.isPresent()) {
            refuse(exchange, denied.get(), start);
            return;
        }
        if (body.tooLarge()) {
            refuse(exchange, SearchErrors.bodyTooLarge(), start);
            return;
        }
        try {
            serve(exchange, route, apiVersion.get(), body, start);
        } catch (InvalidRequest e) {
            refuse(exchange, e.reply(), start);
        }
    }

    private void serve(LabExchange exchange, Route route, String apiVersion, Body body, long start)
            throws IOException, InvalidRequest {
        Metadata metadata = Metadata.of(exchange.header("Accept"));
        if (route.operation() == Operation.LIST_INDEXES) {
            listIndexes(exchange, metadata, start);
            return;
        }
        IndexStore index = indexes.get(route.index());
        if (index == null) {
            throw new InvalidRequest(SearchErrors.indexNotFound(route.index(), service.name()));
        }
        switch (route.operation()) {
            case GET_INDEX -> {
                exchange.responseHeaders().set("ETag", "W/" + index.etag());
                json(exchange, 200, Payloads.index(hostName(), index, metadata), metadata, start);
            }
            case SEARCH_GET -> search(exchange, index, QueryRequest.fromQuery(exchange.queryParameters()), metadata,
                    start);
            case SEARCH_POST -> search(exchange, index, QueryRequest.fromBody(body.parsed()), metadata, start);
            case LOOKUP -> lookup(exchange, index, route.key(), metadata, start);
            case COUNT -> count(exchange, index, start);
            case INDEX_DOCUMENTS -> {
                IndexBatch.Outcome outcome = IndexBatch.parse(body.parsed(), index, apiVersion).apply(index);
                json(exchange, outcome.status(), outcome.body(), metadata, start);
            }
            default -> throw new IllegalStateException("unrouted operation " + route.operation());
        }
    }

    private void listIndexes(LabExchange exchange, Metadata metadata, long start) throws IOException,
            InvalidRequest {
        List<String> select = QueryRequest.list(exchange.query("$select").orElse(null));
        for (String property : select) {
            if (!Payloads.DEFINITION_PROPERTIES.contains(property)) {
                // Search's wording for an unknown index property is UNCONFIRMED; this mirrors its documents' one
                throw new InvalidRequest(SearchErrors.invalidExpression("Could not find a property named '" + property
                        + "' on type 'search.index'.", "$select"));
            }
        }
        json(exchange, 200, Payloads.indexList(hostName(), List.copyOf(indexes.values()), select, metadata), metadata,
                start);
    }

    private void search(LabExchange exchange, IndexStore index, QueryRequest request, Metadata metadata, long start)
            throws IOException, InvalidRequest {
        List<String> returned = fieldsToReturn(index, request.select());
        List<String> searched = request.searchFields().isEmpty() ? index.searchableFields() : request.searchFields();
        for (String field : request.searchFields()) {
            if (!index.searchableFields().contains(field)) {
                throw new InvalidRequest(SearchErrors.badSearchField(field, index.hasField(field)));
            }
        }
        Predicate<Map<String, String>> filter;
        try {
            filter = Filter.parse(request.filter(), index.fields());
        } catch (Filter.FilterException e) {
            throw new InvalidRequest(SearchErrors.invalidExpression(e.getMessage(), "$filter"));
        }
        List<Scored> hits = Ranker.rank(index.documents(), index.keyField(), searched, request.search(),
                request.requireAll(), filter);
        ArrayNode value = LabJson.MAPPER.createArrayNode();
        hits.stream().skip(request.skip()).limit(request.top())
                .forEach(hit -> value.add(Payloads.hit(hit.score(), hit.document(), returned)));
        Long count = request.count() ? (long) hits.size() : null;
        json(exchange, 200, Payloads.results(hostName(), index.name(), metadata, count, value), metadata, start);
    }

    private void lookup(LabExchange exchange, IndexStore index, String key, Metadata metadata, long start)
            throws IOException, InvalidRequest {
        List<String> returned = fieldsToReturn(index, QueryRequest.list(exchange.query("$select").orElse(null)));
        Optional<Map<String, String>> document = index.document(key);
        if (document.isEmpty()) {
            throw new InvalidRequest(SearchErrors.documentNotFound());
        }
        json(exchange, 200, Payloads.document(hostName(), index.name(), metadata, document.get(), returned), metadata,
                start);
    }

    /** {@code $count}: {@code text/plain}, the number after a UTF-8 byte-order mark, as py-recordings show it. */
    private void count(LabExchange exchange, IndexStore index, long start) throws IOException {
        byte[] digits = Long.toString(index.count()).getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[BOM.length + digits.length];
        System.arraycopy(BOM, 0, body, 0, BOM.length);
        System.arraycopy(digits, 0, body, BOM.length, digits.length);
        AnswerHeaders.odata(exchange);
        AnswerHeaders.elapsed(exchange, start);
        exchange.respond(200, "text/plain", body);
    }

    private static List<String> fieldsToReturn(IndexStore index, List<String> select) throws InvalidRequest {
        for (String field : select) {
            if (!index.hasField(field)) {
                throw new InvalidRequest(SearchErrors.invalidExpression("Could not find a property named '" + field
                        + "' on type 'search.document'.", "$select"));
            }
        }
        return select.isEmpty() ? index.fields() : index.fields().stream().filter(select::contains).toList();
    }

    private Optional<ErrorReply> authorize(Identity identity, Route route, JsonNode body) {
        if (identity instanceof Identity.AdminKey) {
            return Optional.empty();
        }
        if (identity instanceof Identity.QueryKey) {
            return route.operation().readsDocuments() ? Optional.empty()
                    : Optional.of(SearchErrors.queryKeyNotAllowed());
        }
        String objectId = ((Identity.Principal) identity).caller().objectId();
        String scope = route.index() == null ? serviceScope : indexScope(route.index());
        Operation.Permission permission = route.operation().permission();
        boolean permitted;
        if (!permission.dataAction()) {
            permitted = access.permitsAction(objectId, scope, permission.name());
        } else if (route.operation() == Operation.INDEX_DOCUMENTS) {
            permitted = true;
            for (String action : IndexBatch.actionNames(body)) {
                String needed = action.equals("delete") ? Operation.DOCUMENTS_DELETE : Operation.DOCUMENTS_WRITE;
                permitted &= access.permits(objectId, scope, needed);
            }
        } else {
            permitted = access.permits(objectId, scope, permission.name());
        }
        return permitted ? Optional.empty() : Optional.of(SearchErrors.authorizationFailed());
    }

    /** Applies an injected fault; true when it answered (or dropped) the request, false when serving goes on. */
    private boolean applied(Fault fault, LabExchange exchange, long start) throws IOException {
        return FaultEffects.apply(fault, exchange,
                throttle -> refuse(exchange, SearchErrors.throttled(throttle.retryAfter()), start),
                error -> refuse(exchange, SearchErrors.serverError(error.status()), start));
    }

    private static void json(LabExchange exchange, int status, ObjectNode body, Metadata metadata, long start)
            throws IOException {
        AnswerHeaders.odata(exchange);
        AnswerHeaders.elapsed(exchange, start);
        exchange.respond(status, metadata.contentType(), LabJson.bytes(body));
    }

    /** Error bodies are plain JSON (their exact {@code Content-Type} is UNCONFIRMED); empty ones have none. */
    private static void refuse(LabExchange exchange, ErrorReply reply, long start) throws IOException {
        reply.headers().forEach((name, value) -> exchange.responseHeaders().set(name, value));
        AnswerHeaders.elapsed(exchange, start);
        exchange.respond(reply.status(), reply.body().length == 0 ? null : "application/json; charset=utf-8",
                reply.body());
    }

    /** A request body: its JSON (null if absent or unreadable), and why not. */
    private record Body(JsonNode json, boolean malformed, boolean tooLarge) {
        static final Body NONE = new Body(null, false, false);

        static Body read(LabExchange exchange) throws IOException {
            byte[] bytes;
            try {
                bytes = exchange.body(MAX_BODY_BYTES);
            } catch (BodyTooLargeException e) {
                return new Body(null, false, true);
            }
            if (bytes.length == 0) {
                return new Body(null, true, false);
            }
            try {
                return new Body(LabJson.MAPPER.readTree(bytes), false, false);
            } catch (JsonProcessingException e) {
                return new Body(null, true, false);
            }
        }

        JsonNode parsed() throws InvalidRequest {
            if (malformed) {
                throw new InvalidRequest(SearchErrors.invalidRequest("The request body is not valid JSON."));
            }
            return json;
        }
    }
}
