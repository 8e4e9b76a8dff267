package io.aoailab.lab.apim.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.lab.apim.expr.CsValues;
import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code set-body}: replaces the request body in inbound and backend, the response body in outbound, or the body of
 * the response return-response builds. The text is a literal or an expression; a JObject result is written as its
 * {@code ToString()}. Liquid templates ({@code template="liquid"}) are not supported; {@code xsi-nil} and
 * {@code parse-date} only matter for them and for XML, and are accepted.
 */
final class SetBody extends Step {
    private final Value body;

    private SetBody(Origin origin, Value body) {
        super(origin);
        this.body = body;
    }

    static SetBody load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "template", "xsi-nil", "parse-date");
        attrs.noChildrenButText(loader);
        if (attrs.has("template")) {
            throw attrs.error("template", "template=\"" + attrs.literal("template", false)
                    + "\" (Liquid templates) is not supported by the lab", "build the body with a policy expression");
        }
        String nil = attrs.literal("xsi-nil", false);
        if (nil != null && !nil.trim().toLowerCase(Locale.ROOT).matches("blank|null")) {
            throw attrs.error("xsi-nil", "xsi-nil must be blank or null, not '" + nil + "'", "use one of them");
        }
        attrs.literalBool("parse-date", true);
        return new SetBody(origin, SetHeader.text(element, loader, "set-body"));
    }

    byte[] bytes(Execution ex) throws PolicyFault {
        Object v = body.eval(ex, this);
        String text = v instanceof String s ? s : v instanceof JsonNode node && node.isValueNode() && !node.isTextual()
                ? node.toString() : CsValues.toDisplayString(v);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        byte[] bytes = bytes(ex);
        if (ex.section.changesRequest()) {
            ex.context.requestBody(bytes);
        } else {
            GatewayResponse r = ex.responseForWrite();
            ex.context.response(new GatewayResponse(r.statusCode(), r.statusReason(), r.headers(), bytes));
        }
    }
}
