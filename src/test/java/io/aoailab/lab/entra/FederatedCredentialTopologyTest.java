package io.aoailab.lab.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.TopologyException;
import io.aoailab.lab.topology.TopologyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A principal's federated credentials as a topology file declares them, and what the loader refuses. */
class FederatedCredentialTopologyTest {
    private static final String SHIPPED_CREDENTIAL = "{name: github-main, issuer: lab-github, subject:"
            + " 'repo:aoai-lab/aoai-lab-suite:ref:refs/heads/main', audiences: [api://AzureADTokenExchange]}";

    @TempDir
    Path directory;

    @Test
    void should_read_the_shipped_federated_credential_and_leave_other_principals_without_any() {
        Topology topology = TopologyLoader.loadDefault();

        assertThat(topology.principal("suite-caller").orElseThrow().federatedIdentityCredentials())
                .containsExactly(new Topology.FederatedCredential("github-main", "lab-github",
                        "repo:aoai-lab/aoai-lab-suite:ref:refs/heads/main", java.util.List.of("api://AzureADTokenExchange")));
        assertThat(topology.principal("no-role").orElseThrow().federatedIdentityCredentials()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "issuer: lab-github|issuer: token.actions.githubusercontent.com|principals[0].federatedIdentityCredentials[0]"
                + ".issuer: 'token.actions.githubusercontent.com' is not an issuer. Fix: write the issuer's https URL,"
                + " or lab-github for the lab's GitHub-like issuer.",
        "audiences: [api://AzureADTokenExchange]|audiences: []|principals[0].federatedIdentityCredentials[0].audiences:"
                + " has no audience. Fix: write [api://AzureADTokenExchange].",
        "subject: 'repo:aoai-lab/aoai-lab-suite:ref:refs/heads/main'|subject: ' '|principals[0]"
                + ".federatedIdentityCredentials[0].subject: is blank."})
    void should_refuse_a_federated_credential_that_cannot_match_naming_its_path(String shipped, String variant,
            String message) throws IOException {
        Path file = write(shippedYaml().replace(shipped, variant));

        assertThatThrownBy(() -> TopologyLoader.load(file)).isInstanceOf(TopologyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void should_refuse_two_federated_credentials_of_one_principal_with_one_name() throws IOException {
        Path file = write(shippedYaml().replace(SHIPPED_CREDENTIAL, SHIPPED_CREDENTIAL + ", " + SHIPPED_CREDENTIAL));

        assertThatThrownBy(() -> TopologyLoader.load(file)).hasMessageContaining(
                "principals[0].federatedIdentityCredentials[1].name: 'github-main' is not a unique credential name.");
    }

    @Test
    void should_refuse_a_key_azure_does_not_have() throws IOException {
        Path file = write(shippedYaml().replace("issuer: lab-github", "issuer: lab-github, issuerUrl: x"));

        assertThatThrownBy(() -> TopologyLoader.load(file)).hasMessageContaining("'issuerUrl' is not a topology key");
    }

    private Path write(String yaml) throws IOException {
        Path file = directory.resolve("topology.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String shippedYaml() throws IOException {
        try (InputStream in = TopologyLoader.class.getResourceAsStream(TopologyLoader.DEFAULT_RESOURCE)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(yaml).contains(SHIPPED_CREDENTIAL);
            return yaml;
        }
    }
}
