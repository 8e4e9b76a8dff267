package io.aoailab.lab.foundry;

import static io.aoailab.lab.foundry.FoundryLab.AI_AUDIENCE;
import static io.aoailab.lab.foundry.FoundryLab.COGNITIVE_AUDIENCE;
import static io.aoailab.lab.foundry.FoundryLab.KEY_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.ai.projects.ConnectionsClient;
import com.azure.ai.projects.models.ApiKeyCredentials;
import com.azure.ai.projects.models.Connection;
import com.azure.ai.projects.models.ConnectionType;
import com.azure.ai.projects.models.CredentialType;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.ResourceNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real azure-ai-projects 1.0.0-beta.2 {@link ConnectionsClient} against the lab's project endpoint (docs/azure-facts.md §5.2, §5.4). */
class FoundryConnectionsSdkTest {
    @RegisterExtension
    static final FoundryLab LAB = new FoundryLab();

    @Test
    void should_list_every_connection_of_the_project_when_the_caller_holds_azure_ai_user_on_it() {
        // GIVEN
        ConnectionsClient client = LAB.connections("suite-caller", AI_AUDIENCE);
        // WHEN
        var names = client.listConnections().stream().map(Connection::getName).toList();
        // THEN
        assertThat(names).containsExactly("aoai-eus", "aoai-eus2", "search", "storage", KEY_CONNECTION);
    }

    @Test
    void should_list_only_default_azure_openai_connections_when_filtered_by_type_and_default() {
        // GIVEN
        ConnectionsClient client = LAB.connections("ai-user-only", AI_AUDIENCE);
        // WHEN
        var found = client.listConnections(ConnectionType.AZURE_OPEN_AI, true).stream().toList();
        // THEN
        assertThat(found).extracting(Connection::getName).containsExactly("aoai-eus");
        assertThat(found.get(0).isDefault()).isTrue();
        assertThat(found.get(0).getType()).isEqualTo(ConnectionType.AZURE_OPEN_AI);
    }

    @Test
    void should_return_the_connection_without_secrets_when_credentials_are_not_asked_for() {
        // GIVEN
        ConnectionsClient client = LAB.connections("suite-caller", AI_AUDIENCE);
        // WHEN
        Connection connection = client.getConnection(KEY_CONNECTION, false);
        // THEN
        assertThat(connection.getTarget()).isEqualTo("https://aoai-eus.openai.azure.com/");
        assertThat(connection.getId()).isEqualTo(LAB.topology().projectScope(LAB.topology().foundryResource()
                .orElseThrow()) + "/connections/" + KEY_CONNECTION);
        assertThat(connection.getCredentials().getType()).isEqualTo(CredentialType.API_KEY);
        assertThat(((ApiKeyCredentials) connection.getCredentials()).getApiKey()).isNull();
        assertThat(connection.getMetadata()).containsEntry("ApiType", "Azure");
    }

    @Test
    void should_return_the_key_when_an_api_key_connection_is_fetched_with_credentials() {
        // GIVEN
        ConnectionsClient client = LAB.connections("suite-caller", AI_AUDIENCE);
        // WHEN
        Connection connection = client.getConnection(KEY_CONNECTION, true);
        // THEN
        assertThat(connection.getCredentials()).isInstanceOf(ApiKeyCredentials.class);
        assertThat(((ApiKeyCredentials) connection.getCredentials()).getApiKey()).isEqualTo(LAB.key());
    }

    @Test
    void should_return_only_the_credential_type_when_an_entra_connection_is_fetched_with_credentials() {
        // GIVEN
        ConnectionsClient client = LAB.connections("suite-caller", AI_AUDIENCE);
        // WHEN
        Connection connection = client.getConnection("aoai-eus2", true);
        // THEN
        assertThat(connection.getCredentials().getType()).isEqualTo(CredentialType.ENTRA_ID);
        assertThat(connection.isDefault()).isFalse();
    }

    @Test
    void should_find_the_default_search_connection_when_asked_for_the_default_of_its_type() {
        // GIVEN
        ConnectionsClient client = LAB.connections("suite-caller", AI_AUDIENCE);
        // WHEN
        Connection connection = client.getDefaultConnection(ConnectionType.AZURE_AI_SEARCH, false);
        // THEN
        assertThat(connection.getName()).isEqualTo("search");
        assertThat(connection.getTarget()).isEqualTo("https://srch-aoai-lab.search.windows.net/");
    }

    @Test
    void should_raise_permission_denied_401_when_the_principal_holds_no_role_on_the_project() {
        // GIVEN openai-only holds Cognitive Services OpenAI User on each OpenAI account alone: nothing on the project
        ConnectionsClient client = LAB.connections("openai-only", AI_AUDIENCE);
        // WHEN
        ClientAuthenticationException error = catchThrowableOfType(ClientAuthenticationException.class,
                () -> client.getConnection("aoai-eus", false));
        // THEN
        assertThat(error.getResponse().getStatusCode()).isEqualTo(401);
        assertThat(error.getMessage()).contains("PermissionDenied", LAB.objectId("openai-only"),
                "https://aka.ms/FoundryPermissions");
    }

    @Test
    void should_raise_401_when_the_token_is_for_cognitive_services_instead_of_ai_azure_com() {
        // GIVEN
        ConnectionsClient client = LAB.connections("suite-caller", COGNITIVE_AUDIENCE);
        // WHEN
        ClientAuthenticationException error = catchThrowableOfType(ClientAuthenticationException.class,
                () -> client.listConnections().stream().toList());
        // THEN
        assertThat(error.getResponse().getStatusCode()).isEqualTo(401);
        assertThat(error.getMessage()).contains("audience is incorrect (https://ai.azure.com)");
    }

    @Test
    void should_raise_resource_not_found_when_the_connection_does_not_exist() {
        // GIVEN
        ConnectionsClient client = LAB.connections("suite-caller", AI_AUDIENCE);
        // WHEN
        ResourceNotFoundException error = catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.getConnection("no-such-connection", false));
        // THEN
        assertThat(error.getResponse().getStatusCode()).isEqualTo(404);
    }
}
