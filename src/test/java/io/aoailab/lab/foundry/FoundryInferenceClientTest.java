package io.aoailab.lab.foundry;

import static io.aoailab.lab.foundry.FoundryLab.AI_AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.client.OpenAIClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * azure-ai-projects 1.0.0-beta.2's {@code getOpenAIClient()} resolves its connection through the lab (docs/azure-facts.md §5.4): it calls
 * "get with credentials" and checks the type before building openai-java's own OkHttp client. Only that resolution
 * is tested here; the client it builds cannot reach the lab without JVM-wide hooks (see the component report).
 */
class FoundryInferenceClientTest {
    @RegisterExtension
    static final FoundryLab LAB = new FoundryLab();

    @Test
    void should_build_an_openai_client_when_the_named_connection_is_azure_openai() {
        // GIVEN
        var builder = LAB.builder("suite-caller", AI_AUDIENCE).openAIConnectionName(FoundryLab.KEY_CONNECTION)
                .openAIServiceVersion(AzureOpenAIServiceVersion.fromString("2025-04-01-preview"));
        // WHEN
        OpenAIClient client = builder.buildInferenceClient().getOpenAIClient();
        // THEN
        assertThat(client).isNotNull();
    }

    @Test
    void should_refuse_to_build_when_the_named_connection_is_not_azure_openai() {
        // GIVEN
        var builder = LAB.builder("suite-caller", AI_AUDIENCE).openAIConnectionName("search");
        // WHEN / THEN
        assertThatThrownBy(() -> builder.buildInferenceClient().getOpenAIClient())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The connection is not of type OPENAI.");
    }
}
