package io.aoailab.access;

import com.azure.ai.projects.AIProjectClientBuilder;
import com.azure.ai.projects.ConnectionsClient;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A Foundry project's connections API as azure-ai-projects' own {@link ConnectionsClient} calls it, at the GA
 * api-version {@value #GA} (what the current JavaScript SDK sends, docs/azure-facts.md §8) instead of the preview the
 * Java SDK beta.2 pins; a project that refuses {@value #GA} is asked again, and from then on, with the SDK's preview.
 * The SDK builds the requests and reads the answers either way.
 */
final class ProjectConnections {
    static final String GA = "v1";

    private final ConnectionsClient client;
    // null: the SDK's own preview version
    private final AtomicReference<String> apiVersion = new AtomicReference<>(GA);

    ProjectConnections(URI project, TokenCredential credential, HttpClient http, CallCapture capture) {
        this.client = new AIProjectClientBuilder().endpoint(project.toString().replaceAll("/+$", ""))
                .credential(credential).httpClient(http).addPolicy(new ApiVersionOverride(apiVersion::get))
                .addPolicy(capture).retryOptions(AccessPath.NO_RETRIES)
                .buildConnectionsClient();
    }

    /** Performs the operation at the GA api-version, or at the SDK's preview when the project refuses the GA one. */
    <T> T call(Function<ConnectionsClient, T> operation) {
        try {
            return operation.apply(client);
        } catch (HttpResponseException e) {
            if (refusesApiVersion(e) && apiVersion.compareAndSet(GA, null)) {
                return operation.apply(client);
            }
            throw e;
        }
    }

    private static boolean refusesApiVersion(HttpResponseException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return e.getResponse() != null && e.getResponse().getStatusCode() == 400
                && (message.contains("api version") || message.contains("api-version"));
    }
}
