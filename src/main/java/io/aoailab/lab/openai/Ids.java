package io.aoailab.lab.openai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Ids shaped as Azure's: {@code resp_} / {@code msg_} / {@code fs_} and 48 hex digits (docs/azure-facts.md §1.3), and file ids as
 * Azure's {@code assistant-} and 22 letters and digits (docs/azure-facts.md §4.2, e.g. {@code assistant-KaVLJQTiWEvdz8yJQHHkqJ}).
 */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {
    }

    static String response() {
        return "resp_" + hex(24);
    }

    static String message() {
        return "msg_" + hex(24);
    }

    /** A {@code file_search_call} item's id (OpenAI's {@code fs_} prefix). */
    static String fileSearchCall() {
        return "fs_" + hex(24);
    }

    /**
     * The file id of a vector store's file: derived from where the file lives, so the same file always has the same
     * id, as an uploaded file keeps its id across calls.
     */
    static String file(String location) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        StringBuilder id = new StringBuilder("assistant-");
        for (int i = 0; i < 22; i++) {
            id.append(BASE62.charAt((digest[i] & 0xff) % BASE62.length()));
        }
        return id.toString();
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
