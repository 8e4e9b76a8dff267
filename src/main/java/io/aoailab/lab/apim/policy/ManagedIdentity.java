package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.util.Optional;

/**
 * {@code authentication-managed-identity} (docs/apim-gateway.md §2.4): gets an Entra token for {@code resource} from the
 * gateway's identity. Without {@code output-token-variable-name} the token goes into {@code Authorization: Bearer};
 * with it, the token goes into that variable only and the request is left alone. APIM's behaviour in the second case
 * is UNCONFIRMED; the lab follows the docs' pattern (the policy then sets the header itself with set-header) and the
 * policy toolkit's emulator (§2.4, §6). With {@code ignore-error="true"} a failure leaves the request unauthenticated.
 */
final class ManagedIdentity extends Step {
    private final Value resource;
    private final String clientId;
    private final String outputVariable;
    private final boolean ignoreError;

    private ManagedIdentity(Origin origin, Value resource, String clientId, String outputVariable,
            boolean ignoreError) {
        super(origin);
        this.resource = resource;
        this.clientId = clientId;
        this.outputVariable = outputVariable;
        this.ignoreError = ignoreError;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "resource", "client-id", "output-token-variable-name",
                "ignore-error");
        attrs.noChildren();
        return new ManagedIdentity(origin, attrs.value("resource", true), attrs.literal("client-id", false),
                attrs.literal("output-token-variable-name", false), attrs.literalBool("ignore-error", false));
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        String forResource = resource.string(ex, this);
        String token;
        try {
            token = ex.services.managedIdentityToken(forResource, Optional.ofNullable(clientId));
        } catch (RuntimeException e) {
            token = null;
        }
        if (token == null || token.isEmpty()) {
            if (ignoreError) {
                return;
            }
            // LastError.Reason for this failure is UNCONFIRMED; the message names the resource, never a token
            throw fault("ManagedIdentityTokenAcquisitionFailed", "Unable to acquire a managed identity token for "
                    + "resource '" + forResource + "'.", null);
        }
        if (outputVariable != null) {
            ex.context.mutableVariables().put(outputVariable, token);
        } else {
            ex.context.requestHeaders().set("Authorization", "Bearer " + token);
        }
    }
}
