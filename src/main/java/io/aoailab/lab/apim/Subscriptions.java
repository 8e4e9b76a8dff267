package io.aoailab.lab.apim;

import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.ApimSpec;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's subscriptions with their keys, generated at start (32 hex digits, as APIM issues them). A key
 * of a suspended subscription is refused like an unknown one (docs/apim-gateway.md §4).
 */
final class Subscriptions {
    private final Map<String, Issued> byKey = new LinkedHashMap<>();
    private final Map<String, Issued> byName = new LinkedHashMap<>();

    /**
     * @param id {@code context.Subscription.Id}, the subscription's resource name
     * @param primaryKey its primary key
     * @param secondaryKey its secondary key
     */
    record Issued(ApimSpec.Subscription spec, String id, LabSecret primaryKey, LabSecret secondaryKey) {
    }

    Subscriptions(ApimSpec apim) {
        SecureRandom random = new SecureRandom();
        for (ApimSpec.Subscription subscription : apim.subscriptions()) {
            Issued issued = new Issued(subscription, subscription.name(), key(random), key(random));
            byName.put(subscription.name(), issued);
            byKey.put(issued.primaryKey().reveal(), issued);
            byKey.put(issued.secondaryKey().reveal(), issued);
        }
    }

    /** The active subscription a key belongs to. */
    Optional<Issued> byKey(String key) {
        return Optional.ofNullable(byKey.get(key)).filter(s -> s.spec().active());
    }

    Optional<Issued> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<Issued> all() {
        return List.copyOf(byName.values());
    }

    private static LabSecret key(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return LabSecret.of(HexFormat.of().formatHex(bytes));
    }
}
