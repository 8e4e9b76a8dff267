package io.aoailab.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The client library a case calls the Responses API with: each access path runs once per client the configuration
 * names ({@code OPENAI_CLIENTS}), because a deployment can work for one and fail for the other.
 */
public enum Client {
    /** {@code com.azure:azure-ai-openai} 1.0.0-beta.16: {@code /openai/responses} with a dated api-version. */
    AZURE_AI_OPENAI("azure-ai-openai"),
    /**
     * {@code com.openai:openai-java} 4.x: {@code /openai/v1/responses}, no api-version, as Microsoft's current Java
     * samples call Azure OpenAI.
     */
    OPENAI_JAVA("openai-java");

    private final String configName;

    Client(String configName) {
        this.configName = configName;
    }

    /** The client as configuration and reports name it. */
    public String configName() {
        return configName;
    }

    static Optional<Client> parse(String value) {
        for (Client client : values()) {
            if (client.configName.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(client);
            }
        }
        return Optional.empty();
    }
}
