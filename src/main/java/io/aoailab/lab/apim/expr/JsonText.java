package io.aoailab.lab.apim.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text as Newtonsoft writes it, since policies put {@code JObject.ToString()} into bodies and headers:
 * indented by two spaces with {@code "name": value} (the default), or compact with {@code Formatting.None}.
 * A string value alone ({@code JValue}) prints without quotes, as {@code JValue.ToString()} does.
 */
final class JsonText {
    // Newtonsoft ends lines with Environment.NewLine; APIM's managed gateway runs on Windows (INFERRED)
    private static final String NEWLINE = "\r\n";

    private JsonText() {
    }

    static String toString(JsonNode node, boolean indented) {
        if (node.isValueNode()) {
            return node.isTextual() ? node.textValue() : node.isNull() ? "" : node.isBoolean()
                    ? (node.booleanValue() ? "True" : "False") : node.toString();
        }
        if (!indented) {
            return node.toString();
        }
        StringBuilder out = new StringBuilder();
        write(node, out, 0);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out, int depth) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(NEWLINE).append("  ".repeat(depth + 1));
                out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(field.getKey())).append(": ");
                write(field.getValue(), out, depth + 1);
                if (fields.hasNext()) {
                    out.append(',');
                }
            }
            out.append(NEWLINE).append("  ".repeat(depth)).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(NEWLINE).append("  ".repeat(depth + 1));
                write(node.get(i), out, depth + 1);
                if (i < node.size() - 1) {
                    out.append(',');
                }
            }
            out.append(NEWLINE).append("  ".repeat(depth)).append(']');
        } else {
            out.append(node.toString());
        }
    }
}
