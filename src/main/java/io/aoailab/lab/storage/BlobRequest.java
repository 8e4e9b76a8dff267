package io.aoailab.lab.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request matched to the Blob REST operation it asks for, as azure-storage-blob sends them (Blob service REST
 * reference, learn.microsoft.com/rest/api/storageservices/blob-service-rest-api):
 *
 * <ul>
 *   <li>{@code GET /?comp=list} — List Containers</li>
 *   <li>{@code PUT|GET|HEAD|DELETE /<c>?restype=container} — Create Container, Get Container Properties, Delete
 *       Container</li>
 *   <li>{@code GET /<c>?restype=container&comp=list} — List Blobs</li>
 *   <li>{@code PUT|GET|HEAD|DELETE /<c>/<blob>} — Put Blob, Get Blob, Get Blob Properties, Delete Blob</li>
 * </ul>
 *
 * <p>{@code /<name>} without {@code restype=container} addresses blob {@code <name>} in the {@code $root} container,
 * as in Storage. Anything else is refused the way Storage refuses it: a verb the resource lacks is 405
 * UnsupportedHttpVerb; a {@code comp}/{@code restype} the lab does not serve (Put Block, metadata, leases, service
 * properties …) is 400 InvalidQueryParameterValue naming it — a lab limitation, since Storage serves those.
 *
 * @param operation what is asked
 * @param container the container name; null for account operations
 * @param blob the blob name; null for account and container operations
 */
record BlobRequest(Operation operation, String container, String blob) {

    enum Operation {
        LIST_CONTAINERS, CREATE_CONTAINER, GET_CONTAINER_PROPERTIES, DELETE_CONTAINER, LIST_BLOBS,
        PUT_BLOB, GET_BLOB, GET_BLOB_PROPERTIES, DELETE_BLOB
    }

    /** The {@code $root} container, which serves blobs addressed right under the account. */
    static final String ROOT_CONTAINER = "$root";

    /** @param path the decoded path, e.g. {@code /docs/a b.md} */
    static Parsed parse(String method, String path, Map<String, List<String>> query) {
        Optional<String> restype = first(query, "restype");
        Optional<String> comp = first(query, "comp");
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (rest.isEmpty()) {
            if (comp.filter("list"::equals).isPresent() && restype.isEmpty()) {
                return method.equals("GET") ? ok(Operation.LIST_CONTAINERS, null, null) : verb();
            }
            if (comp.isEmpty() && restype.isEmpty()) {
                return new Parsed.Refused(StorageErrors.invalidUri());
            }
            return unsupported(comp.isPresent() ? "comp" : "restype", comp.or(() -> restype).orElse(""));
        }
        int slash = rest.indexOf('/');
        String container = slash < 0 ? rest : rest.substring(0, slash);
        String blob = slash < 0 ? "" : rest.substring(slash + 1);
        if (blob.isEmpty() && restype.isPresent()) {
            if (!restype.get().equals("container")) {
                return unsupported("restype", restype.get());
            }
            if (comp.isEmpty()) {
                return switch (method) {
                    case "PUT" -> ok(Operation.CREATE_CONTAINER, container, null);
                    case "GET", "HEAD" -> ok(Operation.GET_CONTAINER_PROPERTIES, container, null);
                    case "DELETE" -> ok(Operation.DELETE_CONTAINER, container, null);
                    default -> verb();
                };
            }
            if (comp.get().equals("list")) {
                return method.equals("GET") ? ok(Operation.LIST_BLOBS, container, null) : verb();
            }
            return unsupported("comp", comp.get());
        }
        if (blob.isEmpty()) {
            // "/<name>" with no restype: a blob in $root
            blob = container;
            container = ROOT_CONTAINER;
        }
        if (comp.isPresent()) {
            return unsupported("comp", comp.get());
        }
        return switch (method) {
            case "PUT" -> ok(Operation.PUT_BLOB, container, blob);
            case "GET" -> ok(Operation.GET_BLOB, container, blob);
            case "HEAD" -> ok(Operation.GET_BLOB_PROPERTIES, container, blob);
            case "DELETE" -> ok(Operation.DELETE_BLOB, container, blob);
            default -> verb();
        };
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Parsed ok(Operation operation, String container, String blob) {
        return new Parsed.Matched(new BlobRequest(operation, container, blob));
    }

    private static Parsed verb() {
        return new Parsed.Refused(StorageErrors.unsupportedHttpVerb());
    }

    private static Parsed unsupported(String parameter, String value) {
        return new Parsed.Refused(StorageErrors.invalidQueryParameterValue(parameter, value,
                "The lab's blob service does not serve this operation."));
    }

    sealed interface Parsed {
        record Matched(BlobRequest request) implements Parsed {
        }

        record Refused(StorageError error) implements Parsed {
        }
    }
}
