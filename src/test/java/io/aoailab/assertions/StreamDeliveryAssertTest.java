package io.aoailab.assertions;

import static io.aoailab.access.StreamTraces.streamedCall;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.access.CallRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamDeliveryAssertTest {

    @Test
    void should_pass_a_stream_whose_end_arrived_the_tolerance_after_its_first_delta() {
        StreamDeliveryAssert.assertThat(streamedCall("apim[openai-java]", StreamDeliveryAssert.MINIMUM_SPREAD))
                .wasDeliveredAsGenerated();
    }

    @Test
    void should_fail_a_stream_released_in_one_block_naming_the_gateway_setting_through_apim() {
        assertThatThrownBy(() -> StreamDeliveryAssert.assertThat(streamedCall("apim[openai-java]", Duration.ZERO))
                .wasDeliveredAsGenerated())
                .hasMessageContaining("Expecting the stream of POST https://aoai.example/openai/responses on"
                        + " apim[openai-java] to"
                        + " arrive as it was generated (its end at least 10 ms after its first text delta),")
                .hasMessageContaining("but its first text delta and its end arrived 0.0 ms apart: the stream was"
                        + " held back and released at once.")
                .hasMessageContaining("buffer-response=\"false\"");
    }

    @Test
    void should_fail_just_under_the_tolerance_and_blame_the_way_in_on_a_direct_path() {
        assertThatThrownBy(() -> StreamDeliveryAssert.assertThat(streamedCall("direct(East US)[azure-ai-openai]",
                StreamDeliveryAssert.MINIMUM_SPREAD.minusNanos(100_000))).wasDeliveredAsGenerated())
                .hasMessageContaining("arrived 9.9 ms apart")
                .hasMessageContaining("something between the suite and the account held the stream back");
    }

    @Test
    void should_fail_a_stream_without_a_text_delta_or_without_an_end_saying_what_it_carried() {
        String created = "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0}\n\n";

        assertThatThrownBy(() -> StreamDeliveryAssert.assertThat(streamedCall("apim[openai-java]", created))
                .wasDeliveredAsGenerated())
                .hasMessageContaining("to carry a text delta and a terminal event,")
                .hasMessageContaining("but it carried [StreamedEvent[type=response.created, sequenceNumber=0]]");
    }

    @Test
    void should_fail_an_answer_that_was_not_a_stream() {
        CallRecord json = new CallRecord("apim", Instant.EPOCH, "POST", "https://aoai.example/openai/responses",
                200, Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(),
                CallRecord.BodySummary.NONE,
                Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> StreamDeliveryAssert.assertThat(json).wasDeliveredAsGenerated())
                .hasMessageContaining("to be an event stream,")
                .hasMessageContaining("but it answered 200 without one.");
    }
}
