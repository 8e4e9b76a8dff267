package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;

/** {@code set-status code reason}: changes {@code context.Response}, or the response return-response builds. */
final class SetStatus extends Step {
    private final Value code;
    private final Value reason;

    private SetStatus(Origin origin, Value code, Value reason) {
        super(origin);
        this.code = code;
        this.reason = reason;
    }

    static SetStatus load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "code", "reason");
        attrs.noChildren();
        return new SetStatus(origin, attrs.integer("code", true, 100, 599), attrs.value("reason", false));
    }

    int code(Execution ex) throws PolicyFault {
        long c = code.integer(ex, this);
        if (c < 100 || c > 599) {
            throw fault("ExpressionValueEvaluationFailure", "Expression evaluation failed. Status code " + c
                    + " is not between 100 and 599.", null);
        }
        return (int) c;
    }

    String reason(Execution ex, int status) throws PolicyFault {
        return reason == null ? ErrorAnswers.reasonPhrase(status) : reason.string(ex, this);
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        GatewayResponse r = ex.responseForWrite();
        int status = code(ex);
        // the body goes with the new status unread: a status change does not make APIM buffer the body
        ex.context.response(r.withStatus(status, reason(ex, status)));
    }
}
