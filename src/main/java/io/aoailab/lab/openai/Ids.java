package io.aoailab.lab.openai;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Ids shaped as Azure's: {@code resp_} / {@code msg_} and 48 hex digits (facts §1.3). */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String response() {
        return "resp_" + hex(24);
    }

    static String message() {
        return "msg_" + hex(24);
    }

    /** An account key: 32 hex digits, like Azure's key1/key2. */
    static String accountKey() {
        return hex(16);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
