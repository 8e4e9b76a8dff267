package io.aoailab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.ai.openai.responses.models.ListInputItemsRequestOrder;
import com.azure.ai.openai.responses.models.ResponsesAssistantMessage;
import com.azure.ai.openai.responses.models.ResponsesItem;
import com.azure.ai.openai.responses.models.ResponsesOutputContentText;
import com.azure.ai.openai.responses.models.ResponsesResponse;
import com.azure.ai.openai.responses.models.ResponsesResponseStatus;
import com.azure.ai.openai.responses.models.ResponsesStreamEvent;
import com.azure.ai.openai.responses.models.ResponsesStreamEventCompleted;
import com.azure.ai.openai.responses.models.ResponsesStreamEventOutputTextDelta;
import com.azure.ai.openai.responses.models.ResponsesStreamEventType;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.lab.faults.FaultControl;
import io.aoailab.access.AccessPath;
import io.aoailab.access.CallRecord;
import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.config.SuiteConfig;
import com.azure.ai.openai.responses.models.ResponsesFileSearchCallItem;
import com.azure.ai.openai.responses.models.ResponsesFileSearchTool;
import io.aoailab.junit.DeploymentTest;
import io.aoailab.junit.DeploymentUnderTest;
import io.aoailab.junit.EveryAccessPath;
import io.aoailab.junit.OnlyOn;
import io.aoailab.junit.Scenario;
import io.aoailab.access.AccessPath.ExpectedEndpoint;
import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.testing.LabVariant;
import com.azure.core.credential.TokenCredential;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import io.aoailab.assertions.EventStreamAssert;
import io.aoailab.assertions.StatefulFollowUps;
import io.aoailab.access.StreamTrace;
import io.aoailab.config.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The Responses API through every access path the deployment offers. Requests are small
 * ({@code max_output_tokens} 64) to keep live runs cheap.
 */
@DeploymentTest
@Tag(Scenario.RESPONSES)
class ResponsesApiIT {
    private static final int MAX_OUTPUT_TOKENS = 64;

    private static CreateResponsesRequest ask(SuiteConfig config, String input) {
        return new CreateResponsesRequest(CreateResponsesRequestModel.fromString(config.modelDeployment()), input)
                .setMaxOutputTokens(MAX_OUTPUT_TOKENS);
    }

    private static String text(ResponsesResponse response) {
        return response.getOutput().stream().filter(ResponsesAssistantMessage.class::isInstance)
                .map(ResponsesAssistantMessage.class::cast).flatMap(m -> m.getContent().stream())
                .filter(ResponsesOutputContentText.class::isInstance)
                .map(c -> ((ResponsesOutputContentText) c).getText()).reduce("", String::concat);
    }

