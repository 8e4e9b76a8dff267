package io.aoailab.lab.secrets;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Every secret one lab generated, in the order it generated them. The lab keeps its own answers free of them
 * ({@link #redact(String)}: Entra, for one, echoes request values in its error descriptions), and whoever embeds the lab
 * reads them ({@link #all()}) to keep them out of its own logs and reports. One registry per lab: nothing is static, so
 * two labs in one JVM know only their own secrets.
 *
 * <p>Thread-safe: hosts register while others already serve.
 */
public final class GeneratedSecrets {
    /** What a secret is replaced with in the lab's answers. */
    public static final String REDACTED = "REDACTED";

    private final Set<LabSecret> secrets = new CopyOnWriteArraySet<>();

    /** Remembers {@code secret} and hands it back, for {@code key = secrets.register(LabSecret.of(...))}. */
    public LabSecret register(LabSecret secret) {
        secrets.add(secret);
        return secret;
    }

    public void registerAll(List<LabSecret> more) {
        secrets.addAll(more);
    }

    /** Every secret generated so far. */
    public List<LabSecret> all() {
        return List.copyOf(secrets);
    }

    /** {@code text} with every generated secret replaced by {@value #REDACTED}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (LabSecret secret : secrets) {
            result = result.replace(secret.reveal(), REDACTED);
        }
        return result;
    }
}
