package io.aoailab.lab.rbac;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in roles the lab knows, by real name and GUID, with their data actions as docs/azure-facts.md §4.1
 * gives them. Owner, Contributor and Reader are here because they are what people assign by mistake: they grant
 * no data actions, so inference with Entra fails under them (§4.3).
 */
public final class RoleCatalog {
    private static final String OPENAI = "Microsoft.CognitiveServices/accounts/OpenAI/";
    private static final String BLOBS = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/";
    private static final String CONTAINERS = "Microsoft.Storage/storageAccounts/blobServices/containers/";
    private static final String DELEGATION_KEY = "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action";

    private static final List<RoleDefinition> BUILT_IN = List.of(
            new RoleDefinition("Cognitive Services OpenAI User", "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
                    List.of(OPENAI + "*/read", OPENAI + "engines/completions/action", OPENAI + "engines/search/action",
                            OPENAI + "engines/generate/action", OPENAI + "deployments/search/action",
                            OPENAI + "deployments/completions/action", OPENAI + "deployments/chat/completions/action",
                            OPENAI + "deployments/extensions/chat/completions/action",
                            OPENAI + "deployments/embeddings/action", OPENAI + "deployments/audio/action",
                            OPENAI + "deployments/realtime/action", OPENAI + "images/generations/action",
                            OPENAI + "video/generations/*/action", OPENAI + "video/generations/*/delete",
                            OPENAI + "assistants/*", OPENAI + "responses/*"),
                    List.of(OPENAI + "stored-completions/read")),
            new RoleDefinition("Cognitive Services OpenAI Contributor", "a001fd3d-188f-4b5d-821b-7da978bf7442",
                    List.of(OPENAI + "*"), List.of()),
            new RoleDefinition("Cognitive Services User", "a97b65f3-24c7-4388-baec-2e87135dc908",
                    List.of("Microsoft.CognitiveServices/*"), List.of()),
            new RoleDefinition("Cognitive Services Contributor", "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68",
                    List.of(), List.of()),
            new RoleDefinition("Azure AI User", "53ca6127-db72-4b80-b1b0-d745d6d5456d",
                    List.of("Microsoft.CognitiveServices/*"), List.of()),
            new RoleDefinition("Azure AI Project Manager", "eadc314b-1a2d-4efa-be10-5d325db5065e",
                    List.of("Microsoft.CognitiveServices/*"), List.of()),
            new RoleDefinition("Azure AI Account Owner", "e47c6f54-e4a2-4754-9501-8e0985b135e1",
                    List.of(), List.of()),
            new RoleDefinition("Azure AI Developer", "64702f94-c441-49e6-a78b-ef80e0188fee",
                    List.of(OPENAI + "*", "Microsoft.CognitiveServices/accounts/SpeechServices/*",
                            "Microsoft.CognitiveServices/accounts/ContentSafety/*",
                            "Microsoft.CognitiveServices/accounts/MaaS/*"),
                    List.of(OPENAI + "fine-tunes-deployments/write")),
            new RoleDefinition("Storage Blob Data Contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
                    List.of(BLOBS + "delete", BLOBS + "read", BLOBS + "move/action", BLOBS + "write",
                            BLOBS + "add/action"), List.of())
                    .withActions(List.of(CONTAINERS + "delete", CONTAINERS + "read", CONTAINERS + "write",
                            DELEGATION_KEY), List.of()),
            new RoleDefinition("Storage Blob Data Reader", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
                    List.of(BLOBS + "read"), List.of()).withActions(List.of(CONTAINERS + "read", DELEGATION_KEY), List.of()),
            new RoleDefinition("Search Index Data Contributor", "8ebe5a00-799e-43f5-93ac-243d3dce84a7",
                    List.of("Microsoft.Search/searchServices/indexes/documents/*"), List.of()),
            new RoleDefinition("Search Index Data Reader", "1407120a-92aa-4202-b7e9-c0e197c71c8f",
                    List.of("Microsoft.Search/searchServices/indexes/documents/read"), List.of()),
            new RoleDefinition("Search Service Contributor", "7ca78c08-252a-4471-8644-bb5ff32d4ba0",
                    List.of(), List.of()).withActions(List.of("Microsoft.Authorization/*/read",
                            "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*",
                            "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Search/searchServices/*",
                            "Microsoft.Support/*"), List.of()),
            // well-known general roles (learn.microsoft.com/azure/role-based-access-control/built-in-roles):
            // control plane only, no data actions
            new RoleDefinition("Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", List.of(), List.of())
                    .withActions(List.of("*"), List.of()),
            new RoleDefinition("Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c", List.of(), List.of())
                    .withActions(List.of("*"), List.of("Microsoft.Authorization/*/Delete",
                            "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action")),
            new RoleDefinition("Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7", List.of(), List.of())
                    .withActions(List.of("*/read"), List.of()));

    private RoleCatalog() {
    }

    /** A role by display name (case-insensitive) or GUID. */
    public static Optional<RoleDefinition> find(String nameOrId) {
        String wanted = nameOrId.trim().toLowerCase(Locale.ROOT);
        return BUILT_IN.stream()
                .filter(r -> r.name().toLowerCase(Locale.ROOT).equals(wanted) || r.id().equals(wanted))
                .findFirst();
    }

    public static List<RoleDefinition> all() {
        return BUILT_IN;
    }
}
