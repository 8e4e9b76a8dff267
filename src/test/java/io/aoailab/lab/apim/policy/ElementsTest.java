package io.aoailab.lab.apim.policy;

import static io.aoailab.lab.apim.policy.FakeGateway.answer;
import static io.aoailab.lab.apim.policy.FakeGateway.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each element's effect on the request, the response, variables and the gateway's services. */
class ElementsTest {
    private final FakeGateway gateway = new FakeGateway().script("default", answer(200, "{\"id\":\"resp_1\"}",
            "x-ms-region", "East US", "Set-Cookie", "a=1"));
    private PolicyContext context = FakeGateway.context(FakeGateway.request("POST", "/responses", "{\"input\":\"hi\"}",
            "api-key", "subscription-secret", "x-keep", "k", "x-list", "a"));

    private GatewayResponse run(String xml) throws PolicyException {
        return Policy.parse(xml, "elements.xml").execute(context, gateway);
    }

    private GatewayRequest forwarded() {
        assertThat(gateway.forwards).isNotEmpty();
        return gateway.forwards.get(gateway.forwards.size() - 1).request();
    }

    @Test
    void should_remove_the_subscription_key_when_set_header_deletes_it_in_inbound() throws Exception {
        run("<policies><inbound><set-header name=\"api-key\" exists-action=\"delete\" /></inbound>"
                + "<backend><base /></backend></policies>");
        assertThat(forwarded().headers().contains("api-key")).isFalse();
        assertThat(forwarded().headers().first("x-keep")).contains("k");
    }

    @Test
    void should_apply_each_exists_action_when_set_header_changes_the_request() throws Exception {
        run("""
                <policies><inbound>
                  <set-header name="x-keep" exists-action="skip"><value>ignored</value></set-header>
                  <set-header name="x-new" exists-action="skip"><value>added</value></set-header>
                  <set-header name="x-list" exists-action="append"><value>b</value><value>@("c")</value></set-header>
                  <set-header name="x-over"><value>1</value><value>2</value></set-header>
                  <set-header name="Retry-After" exists-action="append"><value>1</value><value>2</value></set-header>
                </inbound><backend><base /></backend></policies>""");
        HeaderMap h = forwarded().headers();
        assertThat(h.values("x-keep")).containsExactly("k");
        assertThat(h.values("x-new")).containsExactly("added");
        assertThat(h.values("x-list")).containsExactly("a,b,c");
        assertThat(h.values("x-over")).containsExactly("1,2");
        assertThat(h.values("Retry-After")).containsExactly("1", "2");
    }

    @Test
    void should_change_the_response_when_set_header_runs_in_outbound() throws Exception {
        GatewayResponse r = run("""
                <policies><backend><base /></backend><outbound>
                  <set-header name="x-backend-region" exists-action="override">
                    <value>@(context.Response.Headers.GetValueOrDefault("x-ms-region", "unknown"))</value>
                  </set-header>
                  <set-header name="Set-Cookie" exists-action="delete" />
                </outbound></policies>""");
        assertThat(r.headers().first("x-backend-region")).contains("East US");
        assertThat(r.headers().contains("Set-Cookie")).isFalse();
        assertThat(forwarded().headers().contains("x-backend-region")).isFalse();
    }

    @Test
    void should_fail_like_the_gateway_when_a_header_value_is_empty() throws Exception {
        run("<policies><inbound><set-header name=\"x\"><value>@(context.Request.Headers"
                + ".GetValueOrDefault(\"absent\", \"\"))</value></set-header></inbound></policies>");
        assertThat(context.lastError()).hasValueSatisfying(e ->
                assertThat(e.message()).isEqualTo("Header can't have empty value."));
    }

