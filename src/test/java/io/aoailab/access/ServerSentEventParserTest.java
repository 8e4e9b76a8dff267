package io.aoailab.access;

import static io.aoailab.access.ResponsesWire.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventParserTest {
    private final List<String> events = new ArrayList<>();
    private final ServerSentEventParser parser = new ServerSentEventParser((name, data) -> events.add(name + "|" + data));

    private List<String> parse(byte[]... chunks) {
        for (byte[] chunk : chunks) {
            parser.accept(chunk, 0, chunk.length);
        }
        return events;
    }

    private static List<String> parseSplitAt(byte[] stream, int at) {
        ServerSentEventParserTest test = new ServerSentEventParserTest();
        test.parser.accept(stream, 0, at);
        test.parser.accept(stream, at, stream.length - at);
        return test.events;
    }

    @Test
    void should_find_the_same_events_wherever_the_chunks_split() {
        // CRLF, CR and LF line ends, a comment, two data lines and a two-byte character: every boundary a split
        // can fall on
        byte[] stream = bytes(": keep-alive\r\nevent: a\r\ndata: {\"x\":\"\u00e9\"}\r\n\r\nevent: b\rdata: 1\rdata: 2\r\r"
                + "data: last\n\n");
        List<String> whole = new ServerSentEventParserTest().parse(stream);

        assertThat(whole).containsExactly("a|{\"x\":\"\u00e9\"}", "b|1\n2", "|last");
        for (int at = 0; at <= stream.length; at++) {
            assertThat(parseSplitAt(stream, at)).as("split at byte %d", at).isEqualTo(whole);
        }
        ServerSentEventParserTest byteByByte = new ServerSentEventParserTest();
        for (int i = 0; i < stream.length; i++) {
            byteByByte.parser.accept(stream, i, 1);
        }
        assertThat(byteByByte.events).isEqualTo(whole);
    }

    @Test
    void should_join_data_lines_with_line_feeds() {
        assertThat(parse(bytes("data: {\"type\":\ndata:\"x\"}\n\n"))).containsExactly("|{\"type\":\n\"x\"}");
    }

    @Test
    void should_take_one_space_after_the_colon_as_syntax() {
        assertThat(parse(bytes("event:a\ndata:  two spaces\n\n"))).containsExactly("a| two spaces");
    }

    @Test
    void should_ignore_comments_unknown_fields_and_events_without_data() {
        assertThat(parse(bytes(": comment\nid: 7\nretry: 10\n\nevent: empty\n\nevent: a\ndata: x\n\n")))
                .containsExactly("a|x");
    }

    @Test
    void should_not_carry_an_event_name_into_the_next_event() {
        assertThat(parse(bytes("event: a\ndata: 1\n\ndata: 2\n\n"))).containsExactly("a|1", "|2");
    }

    @Test
    void should_drop_an_event_the_stream_ends_inside() {
        assertThat(parse(bytes("event: a\ndata: 1\n\nevent: b\ndata: 2\n"))).containsExactly("a|1");
    }

    @Test
    void should_ignore_a_byte_order_mark_before_the_first_line() {
        byte[] bom = bytes("\uFEFF");

        assertThat(parse(new byte[] {bom[0], bom[1]}, new byte[] {bom[2]}, bytes("data: x\n\n")))
                .containsExactly("|x");
    }
}
