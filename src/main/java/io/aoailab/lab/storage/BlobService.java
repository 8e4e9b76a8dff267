package io.aoailab.lab.storage;

import com.sun.net.httpserver.Headers;
import io.aoailab.lab.entra.Caller;
import io.aoailab.lab.entra.TokenVerifier;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultEffects;
import io.aoailab.lab.faults.FaultControl;
import io.aoailab.lab.http.BodyTooLargeException;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.storage.BlobStore.Blob;
import io.aoailab.lab.storage.BlobStore.BlobHeaders;
import io.aoailab.lab.storage.BlobStore.Container;
import io.aoailab.lab.storage.BlobStore.Lookup;
import io.aoailab.lab.storage.BlobStore.Page;
import io.aoailab.lab.storage.BlobStore.Write;
import io.aoailab.lab.topology.StorageSpec;
import io.aoailab.lab.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Blob Storage data plane of one storage account ({@code <name>.blob.core.windows.net}), as azure-storage-blob
 * 12.33.3 calls it: containers (create, properties, delete, list) and block blobs (Put Blob, Get Blob with ranges,
 * Get Blob Properties, Delete Blob, List Blobs with prefix, delimiter, marker and maxresults), with Entra bearer auth,
 * RBAC and Storage's XML errors. Seed containers and blobs come from the topology's {@link StorageSpec}.
 *
 * <p><b>Order of checks</b>, each answering as Storage does ({@link StorageErrors} cites each body): faults; then
 * authentication ({@link BearerAuthenticator}: 400 bad version, 401 with the bearer challenge, 403 Bearer without a
 * version, 409 anonymous); then the operation (400 unknown {@code comp}, 405 verb); then RBAC ({@link StorageAccess}:
 * 403 AuthorizationPermissionMismatch — Storage answers <em>403</em> for a missing role, unlike Azure OpenAI's 401);
 * then the operation's own checks (headers, names, conditions: 400/404/409/412/413/416). RBAC is decided before the
 * resource is looked up, so a caller without a role learns nothing about which containers exist. Whether Storage
 * validates request headers before or after RBAC is UNCONFIRMED.
 *
 * <p><b>Headers.</b> Every answer carries {@code x-ms-request-id} and {@code Date} (the JDK server writes it). Answers
 * from the blob service add {@code Server: Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0}, echo {@code x-ms-version}
 * and {@code x-ms-client-request-id}; errors add {@code x-ms-error-code}. The authentication front end's 401s carry
 * {@code Server: Microsoft-HTTPAPI/2.0} and neither echo — as Microsoft's own recordings show
 * (see {@link StorageError.Front}).
 *
 * <p><b>Limits.</b> All blobs of the account together hold at most {@value #DEFAULT_CAPACITY_BYTES} bytes (by
 * default); a Put Blob beyond that is 413 RequestBodyTooLarge (a lab limit, Storage-shaped). Block blobs only, stored
 * whole by Put Blob: the SDK uses one Put Blob for uploads up to 256 MiB, far above the lab's bound, so Put Block /
 * Put Block List are not served. No snapshots, versions, leases, tiers or soft delete; {@code If-Match} and
 * {@code If-None-Match} are honoured, the date conditions are not.
 *
 * <p><b>Known gap: metadata through the SDK.</b> Blob and container metadata ({@code x-ms-meta-*}) is stored and sent
 * back, but the JDK's HTTP server capitalizes the first letter of every response header name
 * ({@code X-ms-meta-origin}), and azure-storage-blob 12.33.3 collects metadata with a case-sensitive
 * {@code startsWith("x-ms-meta-")} ({@code BlobsGetPropertiesHeaders}, read from the released jar). So
 * {@code getProperties().getMetadata()} is empty through the SDK; List Blobs with {@code include=metadata} carries it
 * in XML and works. Fixing it needs a server that keeps header-name case ({@code LabServer}, outside this package).
 *
 * <p>Thread-safe: the lab serves requests on many threads.
 */
public final class BlobService implements LabHandler {
    /** What one account stores at most, all blobs together: 64 MiB. */
    public static final long DEFAULT_CAPACITY_BYTES = 64L * 1024 * 1024;
    /** List Containers / List Blobs: "maxresults … up to 5,000 items"; more is served as 5000 (REST docs). */
    static final int MAX_RESULTS = 5000;
    /** The blob service's {@code Server} header, in every Storage capture of a served request. */
    static final String SERVER = "Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0";
    /** The front end's {@code Server} header on authentication failures ([JS-RECORDINGS]). */
    static final String FRONT_END_SERVER = "Microsoft-HTTPAPI/2.0";

    // Create Container naming rules (REST doc "Naming and referencing containers, blobs, and metadata"): 3-63
    // characters, lower-case letters, digits and '-', starting and ending with a letter or digit, no "--"
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final String META = "x-ms-meta-";

    private final StorageSpec account;
    private final BearerAuthenticator authenticator;
    private final StorageAccess access;
    private final FaultControl faults;
    private final Clock clock;
    private final BlobStore store;

    /**
     * A service that no fault reaches: for callers without the lab's {@link FaultControl}. The lab assembly should
     * use {@link #BlobService(Topology, StorageSpec, TokenVerifier, AccessControl, FaultControl, Clock)}.
     */
    public BlobService(Topology topology, StorageSpec account, TokenVerifier tokens, AccessControl access, Clock clock) {
        this(topology, account, tokens, access, new FaultControl(clock), clock);
    }

    /**
     * @param topology the lab's topology: the tenant (for the bearer challenge) and the account's ARM scope
     * @param account the storage account to serve, with its seed containers and blobs
     * @param tokens checks bearer tokens for {@code https://storage.azure.com} and
     *               {@code https://<name>.blob.core.windows.net}
     * @param access the lab's RBAC engine
     * @param faults what an operator has done to this account, keyed by the account's name
     * @param clock the lab's clock: Last-Modified, Creation-Time, error times
     * @throws IllegalArgumentException if the seed blobs exceed {@link #DEFAULT_CAPACITY_BYTES}
     */
    public BlobService(Topology topology, StorageSpec account, TokenVerifier tokens, AccessControl access,
            FaultControl faults, Clock clock) {
        this(topology, account, tokens, access, faults, clock, DEFAULT_CAPACITY_BYTES);
    }

    BlobService(Topology topology, StorageSpec account, TokenVerifier tokens, AccessControl access, FaultControl faults,
            Clock clock, long capacityBytes) {
        this.account = Objects.requireNonNull(account, "account");
        this.authenticator = new BearerAuthenticator(tokens, account.blobHostName(), topology.tenant().id());
        this.access = new StorageAccess(topology, account, access);
        this.faults = Objects.requireNonNull(faults, "faults");
        this.clock = clock;
        this.store = new BlobStore(clock, capacityBytes);
        store.seed(account);
    }

    public StorageSpec account() {
        return account;
    }

    /** {@code <name>.blob.core.windows.net}, the host name clients put in their URLs. */
    public String hostName() {
        return account.blobHostName();
    }

    BlobStore store() {
        return store;
    }

    /**
     * The text of a blob (UTF-8), or empty when the container or blob does not exist. No authentication and no RBAC:
     * for the lab's own services (the Responses {@code file_search} tool reads its vector store's files), which check
     * their own identity's access with {@link AccessControl} at the container's scope
     * ({@code <account scope>/blobServices/default/containers/<container>}) before calling this.
     */
    public Optional<String> readText(String container, String blob) {
        Blob found = store.blob(container, blob).blob();
        return found == null ? Optional.empty() : Optional.of(new String(found.content(), StandardCharsets.UTF_8));
    }

    @Override
    public void handle(LabExchange exchange) throws IOException {
        Optional<String> version = exchange.header("x-ms-version").filter(v -> !v.isBlank());
        Optional<Fault> fault = faults.next(account.name());
        if (fault.isPresent() && applied(fault.get(), exchange, version)) {
            return;
        }
        BearerAuthenticator.Outcome outcome = authenticator.authenticate(exchange.header("Authorization"), version);
        if (outcome instanceof BearerAuthenticator.Outcome.Refused refused) {
            fail(exchange, refused.error(), version);
            return;
        }
        Caller caller = ((BearerAuthenticator.Outcome.Authenticated) outcome).caller();
        BlobRequest.Parsed parsed = BlobRequest.parse(exchange.method(), exchange.path(), exchange.queryParameters());
        if (parsed instanceof BlobRequest.Parsed.Refused refused) {
            fail(exchange, refused.error(), version);
            return;
        }
        BlobRequest request = ((BlobRequest.Parsed.Matched) parsed).request();
        if (!permitted(caller.objectId(), request)) {
            fail(exchange, StorageErrors.authorizationPermissionMismatch(), version);
            return;
        }
        Answer answer = new Answer(exchange, version);
        switch (request.operation()) {
            case LIST_CONTAINERS -> listContainers(answer);
            case CREATE_CONTAINER -> createContainer(answer, request.container());
            case GET_CONTAINER_PROPERTIES -> containerProperties(answer, request.container());
            case DELETE_CONTAINER -> deleteContainer(answer, request.container());
            case LIST_BLOBS -> listBlobs(answer, request.container());
            case PUT_BLOB -> putBlob(answer, caller, request.container(), request.blob());
            case GET_BLOB -> getBlob(answer, request.container(), request.blob(), true);
            case GET_BLOB_PROPERTIES -> getBlob(answer, request.container(), request.blob(), false);
            case DELETE_BLOB -> deleteBlob(answer, request.container(), request.blob());
        }
    }

    /**
     * Faults come first, before authentication, as a failing storage stamp fails whatever reaches it. True when the
     * fault answered (or dropped) the request; false when serving goes on (latency).
     */
    private boolean applied(Fault fault, LabExchange exchange, Optional<String> version) throws IOException {
        return FaultEffects.apply(fault, exchange,
                // Storage's throttling is 503 ServerBusy, not 429; no capture shows a Retry-After on it, so the
                // fault's retryAfter is not sent (UNCONFIRMED) and the SDK backs off on its own schedule
                throttle -> fail(exchange, StorageErrors.serverBusy(), version),
                error -> fail(exchange, error.status() == 503 ? StorageErrors.serverBusy()
                        : StorageErrors.internalError(error.status()), version));
    }

    /** RBAC, before the resource is looked up; see {@link StorageAccess} for each operation's action and scope. */
    private boolean permitted(String objectId, BlobRequest request) {
        String container = request.container();
        return switch (request.operation()) {
            case LIST_CONTAINERS -> access.permitsAction(objectId, access.accountScope(), StorageAccess.CONTAINERS_READ);
            case CREATE_CONTAINER -> access.permitsAction(objectId, access.containerScope(container),
                    StorageAccess.CONTAINERS_WRITE);
            case GET_CONTAINER_PROPERTIES -> access.permitsAction(objectId, access.containerScope(container),
                    StorageAccess.CONTAINERS_READ);
            case DELETE_CONTAINER -> access.permitsAction(objectId, access.containerScope(container),
                    StorageAccess.CONTAINERS_DELETE);
            case LIST_BLOBS, GET_BLOB, GET_BLOB_PROPERTIES -> access.permitsData(objectId, container,
                    StorageAccess.BLOBS_READ);
            // replacing needs write, creating needs write or add/action: decided again, atomically, when storing
            case PUT_BLOB -> access.permitsData(objectId, container, StorageAccess.BLOBS_WRITE)
                    || access.permitsData(objectId, container, StorageAccess.BLOBS_ADD);
            case DELETE_BLOB -> access.permitsData(objectId, container, StorageAccess.BLOBS_DELETE);
        };
    }

    // --- containers ---

    private void listContainers(Answer answer) throws IOException {
        Listing listing = Listing.of(answer.exchange);
        if (listing.error != null) {
            answer.fail(listing.error);
            return;
        }
        Page<Container> page = store.containers(listing.prefix == null ? "" : listing.prefix, listing.from,
                listing.max);
        StorageXml xml = new StorageXml().open("EnumerationResults", "ServiceEndpoint", serviceEndpoint());
        listing.echo(xml);
        xml.open("Containers");
        for (Container container : page.items()) {
            xml.open("Container").element("Name", container.name()).open("Properties")
                    .element("Last-Modified", StorageTimes.http(container.lastModified()))
                    .element("Etag", container.etag())
                    .element("LeaseStatus", "unlocked").element("LeaseState", "available")
                    .element("DefaultEncryptionScope", "$account-encryption-key")
                    .element("DenyEncryptionScopeOverride", "false")
                    .element("HasImmutabilityPolicy", "false").element("HasLegalHold", "false")
                    .element("ImmutableStorageWithVersioningEnabled", "false")
                    .close("Properties");
            if (listing.metadata) {
                metadata(xml, container.metadata());
            }
            xml.close("Container");
        }
        xml.close("Containers").element("NextMarker", Listing.marker(page.next())).close("EnumerationResults");
        answer.xml(200, xml);
    }

    private void createContainer(Answer answer, String name) throws IOException {
        if (!CONTAINER_NAME.matcher(name).matches() && !name.equals(BlobRequest.ROOT_CONTAINER)) {
            answer.fail(StorageErrors.invalidResourceName());
            return;
        }
        if (answer.exchange.header("x-ms-blob-public-access").isPresent()) {
            // the lab's accounts forbid anonymous access, so a public container cannot be made (Storage: 409)
            answer.fail(StorageErrors.publicAccessNotPermitted());
            return;
        }
        Optional<Container> created = store.createContainer(name, metadata(answer.exchange.requestHeaders()));
        if (created.isEmpty()) {
            answer.fail(StorageErrors.containerAlreadyExists());
            return;
        }
        answer.header("ETag", created.get().etag());
        answer.header("Last-Modified", StorageTimes.http(created.get().lastModified()));
        answer.empty(201);
    }

    private void containerProperties(Answer answer, String name) throws IOException {
        Optional<Container> container = store.container(name);
        if (container.isEmpty()) {
            answer.fail(StorageErrors.containerNotFound());
            return;
        }
        // the header set of Get Container Properties in [JS-RECORDINGS] (2023)
        answer.header("ETag", container.get().etag());
        answer.header("Last-Modified", StorageTimes.http(container.get().lastModified()));
        answer.header("x-ms-lease-status", "unlocked");
        answer.header("x-ms-lease-state", "available");
        answer.header("x-ms-has-immutability-policy", "false");
        answer.header("x-ms-has-legal-hold", "false");
        answer.header("x-ms-immutable-storage-with-versioning-enabled", "false");
        answer.header("x-ms-default-encryption-scope", "$account-encryption-key");
        answer.header("x-ms-deny-encryption-scope-override", "false");
        container.get().metadata().forEach((key, value) -> answer.header(META + key, value));
        answer.empty(200);
    }

    private void deleteContainer(Answer answer, String name) throws IOException {
        if (!store.deleteContainer(name)) {
            answer.fail(StorageErrors.containerNotFound());
            return;
        }
        answer.empty(202);
    }

    // --- blobs ---

    private void listBlobs(Answer answer, String container) throws IOException {
        Listing listing = Listing.of(answer.exchange);
        if (listing.error != null) {
            answer.fail(listing.error);
            return;
        }
        String delimiter = answer.exchange.query("delimiter").filter(d -> !d.isEmpty()).orElse(null);
        Optional<Page<Blob>> found = store.blobs(container, listing.prefix == null ? "" : listing.prefix, delimiter,
                listing.from, listing.max);
        if (found.isEmpty()) {
            answer.fail(StorageErrors.containerNotFound());
            return;
        }
        Page<Blob> page = found.get();
        StorageXml xml = new StorageXml().open("EnumerationResults", "ServiceEndpoint", serviceEndpoint(),
                "ContainerName", container);
        listing.echo(xml);
        if (delimiter != null) {
            xml.element("Delimiter", delimiter);
        }
        xml.open("Blobs");
        // Storage interleaves blobs and prefixes in name order
        int b = 0;
        int p = 0;
        while (b < page.items().size() || p < page.prefixes().size()) {
            boolean blobFirst = p == page.prefixes().size() || (b < page.items().size()
                    && page.items().get(b).name().compareTo(page.prefixes().get(p)) < 0);
            if (blobFirst) {
                blobEntry(xml, page.items().get(b++), listing.metadata);
            } else {
                xml.open("BlobPrefix").name(page.prefixes().get(p++)).close("BlobPrefix");
            }
        }
        xml.close("Blobs").element("NextMarker", Listing.marker(page.next())).close("EnumerationResults");
        answer.xml(200, xml);
    }

    /** One {@code <Blob>} as in the List Blobs captures of [JS-RECORDINGS] (2021) and azure-sdk-for-rust#1092 (2022). */
    private static void blobEntry(StorageXml xml, Blob blob, boolean withMetadata) {
        BlobHeaders headers = blob.headers();
        xml.open("Blob").name(blob.name()).open("Properties")
                .element("Creation-Time", StorageTimes.http(blob.created()))
                .element("Last-Modified", StorageTimes.http(blob.lastModified()))
                // unquoted in listings, quoted in the ETag header
                .element("Etag", blob.etag().replace("\"", ""))
                .element("Content-Length", Long.toString(blob.size()))
                .element("Content-Type", headers.contentType())
                .element("Content-Encoding", headers.contentEncoding())
                .element("Content-Language", headers.contentLanguage())
                .element("Content-CRC64", null)
                .element("Content-MD5", blob.contentMd5())
                .element("Cache-Control", headers.cacheControl())
                .element("Content-Disposition", headers.contentDisposition())
                .element("BlobType", "BlockBlob")
                .element("AccessTier", "Hot").element("AccessTierInferred", "true")
                .element("LeaseStatus", "unlocked").element("LeaseState", "available")
                .element("ServerEncrypted", "true")
                .close("Properties");
        if (withMetadata) {
            metadata(xml, blob.metadata());
        }
        xml.element("OrMetadata", null).close("Blob");
    }

    private void putBlob(Answer answer, Caller caller, String container, String name) throws IOException {
        LabExchange exchange = answer.exchange;
        Optional<String> blobType = exchange.header("x-ms-blob-type");
        if (blobType.isEmpty()) {
            answer.fail(StorageErrors.missingRequiredHeader("x-ms-blob-type"));
            return;
        }
        if (!blobType.get().equals("BlockBlob")) {
            // PageBlob and AppendBlob are real types the lab does not serve
            answer.fail(StorageErrors.invalidHeaderValue("x-ms-blob-type", blobType.get()));
            return;
        }
        byte[] content;
        try {
            content = exchange.body(store.capacityBytes());
        } catch (BodyTooLargeException e) {
            answer.fail(StorageErrors.requestBodyTooLarge());
            return;
        }
        Optional<String> md5 = exchange.header("Content-MD5");
        if (md5.isPresent() && !md5.get().equals(md5(content))) {
            answer.fail(StorageErrors.md5Mismatch());
            return;
        }
        Conditions conditions = Conditions.of(exchange);
        Write written = store.put(container, name, content, blobHeaders(exchange), metadata(exchange.requestHeaders()),
                existing -> {
                    if (existing != null && !access.permitsData(caller.objectId(), container, StorageAccess.BLOBS_WRITE)) {
                        // add/action creates blobs but may not replace one ([ENTRA-DOC], Put Blob)
                        return Optional.of(StorageErrors.authorizationPermissionMismatch());
                    }
                    return conditions.forWrite(existing);
                });
        if (written instanceof Write.Refused refused) {
            answer.fail(refused.error());
            return;
        }
        Blob blob = ((Write.Written) written).blob();
        answer.header("ETag", blob.etag());
        answer.header("Last-Modified", StorageTimes.http(blob.lastModified()));
        answer.header("Content-MD5", blob.contentMd5());
        answer.header("x-ms-request-server-encrypted", "true");
        answer.empty(201);
    }

    /** Get Blob ({@code withBody}) and Get Blob Properties (HEAD): the same headers, with or without the content. */
    private void getBlob(Answer answer, String container, String name, boolean withBody) throws IOException {
        Lookup lookup = store.blob(container, name);
        if (lookup.container() == null) {
            answer.fail(StorageErrors.containerNotFound());
            return;
        }
        Blob blob = lookup.blob();
        if (blob == null) {
            answer.fail(StorageErrors.blobNotFound());
            return;
        }
        Optional<StorageError> unmet = Conditions.of(answer.exchange).forRead(blob);
        if (unmet.isPresent()) {
            answer.fail(unmet.get());
            return;
        }
        Range range = withBody ? Range.of(answer.exchange) : Range.NONE;
        if (range.error != null) {
            answer.fail(range.error);
            return;
        }
        if (range.requested && range.first >= blob.size()) {
            answer.fail(StorageErrors.invalidRange());
            return;
        }
        // the header set of Get Blob in [ENTRA-DOC]'s sample and of Get Blob Properties in the Java SDK's models
        BlobHeaders headers = blob.headers();
        answer.header("Content-Type", headers.contentType());
        optional(answer, "Content-Encoding", headers.contentEncoding());
        optional(answer, "Content-Language", headers.contentLanguage());
        optional(answer, "Cache-Control", headers.cacheControl());
        optional(answer, "Content-Disposition", headers.contentDisposition());
        answer.header("ETag", blob.etag());
        answer.header("Last-Modified", StorageTimes.http(blob.lastModified()));
        answer.header("Accept-Ranges", "bytes");
        answer.header("x-ms-creation-time", StorageTimes.http(blob.created()));
        answer.header("x-ms-blob-type", "BlockBlob");
        answer.header("x-ms-lease-status", "unlocked");
        answer.header("x-ms-lease-state", "available");
        answer.header("x-ms-server-encrypted", "true");
        blob.metadata().forEach((key, value) -> answer.header(META + key, value));
        if (!withBody) {
            answer.header("Content-MD5", blob.contentMd5());
            answer.header("x-ms-access-tier", "Hot");
            answer.header("x-ms-access-tier-inferred", "true");
            // HEAD: the JDK server sends no Content-Length of its own for HEAD, so this one goes out as set
            answer.header("Content-Length", Long.toString(blob.size()));
            answer.head(200, headers.contentType());
            return;
        }
        if (!range.requested) {
            answer.header("Content-MD5", blob.contentMd5());
            answer.body(200, headers.contentType(), blob.content());
            return;
        }
        long last = Math.min(range.last, blob.size() - 1);
        // a ranged read carries the whole blob's MD5 as x-ms-blob-content-md5 (Get Blob doc)
        answer.header("x-ms-blob-content-md5", blob.contentMd5());
        answer.header("Content-Range", "bytes " + range.first + "-" + last + "/" + blob.size());
        answer.body(206, headers.contentType(), blob.range(range.first, last));
    }

    private void deleteBlob(Answer answer, String container, String name) throws IOException {
        Conditions conditions = Conditions.of(answer.exchange);
        Optional<StorageError> refused = store.delete(container, name, conditions::forWrite);
        if (refused.isPresent()) {
            answer.fail(refused.get());
            return;
        }
        // no soft delete in the lab: the blob is gone for good
        answer.header("x-ms-delete-type-permanent", "true");
        answer.empty(202);
    }

    // --- helpers ---

    /** Storage's {@code ServiceEndpoint}: the account's canonical URL, never the port a client happened to use. */
    private String serviceEndpoint() {
        return "https://" + account.blobHostName() + "/";
    }

    private static void optional(Answer answer, String name, String value) {
        if (value != null) {
            answer.header(name, value);
        }
    }

    /** Put Blob's standard properties: {@code x-ms-blob-*} first, then the plain HTTP header (Put Blob doc). */
    private static BlobHeaders blobHeaders(LabExchange exchange) {
        String type = exchange.header("x-ms-blob-content-type").or(() -> exchange.header("Content-Type"))
                .filter(t -> !t.isBlank()).orElse(BlobHeaders.DEFAULT_CONTENT_TYPE);
        return new BlobHeaders(type,
                exchange.header("x-ms-blob-content-encoding").or(() -> exchange.header("Content-Encoding")).orElse(null),
                exchange.header("x-ms-blob-content-language").or(() -> exchange.header("Content-Language")).orElse(null),
                exchange.header("x-ms-blob-cache-control").or(() -> exchange.header("Cache-Control")).orElse(null),
                exchange.header("x-ms-blob-content-disposition").orElse(null));
    }

    /** {@code x-ms-meta-<name>} headers; the JDK capitalizes the first letter of a header name, so match loosely. */
    private static Map<String, String> metadata(Headers headers) {
        Map<String, String> metadata = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith(META) && name.length() > META.length() && !values.isEmpty()) {
                metadata.put(name.substring(META.length()).toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return metadata;
    }

    private static void metadata(StorageXml xml, Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            xml.element("Metadata", null);
            return;
        }
        xml.open("Metadata");
        metadata.forEach(xml::element);
        xml.close("Metadata");
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no MD5", e);
        }
    }

    /** Answers every error in Storage's envelope, with the headers of the part of Storage that answers it. */
    private void fail(LabExchange exchange, StorageError error, Optional<String> version) throws IOException {
        Headers headers = exchange.responseHeaders();
        headers.set("x-ms-request-id", exchange.requestId());
        switch (error.front()) {
            case AUTHENTICATION -> {
                headers.set("Server", FRONT_END_SERVER);
                headers.set("x-ms-error-code", error.code());
            }
            case BLOB_SERVICE -> {
                serviceHeaders(exchange, version);
                headers.set("x-ms-error-code", error.code());
            }
            case VERSIONLESS -> headers.set("Server", SERVER);
        }
        error.headers().forEach(headers::set);
        StorageXml xml = new StorageXml().open("Error").element("Code", error.code())
                .element("Message", error.message() + "\nRequestId:" + exchange.requestId() + "\nTime:"
                        + StorageTimes.errorTime(clock.instant()));
        error.details().forEach(xml::element);
        xml.close("Error");
        exchange.respond(error.status(), "application/xml", xml.bytes());
    }

    private static void serviceHeaders(LabExchange exchange, Optional<String> version) {
        Headers headers = exchange.responseHeaders();
        headers.set("Server", SERVER);
        // the version Storage served the request with; a malformed one was not served with, so it is not echoed
        version.filter(BearerAuthenticator::isVersion).ifPresent(v -> headers.set("x-ms-version", v));
        exchange.header("x-ms-client-request-id").ifPresent(id -> headers.set("x-ms-client-request-id", id));
    }

    /** A successful answer from the blob service. */
    private final class Answer {
        private final LabExchange exchange;
        private final Optional<String> version;

        Answer(LabExchange exchange, Optional<String> version) {
            this.exchange = exchange;
            this.version = version;
        }

        void header(String name, String value) {
            exchange.responseHeaders().set(name, value);
        }

        void fail(StorageError error) throws IOException {
            BlobService.this.fail(exchange, error, version);
        }

        void empty(int status) throws IOException {
            body(status, null, new byte[0]);
        }

        void head(int status, String contentType) throws IOException {
            body(status, contentType, new byte[0]);
        }

        void xml(int status, StorageXml xml) throws IOException {
            body(status, "application/xml", xml.bytes());
        }

        void body(int status, String contentType, byte[] body) throws IOException {
            exchange.responseHeaders().set("x-ms-request-id", exchange.requestId());
            serviceHeaders(exchange, version);
            exchange.respond(status, contentType, body);
        }
    }

    /** The paging parameters List Containers and List Blobs share. */
    private static final class Listing {
        private String prefix;
        private String marker;
        private String from;
        private Integer maxResults;
        private int max = MAX_RESULTS;
        private boolean metadata;
        private StorageError error;

        static Listing of(LabExchange exchange) {
            Listing listing = new Listing();
            listing.prefix = exchange.query("prefix").orElse(null);
            listing.metadata = exchange.query("include").map(i -> List.of(i.split(",")).contains("metadata"))
                    .orElse(false);
            Optional<String> max = exchange.query("maxresults");
            if (max.isPresent()) {
                try {
                    long value = Long.parseLong(max.get());
                    if (value < 1) {
                        // the limits Storage names here are UNCONFIRMED for maxresults; 1 and 5000 per the docs
                        listing.error = StorageErrors.outOfRangeQueryParameterValue("maxresults", max.get(), 1,
                                MAX_RESULTS);
                        return listing;
                    }
                    listing.maxResults = (int) Math.min(value, Integer.MAX_VALUE);
                    listing.max = (int) Math.min(value, MAX_RESULTS);
                } catch (NumberFormatException e) {
                    listing.error = StorageErrors.invalidQueryParameterValue("maxresults", max.get(),
                            "The value is not an integer.");
                    return listing;
                }
            }
            listing.marker = exchange.query("marker").filter(m -> !m.isEmpty()).orElse(null);
            if (listing.marker != null) {
                listing.from = unmarker(listing.marker);
                if (listing.from == null) {
                    // Storage's answer to a marker it did not issue is UNCONFIRMED
                    listing.error = StorageErrors.invalidQueryParameterValue("marker", listing.marker,
                            "The marker was not issued by this service.");
                }
            }
            return listing;
        }

        /** The request's paging parameters, echoed as Storage echoes them: only those the request had. */
        void echo(StorageXml xml) {
            if (prefix != null) {
                xml.element("Prefix", prefix);
            }
            if (marker != null) {
                xml.element("Marker", marker);
            }
            if (maxResults != null) {
                xml.element("MaxResults", Integer.toString(maxResults));
            }
        }

        // Storage's markers are opaque to clients (e.g. "2!72!MDAwMDE…"); the lab's are the next name, base64url
        static String marker(String next) {
            return next == null ? null
                    : "2!" + Base64.getUrlEncoder().withoutPadding().encodeToString(next.getBytes(StandardCharsets.UTF_8));
        }

        private static String unmarker(String marker) {
            if (!marker.startsWith("2!")) {
                return null;
            }
            try {
                return new String(Base64.getUrlDecoder().decode(marker.substring(2)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * {@code If-Match} / {@code If-None-Match} as Storage applies them ([CODES-DOC] ConditionNotMet): a write whose
     * condition fails is 412, a read is 304; {@code If-None-Match: *} on a write to an existing blob is 409
     * BlobAlreadyExists.
     */
    private record Conditions(String ifMatch, String ifNoneMatch) {

        static Conditions of(LabExchange exchange) {
            return new Conditions(exchange.header("If-Match").orElse(null),
                    exchange.header("If-None-Match").orElse(null));
        }

        Optional<StorageError> forWrite(Blob existing) {
            if (ifNoneMatch != null && existing != null) {
                if (ifNoneMatch.equals("*")) {
                    return Optional.of(StorageErrors.blobAlreadyExists());
                }
                if (matches(ifNoneMatch, existing)) {
                    return Optional.of(StorageErrors.conditionNotMet(412));
                }
            }
            if (ifMatch != null && (existing == null || !matches(ifMatch, existing))) {
                return Optional.of(StorageErrors.conditionNotMet(412));
            }
            return Optional.empty();
        }

        Optional<StorageError> forRead(Blob blob) {
            if (ifMatch != null && !matches(ifMatch, blob)) {
                return Optional.of(StorageErrors.conditionNotMet(412));
            }
            if (ifNoneMatch != null && matches(ifNoneMatch, blob)) {
                return Optional.of(StorageErrors.conditionNotMet(304));
            }
            return Optional.empty();
        }

        private static boolean matches(String condition, Blob blob) {
            for (String tag : condition.split(",")) {
                String trimmed = tag.trim();
                if (trimmed.equals("*") || trimmed.equals(blob.etag()) || ("\"" + trimmed + "\"").equals(blob.etag())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code x-ms-range} (preferred) or {@code Range}: {@code bytes=first-[last]}, both inclusive. */
    private static final class Range {
        static final Range NONE = new Range(false, 0, Long.MAX_VALUE, null);

        private final boolean requested;
        private final long first;
        private final long last;
        private final StorageError error;

        private Range(boolean requested, long first, long last, StorageError error) {
            this.requested = requested;
            this.first = first;
            this.last = last;
            this.error = error;
        }

        static Range of(LabExchange exchange) {
            Optional<String> msRange = exchange.header("x-ms-range");
            String name = msRange.isPresent() ? "x-ms-range" : "Range";
            Optional<String> value = msRange.or(() -> exchange.header("Range"));
            if (value.isEmpty()) {
                return NONE;
            }
            Matcher m = RANGE.matcher(value.get().trim());
            if (!m.matches()) {
                // a malformed x-ms-range is refused; a malformed standard Range is ignored, as HTTP says
                return name.equals("x-ms-range")
                        ? new Range(false, 0, 0, StorageErrors.invalidHeaderValue(name, value.get())) : NONE;
            }
            try {
                long first = Long.parseLong(m.group(1));
                long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
                if (last < first) {
                    return new Range(false, 0, 0, StorageErrors.invalidHeaderValue(name, value.get()));
                }
                return new Range(true, first, last, null);
            } catch (NumberFormatException e) {
                return new Range(false, 0, 0, StorageErrors.invalidHeaderValue(name, value.get()));
            }
        }
    }
}
