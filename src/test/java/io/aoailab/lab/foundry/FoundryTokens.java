package io.aoailab.lab.foundry;

import io.aoailab.lab.entra.Caller;
import io.aoailab.lab.entra.TokenCheck;
import io.aoailab.lab.entra.TokenVerifier;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test-only stand-in for the lab's Entra authority: opaque tokens minted per principal and audience. */
final class FoundryTokens implements TokenVerifier {
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final Map<String, String> audiences = new ConcurrentHashMap<>();
    private final String tenantId;

    FoundryTokens(String tenantId) {
        this.tenantId = tenantId;
    }

    String mint(String objectId, String audience) {
        String token = "lab-foundry-token." + UUID.randomUUID();
        callers.put(token, new Caller(objectId, UUID.randomUUID().toString(), tenantId, objectId));
        audiences.put(token, audience);
        return token;
    }

    @Override
    public TokenCheck verify(String authorization, String audience) {
        String token = authorization.substring("Bearer ".length()).trim();
        Caller caller = callers.get(token);
        if (caller == null) {
            return new TokenCheck.Invalid("unknown token");
        }
        return audiences.get(token).equals(audience) ? new TokenCheck.Valid(caller)
                : new TokenCheck.Invalid("audience " + audiences.get(token) + " is not " + audience);
    }
}
