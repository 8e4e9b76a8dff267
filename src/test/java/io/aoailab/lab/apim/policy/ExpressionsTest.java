package io.aoailab.lab.apim.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every supported expression form, run through a policy exactly as a user writes it: the expression sits raw in an
 * attribute ({@code value="@(...)"}, quotes unescaped as APIM's editor accepts) and its value lands in a variable.
 */
class ExpressionsTest {
    private final FakeGateway gateway = new FakeGateway();
    private GatewayRequest request = FakeGateway.request("POST", "/responses?api-version=2025-04-01&x=1",
            "{\"model\":\"gpt-4o\",\"previous_response_id\":\"resp_abc\",\"input\":\"hi\",\"n\":3}",
            "Content-Type", "application/json", "x-tenant", "contoso", "x-multi", "a", "x-multi", "b");
    private PolicyContext context;

    private Object eval(String expression) throws PolicyException {
        return eval(expression, "");
    }

    // runs <set-variable name="r" value="EXPR"/> after the given inbound steps, returns the variable
    private Object eval(String expression, String before) throws PolicyException {
        Policy policy = Policy.parse("<policies><inbound>" + before + "<set-variable name=\"r\" value=\""
                + expression + "\" /></inbound></policies>", "expr.xml");
        context = FakeGateway.context(request);
        policy.execute(context, gateway);
        assertThat(context.lastError()).as("evaluation error").isEmpty();
        return context.variables().get("r");
    }

    // the LastError.Message of an expression that fails at run time
    private String failure(String expression) throws PolicyException {
        Policy policy = Policy.parse("<policies><inbound><set-variable name=\"r\" value=\"" + expression
                + "\" /></inbound></policies>", "expr.xml");
        context = FakeGateway.context(request);
        GatewayResponse answer = policy.execute(context, gateway);
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(context.lastError()).isPresent();
        assertThat(context.lastError().get().reason()).isEqualTo("ExpressionValueEvaluationFailure");
        assertThat(context.lastError().get().source()).isEqualTo("set-variable");
        return context.lastError().get().message();
    }

    @Test
    void should_read_literals_with_csharp_escapes_when_strings_are_regular_or_verbatim() throws Exception {
        assertThat(eval("@(\"a\\tb\\\"c\\u0041\")")).isEqualTo("a\tb\"cA");
        assertThat(eval("@(@\"C:\\dir\"\"q\"\"\")")).isEqualTo("C:\\dir\"q\"");
        assertThat(eval("@(42)")).isEqualTo(42);
        assertThat(eval("@(5000000000)")).isEqualTo(5_000_000_000L);
        assertThat(eval("@(7L)")).isEqualTo(7L);
        assertThat(eval("@(2.5)")).isEqualTo(2.5);
        assertThat(eval("@(true)")).isEqualTo(true);
        assertThat(eval("@(null)")).isNull();
        assertThat(eval("@('x'.ToString())")).isEqualTo("x");
    }

    @Test
    void should_keep_a_literal_value_as_a_string_when_no_expression_is_given() throws Exception {
        assertThat(eval("42")).isEqualTo("42");
    }

    @Test
    void should_follow_csharp_precedence_and_arithmetic_when_operators_mix() throws Exception {
        assertThat(eval("@(1 + 2 * 3)")).isEqualTo(7);
        assertThat(eval("@((1 + 2) * 3)")).isEqualTo(9);
        assertThat(eval("@(7 / 2)")).isEqualTo(3);
        assertThat(eval("@(7 % 3)")).isEqualTo(1);
        assertThat(eval("@(7.0 / 2)")).isEqualTo(3.5);
        assertThat(eval("@(-3 + 1L)")).isEqualTo(-2L);
        assertThat(eval("@(\"n=\" + 1 + true + 1.5 + 2.0)")).isEqualTo("n=1True1.52");
        assertThat(eval("@(1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4 == false)")).isEqualTo(true);
        assertThat(eval("@(!(1 == 1) || 1 != 2)")).isEqualTo(true);
    }

    @Test
    void should_choose_and_coalesce_when_conditional_and_null_coalescing_operators_are_used() throws Exception {
        assertThat(eval("@(context.Request.Method == \"POST\" ? \"write\" : \"read\")")).isEqualTo("write");
        assertThat(eval("@(context.Request.Headers.GetValueOrDefault(\"absent\") ?? \"fallback\")"))
                .isEqualTo("fallback");
        assertThat(eval("@(null ?? null ?? \"third\")")).isEqualTo("third");
    }

    @Test
    void should_interpolate_strings_when_holes_hold_expressions() throws Exception {
        assertThat(eval("@($\"{context.Request.Method}:{1 + 1}:{{x}}\")")).isEqualTo("POST:2:{x}");
    }

    @Test
    void should_read_the_request_when_expressions_use_the_context_request_surface() throws Exception {
        assertThat(eval("@(context.Request.Url.Host)")).isEqualTo("apim.example");
        assertThat(eval("@(context.Request.Url.Path)")).isEqualTo("/openai/responses");
        assertThat(eval("@(context.Request.Url.Port)")).isEqualTo(443);
        assertThat(eval("@(context.Request.Url.Scheme)")).isEqualTo("https");
        assertThat(eval("@(context.Request.Url.QueryString)")).isEqualTo("?api-version=2025-04-01&x=1");
        assertThat(eval("@(context.Request.Url.Query.GetValueOrDefault(\"api-version\", \"\"))"))
                .isEqualTo("2025-04-01");
        assertThat(eval("@(context.Request.OriginalUrl.ToString())"))
                .isEqualTo("https://apim.example/openai/responses?api-version=2025-04-01&x=1");
        assertThat(eval("@(context.Request.IpAddress)")).isEqualTo("203.0.113.7");
        assertThat(eval("@(context.Request.Headers.GetValueOrDefault(\"X-TENANT\", \"\"))")).isEqualTo("contoso");
        assertThat(eval("@(context.Request.Headers.GetValueOrDefault(\"x-multi\", \"\"))")).isEqualTo("a,b");
        assertThat(eval("@(context.Request.Headers.ContainsKey(\"x-tenant\"))")).isEqualTo(true);
        assertThat(eval("@(context.Request.Headers[\"x-multi\"][1])")).isEqualTo("b");
        assertThat(eval("@(context.Request.Headers[\"x-multi\"].Length)")).isEqualTo(2);
    }

    @Test
    void should_read_matched_parameters_when_the_operation_has_a_template() throws Exception {
        request = new GatewayRequest("GET", request.originalUrl(), request.headers(), new byte[0], "203.0.113.7",
                "/responses/resp_1", Map.of("response_id", "resp_1"));
        assertThat(eval("@(context.Request.MatchedParameters[\"response_id\"])")).isEqualTo("resp_1");
        assertThat(eval("@(context.Request.MatchedParameters.GetValueOrDefault(\"other\", \"-\"))")).isEqualTo("-");
        assertThat(eval("@(context.Request.Body == null)")).isEqualTo(true);
    }

    @Test
    void should_read_the_gateway_surface_when_expressions_use_context_members() throws Exception {
        assertThat(eval("@(context.RequestId.ToString())")).isEqualTo("00000000-0000-0000-0000-00000000abcd");
        assertThat(eval("@(context.RequestId)")).isEqualTo(UUID.fromString("00000000-0000-0000-0000-00000000abcd"));
        assertThat(eval("@(context.Timestamp)")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(eval("@(context.Subscription.Id + \"/\" + context.Subscription.Name)")).isEqualTo("sub-1/Team A");
        assertThat(eval("@(context.Product.Id)")).isEqualTo("starter");
        assertThat(eval("@(context.Api.Id + context.Api.Path + context.Api.Name)")).isEqualTo("openaiopenaiopenai");
        assertThat(eval("@(context.Operation.Id)")).isEqualTo("create-response");
        assertThat(eval("@(context.Deployment.Region + \"|\" + context.Deployment.ServiceName)"))
                .isEqualTo("West Europe|apim-lab");
        assertThat(eval("@(context.Response == null)")).isEqualTo(true);
        assertThat(eval("@(context.LastError == null)")).isEqualTo(true);
    }

    @Test
    void should_measure_elapsed_time_when_the_gateway_clock_moves() throws Exception {
        gateway.clock.advance(Duration.ofMillis(1500));
        assertThat(eval("@(context.Elapsed.TotalMilliseconds)")).isEqualTo(1500.0);
        assertThat(eval("@(DateTime.UtcNow.ToString(\"o\"))")).isEqualTo("2026-01-01T00:00:01.5000000Z");
        assertThat(eval("@((DateTime.UtcNow - context.Timestamp).TotalSeconds > 1)")).isEqualTo(true);
    }

    @Test
    void should_give_each_string_method_its_dotnet_result_when_called_on_strings() throws Exception {
        assertThat(eval("@(\"Hello\".Contains(\"ell\"))")).isEqualTo(true);
        assertThat(eval("@(\"Hello\".StartsWith(\"he\"))")).isEqualTo(false);
        assertThat(eval("@(\"Hello\".StartsWith(\"he\", StringComparison.OrdinalIgnoreCase))")).isEqualTo(true);
        assertThat(eval("@(\"Hello\".EndsWith(\"LO\", System.StringComparison.OrdinalIgnoreCase))")).isEqualTo(true);
        assertThat(eval("@(\"Hello\".ToLower() + \"Hello\".ToUpper())")).isEqualTo("helloHELLO");
        assertThat(eval("@(\"  x  \".Trim() + \"|\")")).isEqualTo("x|");
        assertThat(eval("@(\"a,b,,c\".Split(',')[3])")).isEqualTo("c");
        assertThat(eval("@(\"a,b,,c\".Split(',').Length)")).isEqualTo(4);
        assertThat(eval("@(\"Bearer abc\".Substring(7))")).isEqualTo("abc");
        assertThat(eval("@(\"Hello\".Substring(1, 3))")).isEqualTo("ell");
        assertThat(eval("@(\"a-b-c\".Replace(\"-\", \"+\"))")).isEqualTo("a+b+c");
        assertThat(eval("@(\"Hello\".IndexOf(\"l\"))")).isEqualTo(2);
        assertThat(eval("@(\"Hello\".Length)")).isEqualTo(5);
        assertThat(eval("@(\"GET\".Equals(\"get\", StringComparison.OrdinalIgnoreCase))")).isEqualTo(true);
        assertThat(eval("@(\"GET\".Equals(\"get\"))")).isEqualTo(false);
    }

    @Test
    void should_call_static_helpers_when_expressions_use_string_int_convert_math_guid() throws Exception {
        assertThat(eval("@(string.IsNullOrEmpty(context.Request.Headers.GetValueOrDefault(\"absent\")))"))
                .isEqualTo(true);
        assertThat(eval("@(String.Format(\"{0}-{1}-{{2}}\", \"a\", 7))")).isEqualTo("a-7-{2}");
        assertThat(eval("@(int.Parse(\"41\") + 1)")).isEqualTo(42);
        assertThat(eval("@(Convert.ToInt32(\"12\") + Convert.ToInt32(2.5))")).isEqualTo(14);
        assertThat(eval("@(Math.Min(3, 9) + Math.Max(3, 9))")).isEqualTo(12);
        assertThat(eval("@(Guid.NewGuid().ToString().Length)")).isEqualTo(36);
        assertThat(eval("@(string.Join(\"/\", \"a,b\".Split(',')))")).isEqualTo("a/b");
    }

    @Test
    void should_read_json_bodies_when_the_body_is_read_as_jobject() throws Exception {
        assertThat(eval("@(context.Request.Body.As<JObject>(preserveContent: true)[\"model\"].ToString())"))
                .isEqualTo("gpt-4o");
        assertThat(eval("@((string)context.Request.Body.As<JObject>(preserveContent: true)[\"model\"])"))
                .isEqualTo("gpt-4o");
        assertThat(eval("@(context.Request.Body.As<JObject>(true).Value<string>(\"previous_response_id\"))"))
                .isEqualTo("resp_abc");
        assertThat(eval("@((int)context.Request.Body.As<JObject>(preserveContent: true)[\"n\"] * 2)")).isEqualTo(6);
        assertThat(eval("@(context.Request.Body.As<JObject>(preserveContent: true)[\"absent\"]?.ToString())"))
                .isNull();
        assertThat(eval("@(context.Request.Body.As<JObject>(preserveContent: true).ContainsKey(\"input\"))"))
                .isEqualTo(true);
        assertThat(eval("@(JObject.Parse(\"{\\\"a\\\":{\\\"b\\\":[1,2]}}\")[\"a\"][\"b\"][1].ToString())"))
                .isEqualTo("2");
        assertThat(eval("@(JObject.Parse(\"{\\\"a\\\":1}\").ToString(Newtonsoft.Json.Formatting.None))"))
                .isEqualTo("{\"a\":1}");
        assertThat(eval("@(JObject.Parse(\"{\\\"a\\\":1}\").ToString())")).isEqualTo("{\r\n  \"a\": 1\r\n}");
        assertThat(eval("@(context.Request.Body.As<string>(preserveContent: true).Contains(\"gpt-4o\"))"))
                .isEqualTo(true);
        assertThat(eval("@(context.Request.Body.As<JObject>(preserveContent: true))")).isInstanceOf(JsonNode.class);
    }

    @Test
    void should_consume_the_body_when_it_is_read_without_preserve_content() throws Exception {
        // WHEN the body is read without preserveContent, then forwarded
        gateway.script("default", FakeGateway.answer(200, "{}"));
        Policy policy = Policy.parse("""
                <policies>
                  <inbound><set-variable name="model" value="@((string)context.Request.Body.As<JObject>()["model"])" /></inbound>
                  <backend><base /></backend>
                </policies>""", "consume.xml");
        PolicyContext c = FakeGateway.context(request);
        policy.execute(c, gateway);

        // THEN the value was read, and the backend got an empty body, as in APIM
        assertThat(c.variables()).containsEntry("model", "gpt-4o");
        assertThat(gateway.forwards.get(0).body()).isEmpty();
    }

    @Test
    void should_run_statement_blocks_when_the_expression_is_a_code_block() throws Exception {
        String block = """
                @{
                    var body = context.Request.Body.As<JObject>(preserveContent: true);
                    string id = (string)body["previous_response_id"];
                    int turns = 0;
                    if (id != null && id.StartsWith("resp_")) {
                        turns += 2;
                    } else {
                        turns = -1;
                    }
                    body["model"] = "gpt-4o-mini";
                    body.Remove("n");
                    return id + ":" + turns + ":" + body.ToString(Newtonsoft.Json.Formatting.None);
                }""";
        assertThat(eval(block)).isEqualTo(
                "resp_abc:2:{\"model\":\"gpt-4o-mini\",\"previous_response_id\":\"resp_abc\",\"input\":\"hi\"}");
    }

    @Test
    void should_type_variables_when_get_value_or_default_finds_them() throws Exception {
        String set = "<set-variable name=\"count\" value=\"@(3)\" /><set-variable name=\"text\" value=\"3\" />";
        assertThat(eval("@(context.Variables.GetValueOrDefault<int>(\"count\") + 1)", set)).isEqualTo(4);
        assertThat(eval("@(context.Variables.GetValueOrDefault<string>(\"text\"))", set)).isEqualTo("3");
        assertThat(eval("@(context.Variables.GetValueOrDefault<string>(\"absent\", \"d\"))", set)).isEqualTo("d");
        assertThat(eval("@(context.Variables.GetValueOrDefault(\"absent\", \"d2\"))", set)).isEqualTo("d2");
        assertThat(eval("@(context.Variables.GetValueOrDefault<int>(\"absent\"))", set)).isEqualTo(0);
        assertThat(eval("@(context.Variables.ContainsKey(\"count\"))", set)).isEqualTo(true);
        assertThat(eval("@((string)context.Variables[\"text\"] + \"!\")", set)).isEqualTo("3!");
        assertThat(eval("@(context.Variables[\"count\"] is int)", set)).isEqualTo(true);
        assertThat(eval("@(context.Variables[\"count\"] as string)", set)).isNull();
    }

    @Test
    void should_fail_like_apim_when_get_value_or_default_meets_another_type() throws Exception {
        request = FakeGateway.request("GET", "/x", "");
        Policy policy = Policy.parse("""
                <policies><inbound>
                  <set-variable name="text" value="3" />
                  <set-variable name="r" value="@(context.Variables.GetValueOrDefault<int>(&quot;text&quot;))" />
                </inbound></policies>""", "mismatch.xml");
        PolicyContext c = FakeGateway.context(request);
        policy.execute(c, gateway);
        assertThat(c.lastError()).isPresent();
        assertThat(c.lastError().get().message()).isEqualTo("Expression evaluation failed. Unable to cast object "
                + "of type 'System.String' to type 'System.Int32'.");
    }

    @Test
    void should_short_circuit_null_conditional_access_when_the_receiver_is_null() throws Exception {
        assertThat(eval("@(context.Response?.StatusCode)")).isNull();
        assertThat(eval("@(context.Response?.Headers.GetValueOrDefault(\"x\", \"\") ?? \"none\")")).isEqualTo("none");
        assertThat(eval("@(context.Variables.GetValueOrDefault<JObject>(\"absent\")?[\"x\"])")).isNull();
        assertThat(eval("@(context.Request.Body?.As<JObject>(preserveContent: true)?[\"input\"]?.ToString())"))
                .isEqualTo("hi");
    }

    @Test
    void should_raise_expression_failures_when_values_are_null_or_of_the_wrong_type() throws Exception {
        assertThat(failure("@(context.Response.StatusCode)"))
                .isEqualTo("Expression evaluation failed. Object reference not set to an instance of an object.");
        assertThat(failure("@((int)context.Request.Method)"))
                .isEqualTo("Expression evaluation failed. Unable to cast object of type 'System.String' to type "
                        + "'System.Int32'.");
        assertThat(failure("@(context.Variables[\"absent\"])"))
                .isEqualTo("Expression evaluation failed. The given key 'absent' was not present in the dictionary.");
        assertThat(failure("@(int.Parse(\"x1\"))"))
                .isEqualTo("Expression evaluation failed. The input string 'x1' was not in a correct format.");
        assertThat(failure("@(1 / (context.Request.Method.Length - 4))"))
                .isEqualTo("Expression evaluation failed. Attempted to divide by zero.");
        assertThat(failure("@((string)context.Request.Body.As<JObject>(preserveContent: true))"))
                .isEqualTo("Expression evaluation failed. Can not convert Object to String.");
    }

    @Test
    void should_read_expressions_with_escaped_quotes_when_the_policy_was_exported_as_xml() throws Exception {
        assertThat(eval("@(context.Request.Headers.GetValueOrDefault(&quot;x-tenant&quot;, &quot;&quot;) == "
                + "&quot;contoso&quot; &amp;&amp; 1 &lt; 2)")).isEqualTo(true);
    }
}
