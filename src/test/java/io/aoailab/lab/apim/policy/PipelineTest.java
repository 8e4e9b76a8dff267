package io.aoailab.lab.apim.policy;

import static io.aoailab.lab.apim.policy.FakeGateway.answer;
import static io.aoailab.lab.apim.policy.FakeGateway.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The section order, {@code <base/>}, return-response, on-error with LastError, and APIM's default answers. */
class PipelineTest {
    private final FakeGateway gateway = new FakeGateway();
    private final PolicyContext context = FakeGateway.context(FakeGateway.request("POST", "/responses", "{}"));

    private GatewayResponse run(String xml) throws PolicyException {
        return Policy.parse(xml, "pipeline.xml").execute(context, gateway);
    }

    @Test
    void should_forward_with_defaults_when_backend_holds_only_base() throws Exception {
        // GIVEN
        gateway.script("default", answer(201, "{\"ok\":true}", "x-ms-region", "East US"));

        // WHEN
        GatewayResponse r = run("<policies><inbound><base /></inbound><backend><base /></backend>"
                + "<outbound><base /></outbound><on-error><base /></on-error></policies>");

        // THEN one forward, with forward-request's defaults (docs/apim-gateway.md §2.3)
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(text(r)).isEqualTo("{\"ok\":true}");
        assertThat(gateway.forwards).hasSize(1);
        assertThat(gateway.forwards.get(0).options()).isEqualTo(ForwardOptions.class.cast(ForwardRequest.DEFAULTS));
        assertThat(gateway.forwards.get(0).target()).isEqualTo(new BackendTarget.ById("default"));
    }

    @Test
    void should_run_outbound_right_after_inbound_when_nothing_forwards() throws Exception {
        // WHEN the policy has no backend section
        GatewayResponse r = run("<policies><inbound><set-variable name=\"a\" value=\"1\" /></inbound>"
                + "<outbound><set-header name=\"x-out\"><value>ran</value></set-header></outbound></policies>");

        // THEN nothing was forwarded, outbound ran, and the client gets an empty 200
        assertThat(gateway.forwards).isEmpty();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().first("x-out")).contains("ran");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void should_stop_the_pipeline_when_return_response_runs_in_inbound() throws Exception {
        GatewayResponse r = run("""
                <policies>
                  <inbound>
                    <return-response>
                      <set-status code="418" reason="I'm a teapot" />
                      <set-header name="Content-Type"><value>text/plain</value></set-header>
                      <set-body>@("short and stout " + context.Request.Method)</set-body>
                    </return-response>
                    <set-variable name="after" value="1" />
                  </inbound>
                  <backend><base /></backend>
                  <outbound><set-header name="x-out"><value>ran</value></set-header></outbound>
                </policies>""");
        assertThat(r.statusCode()).isEqualTo(418);
        assertThat(r.statusReason()).isEqualTo("I'm a teapot");
        assertThat(r.headers().first("Content-Type")).contains("text/plain");
        assertThat(text(r)).isEqualTo("short and stout POST");
        assertThat(r.headers().contains("x-out")).isFalse();
        assertThat(gateway.forwards).isEmpty();
        assertThat(context.variables()).doesNotContainKey("after");
    }

    @Test
    void should_default_to_an_empty_200_when_return_response_has_no_children() throws Exception {
        GatewayResponse r = run("<policies><inbound><return-response /></inbound></policies>");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.statusReason()).isEqualTo("OK");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void should_set_last_error_and_run_on_error_when_the_backend_cannot_be_reached() throws Exception {
        // GIVEN a backend that never answers
        gateway.script("default", FakeGateway.fail("BackendConnectionFailure"));

        // WHEN
        GatewayResponse r = run("""
                <policies>
                  <inbound><base /></inbound>
                  <backend><forward-request id="fwd" /></backend>
                  <on-error>
                    <set-variable name="was-null" value="@(context.Response == null)" />
                    <return-response>
                      <set-status code="502" reason="Bad Gateway" />
                      <set-body>@(context.LastError.Source + "|" + context.LastError.Reason + "|" + context.LastError.Section + "|" + context.LastError.Path + "|" + context.LastError.PolicyId + "|" + context.LastError.Message)</set-body>
                    </return-response>
                  </on-error>
                </policies>""");

        // THEN
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(text(r)).isEqualTo("forward-request|BackendConnectionFailure|backend|forward-request[1]|fwd|"
                + "Backend failed: BackendConnectionFailure.");
        assertThat(context.variables()).containsEntry("was-null", true);
        assertThat(context.lastError()).hasValueSatisfying(e -> assertThat(e.scope()).isEqualTo("api"));
    }