    /**
     * A direct path must answer from the region the configuration expects there, the Foundry path from that of the
     * endpoint its connection targets; APIM from one of the intended regions.
     */
    private static void assertAnsweredFromAnIntendedRegion(AccessPath path, SuiteConfig config) {
        CallRecord call = path.capture().last().orElseThrow();
        List<String> intended = config.intended().regions().stream().map(IntendedRegion::displayName).toList();
        if (path.expectedRegion().isPresent()) {
            assertThat(call.region()).as("x-ms-region of %s", path).isEqualTo(path.expectedRegion());
        } else {
            assertThat(call.region()).as("region behind %s", path).isPresent();
            assertThat(intended).as("intended regions").contains(call.region().get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EveryAccessPath
    void creates_a_completed_response_with_consistent_usage(AccessPath path, SuiteConfig config) {
        ResponsesResponse response = path.responses().createResponse(ask(config, "Say hello to the suite."));

        assertThat(response.getStatus()).as("status of %s", response.getId()).isEqualTo(ResponsesResponseStatus.COMPLETED);
        assertThat(text(response)).as("output text").isNotBlank();
        assertThat(response.getUsage().getInputTokens() + response.getUsage().getOutputTokens())
                .as("input + output tokens").isEqualTo(response.getUsage().getTotalTokens());
        assertThat(response.getUsage().getOutputTokens()).as("output tokens").isLessThanOrEqualTo(MAX_OUTPUT_TOKENS);
        assertThat(response.getModel()).as("model of a response from deployment %s (EXPECTED_MODEL=%s)",
                config.modelDeployment(), config.intended().model()).matches(config.intended()::servesModel,
                        "is " + config.intended().model() + " or " + config.intended().model() + "-<version date>");
        assertAnsweredFromAnIntendedRegion(path, config);
    }

    @ParameterizedTest(name = "{0}")
    @EveryAccessPath
    void streams_deltas_that_add_up_to_the_final_text(AccessPath path, SuiteConfig config) {
        List<ResponsesStreamEvent> events = new ArrayList<>();
        path.responses().createResponseStreaming(ask(config, "Stream a short greeting.")).forEach(events::add);

        StringBuilder deltas = new StringBuilder();
        events.stream().filter(ResponsesStreamEventOutputTextDelta.class::isInstance)
                .forEach(e -> deltas.append(((ResponsesStreamEventOutputTextDelta) e).getDelta()));
        assertThat(events).as("stream events").isNotEmpty();
        assertThat(events.get(0).getType()).as("first event").isEqualTo(ResponsesStreamEventType.RESPONSE_CREATED);
        ResponsesStreamEvent last = events.get(events.size() - 1);
        assertThat(last).as("last event").isInstanceOf(ResponsesStreamEventCompleted.class);
        assertThat(text(((ResponsesStreamEventCompleted) last).getResponse())).as("final text")
                .isEqualTo(deltas.toString()).isNotBlank();
        // the SDK's event models hide sequence_number: the wire's events, as the path's capture saw them
        StreamTrace wire = path.capture().last().flatMap(CallRecord::stream).orElseThrow(() -> new AssertionError(
                "the capture of " + path + " recorded no event stream for the streamed call"));
        assertThat(wire.events()).as("events on the wire").hasSameSizeAs(events);
        EventStreamAssert.assertThat(wire.events()).hasSequenceNumbersIncreasingFromZero()
                .isATextReplyInTheDocumentedOrder();
        assertThat(wire.usage()).as("usage of the completed stream").isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @EveryAccessPath
    void stores_retrieves_lists_input_items_and_deletes_a_response(AccessPath path, SuiteConfig config) {
        ResponsesResponse created = StatefulFollowUps.assertRetrievable(path, ask(config, "Remember this sentence."));

        List<ResponsesItem> items = new ArrayList<>();
        path.responses().listInputItems(created.getId(), 10, ListInputItemsRequestOrder.ASC).forEach(items::add);
        assertThat(items).as("input items of %s", created.getId()).isNotEmpty();
        assertThat(path.responses().deleteResponse(created.getId()).isDeleted()).as("deleted").isTrue();
        assertThatThrownBy(() -> path.responses().getResponse(created.getId()))
                .as("a deleted response").isInstanceOf(ResourceNotFoundException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EveryAccessPath
    void chains_a_follow_up_with_previous_response_id(AccessPath path, SuiteConfig config) {
        ResponsesResponse first = path.responses().createResponse(ask(config, "My name is Ada.").setStore(true));

        ResponsesResponse second = path.responses().createResponse(ask(config, "What is my name?")
                .setPreviousResponseId(first.getId()));

        assertThat(second.getPreviousResponseId()).as("previous_response_id").isEqualTo(first.getId());
        assertThat(second.getUsage().getInputTokens()).as("input tokens of the follow-up, which carries the first turn")
                .isGreaterThan(first.getUsage().getInputTokens());
    }

    @ParameterizedTest(name = "{0}")
    @EveryAccessPath
    void grounds_file_search_on_the_vector_store(AccessPath path, SuiteConfig config, DeploymentUnderTest deployment) {
        String vectorStore = DeploymentUnderTest.require(deployment.endpoints().vectorStoreId(), "OPENAI_VECTOR_STORE_ID");

        ResponsesResponse response = path.responses().createResponse(ask(config, "How long do I have to return an item?")
                .setMaxOutputTokens(200).setTools(List.of(new ResponsesFileSearchTool(List.of(vectorStore)))));

        assertThat(response.getOutput()).as("output items of a file_search call through %s", path)
                .anySatisfy(item -> assertThat(item).isInstanceOf(ResponsesFileSearchCallItem.class));
        List<ResponsesOutputContentText> texts = response.getOutput().stream()
                .filter(ResponsesAssistantMessage.class::isInstance).map(ResponsesAssistantMessage.class::cast)
                .flatMap(m -> m.getContent().stream()).filter(ResponsesOutputContentText.class::isInstance)
                .map(ResponsesOutputContentText.class::cast).toList();
        assertThat(texts).as("answer text").isNotEmpty();
        assertThat(texts.stream().flatMap(t -> t.getAnnotations().stream()).toList())
                .as("citations of the grounded answer").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EveryAccessPath
    void refuses_an_api_version_without_the_responses_api(AccessPath path, SuiteConfig config) {
        // 2024-10-21 is the last GA version and has no Responses API (docs/azure-facts.md §1.1)
        AccessPath tooOld = path.withApiVersion("2024-10-21");

        assertThatThrownBy(() -> tooOld.responses().createResponse(ask(config, "Hello")))
                .as("a create with api-version 2024-10-21 through %s", path)
                .isInstanceOfSatisfying(HttpResponseException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).as("status").isIn(400, 404);
                    assertThat(e.getMessage()).as("the refusal").containsAnyOf("API version not supported",
                            "Resource not found");
                });
    }

    @ParameterizedTest(name = "{0}")
    @EveryAccessPath
    void names_an_unknown_deployment(AccessPath path) {
        CreateResponsesRequest unknown = new CreateResponsesRequest(
                CreateResponsesRequestModel.fromString("no-such-deployment"), "Hello").setMaxOutputTokens(MAX_OUTPUT_TOKENS);

        assertThatThrownBy(() -> path.responses().createResponse(unknown))
                .as("a create for a deployment that does not exist through %s", path)
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("DeploymentNotFound");
    }

    @ParameterizedTest(name = "{0}")
    @EveryAccessPath
    void answers_through_apim_while_a_region_is_down_and_says_so_directly(AccessPath path, SuiteConfig config,
            FaultControl faults) {
        // GIVEN the operator breaks the first region's account (the lab's aoai-eus) for a minute: it answers 503
        String account = "aoai-eus";
        String down = config.intended().regions().get(0).displayName();
        String healthy = config.intended().regions().get(1).displayName();
        faults.inject(account, new Fault.ServerError(503), FaultBudget.forDuration(java.time.Duration.ofMinutes(1)));

        if (path.expectedRegion().isEmpty()) {
            // THEN the gateway's retry and breaker keep the API answering, from the other region
            for (int i = 0; i < 6; i++) {
                assertThat(path.responses().createResponse(ask(config, "Are you there?")).getStatus())
                        .as("status through %s with %s down", path, account).isEqualTo(ResponsesResponseStatus.COMPLETED);
                assertThat(path.capture().last().flatMap(CallRecord::region)).as("region behind %s", path)
                        .contains(healthy);
            }
        } else if (path.expectedRegion().get().equals(down)) {
            // THEN the down region's own endpoint says so (and so does a Foundry connection to it)
            assertThatThrownBy(() -> path.responses().createResponse(ask(config, "Are you there?")))
                    .as("a create on the down region").isInstanceOfSatisfying(HttpResponseException.class,
                            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(503));
        } else {
            assertThat(path.responses().createResponse(ask(config, "Are you there?")).getStatus())
                    .as("status of the healthy region").isEqualTo(ResponsesResponseStatus.COMPLETED);
        }
    }

    @Test
    @OnlyOn(value = Target.LAB, reason = "it starts a lab variant whose APIM runs the plain pool policy")
    void explains_a_follow_up_that_lands_in_the_other_region_behind_a_plain_pool(SuiteConfig config) throws Exception {
        // GIVEN the default lab with only the policy changed to the plain pool one, round-robin so 50/50 alternates
        try (LabVariant variant = LabVariant.of(config, yaml -> yaml
                .replace("openai-load-balancer.xml", "openai-load-balancer-simple.xml")
                .replace("selection: weighted-random", "selection: weighted-round-robin"))) {
            AccessPath plain = AccessPath.apim(variant.target().endpoints().apimGateway().orElseThrow(),
                    variant.target().endpoints().apimSubscriptionKey().orElseThrow(), variant.target().http(),
                    config.apiVersion(), Clock.systemUTC());

            // WHEN / THEN the suite's own check fails, and says why
            assertThatThrownBy(() -> StatefulFollowUps.assertRetrievable(plain, ask(config, "Remember me.")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("but it answered 404 from East US 2 while the response was created in East US")
                    .hasMessageContaining("must be pinned to the creating region");
        }
    }

    @Test
    @OnlyOn(value = Target.LAB, reason = "it starts a lab variant whose Foundry project has no Azure OpenAI connection")
    void names_the_connection_a_foundry_project_lacks(SuiteConfig config) throws Exception {
        // GIVEN the default lab whose project keeps its Search and Storage connections but none to Azure OpenAI
        try (LabVariant variant = LabVariant.of(config, yaml -> yaml.replaceAll(
                "(?m)^    - name: aoai-eus2?\\n      type: AzureOpenAI\\n(?:      .*\\n)+", ""))) {
            DeploymentEndpoints endpoints = variant.target().endpoints();
            List<ExpectedEndpoint> expected = List.of(
                    new ExpectedEndpoint("OPENAI_ENDPOINT_1", endpoints.openai().get(0), "East US"),
                    new ExpectedEndpoint("OPENAI_ENDPOINT_2", endpoints.openai().get(1), "East US 2"));
            TokenCredential caller = variant.target().credentials().defaultCaller();
            URI project = endpoints.foundryProject().orElseThrow();

            // WHEN the foundry path looks for the project's default Azure OpenAI connection / a named one
            AccessPath byDefault = AccessPath.foundry(project, Optional.empty(), expected, caller,
                    variant.target().http(), config.apiVersion(), Clock.systemUTC());
            AccessPath byName = AccessPath.foundry(project, Optional.of("aoai-eus"), expected, caller,
                    variant.target().http(), config.apiVersion(), Clock.systemUTC());

            // THEN each case through it fails, naming what the project lacks and what it has
            assertThatThrownBy(() -> byDefault.responses().createResponse(ask(config, "Hello")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("to have a default Azure OpenAI connection (AI_FOUNDRY_OPENAI_CONNECTION is not set),")
                    .hasMessageContaining("but it has none. Its connections: search (CognitiveSearch, default),"
                            + " storage (AzureBlob, default).");
            assertThatThrownBy(() -> byName.responses().createResponse(ask(config, "Hello")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("to have the connection 'aoai-eus' (AI_FOUNDRY_OPENAI_CONNECTION),")
                    .hasMessageContaining("but it answered 404");
        }
    }
}
