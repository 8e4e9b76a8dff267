package io.aoailab.lab.entra;

import io.aoailab.lab.secrets.GeneratedSecrets;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.Topology.Principal;
import io.aoailab.lab.topology.Topology.PrincipalType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One client secret per service principal, generated when the lab starts and held only in memory.
 *
 * <p>The shape is that of secrets the Entra portal issues today: 40 characters, three of {@code [A-Za-z0-9_~.-]},
 * a digit, {@code Q~}, then 34 more, which is the pattern secret scanners (GitHub's among them) look for, so a lab
 * secret that leaks is caught like a real one. Each secret is also registered in the lab's {@link GeneratedSecrets},
 * which keeps the lab's own answers free of it and tells whoever embeds the lab what to redact.
 */
final class ClientSecrets {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-";
    private static final int TAIL_LENGTH = 34;

    private final Map<String, LabSecret> byPrincipal = new LinkedHashMap<>();

    ClientSecrets(List<Principal> principals, GeneratedSecrets generated) {
        SecureRandom random = new SecureRandom();
        for (Principal principal : principals) {
            if (principal.type() == PrincipalType.ServicePrincipal) {
                LabSecret secret = generated.register(LabSecret.of(generate(random)));
                byPrincipal.put(principal.name(), secret);
            }
        }
    }

    Optional<LabSecret> of(String principalName) {
        return Optional.ofNullable(byPrincipal.get(principalName));
    }

    /** Whether {@code presented} is the principal's secret; compared in constant time, as a real STS must. */
    boolean matches(Principal principal, String presented) {
        LabSecret secret = byPrincipal.get(principal.name());
        return secret != null && presented != null && MessageDigest.isEqual(
                secret.reveal().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String generate(SecureRandom random) {
        StringBuilder secret = new StringBuilder(40);
        appendRandom(secret, random, 3);
        secret.append((char) ('0' + random.nextInt(10))).append("Q~");
        appendRandom(secret, random, TAIL_LENGTH);
        return secret.toString();
    }

    private static void appendRandom(StringBuilder out, SecureRandom random, int count) {
        for (int i = 0; i < count; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
    }
}
