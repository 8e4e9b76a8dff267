package io.aoailab.access;

import com.azure.core.credential.TokenCredential;
import java.net.URI;
import java.util.List;

/** The Azure OpenAI connections a Foundry project lists, each of which becomes a {@code foundry(<name>)} path. */
public final class FoundryConnections {
    private FoundryConnections() {
    }

    /**
     * The names of the project's Azure OpenAI connections, asked with azure-ai-projects' {@code ConnectionsClient}.
     *
     * @throws AssertionError naming the project and its answer, when it cannot list them or has none
     */
    public static List<String> azureOpenAi(URI project, TokenCredential credential, AccessPath.Settings settings) {
        return FoundryConnection.azureOpenAiConnections(project, credential, settings.http(),
                new CallCapture("foundry", settings.clock(), settings.redactor()), settings.redactor());
    }
}