    @Test
    void should_route_to_the_backend_or_url_when_set_backend_service_runs() throws Exception {
        // GIVEN
        gateway.script("eastus", answer(200, "east")).script("westus.example", answer(200, "west"));

        // WHEN a backend id from an expression, then a base URL
        run("<policies><inbound><set-backend-service backend-id=\"@(&quot;east&quot; + &quot;us&quot;)\" />"
                + "</inbound><backend><base /></backend></policies>");
        context = FakeGateway.context(FakeGateway.request("GET", "/models", ""));
        GatewayResponse second = run("<policies><inbound><set-backend-service base-url=\"https://westus.example/openai\" />"
                + "</inbound><backend><base /></backend></policies>");

        // THEN
        assertThat(gateway.forwards.get(0).target()).isEqualTo(new BackendTarget.ById("eastus"));
        assertThat(gateway.forwards.get(1).target())
                .isEqualTo(new BackendTarget.ByUrl(java.net.URI.create("https://westus.example/openai")));
        assertThat(text(second)).isEqualTo("west");
        assertThat(context.backend()).contains(new BackendTarget.ByUrl(java.net.URI.create(
                "https://westus.example/openai")));
    }

    @Test
    void should_show_the_forwarded_url_when_outbound_reads_context_request_url() throws Exception {
        GatewayResponse r = run("<policies><backend><base /></backend><outbound><set-header name=\"x-backend\">"
                + "<value>@(context.Request.Url.Host)</value></set-header></outbound></policies>");
        assertThat(r.headers().first("x-backend")).contains("default.example");
    }

    @Test
    void should_authenticate_with_a_bearer_token_when_managed_identity_runs() throws Exception {
        run("<policies><inbound><authentication-managed-identity resource=\"https://cognitiveservices.azure.com\" />"
                + "</inbound><backend><base /></backend></policies>");
        assertThat(forwarded().headers().first("Authorization"))
                .contains("Bearer token-for-https://cognitiveservices.azure.com");
        assertThat(gateway.tokenResources).containsExactly("https://cognitiveservices.azure.com");
    }

    @Test
    void should_only_fill_the_variable_when_an_output_token_variable_is_named() throws Exception {
        run("<policies><inbound><authentication-managed-identity resource=\"r\" client-id=\"cid\" "
                + "output-token-variable-name=\"msi\" /></inbound><backend><base /></backend></policies>");
        assertThat(context.variables()).containsEntry("msi", "token-for-r");
        assertThat(forwarded().headers().contains("Authorization")).isFalse();
        assertThat(gateway.tokenResources).containsExactly("r|cid");
    }

    @Test
    void should_go_on_or_fail_when_no_token_comes_depending_on_ignore_error() throws Exception {
        gateway.tokensFail = true;
        GatewayResponse ignored = run("<policies><inbound><authentication-managed-identity resource=\"r\" "
                + "ignore-error=\"true\" /></inbound><backend><base /></backend></policies>");
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(forwarded().headers().contains("Authorization")).isFalse();

        context = FakeGateway.context(FakeGateway.request("GET", "/x", ""));
        GatewayResponse failed = run("<policies><inbound><authentication-managed-identity resource=\"r\" />"
                + "</inbound><backend><base /></backend></policies>");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(context.lastError()).hasValueSatisfying(e -> {
            assertThat(e.source()).isEqualTo("authentication-managed-identity");
            assertThat(e.message()).isEqualTo("Unable to acquire a managed identity token for resource 'r'.");
        });
    }

    @Test
    void should_rewrite_the_request_body_when_set_body_runs_in_inbound() throws Exception {
        run("""
                <policies><inbound>
                  <set-body>@{
                      var body = context.Request.Body.As<JObject>(preserveContent: true);
                      body["model"] = "gpt-4o";
                      return body.ToString(Newtonsoft.Json.Formatting.None);
                  }</set-body>
                </inbound><backend><base /></backend></policies>""");
        assertThat(new String(forwarded().body())).isEqualTo("{\"input\":\"hi\",\"model\":\"gpt-4o\"}");
    }

