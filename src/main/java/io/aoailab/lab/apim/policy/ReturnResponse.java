package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code return-response} (docs/apim-gateway.md §2.6): stops the pipeline and answers with a response built from the one in
 * {@code response-variable-name} (or an empty {@code 200 OK}) changed by its {@code set-status}, {@code set-header} and
 * {@code set-body} children. In inbound, backend and outbound nothing after it runs, outbound included.
 */
final class ReturnResponse extends Step {
    private final String variable;
    private final List<Step> children;

    private ReturnResponse(Origin origin, String variable, List<Step> children) {
        super(origin);
        this.variable = variable;
        this.children = children;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "response-variable-name");
        String variable = attrs.literal("response-variable-name", false);
        if (!element.text().isBlank()) {
            throw loader.error(element.textLine(), "return-response", "unexpected text",
                    "use <set-status>, <set-header> and <set-body> children");
        }
        List<Step> children = new ArrayList<>();
        int index = 0;
        for (Element child : element.children()) {
            index++;
            Step.Origin o = new Step.Origin(child.name(), child.attr("id") == null ? "" : child.attr("id").value(),
                    origin.path() + "\\" + child.name() + "[" + index + "]", child.line(), origin.section());
            switch (child.name()) {
                case "set-status" -> children.add(SetStatus.load(child, loader, o));
                case "set-header" -> children.add(SetHeader.load(child, loader, o));
                case "set-body" -> children.add(SetBody.load(child, loader, o));
                default -> throw loader.error(child.line(), "return-response", "unexpected child element <"
                        + child.name() + ">", "use <set-status>, <set-header> and <set-body> only");
            }
        }
        return new ReturnResponse(origin, variable, children);
    }

    @Override
    void run(Execution ex) throws PolicyFault, ReturnSignal {
        int status = 200;
        String reason = "OK";
        HeaderMap headers = new HeaderMap();
        byte[] body = new byte[0];
        if (variable != null) {
            Object held = ex.context.mutableVariables().get(variable);
            if (!(held instanceof GatewayResponse r)) {
                throw fault("ExpressionValueEvaluationFailure", "Variable '" + variable + "' does not hold a response.",
                        null);
            }
            status = r.statusCode();
            reason = r.statusReason();
            headers = r.headers().copy();
            body = r.body();
        }
        for (Step child : children) {
            if (child instanceof SetStatus s) {
                status = s.code(ex);
                reason = s.reason(ex, status);
            } else if (child instanceof SetHeader h) {
                h.applyTo(headers, ex);
            } else {
                body = ((SetBody) child).bytes(ex);
            }
        }
        GatewayResponse response = new GatewayResponse(status, reason, headers, body);
        ex.context.response(response);
        throw new ReturnSignal(response);
    }
}
