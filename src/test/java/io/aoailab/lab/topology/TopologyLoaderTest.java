package io.aoailab.lab.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.aoailab.lab.rbac.RoleAssignment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopologyLoaderTest {
    private static final String POOL_MEMBERS = "      members:\n        - backend: aoai-eus\n          weight: 50\n"
            + "          priority: 1\n        - backend: aoai-eus2\n          weight: 50\n          priority: 1\n";

    private static String defaultYaml() throws IOException {
        try (InputStream in = TopologyLoader.class.getResourceAsStream(TopologyLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Topology parse(String yaml) {
        return TopologyLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "variant.yaml");
    }

    @Test
    void should_describe_the_seed_lab_by_default() {
        Topology topology = TopologyLoader.loadDefault();

        assertThat(topology.accounts()).extracting(Topology.Account::name, Topology.Account::region)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aoai-eus", "East US"),
                        org.assertj.core.groups.Tuple.tuple("aoai-eus2", "East US 2"));
        assertThat(topology.accounts()).allSatisfy(a -> assertThat(a.deployment("gpt-4o")).isPresent());
        assertThat(topology.principal(topology.defaultCaller())).isPresent();
    }

    @Test
    void should_read_a_deployments_stream_pace_or_default_it() throws IOException {
        Topology paced = parse(defaultYaml().replaceFirst("streamPace: \\{firstTokenMs: 10, perTokenMs: 2}",
                "streamPace: {firstTokenMs: 250, perTokenMs: 40}"));
        Topology unpaced = parse(defaultYaml().replaceFirst("\n +streamPace: \\{firstTokenMs: 10, perTokenMs: 2}", ""));

        assertThat(paced.accounts().get(0).deployment("gpt-4o").orElseThrow().streamPace())
                .isEqualTo(new Topology.StreamPace(250, 40));
        assertThat(unpaced.accounts().get(0).deployment("gpt-4o").orElseThrow().streamPace())
                .isEqualTo(Topology.StreamPace.DEFAULT).isEqualTo(new Topology.StreamPace(10, 2));
    }

    @Test
    void should_resolve_assignment_scopes_to_arm_ids() {
        Topology topology = TopologyLoader.loadDefault();

        List<RoleAssignment> assignments = TopologyLoader.roleAssignments(topology);

        assertThat(assignments).extracting(RoleAssignment::scope).contains(
                "/subscriptions/" + topology.subscriptionId() + "/resourceGroups/rg-aoai-lab",
                "/subscriptions/" + topology.subscriptionId()
                        + "/resourceGroups/rg-aoai-lab/providers/Microsoft.CognitiveServices/accounts/aoai-eus2");
    }

    static Stream<Arguments> brokenTopologies() {
        return Stream.of(
                arguments("role: Cognitive Services OpenAI User\n    scope: resourceGroup\n  - principal: apim",
                        "role: Cognitive Services OpenAI Userr\n    scope: resourceGroup\n  - principal: apim",
                        "variant.yaml: roleAssignments[0].role: 'Cognitive Services OpenAI Userr' is not a built-in"
                                + " role the lab knows. Fix: use a name or GUID of"),
                arguments("scope: account:aoai-eus2", "scope: account:aoai-west",
                        "variant.yaml: roleAssignments[2].scope: 'account:aoai-west' names no scope in this topology."
                                + " Fix: use subscription, resourceGroup, account:aoai-eus, account:aoai-eus2"),
                arguments("principal: openai-user", "principal: openai-usr",
                        "variant.yaml: roleAssignments[3].principal: 'openai-usr' names no principal."
                                + " Fix: use one of suite-caller"),
                arguments("defaultCaller: suite-caller", "defaultCaller: nobody",
                        "variant.yaml: defaultCaller: 'nobody' names no principal"),
                arguments("tokensPerMinute: 450000", "tokensPerMinute: 0",
                        "variant.yaml: accounts[0].deployments[0].tokensPerMinute: 0 is not positive"),
                arguments("tokensPerMinute: 450000", "tokensPerMinute: lots",
                        "variant.yaml: accounts[0].deployments[0].tokensPerMinute (line "),
                arguments("    deployments:\n", "    deploymnets: []\n    deployments:\n",
                        "variant.yaml: accounts[0].deploymnets (line "),
                arguments("  - name: aoai-eus2\n    region:", "  - name: aoai-eus\n    region:",
                        "variant.yaml: accounts[1].name: 'aoai-eus' is declared twice"),
                arguments("subscriptionId: 2b0e4a7c-5d1f-4c3e-9a8b-6f2d1e0c9b7a", "subscriptionId: not-a-guid",
                        "variant.yaml: subscriptionId: 'not-a-guid' is not a GUID"),
                arguments("        - backend: aoai-eus2\n", "        - backend: aoai-west\n",
                        "variant.yaml: apim.pools[0].members[1].backend: 'aoai-west' names no single backend."
                                + " Fix: use one of aoai-eus, aoai-eus2 (a pool cannot hold a pool)"),
                arguments("          weight: 50\n", "          weight: 150\n",
                        "variant.yaml: apim.pools[0].members[0].weight: 150 is out of range"),
                arguments("          weight: 50\n", "          weight: -1\n",
                        "variant.yaml: apim.pools[0].members[0].weight: -1 is out of range"),
                arguments("          priority: 1\n", "          priority: 101\n",
                        "variant.yaml: apim.pools[0].members[0].priority: 101 is out of range"),
                arguments(POOL_MEMBERS, "      members: []\n",
                        "variant.yaml: apim.pools[0].members: has 0 members"),
                arguments(POOL_MEMBERS, "",
                        "variant.yaml: apim.pools[0].members (line "),
                arguments("selection: weighted-random", "selection: least-busy",
                        "variant.yaml: apim.pools[0].selection: 'least-busy' is not a selection algorithm"),
                arguments("        interval: PT1M", "        interval: 1 minute",
                        "variant.yaml: apim.backends[0].circuitBreaker.interval: '1 minute' is not an ISO-8601 duration"),
                arguments("  identity: apim-gateway", "  identity: suite-caller",
                        "variant.yaml: apim.identity: 'suite-caller' names no ManagedIdentity principal"),
                arguments("defaultBackend: aoai-pool", "defaultBackend: aoai-pol",
                        "variant.yaml: apim.api.defaultBackend: 'aoai-pol' names no backend or pool"),
                arguments("      account: aoai-eus2", "      account: aoai-eus3",
                        "variant.yaml: apim.backends[1].account: 'aoai-eus3' names no account"),
                arguments("streamPace: {firstTokenMs: 10, perTokenMs: 2}", "streamPace: {firstTokenMs: -1, perTokenMs: 2}",
                        "variant.yaml: accounts[0].deployments[0].streamPace.firstTokenMs: -1 is out of range"),
                arguments("streamPace: {firstTokenMs: 10, perTokenMs: 2}", "streamPace: {firstTokenMs: 10, perTokenMs: 20000}",
                        "variant.yaml: accounts[0].deployments[0].streamPace.perTokenMs: 20000 is out of range"),
                arguments("streamPace: {firstTokenMs: 10, perTokenMs: 2}", "streamPace: {firstTokenMs: 10}",
                        "variant.yaml: accounts[0].deployments[0].streamPace.perTokenMs (line 71): 'perTokenMs' is required"),
                arguments("  identity: aif-identity", "  identity: suite-caller",
                        "variant.yaml: foundry.identity: 'suite-caller' names no ManagedIdentity principal"),
                arguments("  identity: aif-identity\n", "",
                        "variant.yaml: foundry.vectorStores[0]: needs the account's managed identity"),
                arguments("    - id: vs_lab_project_docs\n      storage: stlabbyo\n      container: docs",
                        "    - id: vs_lab_project_docs\n      storage: stlabbyo\n      container: nodocs",
                        "variant.yaml: foundry.vectorStores[0].container: 'stlabbyo/nodocs' names no container"));
    }

    @ParameterizedTest
    @MethodSource("brokenTopologies")
    void should_name_file_path_and_fix_of_a_broken_topology(String from, String to, String expected) throws IOException {
        // GIVEN the shipped topology with one edit
        String yaml = defaultYaml();
        assertThat(yaml).contains(from);
        String broken = yaml.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));

        // WHEN / THEN
        assertThatThrownBy(() -> parse(broken))
                .isInstanceOf(TopologyException.class)
                .hasMessageStartingWith(expected)
                .hasMessageContaining(". Fix: ");
    }

    @Test
    void should_take_every_weight_and_priority_arm_takes_zero_included() throws IOException {
        // ARM takes 0 to 100 for both (docs/apim-gateway.md §1.1): a group of weight-0 members, priority 0
        Topology topology = parse(defaultYaml().replace("weight: 50", "weight: 0").replace("priority: 1", "priority: 0"));

        assertThat(topology.apimGateway().orElseThrow().pool("aoai-pool").orElseThrow().members())
                .extracting(ApimSpec.PoolMember::weightOrDefault, ApimSpec.PoolMember::priorityOrDefault)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(0, 0));
    }

    @Test
    void should_reject_a_missing_required_key() throws IOException {
        String yaml = defaultYaml().replace("defaultCaller: suite-caller\n", "");

        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(TopologyException.class)
                .hasMessageStartingWith("variant.yaml: defaultCaller (line ")
                .hasMessageContaining("'defaultCaller' is required");
    }
}
