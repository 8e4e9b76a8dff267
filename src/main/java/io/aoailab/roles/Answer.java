package io.aoailab.roles;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service answered a call of the matrix, read the way its documentation says to read it, so that "denied for a
 * missing role" is never confused with a token the service did not accept, with key auth being off, or with any
 * other error.
 *
 * @param kind what the answer means
 * @param status the HTTP status; 0 when no answer came
 * @param code the error code of the body or {@code x-ms-error-code}, if any
 * @param message the error message (redacted by the caller), empty when allowed
 */
public record Answer(Kind kind, int status, Optional<String> code, String message) {
    private static final Pattern DATA_ACTION = Pattern.compile("data action `?([A-Za-z0-9./*_-]+)`?");

    /** What an answer means for the matrix. */
    public enum Kind {
        /** 2xx: the service let the identity do it. */
        ALLOWED("allowed"),
        /** The service's own answer to a principal without the role (see {@link Service}). */
        DENIED("denied"),
        /** 401 without PermissionDenied: the token itself was refused (wrong audience, tenant, expired, none). */
        BAD_TOKEN("token refused"),
        /** 403 AuthenticationTypeDisabled: the resource refuses this kind of credential (keys). */
        KEY_AUTH_DISABLED("key auth disabled"),
        /** Anything else: not a decision about the identity's roles. */
        OTHER("other error");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Answer allowed(int status) {
        return new Answer(Kind.ALLOWED, status, Optional.empty(), "");
    }

    /**
     * Classifies an answer of {@code service}.
     *
     * @param code the error code the answer carried, if any
     */
    public static Answer of(Service service, int status, Optional<String> code, String message) {
        if (status >= 200 && status < 300) {
            return allowed(status);
        }
        String c = code.orElse("");
        Kind kind;
        if (status == 401) {
            kind = c.equals("PermissionDenied") && service.denialStatus() == 401 ? Kind.DENIED : Kind.BAD_TOKEN;
        } else if (status == 403 && c.equals("AuthenticationTypeDisabled")) {
            kind = Kind.KEY_AUTH_DISABLED;
        } else if (status == 403 && service.denialStatus() == 403) {
            // Storage names the mismatch; Search's denial carries an empty code and "Authorization failed."
            boolean search = service == Service.SEARCH
                    && (c.isEmpty() || message.toLowerCase(Locale.ROOT).contains("authorization failed"));
            kind = c.equals(service.denialCode()) && !c.isEmpty() || search ? Kind.DENIED : Kind.OTHER;
        } else {
            kind = Kind.OTHER;
        }
        return new Answer(kind, status, code.filter(s -> !s.isEmpty()), message);
    }

    /** The data action a PermissionDenied message names, e.g. {@code Microsoft.CognitiveServices/accounts/OpenAI/responses/write}. */
    public Optional<String> namedDataAction() {
        Matcher matcher = DATA_ACTION.matcher(message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Status and code, e.g. {@code 401 PermissionDenied}, or {@code no answer}. */
    public String statusAndCode() {
        return (status == 0 ? "no answer" : Integer.toString(status)) + code.map(c -> " " + c).orElse("");
    }

    @Override
    public String toString() {
        return kind == Kind.ALLOWED ? "allowed (" + status + ")"
                : kind.label() + " (" + statusAndCode() + (message.isEmpty() ? "" : ": " + message) + ")";
    }
}
