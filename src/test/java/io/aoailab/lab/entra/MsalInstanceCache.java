package io.aoailab.lab.entra;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * MSAL4J's instance-discovery cache, which is static: one credential's discovery (or a default entry cached for a
 * credential that disabled discovery) serves every later credential of the JVM for that host, and the next one
 * skips discovery. Tests about discovery empty it first so they see a discovery request whatever ran before.
 */
final class MsalInstanceCache {

    private MsalInstanceCache() {
    }

    static void forget() {
        try {
            Field cache = Class.forName("com.microsoft.aad.msal4j.AadInstanceDiscoveryProvider")
                    .getDeclaredField("cache");
            cache.setAccessible(true);
            ((Map<?, ?>) cache.get(null)).clear();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MSAL4J's instance-discovery cache moved; update this test helper", e);
        }
    }
}