    @Test
    void should_answer_apim_default_500_when_no_on_error_handles_a_connection_failure() throws Exception {
        gateway.script("default", FakeGateway.fail("BackendConnectionFailure"));
        GatewayResponse r = run("<policies><backend><base /></backend></policies>");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.statusReason()).isEqualTo("Internal Server Error");
        assertThat(r.headers().first("Content-Type")).contains("application/json");
        assertThat(text(r)).isEqualTo("{ \"statusCode\": 500, \"message\": \"Internal server error\", "
                + "\"activityId\": \"00000000-0000-0000-0000-00000000abcd\" }");
    }

    @Test
    void should_answer_the_gateway_response_when_the_pool_is_exhausted_and_on_error_returns_nothing()
            throws Exception {
        // GIVEN the gateway's own 503 for an exhausted pool
        gateway.script("default", FakeGateway.poolExhausted());

        // WHEN on-error only looks at it
        GatewayResponse r = run("""
                <policies><backend><base /></backend>
                  <on-error><set-variable name="status" value="@(context.Response.StatusCode)" /></on-error>
                </policies>""");

        // THEN on-error saw the 503 and the client gets it
        assertThat(context.variables()).containsEntry("status", 503);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(text(r)).contains("Backend pool is temporarily unavailable");
    }

    @Test
    void should_let_on_error_rewrite_the_answer_when_it_changes_the_response() throws Exception {
        gateway.script("default", FakeGateway.poolExhausted());
        GatewayResponse r = run("""
                <policies><backend><base /></backend>
                  <on-error>
                    <choose>
                      <when condition="@(context.Response.StatusCode == 503)">
                        <set-status code="429" reason="Too Many Requests" />
                        <set-header name="Retry-After"><value>10</value></set-header>
                      </when>
                    </choose>
                  </on-error>
                </policies>""");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().first("Retry-After")).contains("10");
    }

    @Test
    void should_start_from_the_default_error_answer_when_on_error_changes_a_missing_response() throws Exception {
        gateway.script("default", FakeGateway.fail("Timeout"));
        GatewayResponse r = run("<policies><backend><base /></backend><on-error>"
                + "<set-header name=\"x-reason\"><value>@(context.LastError.Reason)</value></set-header>"
                + "</on-error></policies>");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().first("x-reason")).contains("Timeout");
        assertThat(text(r)).contains("Internal server error");
    }

    @Test
    void should_answer_500_when_an_outbound_expression_fails_after_a_good_backend_answer() throws Exception {
        // GIVEN
        gateway.script("default", answer(200, "{}"));

        // WHEN outbound dereferences a missing header's value
        GatewayResponse r = run("<policies><backend><base /></backend><outbound>"
                + "<set-variable name=\"v\" value=\"@(context.Response.Headers.GetValueOrDefault(&quot;x&quot;)"
                + ".Length)\" /></outbound></policies>");

        // THEN APIM's default answer, not the backend's 200
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(context.lastError()).hasValueSatisfying(e -> {
            assertThat(e.source()).isEqualTo("set-variable");
            assertThat(e.reason()).isEqualTo("ExpressionValueEvaluationFailure");
            assertThat(e.section()).isEqualTo("outbound");
            assertThat(e.path()).isEqualTo("set-variable[1]");
        });
    }

    @Test
    void should_answer_500_when_on_error_itself_fails() throws Exception {
        gateway.script("default", FakeGateway.fail("BackendConnectionFailure"));
        GatewayResponse r = run("<policies><backend><base /></backend><on-error>"
                + "<set-variable name=\"v\" value=\"@(context.Response.StatusCode)\" /></on-error></policies>");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(context.lastError()).hasValueSatisfying(e -> assertThat(e.section()).isEqualTo("on-error"));
    }

    @Test
    void should_report_nested_paths_when_the_failing_element_is_inside_choose() throws Exception {
        run("""
                <policies><inbound>
                  <set-variable name="a" value="1" />
                  <choose>
                    <when condition="@(false)"><set-variable name="b" value="2" /></when>
                    <otherwise>
                      <set-variable name="c" value="3" />
                      <set-header name="x" id="bad"><value>@(context.Response.StatusReason)</value></set-header>
                    </otherwise>
                  </choose>
                </inbound></policies>""");
        assertThat(context.lastError()).hasValueSatisfying(e -> {
            assertThat(e.path()).isEqualTo("choose[2]\\otherwise[2]\\set-header[2]");
            assertThat(e.policyId()).isEqualTo("bad");
            assertThat(e.source()).isEqualTo("set-header");
        });
    }

    @Test
    void should_fail_the_forward_when_no_backend_is_known() throws Exception {
        PolicyContext bare = new PolicyContext(FakeGateway.request("GET", "/x", ""), FakeGateway.identity(),
                java.util.UUID.randomUUID(), gateway.clock.instant());
        GatewayResponse r = Policy.parse("<policies><backend><base /></backend></policies>", "p.xml")
                .execute(bare, gateway);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(bare.lastError()).hasValueSatisfying(e ->
                assertThat(e.reason()).isEqualTo("BackendConnectionFailure"));
    }

    @Test
    void should_choose_the_first_true_branch_when_several_match() throws Exception {
        run("""
                <policies><inbound><choose>
                  <when condition="@(1 == 2)"><set-variable name="r" value="first" /></when>
                  <when condition="true"><set-variable name="r" value="second" /></when>
                  <when condition="@(true)"><set-variable name="r" value="third" /></when>
                  <otherwise><set-variable name="r" value="otherwise" /></otherwise>
                </choose></inbound></policies>""");
        assertThat(context.variables()).containsEntry("r", "second");
    }
}
