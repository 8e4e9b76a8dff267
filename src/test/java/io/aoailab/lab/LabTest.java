package io.aoailab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.lab.topology.TopologyException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.aoailab.testing.LabVariant;
import org.junit.jupiter.api.Test;

class LabTest {
    private static Lab lab;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabOptions.defaults());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void should_serve_each_account_of_the_topology_under_its_azure_host_name() {
        assertThat(lab.accounts()).extracting(a -> a.hostUri().getHost())
                .containsExactly("aoai-eus.openai.azure.com", "aoai-eus2.openai.azure.com");
        assertThat(lab.accounts()).extracting(a -> a.loopbackUri().getHost()).containsOnly("127.0.0.1");
        assertThat(lab.authorityHostUri().getHost()).isEqualTo(Lab.AUTHORITY_HOST);
    }

    @Test
    void should_pin_every_host_to_loopback() {
        assertThat(lab.pinnedHosts()).containsKeys(Lab.AUTHORITY_HOST, "aoai-eus.openai.azure.com",
                "aoai-eus2.openai.azure.com");
        assertThat(lab.pinnedHosts().values()).allMatch(InetAddress::isLoopbackAddress);
    }

    @Test
    void should_not_listen_on_any_non_loopback_address() throws IOException {
        // GIVEN every address of this machine that is not loopback
        List<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
        List<Integer> ports = lab.accounts().stream().map(a -> a.loopbackUri().getPort()).toList();

        // THEN no lab port accepts a connection there
        for (InetAddress address : external) {
            for (int port : ports) {
                assertThat(connects(address, port)).as("lab port %d on %s", port, address).isFalse();
            }
        }
        // and each accepts one on loopback, so the probe itself works
        assertThat(connects(InetAddress.getLoopbackAddress(), ports.get(0))).isTrue();
    }

    @Test
    void should_give_each_service_principal_its_own_client_secret() {
        Lab.PrincipalCredentials caller = lab.credentials("suite-caller");
        Lab.PrincipalCredentials persona = lab.credentials("no-role");

        assertThat(caller.clientSecret()).isNotEqualTo(persona.clientSecret());
        assertThat(caller.toString()).doesNotContain(caller.clientSecret().reveal());
        assertThat(caller.tenantId()).isEqualTo(lab.topology().tenant().id());
    }

    @Test
    void should_list_every_secret_it_generated_for_whoever_embeds_it() {
        // client secrets, both keys of each account (the Foundry account's two surfaces too), both keys of each APIM
        // subscription, the search service's two admin keys and query key, and the GitHub issuer's request token
        List<String> expected = new java.util.ArrayList<>();
        lab.topology().principals().stream().filter(p -> p.type() == io.aoailab.lab.topology.Topology.PrincipalType.ServicePrincipal)
                .forEach(p -> expected.add(lab.credentials(p.name()).clientSecret().reveal()));
        lab.accounts().forEach(a -> a.keys().forEach(k -> expected.add(k.reveal())));
        lab.apim().orElseThrow().gateway().subscriptionKeys().forEach(k -> expected.add(k.reveal()));

        List<String> generated = lab.generatedSecrets().stream().map(s -> s.reveal()).toList();

        assertThat(generated).containsAll(expected).doesNotHaveDuplicates()
                .hasSize(expected.size() + 2 * 2 + 3 + 1);
        assertThat(lab.generatedSecrets().toString()).doesNotContain(expected.get(0));
    }

    @Test
    void should_fail_at_start_naming_the_file_path_and_fix_of_a_broken_topology() {
        Path variant = LabVariant.topologyFile(yaml -> yaml.replace("role: Contributor", "role: Contributer"));

        assertThatThrownBy(() -> Lab.start(LabOptions.defaults().withTopology(Optional.of(variant))))
                .isInstanceOf(TopologyException.class)
                .hasMessageStartingWith(variant + ": roleAssignments[22].role: 'Contributer' is not a built-in role");
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
