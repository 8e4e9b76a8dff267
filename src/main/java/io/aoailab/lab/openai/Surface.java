package io.aoailab.lab.openai;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The two Responses surfaces an account serves (docs/azure-facts.md §1.1): the dated preview surface, which requires an
 * api-version, and the v1 surface, where api-version is optional and only {@code v1} or {@code preview}.
 */
enum Surface {
    /** {@code /openai/responses?api-version=2025-03-01-preview}: the account's dated versions. */
    DATED("/openai", Set.of()),
    /** {@code /openai/v1/responses}, api-version optional. */
    V1("/openai/v1", Set.of("v1", "preview"));

    private final String prefix;
    private final Set<String> apiVersions;

    Surface(String prefix, Set<String> apiVersions) {
        this.prefix = prefix;
        this.apiVersions = apiVersions;
    }

    String prefix() {
        return prefix;
    }

    /**
     * Why the api-version is refused, if it is: missing on the dated surface, or not one this surface serves (a dated
     * version on v1, 2024-10-21 which has no Responses, docs/azure-facts.md §1.1, or a preview the account retired).
     *
     * @param datedVersions the dated versions the account still accepts
     */
    Optional<ErrorAnswer> refuse(Optional<String> apiVersion, Collection<String> datedVersions) {
        if (apiVersion.isEmpty()) {
            return this == DATED ? Optional.of(AzureErrors.missingApiVersion()) : Optional.empty();
        }
        Collection<String> served = this == DATED ? datedVersions : apiVersions;
        return served.contains(apiVersion.get()) ? Optional.empty()
                : Optional.of(AzureErrors.apiVersionNotSupported());
    }
}
