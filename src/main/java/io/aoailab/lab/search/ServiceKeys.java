package io.aoailab.lab.search;

import io.aoailab.lab.secrets.LabSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * A service's API keys: two admin keys (primary and secondary) and one query key, as a new service has them; each "a
 * unique string composed of 52 randomly generated numbers and letters" (MicrosoftDocs/azure-ai-docs
 * search-security-api-keys.md, PRIMARY). Fresh for every lab run; held as {@link LabSecret}s so they never print.
 */
final class ServiceKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final int LENGTH = 52;

    /** What a presented key is. */
    enum Kind { ADMIN, QUERY }

    private final List<LabSecret> admin;
    private final LabSecret query;

    ServiceKeys() {
        this.admin = List.of(LabSecret.of(generate()), LabSecret.of(generate()));
        this.query = LabSecret.of(generate());
    }

    List<LabSecret> admin() {
        return admin;
    }

    LabSecret query() {
        return query;
    }

    /** Which kind of key {@code presented} is, if it is one of this service's; every key is compared. */
    Optional<Kind> kindOf(String presented) {
        byte[] candidate = presented.trim().getBytes(StandardCharsets.UTF_8);
        boolean isAdmin = false;
        for (LabSecret key : admin) {
            // constant-time per key and every key compared: timing says nothing about which one matched
            isAdmin |= MessageDigest.isEqual(candidate, key.reveal().getBytes(StandardCharsets.UTF_8));
        }
        boolean isQuery = MessageDigest.isEqual(candidate, query.reveal().getBytes(StandardCharsets.UTF_8));
        return isAdmin ? Optional.of(Kind.ADMIN) : isQuery ? Optional.of(Kind.QUERY) : Optional.empty();
    }

    private static String generate() {
        StringBuilder key = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }
}
