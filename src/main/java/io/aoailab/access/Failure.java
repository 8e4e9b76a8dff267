package io.aoailab.access;

import java.util.Optional;

/**
 * How the deployment refused a call, whatever client made it: the status and error body of the answer, or, when no
 * answer came, what the client said.
 *
 * @param status the HTTP status of the answer; 0 when there was none (connection refused, timeout)
 * @param code the error code of the body ({@code error.code}), e.g. {@code DeploymentNotFound}
 * @param message the error message of the body, or the client's message (redacted)
 * @param region the region that answered, if it said
 */
public record Failure(int status, Optional<String> code, String message, Optional<String> region) {

    @Override
    public String toString() {
        return (status == 0 ? "no answer" : Integer.toString(status)) + code.map(c -> " " + c).orElse("")
                + region.map(r -> " from " + r).orElse("") + ": " + message;
    }
}
