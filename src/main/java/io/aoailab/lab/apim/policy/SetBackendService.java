package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.net.URI;

/**
 * {@code set-backend-service} with exactly one of {@code backend-id} or {@code base-url}, both accepting expressions
 * (docs/apim-gateway.md §2.1). A pool's member is chosen by the gateway at each forward, not here. The Service Fabric
 * attributes ({@code sf-*}) are not supported.
 */
final class SetBackendService extends Step {
    private final Value backendId;
    private final Value baseUrl;

    private SetBackendService(Origin origin, Value backendId, Value baseUrl) {
        super(origin);
        this.backendId = backendId;
        this.baseUrl = baseUrl;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "backend-id", "base-url");
        attrs.noChildren();
        Value id = attrs.value("backend-id", false);
        Value url = attrs.value("base-url", false);
        if ((id == null) == (url == null)) {
            throw attrs.error("backend-id", "exactly one of backend-id and base-url is required",
                    "keep backend-id=\"pool-or-backend\" or base-url=\"https://...\"");
        }
        if (url != null && url.isLiteral()) {
            try {
                URI uri = URI.create(url.literalText().trim());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw attrs.error("base-url", "base-url '" + url.literalText() + "' is not an absolute URL",
                        "write it as https://host/path");
            }
        }
        return new SetBackendService(origin, id, url);
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        if (backendId != null) {
            String id = backendId.string(ex, this);
            if (id.isBlank()) {
                throw fault("ExpressionValueEvaluationFailure", "Expression evaluation failed. backend-id is empty.",
                        null);
            }
            ex.context.backend(new BackendTarget.ById(id));
            return;
        }
        String url = baseUrl.string(ex, this).trim();
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            ex.context.backend(new BackendTarget.ByUrl(uri));
        } catch (IllegalArgumentException e) {
            throw fault("ExpressionValueEvaluationFailure", "Expression evaluation failed. Invalid URI: '" + url
                    + "'.", null);
        }
    }
}
