package io.aoailab.lab.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StorageXmlTest {

    @Test
    void should_start_with_the_byte_order_mark_and_storage_s_declaration() {
        // WHEN
        byte[] bytes = new StorageXml().element("Empty", null).bytes();

        // THEN
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?><Empty />");
    }

    @Test
    void should_escape_text_as_storage_does_when_it_holds_markup_characters() {
        // WHEN
        String text = text(new StorageXml().open("A", "k", "say \"hi\" & <go>").element("Etag", "\"0x1\"")
                .element("M", "that's <it> & more").close("A"));

        // THEN
        assertThat(text).endsWith("<A k=\"say &quot;hi&quot; &amp; &lt;go&gt;\"><Etag>\"0x1\"</Etag>"
                + "<M>that&apos;s &lt;it&gt; &amp; more</M></A>");
    }

    @Test
    void should_percent_encode_a_name_xml_cannot_carry() {
        // WHEN
        String text = text(new StorageXml().name("bad\u0001name ü").name("good name"));

        // THEN
        assertThat(text).endsWith("<Name Encoded=\"true\">bad%01name%20%C3%BC</Name><Name>good name</Name>");
    }

    private static String text(StorageXml xml) {
        byte[] bytes = xml.bytes();
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
}
