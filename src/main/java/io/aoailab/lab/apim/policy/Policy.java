package io.aoailab.lab.apim.policy;

import java.util.List;
import java.util.Map;

/**
 * An APIM policy document, loaded and ready to run: the same XML a user applies to real APIM (docs/apim-gateway.md §2).
 *
 * <pre>
 * Policy policy = Policy.parse(Files.readString(path), path.getFileName().toString());   // PolicyException if not
 * GatewayResponse answer = policy.execute(new PolicyContext(request, identity, id, now), services);
 * </pre>
 *
 * <p><b>Loading</b> checks everything that can be checked before a request: elements and attributes as APIM defines
 * them, which section each element may be in, and every policy expression against the C# subset the lab runs. Anything
 * else is a {@link PolicyException} naming the line; nothing is ignored.
 *
 * <p><b>Running</b> follows APIM's pipeline:
 * <ul>
 *   <li>{@code inbound}, then {@code backend}, then {@code outbound}. If no {@code forward-request} runs, outbound
 *       runs right after inbound and the client gets {@code context.Response} as policies made it, or an empty 200
 *       (§2.3).</li>
 *   <li>{@code <base/>}: the lab has a single scope, the API's, so {@code <base/>} is APIM's global default policy:
 *       {@code <forward-request/>} with its defaults in {@code backend}, nothing elsewhere. An absent
 *       {@code <backend>} section forwards nothing.</li>
 *   <li>{@code return-response} ends the pipeline with its response; outbound does not run after it.</li>
 *   <li>Any error jumps to {@code on-error} with {@code context.LastError} set (Source, Reason, Message, Scope "api",
 *       Section, Path, PolicyId) and {@code context.Response} set to APIM's own answer for the error if it has one
 *       (a limit's 429, the gateway's pool-exhausted 503 from {@link BackendException#response()}, the backend's
 *       answer under {@code fail-on-error-status-code}), else null. The client then gets on-error's
 *       {@code return-response}, or {@code context.Response} as on-error left it, or, with none, APIM's default
 *       answer: 500 {@code { "statusCode": 500, "message": "Internal server error", "activityId": "..." }}
 *       (sources in {@link ErrorAnswers}). An error inside on-error gives that default answer.</li>
 * </ul>
 * A policy is immutable; one instance serves concurrent requests, each with its own {@link PolicyContext}.
 */
public final class Policy {
    private final String source;
    private final Map<Section, List<Step>> sections;
    private final Sleeper sleeper;

    private Policy(String source, Map<Section, List<Step>> sections, Sleeper sleeper) {
        this.source = source;
        this.sections = sections;
        this.sleeper = sleeper;
    }

    /**
     * @param xml the policy document
     * @param source a name for messages, e.g. the file name
     * @throws PolicyException with {@code <source>:<line>: <element or construct>: <problem>. Fix: <fix>.}
     */
    public static Policy parse(String xml, String source) throws PolicyException {
        PolicyXml.Element root = PolicyXml.parse(xml, source);
        return new Policy(source, new Loader(source, root).load(), Sleeper.REAL);
    }

    /** The same policy waiting through {@code sleeper} in retries (tests). */
    Policy withSleeper(Sleeper sleeper) {
        return new Policy(source, sections, sleeper);
    }

    public String source() {
        return source;
    }

    /** Runs the policy for one request; never throws for what the policy or the backends do. */
    public GatewayResponse execute(PolicyContext context, GatewayServices services) {
        context.bind(services);
        Execution ex = new Execution(context, services, sleeper);
        GatewayResponse answer;
        try {
            answer = pipeline(ex);
        } catch (PolicyFault fault) {
            answer = onError(ex, fault);
        }
        context.response(answer);
        for (Execution.Completion completion : ex.completions) {
            completion.finish(ex, answer);
        }
        return answer;
    }

    private GatewayResponse pipeline(Execution ex) throws PolicyFault {
        try {
            run(ex, Section.INBOUND);
            run(ex, Section.BACKEND);
            for (Execution.Completion completion : List.copyOf(ex.completions)) {
                completion.afterBackend(ex);
            }
            run(ex, Section.OUTBOUND);
        } catch (ReturnSignal signal) {
            return signal.response;
        }
        GatewayResponse response = ex.context.responseOrNull();
        return response != null ? response : ErrorAnswers.empty(200, "OK");
    }

    private void run(Execution ex, Section section) throws PolicyFault, ReturnSignal {
        ex.section = section;
        ex.runAll(sections.getOrDefault(section, List.of()));
    }

    private GatewayResponse onError(Execution ex, PolicyFault fault) {
        PolicyContext c = ex.context;
        c.lastError(new PolicyContext.LastError(fault.source, fault.reason, fault.getMessage(), "api",
                fault.origin.section().xmlName, fault.origin.path(), fault.origin.id()));
        c.response(fault.response);
        ex.handling = fault;
        try {
            run(ex, Section.ON_ERROR);
        } catch (ReturnSignal signal) {
            return signal.response;
        } catch (PolicyFault inOnError) {
            c.lastError(new PolicyContext.LastError(inOnError.source, inOnError.reason, inOnError.getMessage(), "api",
                    Section.ON_ERROR.xmlName, inOnError.origin.path(), inOnError.origin.id()));
            return ErrorAnswers.internalError(c);
        }
        GatewayResponse response = c.responseOrNull();
        return response != null ? response : ErrorAnswers.forFault(fault, c);
    }
}
