package io.aoailab.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The personas the suite ships with: the intended design of the reference deployment, so the matrix runs out of the
 * box. Each answers one question about least privilege: is the minimum set enough, and is each of its roles needed?
 * Is Azure AI User alone enough? Is Contributor? The values are {@code PERSONA_<NAME>_ROLES} as env.sample shows them.
 */
final class ShippedPersonas {
    static final String MINIMUM = "Cognitive Services OpenAI User@openai, Azure AI User@project,"
            + " Storage Blob Data Contributor@container, Search Index Data Reader@index";

    /** Name → intended roles, in matrix order. */
    static final Map<String, String> ROLES = roles();

    private ShippedPersonas() {
    }

    private static Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("minimum", MINIMUM);
        roles.put("ai-user-only", "Azure AI User@project");
        roles.put("openai-only", "Cognitive Services OpenAI User@openai");
        roles.put("no-storage", "Cognitive Services OpenAI User@openai, Azure AI User@project,"
                + " Search Index Data Reader@index");
        roles.put("no-search", "Cognitive Services OpenAI User@openai, Azure AI User@project,"
                + " Storage Blob Data Contributor@container");
        roles.put("contributor-only", "Contributor@resource-group");
        roles.put("no-role", "none");
        return java.util.Collections.unmodifiableMap(roles);
    }
}
