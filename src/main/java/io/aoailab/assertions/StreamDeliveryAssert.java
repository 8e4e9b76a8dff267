package io.aoailab.assertions;

import io.aoailab.access.CallRecord;
import io.aoailab.access.StreamTrace;
import java.time.Duration;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * Whether a streamed answer reached the client as it was generated, judged by when its events arrived off the
 * connection: a stream delivered as it is generated spreads its text deltas over the time the model takes to write
 * them; one held back and released at once arrives in a block, which is what a gateway that buffers responses does
 * (APIM's {@code forward-request} by default: docs/apim-gateway.md §2.3). Arrival, not consumption: the suite reads
 * the body off the connection as it comes ({@code ReadAheadInputStream}), so a slow reader (a cold JVM
 * deserialising its first events) can neither make a buffered stream look paced nor a paced one look buffered.
 *
 * <p><b>The tolerance.</b> The terminal event must arrive at least {@link #MINIMUM_SPREAD} after the first text delta.
 * Released at once, the two arrive in the same block, microseconds apart; generated, a reply of a few dozen tokens
 * takes hundreds of milliseconds on Azure and, at the lab's default pace, tens.
 *
 * <pre>{@code
 * StreamDeliveryAssert.assertThat(call.record()).wasDeliveredAsGenerated();
 * // Expecting the stream of POST .../openai/responses through APIM to arrive as it was generated ...
 * // but its first text delta and its end arrived 0.3 ms apart: it was held back and released at once. ...
 * }</pre>
 */
public final class StreamDeliveryAssert extends AbstractAssert<StreamDeliveryAssert, CallRecord> {
    /** How long after the first text delta the end of the stream must arrive. */
    public static final Duration MINIMUM_SPREAD = Duration.ofMillis(10);

    private StreamDeliveryAssert(CallRecord call) {
        super(call, StreamDeliveryAssert.class);
    }

    public static StreamDeliveryAssert assertThat(CallRecord call) {
        return new StreamDeliveryAssert(call);
    }

    /** The stream's first text delta arrived at least {@link #MINIMUM_SPREAD} before its end. */
    public StreamDeliveryAssert wasDeliveredAsGenerated() {
        isNotNull();
        StreamTrace trace = actual.stream().orElseThrow(() -> new AssertionError(String.format(
                "%nExpecting %s %s on %s to be an event stream,%nbut it answered %d without one.", actual.method(),
                actual.url(), actual.path(), actual.status())));
        Duration spread = trace.deliverySpread().orElseThrow(() -> new AssertionError(String.format(
                "%nExpecting the stream of %s on %s to carry a text delta and a terminal event,%nbut it carried %s",
                actual.url(), actual.path(), trace.events())));
        if (spread.compareTo(MINIMUM_SPREAD) < 0) {
            failWithMessage("%nExpecting the stream of %s %s on %s to arrive as it was generated (its end at least"
                    + " %d ms after its first text delta),%nbut its first text delta and its end arrived %s ms apart:"
                    + " the stream was held back and released at once.%n%s", actual.method(), actual.url(), actual.path(),
                    MINIMUM_SPREAD.toMillis(), String.format(Locale.ROOT, "%.1f", spread.toNanos() / 1e6),
                    cause(actual.path()));
        }
        return myself;
    }

    // a path's name starts with its way in: apim[<client>] (AccessPath#name)
    private static String cause(String path) {
        if (path.startsWith("apim[")) {
            return "Through APIM, that is what forward-request does unless the policy sets buffer-response=\"false\""
                    + " (by default it returns chunks in 8 KB blocks, and a short stream all at its end), or what an"
                    + " outbound policy that reads the response body does: set buffer-response=\"false\" and keep"
                    + " outbound policies away from the body of streamed calls (docs/apim-gateway.md §2.3).";
        }
        return "An Azure OpenAI account streams as it generates: something between the suite and the account held the"
                + " stream back (a buffering proxy or gateway on the way).";
    }
}