    @Test
    void should_change_status_and_body_when_set_status_and_set_body_run_in_outbound() throws Exception {
        GatewayResponse r = run("<policies><backend><base /></backend><outbound>"
                + "<set-status code=\"@(context.Response.StatusCode + 1)\" reason=\"Changed\" />"
                + "<set-body>{\"rewritten\": true}</set-body></outbound></policies>");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.statusReason()).isEqualTo("Changed");
        assertThat(text(r)).isEqualTo("{\"rewritten\": true}");
    }

    @Test
    void should_store_find_and_forget_values_when_the_cache_policies_run() throws Exception {
        // WHEN stored for 60 s, then looked up
        run("<policies><inbound><cache-store-value key=\"@(&quot;k-&quot; + context.Request.Method)\" "
                + "value=\"@(42)\" duration=\"60\" />"
                + "<cache-lookup-value key=\"k-POST\" variable-name=\"hit\" />"
                + "<cache-lookup-value key=\"absent\" variable-name=\"miss\" />"
                + "<cache-lookup-value key=\"absent\" variable-name=\"fallback\" default-value=\"none\" "
                + "caching-type=\"internal\" /></inbound></policies>");
        assertThat(context.variables()).containsEntry("hit", 42).containsEntry("fallback", "none")
                .doesNotContainKey("miss");

        // THEN it expires with the clock, and can be removed
        gateway.clock.advance(Duration.ofSeconds(61));
        assertThat(gateway.cache.lookup("k-POST")).isEmpty();
        gateway.cache.store("k2", "v", Duration.ofMinutes(1));
        context = FakeGateway.context(FakeGateway.request("GET", "/x", ""));
        run("<policies><inbound><cache-remove-value key=\"k2\" /></inbound></policies>");
        assertThat(gateway.cache.lookup("k2")).isEmpty();
    }

    @Test
    void should_pass_forward_options_when_forward_request_sets_them() throws Exception {
        run("<policies><backend><forward-request timeout-ms=\"1500\" buffer-request-body=\"true\" "
                + "buffer-response=\"false\" http-version=\"2or1\" /></backend></policies>");
        assertThat(gateway.forwards.get(0).options())
                .isEqualTo(new ForwardOptions(Duration.ofMillis(1500), true, false, false));
        context = FakeGateway.context(FakeGateway.request("GET", "/x", ""));
        run("<policies><backend><forward-request timeout=\"@(10 * 2)\" /></backend></policies>");
        assertThat(gateway.forwards.get(1).options().timeout()).isEqualTo(Duration.ofSeconds(20));
        // buffer-response is true unless a policy says otherwise (docs/apim-gateway.md §2.3)
        assertThat(gateway.forwards.get(1).options().bufferResponse()).isTrue();
    }

    @Test
    void should_go_to_on_error_with_the_backend_answer_when_fail_on_error_status_code_is_set() throws Exception {
        gateway.script("default", answer(404, "{\"error\":\"nope\"}"));
        GatewayResponse r = run("<policies><backend><forward-request fail-on-error-status-code=\"true\" /></backend>"
                + "<on-error><set-header name=\"x-err\"><value>@(context.LastError.Source)</value></set-header>"
                + "</on-error></policies>");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().first("x-err")).contains("forward-request");
        assertThat(text(r)).isEqualTo("{\"error\":\"nope\"}");
    }

    @Test
    void should_send_the_body_only_once_when_a_request_is_forwarded_twice_without_buffering() throws Exception {
        // GIVEN two forwards in a row, as a retry makes
        String twice = "<policies><backend><retry condition=\"true\" count=\"1\" interval=\"0\"><forward-request %s />"
                + "</retry></backend></policies>";

        // WHEN unbuffered, then buffered
        run(twice.formatted(""));
        List<String> unbuffered = gateway.forwards.stream().map(FakeGateway.Forward::body).toList();
        gateway.forwards.clear();
        context = FakeGateway.context(FakeGateway.request("POST", "/responses", "{\"input\":\"hi\"}"));
        run(twice.formatted("buffer-request-body=\"true\""));
        List<String> buffered = gateway.forwards.stream().map(FakeGateway.Forward::body).toList();

        // THEN the second unbuffered forward has no body, as in APIM (docs/apim-gateway.md §2.3)
        assertThat(unbuffered).containsExactly("{\"input\":\"hi\"}", "");
        assertThat(buffered).containsExactly("{\"input\":\"hi\"}", "{\"input\":\"hi\"}");
    }

    @Test
    void should_keep_the_type_of_an_expression_when_set_variable_stores_it() throws Exception {
        run("<policies><inbound><set-variable name=\"n\" value=\"@(1 + 1)\" /><set-variable name=\"s\" "
                + "value=\"1 + 1\" /><set-variable name=\"b\" value=\"@(context.Request.Method == &quot;POST&quot;)\" />"
                + "</inbound></policies>");
        assertThat(context.variables()).containsEntry("n", 2).containsEntry("s", "1 + 1").containsEntry("b", true);
    }
}
