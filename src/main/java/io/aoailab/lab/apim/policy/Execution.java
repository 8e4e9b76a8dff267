package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.expr.EvaluationException;
import io.aoailab.lab.apim.expr.Expression;
import io.aoailab.lab.apim.expr.HostObject;
import java.util.ArrayList;
import java.util.List;

/** The state of one run of a policy: the context, the gateway's services, and what must happen at the end. */
final class Execution {

    /** Work an element leaves for later: after the backend answered, and once the final answer is known. */
    interface Completion {
        default void afterBackend(Execution ex) {
        }

        void finish(Execution ex, GatewayResponse answer);
    }

    final PolicyContext context;
    final GatewayServices services;
    final Sleeper sleeper;
    final HostObject contextObject;
    final List<Completion> completions = new ArrayList<>();
    Section section = Section.INBOUND;
    /** The error on-error is handling, or null outside on-error. */
    PolicyFault handling;

    Execution(PolicyContext context, GatewayServices services, Sleeper sleeper) {
        this.context = context;
        this.services = services;
        this.sleeper = sleeper;
        this.contextObject = ContextObjects.context(context);
    }

    /** Runs an expression; a .NET-style failure becomes an ExpressionValueEvaluationFailure of {@code step}. */
    Object evaluate(Expression expression, Step step) throws PolicyFault {
        try {
            return expression.evaluate(contextObject, services.clock());
        } catch (EvaluationException e) {
            throw step.fault("ExpressionValueEvaluationFailure", "Expression evaluation failed. " + e.getMessage(),
                    null);
        } catch (RuntimeException e) {
            // a host object read that .NET would report as a failure of its own (e.g. a malformed URL)
            throw step.fault("ExpressionValueEvaluationFailure", "Expression evaluation failed. "
                    + e.getClass().getSimpleName(), null);
        }
    }

    /**
     * {@code context.Response} for an element that changes it. With none yet, there is one to change: in on-error
     * the answer APIM would give for the error, elsewhere an empty 200 (what the client gets when nothing is
     * forwarded, docs/apim-gateway.md §2.3).
     */
    GatewayResponse responseForWrite() {
        GatewayResponse r = context.responseOrNull();
        if (r == null) {
            r = handling != null ? ErrorAnswers.forFault(handling, context) : ErrorAnswers.empty(200, "OK");
            context.response(r);
        }
        return r;
    }

    void runAll(List<Step> steps) throws PolicyFault, ReturnSignal {
        for (Step step : steps) {
            step.run(this);
        }
    }
}
