package io.aoailab.testing;

import io.aoailab.lab.entra.Caller;
import io.aoailab.lab.entra.TokenCheck;
import io.aoailab.lab.entra.TokenVerifier;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only stand-in for the lab's Entra authority: opaque tokens minted per principal and audience. The service under
 * test only sees the {@link TokenVerifier} interface, as it does with the real authority.
 */
public final class TestTokens implements TokenVerifier {
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final java.util.Set<String> askedAudiences = ConcurrentHashMap.newKeySet();
    private final String tenantId;

    public TestTokens(String tenantId) {
        this.tenantId = tenantId;
    }

    /** A valid token for {@code objectId}, usable only at {@code audience}. */
    public String mint(String objectId, String audience) {
        String token = "lab-test-token." + UUID.randomUUID();
        issued.put(token, new Issued(new Caller(objectId, UUID.randomUUID().toString(), tenantId, objectId), audience,
                false));
        return token;
    }

    /** A token that was genuine once and has expired. */
    public String mintExpired(String objectId, String audience) {
        String token = mint(objectId, audience);
        issued.computeIfPresent(token, (t, i) -> new Issued(i.caller(), i.audience(), true));
        return token;
    }

    /** The audiences services asked this verifier to check: which audience a service demands. */
    public java.util.Set<String> askedAudiences() {
        return java.util.Set.copyOf(askedAudiences);
    }

    @Override
    public TokenCheck verify(String authorization, String audience) {
        askedAudiences.add(audience);
        String[] parts = authorization.trim().split("\\s+", 2);
        Issued found = parts.length == 2 ? issued.get(parts[1]) : null;
        if (found == null) {
            return new TokenCheck.Invalid("unknown token");
        }
        if (found.expired()) {
            return new TokenCheck.Invalid("expired");
        }
        if (!found.audience().equals(audience)) {
            // worded as the lab's authority words it, so services can tell a wrong audience from other failures
            return new TokenCheck.Invalid(TokenCheck.Invalid.WRONG_AUDIENCE + " '" + found.audience() + "' expected '"
                    + audience + "'");
        }
        return new TokenCheck.Valid(found.caller());
    }

    private record Issued(Caller caller, String audience, boolean expired) {
    }
}
