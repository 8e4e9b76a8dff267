package io.aoailab.lab.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTest {

    @ParameterizedTest
    @CsvSource({
        "POST, /openai/responses, CREATE, POST /openai/responses",
        "POST, /openai/v1/responses, CREATE, POST /openai/v1/responses",
        "GET, /openai/responses/resp_1, GET, GET /openai/responses/{response_id}",
        "DELETE, /openai/v1/responses/resp_1, DELETE, DELETE /openai/v1/responses/{response_id}",
        "GET, /openai/responses/resp_1/input_items, LIST_INPUT_ITEMS, GET /openai/responses/{response_id}/input_items"})
    void should_match_the_operation_and_its_template_when_the_path_is_a_responses_route(String method, String path,
            Operation operation, String template) {
        // WHEN
        Route route = Route.match(method, path).orElseThrow();

        // THEN
        assertThat(route.operation()).isEqualTo(operation);
        assertThat(route.template()).isEqualTo(template);
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /openai/deployments/gpt-4o/responses",
        "GET, /openai/responses",
        "POST, /openai/responses/resp_1",
        "POST, /openai/v1/responses/resp_1/cancel",
        "GET, /openai/v2/responses/resp_1",
        "POST, /responses"})
    void should_match_nothing_when_the_path_or_method_is_not_a_responses_route(String method, String path) {
        assertThat(Route.match(method, path)).isEmpty();
    }

    @Test
    void should_carry_the_response_id_when_the_path_names_one() {
        assertThat(Route.match("GET", "/openai/v1/responses/resp_abc/input_items").orElseThrow().responseId())
                .isEqualTo("resp_abc");
    }
}
