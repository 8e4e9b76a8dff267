package io.aoailab.lab.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the XML Storage answers with, byte for byte in its style: the UTF-8 byte-order mark, then
 * {@code <?xml version="1.0" encoding="utf-8"?>}, then elements with no whitespace between them, empty elements
 * as {@code <Name />} (with the space, as in every List Blobs capture). In text, {@code '} is written {@code &apos;}
 * as in captured error messages ("that&amp;apos;s mandatory") while {@code "} stays as it is, as in every captured
 * List Containers {@code <Etag>"0x8D…"</Etag>}; in attributes {@code "} is {@code &quot;}. Sources in
 * {@link StorageErrors}.
 *
 * <p>Not thread-safe; one writer per answer.
 */
final class StorageXml {
    /** Storage's XML starts with a UTF-8 BOM (Azure/Azurite#2603, Azure/azure-sdk-for-rust#1092). */
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    private final StringBuilder out = new StringBuilder(DECLARATION);

    /** {@code <name attr="value" …>}; attributes come as name, value pairs. */
    StorageXml open(String name, String... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1], true))
                    .append('"');
        }
        out.append('>');
        return this;
    }

    StorageXml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}, or {@code <name />} when {@code text} is null or empty. */
    StorageXml element(String name, String text) {
        if (text == null || text.isEmpty()) {
            out.append('<').append(name).append(" />");
        } else {
            out.append('<').append(name).append('>').append(escape(text, false))
                    .append("</").append(name).append('>');
        }
        return this;
    }

    /**
     * A blob name. Names may hold characters XML 1.0 cannot carry (e.g. U+0001); Storage then writes
     * {@code <Name Encoded="true">} with the name percent-encoded (azure-rest-api-specs PR #16140, "List Blobs Fix for
     * Invalid XML Characters"; azure-storage-blob decodes {@code BlobName.encoded}).
     */
    StorageXml name(String name) {
        if (xmlSafe(name)) {
            return element("Name", name);
        }
        out.append("<Name Encoded=\"true\">").append(escape(percentEncode(name), false)).append("</Name>");
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    static String escape(String text, boolean attribute) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append(attribute ? "&quot;" : "\"");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    // XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    static boolean xmlSafe(String text) {
        return text.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF));
    }

    private static String percentEncode(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
            encoded.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return encoded.toString();
    }
}
