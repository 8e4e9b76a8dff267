package io.aoailab.report;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text the suite shows: Allure steps and attachments, the report's environment, messages. One
 * instance per run, owned by the run (the root {@code ExtensionContext.Store}) and fed the run's secrets: the
 * configuration's keys and client secrets, and whatever the target generated (a lab's keys and secrets).
 * Two layers: patterns for every credential shape the deployment uses (bearer tokens, JWTs, {@code api-key} and
 * subscription-key headers and parameters, client secrets, SAS signatures, connection-string keys), and the exact
 * values of secrets the run knows about. Each pattern captures the secret in a group named {@code secret}, so
 * the surrounding name stays readable.
 */
public final class Redactor {
    public static final String REDACTED = "REDACTED";

    private static final List<Pattern> PATTERNS = List.of(
            // Authorization: Bearer <token>, in headers or quoted in JSON
            Pattern.compile("(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9\\-._~+/]+=*)"),
            // any JWT, wherever it appears (three base64url parts, the first two JSON objects)
            Pattern.compile("(?<secret>eyJ[A-Za-z0-9_-]{2,}\\.eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*)"),
            // header or JSON field or query parameter names that carry keys and secrets
            Pattern.compile("(?i)\\b(?:api-key|ocp-apim-subscription-key|subscription-key|x-api-key|client_secret"
                    + "|clientsecret|client_assertion|access_token|refresh_token|id_token|password|accountkey"
                    + "|sharedaccesskey|sig)\\b\"?\\s*[:=]\\s*\"?(?<secret>[^\"\\s&;,}]+)"),
            // "key": "..." as in a connection's credentials
            Pattern.compile("(?i)\"(?:key|secret|token)\"\\s*:\\s*\"(?<secret>[^\"]+)\""));

    private final Set<String> knownSecrets = new CopyOnWriteArraySet<>();

    /** A redactor that knows the credential shapes, and no secret value yet. */
    public Redactor() {
    }

    /** Redacts this exact value wherever it appears from now on (e.g. a key the lab generated). */
    public void registerSecret(String value) {
        // very short values would redact ordinary words; real keys and secrets are long
        if (value != null && value.length() >= 8) {
            knownSecrets.add(value);
        }
    }

    /**
     * SHA-256 fingerprints (hex) of the secret values it knows, never the values: what a check after the run looks
     * for in the report and build output to prove no secret got there.
     */
    public List<String> fingerprints() {
        return knownSecrets.stream().map(Redactor::sha256).sorted().toList();
    }

    static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : knownSecrets) {
            result = result.replace(secret, REDACTED);
        }
        for (Pattern pattern : PATTERNS) {
            result = replaceSecretGroup(pattern, result);
        }
        return result;
    }

    private static String replaceSecretGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (matcher.find()) {
            out.append(text, last, matcher.start("secret")).append(REDACTED);
            last = matcher.end("secret");
        }
        return last == 0 ? text : out.append(text, last, text.length()).toString();
    }
}
