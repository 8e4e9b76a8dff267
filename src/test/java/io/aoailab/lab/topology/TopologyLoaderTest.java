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
    private static final String RG = "/subscriptions/2b0e4a7c-5d1f-4c3e-9a8b-6f2d1e0c9b7a/resourceGroups/rg-aoai-lab";
    private static final String CONTAINER = RG + "/providers/Microsoft.Storage/storageAccounts/stlabbyo"
            + "/blobServices/default/containers/docs";
    private static final String INDEX = RG + "/providers/Microsoft.Search/searchServices/srch-aoai-lab/indexes/docs-index";
    /** The scope forms the shipped topology offers, as a refused scope's fix lists them. */
    private static final String SCOPE_FORMS = "subscription, resourceGroup, account:aoai-eus, account:aoai-eus2,"
            + " storage:stlabbyo, container:stlabbyo/docs, search:srch-aoai-lab, index:srch-aoai-lab/docs-index,"
            + " foundry, project, or the full ARM id of one of them";
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

    static Stream<Arguments> scopesBelowTheResource() {
        return Stream.of(
                arguments("container:stlabbyo/docs", CONTAINER),
                arguments("index:srch-aoai-lab/docs-index", INDEX),
                arguments(CONTAINER, CONTAINER),
                arguments(INDEX, INDEX),
                // Azure compares ARM ids case-insensitively and tolerates a trailing slash
                arguments(CONTAINER.toUpperCase(java.util.Locale.ROOT) + "/", CONTAINER),
                arguments(INDEX.toLowerCase(java.util.Locale.ROOT) + "/", INDEX));
    }

    @ParameterizedTest
    @MethodSource("scopesBelowTheResource")
    void should_resolve_a_container_or_index_scope_to_its_arm_id_when_the_topology_declares_it(String written,
            String expected) {
        assertThat(TopologyLoader.scope(TopologyLoader.loadDefault(), written)).contains(expected);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"container:stlabbyo/nodocs", "container:stlabbyo",
            "container:stlabbyo/docs/more", "container:/docs", "index:srch-aoai-lab/no-index", "index:srch-aoai-lab",
            "index:docs-index", "index:srch-aoai-lab/docs-index/docs", "container:srch-aoai-lab/docs-index",
            RG + "/providers/Microsoft.Storage/storageAccounts/stlabbyo/blobServices/default/containers/nodocs",
            RG + "/providers/Microsoft.Search/searchServices/srch-aoai-lab/indexes/no-index",
            RG + "/providers/Microsoft.Storage/storageAccounts/stlabbyo/containers/docs"})
    void should_resolve_no_scope_when_the_container_or_index_is_not_declared(String written) {
        assertThat(TopologyLoader.scope(TopologyLoader.loadDefault(), written)).isEmpty();
    }

    @Test
    void should_ship_the_seven_personas_with_the_reference_deployments_roles_and_scopes() {
        // GIVEN
        Topology topology = TopologyLoader.loadDefault();
        String eus = RG + "/providers/Microsoft.CognitiveServices/accounts/aoai-eus";
        String eus2 = RG + "/providers/Microsoft.CognitiveServices/accounts/aoai-eus2";
        String project = RG + "/providers/Microsoft.CognitiveServices/accounts/aif-aoai-lab/projects/proj-aoai-lab";
        List<String> openAi = List.of("Cognitive Services OpenAI User @ " + eus, "Cognitive Services OpenAI User @ " + eus2);
        String aiUser = "Azure AI User @ " + project;
        String storage = "Storage Blob Data Contributor @ " + CONTAINER;
        String search = "Search Index Data Reader @ " + INDEX;

        // WHEN
        List<String> personas = topology.principals().stream()
                .filter(p -> p.type() == Topology.PrincipalType.ServicePrincipal)
                .map(Topology.Principal::name).filter(n -> !n.equals(topology.defaultCaller())).toList();
        java.util.function.Function<String, List<String>> held = name -> TopologyLoader.roleAssignments(topology)
                .stream().filter(a -> a.principalObjectId().equals(topology.principal(name).orElseThrow().objectId()))
                .map(a -> a.role().name() + " @ " + a.scope()).toList();

        // THEN
        assertThat(personas).containsExactly("minimum", "ai-user-only", "openai-only", "no-storage", "no-search",
                "contributor-only", "no-role");
        assertThat(held.apply("minimum")).containsExactlyInAnyOrder(openAi.get(0), openAi.get(1), aiUser, storage, search);
        assertThat(held.apply("ai-user-only")).containsExactly(aiUser);
        assertThat(held.apply("openai-only")).containsExactlyInAnyOrderElementsOf(openAi);
        assertThat(held.apply("no-storage")).containsExactlyInAnyOrder(openAi.get(0), openAi.get(1), aiUser, search);
        assertThat(held.apply("no-search")).containsExactlyInAnyOrder(openAi.get(0), openAi.get(1), aiUser, storage);
        assertThat(held.apply("contributor-only")).containsExactly("Contributor @ " + RG);
        assertThat(held.apply("no-role")).isEmpty();
        assertThat(topology.principals()).extracting(Topology.Principal::clientId).doesNotHaveDuplicates();
        assertThat(topology.principals()).extracting(Topology.Principal::objectId).doesNotHaveDuplicates();
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
                arguments("principal: openai-only", "principal: openai-usr",
                        "variant.yaml: roleAssignments[12].principal: 'openai-usr' names no principal."
                                + " Fix: use one of suite-caller"),
                arguments("scope: container:stlabbyo/docs", "scope: container:stlabbyo/nodocs",
                        "variant.yaml: roleAssignments[9].scope: 'container:stlabbyo/nodocs' names no scope in this"
                                + " topology. Fix: use " + SCOPE_FORMS),
                arguments("scope: index:srch-aoai-lab/docs-index", "scope: index:srch-aoai-lab/no-index",
                        "variant.yaml: roleAssignments[10].scope: 'index:srch-aoai-lab/no-index' names no scope in"
                                + " this topology. Fix: use " + SCOPE_FORMS),
                arguments("scope: container:stlabbyo/docs", "scope: container:stlabother/docs",
                        "variant.yaml: roleAssignments[9].scope: 'container:stlabother/docs' names no scope"),
                arguments("scope: index:srch-aoai-lab/docs-index", "scope: index:srch-aoai-lab",
                        "variant.yaml: roleAssignments[10].scope: 'index:srch-aoai-lab' names no scope"),
                arguments("scope: container:stlabbyo/docs", "scope: " + RG
                                + "/providers/Microsoft.Storage/storageAccounts/stlabbyo/blobServices/default/containers/nodocs",
                        "variant.yaml: roleAssignments[9].scope: '" + RG + "/providers/Microsoft.Storage/storageAccounts"
                                + "/stlabbyo/blobServices/default/containers/nodocs' names no scope in this topology"),
                arguments("scope: index:srch-aoai-lab/docs-index", "scope: " + RG
                                + "/providers/Microsoft.Search/searchServices/srch-aoai-lab/indexes/no-index",
                        "variant.yaml: roleAssignments[10].scope: '" + RG + "/providers/Microsoft.Search/searchServices"
                                + "/srch-aoai-lab/indexes/no-index' names no scope in this topology"),
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
                        "variant.yaml: accounts[0].deployments[0].streamPace.perTokenMs (line 98): 'perTokenMs' is required"),
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
