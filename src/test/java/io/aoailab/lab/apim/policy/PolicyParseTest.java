package io.aoailab.lab.apim.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policies the lab refuses to load, each with the exact message: source, line, construct, problem, fix. */
class PolicyParseTest {

    private static String inbound(String body) {
        return "<policies>\n<inbound>\n" + body + "\n</inbound>\n</policies>";
    }

    private static String messageOf(String xml) {
        try {
            Policy.parse(xml, "p.xml");
        } catch (PolicyException e) {
            return e.getMessage();
        }
        throw new AssertionError("Expecting the policy to be refused:\n" + xml);
    }

    @Test
    void should_refuse_an_unknown_element_when_it_appears_anywhere() {
        assertThat(messageOf(inbound("<base />\n<set-headr name=\"a\" />"))).isEqualTo(
                "p.xml:4: set-headr: unknown policy element. Fix: remove it, or use one of authentication-managed-identity, "
                        + "azure-openai-emit-token-metric, azure-openai-token-limit, base, cache-lookup-value, "
                        + "cache-remove-value, cache-store-value, choose, forward-request, llm-emit-token-metric, "
                        + "llm-token-limit, rate-limit-by-key, retry, return-response, set-backend-service, set-body, "
                        + "set-header, set-status, set-variable (docs/apim-gateway.md §2).");
    }

    @Test
    void should_name_an_apim_policy_the_lab_does_not_run_when_it_is_used() {
        assertThat(messageOf(inbound("<validate-jwt header-name=\"Authorization\" />")))
                .startsWith("p.xml:3: validate-jwt: policy 'validate-jwt' is not supported by the lab. Fix: remove it");
    }

    @Test
    void should_refuse_an_unknown_attribute_when_a_supported_element_has_one() {
        assertThat(messageOf(inbound("<set-header name=\"a\"\n   exist-action=\"delete\" />")))
                .isEqualTo("p.xml:4: set-header: unknown attribute 'exist-action'. Fix: use one of exists-action, id, "
                        + "name.");
    }

