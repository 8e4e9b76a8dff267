package io.aoailab.lab.apim.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void should_run_a_simple_policy_when_everything_is_default() throws Exception {
        FakeGateway gw = new FakeGateway().script("default", FakeGateway.answer(200, "{\"id\":\"resp_1\"}",
                "x-ms-region", "East US"));
        Policy policy = Policy.parse("""
                <policies>
                  <inbound>
                    <base />
                    <set-header name="x-a" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault("x-in", "none"))</value></set-header>
                  </inbound>
                  <backend><base /></backend>
                  <outbound><set-header name="x-region"><value>@(context.Response.Headers.GetValueOrDefault("x-ms-region", ""))</value></set-header></outbound>
                </policies>
                """, "smoke.xml");
        GatewayResponse r = policy.execute(FakeGateway.context(FakeGateway.request("POST", "/responses", "{}")), gw);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().first("x-region")).contains("East US");
        assertThat(gw.forwards.get(0).request().headers().first("x-a")).contains("none");
    }
}
