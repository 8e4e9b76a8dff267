package io.aoailab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.access.Call;
import io.aoailab.access.Failure;
import io.aoailab.access.Reply;
import io.aoailab.access.StreamTrace;
import io.aoailab.access.StreamedReply;
import io.aoailab.assertions.EventStreamAssert;
import io.aoailab.assertions.FailoverAssert;
import io.aoailab.assertions.PoolRequests;
import io.aoailab.assertions.StatefulFollowUps;
import io.aoailab.assertions.StreamDeliveryAssert;
import io.aoailab.config.Client;
import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.config.SuiteConfig;
import io.aoailab.junit.DeploymentUnderTest;
import io.aoailab.junit.EveryAccessPath;
import io.aoailab.junit.ResponsesScenario;
import io.aoailab.target.Operator;
import io.qameta.allure.Description;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Responses API through every access path the deployment offers. Requests are small
 * ({@code max_output_tokens} {@value Ask#DEFAULT_MAX_OUTPUT_TOKENS}) and stateless unless a case needs a stored
 * response, to keep live runs cheap. Every answer of every call is also held to the intended deployment: it names a
 * region the path is meant to reach, and the intended model ({@link AccessPath#call}).
 */
@ResponsesScenario
class ResponsesApiIT {

    private static Ask ask(SuiteConfig config, String input) {
        return Ask.of(config.modelDeployment(), input);
    }

    @EveryAccessPath
    @Description("A Responses API call completes with text and token usage that adds up, from the region the path is meant to reach.")
    void a_response_is_completed_with_consistent_usage(AccessPath path, SuiteConfig config) {
        Reply reply = path.call(api -> api.create(ask(config, "Say hello to the suite."))).value();

        assertThat(reply.status()).as("status of %s", reply.id()).isEqualTo("completed");
        assertThat(reply.text()).as("output text").isNotBlank();
        assertThat(reply.usage()).as("usage of %s", reply.id()).hasValueSatisfying(usage -> {
            assertThat(usage.input() + usage.output()).as("input + output tokens").isEqualTo(usage.total());
            assertThat(usage.output()).as("output tokens").isLessThanOrEqualTo(Ask.DEFAULT_MAX_OUTPUT_TOKENS);
        });
    }

    @EveryAccessPath
    @Description("A streamed reply arrives event by event as it is generated, in the documented order with increasing sequence numbers.")
    void a_streamed_reply_arrives_as_it_is_generated_in_the_documented_order(AccessPath path, SuiteConfig config) {
        // long enough a reply that delivery as it is generated takes measurable time (see StreamDeliveryAssert)
        Call<StreamedReply> call = path.call(api -> api.stream(ask(config,
                "Count from one to twenty in words, separated by commas.")));
        StreamedReply streamed = call.value();

        assertThat(streamed.eventTypes()).as("event types the client read").startsWith("response.created")
                .endsWith("response.completed");
        assertThat(streamed.completed()).as("the completed response").hasValueSatisfying(done -> assertThat(done.text())
                .as("final text").isEqualTo(streamed.deltas()).isNotBlank());
        // the SDK's event models hide sequence_number: the wire's events, as the path's capture saw them
        StreamTrace wire = call.record().stream().orElseThrow(() -> new AssertionError(
                "the capture of " + path + " recorded no event stream for the streamed call"));
        assertThat(wire.events()).as("events on the wire").hasSameSizeAs(streamed.eventTypes());
        EventStreamAssert.assertThat(wire.events()).hasSequenceNumbersIncreasingFromZero()
                .isATextReplyInTheDocumentedOrder();
        assertThat(wire.usage()).as("usage of the completed stream").isPresent();
        StreamDeliveryAssert.assertThat(call.record()).wasDeliveredAsGenerated();
    }

    @EveryAccessPath
    @Description("A stored response can be retrieved, its input items listed and deleted, even behind a load-balanced pool.")
    void a_stored_response_can_be_retrieved_listed_and_deleted(AccessPath path, SuiteConfig config) {
        Reply created = StatefulFollowUps.assertRetrievable(path, config.intended(),
                ask(config, "Remember this sentence."));

        assertThat(path.call(api -> api.inputItemTypes(created.id())).value()).as("input items of %s", created.id())
                .isNotEmpty();
        assertThat(path.call(api -> api.delete(created.id())).value()).as("deleted").isTrue();
        assertThat(path.call(api -> api.retrieve(created.id())).failure().status()).as("a deleted response")
                .isEqualTo(404);
    }

    @EveryAccessPath
    @Description("A follow-up with previous_response_id continues a stored response and carries its first turn.")
    void a_follow_up_continues_a_stored_response(AccessPath path, SuiteConfig config) {
        List<Reply> replies = StatefulFollowUps.assertContinuable(path, config.intended(),
                ask(config, "My name is Ada."), first -> ask(config, "What is my name?").after(first.id()));

        Reply first = replies.get(0);
        for (Reply followUp : replies.subList(1, replies.size())) {
            assertThat(followUp.previousResponseId()).as("previous_response_id").contains(first.id());
            assertThat(followUp.usage().orElseThrow().input()).as("input tokens of a follow-up, which carries the"
                    + " first turn").isGreaterThan(first.usage().orElseThrow().input());
        }
    }

    @EveryAccessPath
    @Description("file_search answers from the deployment's vector store, grounded on the BYO data, with citations.")
    void file_search_answers_from_the_vector_store_with_citations(AccessPath path, SuiteConfig config,
            DeploymentUnderTest deployment) {
        // a vector store belongs to the resource it was created on: the accounts', or the Foundry resource's
        String vectorStore = path.way().reachesTheAccounts()
                ? DeploymentUnderTest.require(deployment.endpoints().vectorStoreId(), "OPENAI_VECTOR_STORE_ID")
                : DeploymentUnderTest.require(deployment.endpoints().foundryVectorStoreId(), "AI_FOUNDRY_VECTOR_STORE_ID");

        Reply reply = path.call(api -> api.create(ask(config, "How long do I have to return an item?")
                .maxOutputTokens(200).searching(List.of(vectorStore)))).value();

        assertThat(reply.outputTypes()).as("output items of a file_search call through %s", path)
                .contains("file_search_call", "message");
        assertThat(reply.text()).as("answer text").isNotBlank();
        assertThat(reply.citations()).as("citations of the grounded answer").isPositive();
    }

    @EveryAccessPath(clients = Client.AZURE_AI_OPENAI) // the v1 surface takes no dated api-version
    @Description("An api-version without the Responses API is refused with Azure's own answer, not served wrongly.")
    void an_api_version_without_the_responses_api_is_refused(AccessPath path, SuiteConfig config) {
        // 2024-10-21 is the last GA version and has no Responses API (docs/azure-facts.md §1.1)
        Failure refused = path.withApiVersion("2024-10-21").call(api -> api.create(ask(config, "Hello"))).failure();

        assertThat(refused.status()).as("status of a create with api-version 2024-10-21 %s", path.description())
                .isIn(400, 404);
        assertThat(refused.message()).as("the refusal").containsAnyOf("API version not supported",
                "Resource not found");
    }

    @EveryAccessPath
    @Description("A call to a deployment that does not exist is refused naming it (404 DeploymentNotFound).")
    void an_unknown_deployment_is_named(AccessPath path, SuiteConfig config) {
        Failure refused = path.call(api -> api.create(ask(config, "Hello").toDeployment("no-such-deployment")))
                .failure();

        assertThat(refused.status()).as("status for a deployment that does not exist").isEqualTo(404);
        assertThat(refused.code()).as("error code").contains("DeploymentNotFound");
    }

    @EveryAccessPath
    @Description("A region that is down says so on its own endpoint, while APIM serves every request from the other region.")
    void a_region_that_is_down_says_so_on_its_own_endpoint_and_apim_serves_around_it(AccessPath path,
            SuiteConfig config, Operator operator) {
        // GIVEN the path answers (what it checks on first use, such as its api-version, is done before the fault), and
        // then the operator breaks the first intended region for a minute: it answers 503
        path.call(api -> api.create(ask(config, "Ready?"))).value();
        IntendedRegion region = config.intended().regions().get(0);
        String down = region.displayName();
        operator.fail(down, 503, Operator.Budget.lasting(Duration.ofMinutes(1)));

        if (path.expectedRegion().isEmpty()) {
            // THEN the gateway's retry and breaker keep the API answering from the other regions, over enough
            // requests that a pool still sending to the down region shows it with probability ≥ 1 - 0.001; a refusal
            // names the down region and what in the gateway let it through
            PoolRequests requests = PoolRequests.send(path, api -> api.create(ask(config, "Are you there?")),
                    Instant.now(), FailoverAssert.picksToMeet(region.poolWeight() > 0
                            ? region.expectedShare(config.intended()) : 0.5), Duration.ZERO);
            FailoverAssert.assertThat(requests).wasServedAround(down, "5xx", config.intended().pool().failoverWithin(),
                    operator.arrivals(down));
        } else if (path.expectedRegion().get().equals(down)) {
            // THEN the down region's own endpoint says so (and so does a Foundry connection to it)
            assertThat(path.call(api -> api.create(ask(config, "Are you there?"))).failure().status())
                    .as("status of a create %s while it is down", path.description()).isEqualTo(503);
        } else {
            assertThat(path.call(api -> api.create(ask(config, "Are you there?"))).value().status())
                    .as("status of a healthy region").isEqualTo("completed");
        }
    }
}