    @Test
    void should_refuse_a_second_forward_request_when_a_document_has_two() {
        // the shape of the recommended policy before it had one forward-request (docs/apim-gateway.md §2.3)
        assertThat(messageOf("<policies>\n<backend>\n<choose>\n<when condition=\"@(true)\">\n"
                + "<forward-request />\n</when>\n<otherwise>\n<retry condition=\"false\" count=\"1\" interval=\"0\">\n"
                + "<forward-request />\n</retry>\n</otherwise>\n</choose>\n</backend>\n</policies>"))
                .isEqualTo("p.xml:9: forward-request: a second forward-request in the document (the first is on line 5);"
                        + " APIM allows one per policy document. Fix: keep one forward-request, e.g. inside one <retry>"
                        + " whose condition decides whether to try again, with a <choose> around set-backend-service to"
                        + " pick the backend.");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
        "<forward-request />|inbound|move it to <backend>",
        "<authentication-managed-identity resource=\"r\" />|outbound|move it to <inbound>",
        "<rate-limit-by-key calls=\"1\" renewal-period=\"1\" counter-key=\"k\" />|backend|move it to <inbound>",
        "<set-body>x</set-body>|on-error|move it to <inbound> or <backend> or <outbound>",
        "<set-backend-service backend-id=\"b\" />|outbound|move it to <inbound> or <backend>",
        "<azure-openai-token-limit counter-key=\"k\" tokens-per-minute=\"1\" estimate-prompt-tokens=\"false\" />|on-error|move it to <inbound>",
    })
    void should_refuse_an_element_when_its_section_does_not_allow_it(String element, String section, String fix) {
        String xml = "<policies>\n<" + section + ">\n" + element + "\n</" + section + ">\n</policies>";
        String name = element.substring(1, element.indexOf(' ') > 0 && element.indexOf(' ') < element.indexOf('>')
                ? element.indexOf(' ') : element.indexOf('>'));
        assertThat(messageOf(xml)).isEqualTo("p.xml:3: " + name + ": not allowed in section '" + section
                + "'. Fix: " + fix + ".");
    }

    @Test
    void should_refuse_a_misplaced_element_when_it_is_nested_inside_choose() {
        assertThat(messageOf(inbound("<choose>\n<when condition=\"@(true)\">\n<forward-request />\n</when>\n"
                + "</choose>"))).isEqualTo("p.xml:5: forward-request: not allowed in section 'inbound'. Fix: move it "
                + "to <backend>.");
    }

    @Test
    void should_report_the_line_of_the_construct_when_an_expression_block_spans_lines() {
        String xml = inbound("<set-variable name=\"v\" value=\"@{\n  var a = 1;\n  return a.PadLeft(2);\n}\" />");
        assertThat(messageOf(xml)).isEqualTo("p.xml:5: expression '@{ var a = 1; return a.PadLeft(2); }': method "
                + "'PadLeft' of int is not supported by the lab. Fix: use a supported member of int (docs/apim-gateway.md "
                + "§3.1).");
    }

    @Test
    void should_refuse_an_expression_when_it_is_in_element_text() {
        assertThat(messageOf(inbound("<set-header name=\"a\">\n  <value>@(new JObject().ToString())</value>\n"
                + "</set-header>"))).startsWith("p.xml:4: expression '@(new JObject().ToString())': 'new' expression "
                + "is not supported by the lab. Fix: ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "<set-variable value=\"1\" />|p.xml:3: set-variable: attribute 'name' is required. Fix: add name=\"...\".",
        "<set-variable name=\"@(1)\" value=\"1\" />|p.xml:3: set-variable: attribute 'name' does not accept policy expressions. Fix: write a literal value.",
        "<choose />|p.xml:3: choose: at least one <when> is required. Fix: add <when condition=\"@(...)\">.",
        "<set-header name=\"a\" exists-action=\"replace\" />|p.xml:3: set-header: exists-action 'replace' is not one of override, skip, append, delete. Fix: use one of them.",
        "<set-header name=\"Content-Length\"><value>1</value></set-header>|p.xml:3: set-header: header 'Content-Length' cannot be modified by set-header (docs/apim-gateway.md §2.5). Fix: remove this set-header.",
        "<retry condition=\"true\" count=\"51\" interval=\"0\"><set-variable name=\"a\" value=\"1\" /></retry>|p.xml:3: retry: attribute 'count' must be between 1 and 50, not 51. Fix: choose a value in range.",
        "<retry condition=\"yes\" count=\"1\" interval=\"0\"><set-variable name=\"a\" value=\"1\" /></retry>|p.xml:3: retry: attribute 'condition' must be true, false or an expression, not 'yes'. Fix: write true, false or @(...).",
        "<set-backend-service backend-id=\"a\" base-url=\"https://b\" />|p.xml:3: set-backend-service: exactly one of backend-id and base-url is required. Fix: keep backend-id=\"pool-or-backend\" or base-url=\"https://...\".",
        "<set-backend-service sf-partition-key=\"a\" backend-id=\"b\" />|p.xml:3: set-backend-service: unknown attribute 'sf-partition-key'. Fix: use one of backend-id, base-url, id.",
        "<rate-limit-by-key calls=\"5\" renewal-period=\"301\" counter-key=\"k\" />|p.xml:3: rate-limit-by-key: attribute 'renewal-period' must be between 1 and 300, not 301. Fix: choose a value in range.",
        "<llm-token-limit counter-key=\"k\" estimate-prompt-tokens=\"false\" />|p.xml:3: llm-token-limit: either tokens-per-minute or token-quota with token-quota-period is required. Fix: add tokens-per-minute=\"...\".",
        "<azure-openai-token-limit counter-key=\"k\" tokens-per-minute=\"5\" />|p.xml:3: azure-openai-token-limit: attribute 'estimate-prompt-tokens' is required. Fix: add estimate-prompt-tokens=\"true\" or \"false\".",
        "<azure-openai-token-limit counter-key=\"k\" tokens-per-minute=\"5\" estimate-prompt-tokens=\"false\" token-quota=\"5\" />|p.xml:3: azure-openai-token-limit: unknown attribute 'token-quota'. Fix: use one of counter-key, estimate-prompt-tokens, id, remaining-tokens-header-name, remaining-tokens-variable-name, retry-after-header-name, retry-after-variable-name, tokens-consumed-header-name, tokens-consumed-variable-name, tokens-per-minute.",
        "<llm-emit-token-metric><dimension name=\"Custom\" /></llm-emit-token-metric>|p.xml:3: llm-emit-token-metric: dimension 'Custom' has no value and is not a default dimension. Fix: add value=\"...\", or use one of API ID, Gateway ID, Location, Operation ID, Product ID, Subscription ID, User ID.",
        "<cache-lookup-value key=\"k\" />|p.xml:3: cache-lookup-value: attribute 'variable-name' is required. Fix: add variable-name=\"...\".",
        "<authentication-managed-identity resource=\"r\" client-id=\"@(1)\" />|p.xml:3: authentication-managed-identity: attribute 'client-id' does not accept policy expressions. Fix: write a literal value.",
        "<return-response><set-variable name=\"a\" value=\"1\" /></return-response>|p.xml:3: return-response: unexpected child element <set-variable>. Fix: use <set-status>, <set-header> and <set-body> only.",
        "<set-body template=\"liquid\">{{x}}</set-body>|p.xml:3: set-body: template=\"liquid\" (Liquid templates) is not supported by the lab. Fix: build the body with a policy expression.",
    })
    void should_explain_the_fix_when_an_element_is_misconfigured(String element, String message) {
        assertThat(messageOf(inbound(element))).isEqualTo(message);
    }

    @Test
    void should_refuse_forward_request_options_the_lab_cannot_honour_when_given() {
        String xml = "<policies><backend>\n<forward-request timeout=\"5\" timeout-ms=\"5000\" />\n</backend></policies>";
        assertThat(messageOf(xml)).isEqualTo("p.xml:2: forward-request: timeout and timeout-ms are mutually exclusive. "
                + "Fix: keep one of them.");
        assertThat(messageOf("<policies><backend>\n<forward-request follow-redirects=\"true\" />\n</backend></policies>"))
                .isEqualTo("p.xml:2: forward-request: follow-redirects=\"true\" is not supported by the lab. Fix: "
                        + "remove it; backends' redirects go to the client.");
    }

    @Test
    void should_refuse_documents_that_are_not_policies_when_the_structure_is_wrong() {
        assertThat(messageOf("<policy />")).isEqualTo("p.xml:1: policy: the root element must be <policies>. Fix: "
                + "wrap the sections in <policies>...</policies>.");
        assertThat(messageOf("<policies>\n<inbound/>\n<inbound/>\n</policies>"))
                .isEqualTo("p.xml:3: inbound: section given twice. Fix: merge the two into one.");
        assertThat(messageOf("<policies>\n<outbund/>\n</policies>")).isEqualTo("p.xml:2: outbund: not a policy "
                + "section. Fix: use <inbound>, <backend>, <outbound> and <on-error> directly under <policies>.");
        assertThat(messageOf("<policies>\n<inbound>\n</outbound>\n</policies>")).isEqualTo("p.xml:3: inbound: end tag "
                + "</outbound> does not match <inbound>. Fix: close it with </inbound>.");
        assertThat(messageOf("<policies>\n<inbound>\n<set-variable name=\"a\" value=\"@(1 + (2)\" />\n</inbound>"
                + "</policies>")).startsWith("p.xml:3: set-variable: string literal in the expression not closed. Fix: close it "
                + "with \", and close the expression's brackets");
    }

    @Test
    void should_load_a_policy_when_it_uses_comments_cdata_and_raw_expressions() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="utf-8"?>
                <!-- a comment <with> markup -->
                <policies>
                  <inbound>
                    <!-- base is the global default -->
                    <base />
                    <set-variable name="a" value='@(context.Request.Headers.GetValueOrDefault("x", "<none>") != "" && true)' />
                    <set-header name="b" exists-action="override">
                      <value>@{ return "a<b" + "}"; }</value>
                    </set-header>
                  </inbound>
                  <outbound><set-body><![CDATA[<raw & text>]]></set-body></outbound>
                </policies>
                """;
        Policy policy = Policy.parse(xml, "ok.xml");
        assertThat(policy.source()).isEqualTo("ok.xml");
    }

    @Test
    void should_keep_the_source_and_line_when_the_exception_is_inspected() {
        assertThatThrownBy(() -> Policy.parse(inbound("<wait />"), "file.xml"))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.source()).isEqualTo("file.xml");
                    assertThat(e.line()).isEqualTo(3);
                });
    }
}
