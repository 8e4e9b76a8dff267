package io.aoailab.config;

import java.time.Duration;

/**
 * What the deployment's APIM pool is meant to do beyond its weights: which response header names the backend that
 * answered, how quickly a request is served around a region that throttles or fails, and how soon a throttled region
 * serves again once its Retry-After has passed.
 *
 * @param regionHeader the response header that names the answering backend's region through APIM:
 *        {@code x-ms-region} (Azure OpenAI's own, which APIM passes on) or one the policy sets
 * @param failoverWithin the longest a request through APIM may take while a region throttles, fails or drops
 *        connections: long enough for the gateway's retry, short enough that a retry waiting long intervals fails
 * @param rejoinWithin how long after its Retry-After a throttled region may take to serve through APIM again
 */
public record PoolIntent(String regionHeader, Duration failoverWithin, Duration rejoinWithin) {
}
