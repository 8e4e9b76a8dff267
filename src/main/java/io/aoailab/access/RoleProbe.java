package io.aoailab.access;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.search.documents.SearchClientBuilder;
import com.azure.search.documents.indexes.SearchIndexClientBuilder;
import com.azure.search.documents.models.SearchOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.config.Client;
import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.IntendedDeployment;
import io.aoailab.config.Secret;
import io.aoailab.roles.Answer;
import io.aoailab.roles.Cell;
import io.aoailab.roles.Operation;
import io.aoailab.roles.Scope;
import io.aoailab.roles.Service;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Performs the RBAC matrix's operations as a given identity, each the way an application does it with the service's
 * own SDK (openai-java or azure-ai-openai for Responses, azure-ai-projects for connections, azure-storage-blob,
 * azure-search-documents), and reads what the service answered as an {@link Answer}. SDK retries are off, so a
 * refusal is the service's first answer; every call has the run's HTTP timeout.
 *
 * <p>Blobs are written and deleted only under {@value #PREFIX} in the BYO container; {@link #prepare} puts there what
 * the read and delete cells act on, {@link #cleanUp} removes it, both as the suite's own caller.
 */
public final class RoleProbe {
    /** Where in the BYO container the suite writes: nothing outside it is ever changed. */
    public static final String PREFIX = "aoai-lab-suite/rbac/";
    private static final String READ_ME = PREFIX + "read-me.txt";
    private static final Pattern STORAGE_MESSAGE = Pattern.compile("<Message>([^<]*)");
    private static final Pattern STORAGE_DETAIL = Pattern.compile(
            "<(QueryParameterName|QueryParameterValue|Reason)>([^<]*)");

    private final DeploymentEndpoints endpoints;
    private final IntendedDeployment intended;
    private final String model;
    private final Client client;
    private final AccessPath.Settings settings;
    private final Duration timeout;

    /**
     * @param client the client library the Responses cells call the accounts with
     * @param timeout the run's HTTP timeout, also the Storage SDK's per-try timeout
     */
    public RoleProbe(DeploymentEndpoints endpoints, IntendedDeployment intended, String model, Client client,
            AccessPath.Settings settings, Duration timeout) {
        this.endpoints = endpoints;
        this.intended = intended;
        this.model = model;
        this.client = client;
        this.settings = settings;
        this.timeout = timeout;
    }

    /**
     * The matrix's cells this deployment has, each with the configuration key whose absence makes it not applicable.
     *
     * @return the cells, in matrix order, and for each operation the deployment lacks, the key that would add it
     */
    public Columns columns() {
        List<Cell> cells = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> regions = intended.regionNames();
        for (Operation operation : Operation.values()) {
            Optional<String> absent = absentKey(operation);
            if (absent.isPresent()) {
                missing.add(operation.sentence() + ": " + absent.get() + " is not set");
                continue;
            }
            if (operation.resource() == Scope.Level.OPENAI) {
                for (int n = 1; n <= endpoints.openai().size(); n++) {
                    cells.add(new Cell(operation, Scope.openAiAccount(n), n <= regions.size() ? regions.get(n - 1)
                            : "OPENAI_ENDPOINT_" + n));
                }
            } else {
                Scope resource = Scope.of(operation.resource());
                cells.add(new Cell(operation, resource, resource.inWords()));
            }
        }
        return new Columns(cells, missing);
    }

    /**
     * @param cells the cells the deployment has, in matrix order
     * @param notApplicable for each operation it lacks, why: "list blobs: STORAGE_CONTAINER_NAME is not set"
     */
    public record Columns(List<Cell> cells, List<String> notApplicable) {
        public Columns {
            cells = List.copyOf(cells);
            notApplicable = List.copyOf(notApplicable);
        }
    }

    private Optional<String> absentKey(Operation operation) {
        return switch (operation) {
            case RESPONSES -> Optional.empty();
            case FILE_SEARCH -> endpoints.vectorStoreId().isPresent() ? Optional.empty()
                    : Optional.of("OPENAI_VECTOR_STORE_ID");
            case PROJECT_RESPONSES, CONNECTIONS_LIST -> endpoints.foundryProject().isPresent() ? Optional.empty()
                    : Optional.of("AI_FOUNDRY_PROJECT_ENDPOINT");
            case BLOB_LIST, BLOB_READ, BLOB_WRITE, BLOB_DELETE -> endpoints.storageBlob().isEmpty()
                    ? Optional.of("STORAGE_BLOB_ENDPOINT") : endpoints.storageContainer().isEmpty()
                    ? Optional.of("STORAGE_CONTAINER_NAME") : Optional.empty();
            case SEARCH_QUERY, INDEX_LIST -> endpoints.aiSearch().isPresent() ? Optional.empty()
                    : Optional.of("AI_SEARCH_ENDPOINT");
        };
    }

    /** Performs the cell's operation as {@code identity}; {@code persona} names the blobs it writes and deletes. */
    public Answer ask(Cell cell, String persona, TokenCredential identity) {
        Service service = cell.operation().service();
        return switch (cell.operation()) {
            case RESPONSES -> responses(account(cell, identity), Ask.of(model, "Say OK.").maxOutputTokens(16));
            case FILE_SEARCH -> responses(account(cell, identity), Ask.of(model, "How long do I have to return an"
                    + " item?").maxOutputTokens(64).searching(List.of(endpoints.vectorStoreId().orElseThrow())));
            case PROJECT_RESPONSES -> responses(AccessPath.project(endpoints.foundryProject().orElseThrow(), identity,
                    intended.foundryRegion(), settings), Ask.of(model, "Say OK.").maxOutputTokens(16));
            case CONNECTIONS_LIST -> sdk(service, () -> new ProjectConnections(endpoints.foundryProject().orElseThrow(),
                    identity, settings.http(), capture("connections")).call(c -> c.listConnections().stream().count()));
            case BLOB_LIST -> sdk(service, () -> container(identity).listBlobs(new ListBlobsOptions()
                    .setMaxResultsPerPage(1), timeout).iterableByPage().iterator().next());
            case BLOB_READ -> sdk(service, () -> container(identity).getBlobClient(READ_ME).downloadContent());
            case BLOB_WRITE -> sdk(service, () -> {
                container(identity).getBlobClient(PREFIX + persona + "/written.txt")
                        .upload(BinaryData.fromString("written by persona " + persona), true);
                return true;
            });
            case BLOB_DELETE -> sdk(service, () -> {
                container(identity).getBlobClient(deleteMe(persona)).delete();
                return true;
            });
            case SEARCH_QUERY -> sdk(service, () -> new SearchClientBuilder().endpoint(search()).indexName(
                    endpoints.aiSearchIndex().orElseThrow()).credential(identity).httpClient(settings.http())
                    .addPolicy(capture("search")).retryOptions(AccessPath.NO_RETRIES).buildClient()
                    .search("*", new SearchOptions().setTop(1), Context.NONE).iterableByPage().iterator().next());
            case INDEX_LIST -> sdk(service, () -> new SearchIndexClientBuilder().endpoint(search()).credential(identity)
                    .httpClient(settings.http()).addPolicy(capture("search")).retryOptions(AccessPath.NO_RETRIES).buildClient()
                    .listIndexNames().iterableByPage().iterator().next());
        };
    }

    /**
     * Puts in the BYO container, as the suite's own caller, what the read and delete cells act on: a blob every
     * persona reads, and one blob per persona to delete.
     *
     * @return empty when done, else the caller's answer
     */
    public Optional<Answer> prepare(TokenCredential caller, List<String> personas) {
        if (endpoints.storageBlob().isEmpty() || endpoints.storageContainer().isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(List.of(READ_ME));
        personas.forEach(p -> names.add(deleteMe(p)));
        Answer answer = sdk(Service.STORAGE, () -> {
            BlobContainerClient container = container(caller);
            names.forEach(name -> container.getBlobClient(name).upload(BinaryData.fromString(
                    "placed by aoai-lab-suite for its RBAC matrix; safe to delete"), true));
            return true;
        });
        return answer.kind() == Answer.Kind.ALLOWED ? Optional.empty() : Optional.of(answer);
    }

    /** Deletes, as the suite's own caller, every blob the matrix left under {@value #PREFIX}. */
    public void cleanUp(TokenCredential caller) {
        if (endpoints.storageBlob().isEmpty() || endpoints.storageContainer().isEmpty()) {
            return;
        }
        sdk(Service.STORAGE, () -> {
            BlobContainerClient container = container(caller);
            container.listBlobs(new ListBlobsOptions().setPrefix(PREFIX), timeout)
                    .forEach(blob -> container.getBlobClient(blob.getName()).deleteIfExists());
            return true;
        });
    }

    /**
     * Creates a response on an account with one of its keys instead of a token.
     *
     * @param endpoint the account's endpoint ({@code OPENAI_ENDPOINT_n})
     * @param region the region expected there, which names the path
     */
    public Answer withAccountKey(URI endpoint, String region, Secret key) {
        return responses(AccessPath.directWithKey(region, endpoint, key, client, settings),
                Ask.of(model, "Say OK.").maxOutputTokens(16));
    }

    private AccessPath account(Cell cell, TokenCredential identity) {
        int n = cell.resource().account();
        return AccessPath.direct(cell.where(), endpoints.openai().get(n - 1), identity, client, settings);
    }

    private static Answer responses(AccessPath path, Ask ask) {
        Call<Reply> call = path.call(api -> api.create(ask));
        if (call.succeeded()) {
            return Answer.allowed(200);
        }
        Failure failure = call.failure();
        Service service = path.way() == Way.FOUNDRY_PROJECT ? Service.FOUNDRY : Service.AZURE_OPENAI;
        return Answer.of(service, failure.status(), failure.code(), failure.message());
    }

    private Answer sdk(Service service, Supplier<?> operation) {
        try {
            operation.get();
            return Answer.allowed(200);
        } catch (BlobStorageException e) {
            return Answer.of(service, e.getStatusCode(), Optional.ofNullable(e.getErrorCode()).map(Object::toString),
                    settings.redactor().redact(storageMessage(String.valueOf(e.getMessage()))));
        } catch (HttpResponseException e) {
            HttpResponse response = e.getResponse();
            int status = response == null ? 0 : response.getStatusCode();
            return Answer.of(service, status, errorCode(e), settings.redactor().redact(errorMessage(e)));
        } catch (RuntimeException e) {
            // no answer: connection refused, timeout, TLS
            return Answer.of(service, 0, Optional.empty(), settings.redactor().redact(firstLine(String.valueOf(
                    e.getMessage()))));
        }
    }

    /** The error code: {@code x-ms-error-code}, else the body's {@code error.code}. */
    private static Optional<String> errorCode(HttpResponseException e) {
        Optional<String> header = Optional.ofNullable(e.getResponse()).map(r -> r.getHeaderValue("x-ms-error-code"))
                .filter(s -> !s.isBlank());
        if (header.isPresent()) {
            return header;
        }
        Object value = e.getValue();
        if (value instanceof Map<?, ?> map && map.get("error") instanceof Map<?, ?> error
                && error.get("code") instanceof String code) {
            return Optional.of(code);
        }
        return JsonBodies.errorCode(bodyOf(e));
    }

    // azure-core puts the answer's JSON body inside its message ("Status code 403, \"{...}\"")
    private static Optional<JsonNode> bodyOf(HttpResponseException e) {
        return JsonBodies.object(String.valueOf(e.getMessage()).replaceFirst("^[^{]*", "").replaceFirst("[^}]*$", ""));
    }

    /** Storage's XML error: its {@code Message}, and the offending parameter where it names one. */
    private static String storageMessage(String message) {
        Matcher text = STORAGE_MESSAGE.matcher(message);
        if (!text.find()) {
            return firstLine(message);
        }
        // without the RequestId and Time lines Storage appends: the message, not this request's trace
        StringBuilder out = new StringBuilder(text.group(1).replaceFirst("(?s)\\s*RequestId:.*", "").strip()
                .replaceAll("\\s+", " "));
        Matcher detail = STORAGE_DETAIL.matcher(message);
        while (detail.find()) {
            out.append(' ').append(detail.group(1)).append('=').append(detail.group(2));
        }
        return out.toString();
    }

    /** The body's {@code error.message} where the exception carries the body, else its first line. */
    private static String errorMessage(HttpResponseException e) {
        return JsonBodies.errorMessage(bodyOf(e)).orElseGet(() -> firstLine(String.valueOf(e.getMessage())));
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private BlobContainerClient container(TokenCredential identity) {
        // the account's endpoint, then the container, as applications build it: a container URL given whole is
        // parsed differently for IP-style hosts (the SDK takes the first path segment for the account there)
        return new BlobServiceClientBuilder().endpoint(endpoints.storageBlob().orElseThrow().toString())
                .credential(identity).httpClient(settings.http()).addPolicy(capture("storage"))
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, (int) Math.max(1, timeout.toSeconds()),
                        null, null, null))
                .buildClient().getBlobContainerClient(endpoints.storageContainer().orElseThrow());
    }

    private String search() {
        return endpoints.aiSearch().orElseThrow().toString().replaceAll("/+$", "");
    }

    private CallCapture capture(String service) {
        return new CallCapture("rbac(" + service + ")", settings.clock(), settings.redactor());
    }

    private static String deleteMe(String persona) {
        return PREFIX + persona + "/delete-me.txt";
    }
}
