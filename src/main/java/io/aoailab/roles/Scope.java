package io.aoailab.roles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a role is meant to be held, in the deployment's own terms rather than ARM ids (which the configuration does
 * not know): the subscription, the resource group, the Azure OpenAI accounts (all, or the n-th configured one), the
 * Foundry resource or its project, the BYO storage account or its container, the search service or its index. The
 * same values name the resources an operation acts on.
 *
 * <p>Azure lets an assignment at a scope reach everything below it: subscription ▸ resource group ▸ resource ▸ child
 * (learn.microsoft.com/azure/role-based-access-control/scope-overview). Storage roles can be assigned on one container
 * (learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access) and Search roles on one index
 * (learn.microsoft.com/azure/search/search-security-rbac, "Grant access to a single index"). The suite assumes one
 * resource group holds the whole deployment, as the reference deployment does.
 *
 * @param level how far down
 * @param account for {@link Level#OPENAI}: the configured account (1 = {@code OPENAI_ENDPOINT_1}), or 0 for every one
 */
public record Scope(Level level, int account) {

    /** The levels, each with its configuration name and the ARM id it stands for. */
    public enum Level {
        SUBSCRIPTION("subscription", "/subscriptions/<subscription-id>"),
        RESOURCE_GROUP("resource-group", "/subscriptions/<subscription-id>/resourceGroups/<resource-group>"),
        OPENAI("openai", "/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/"
                + "Microsoft.CognitiveServices/accounts/<openai-account>"),
        FOUNDRY("foundry", "/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/"
                + "Microsoft.CognitiveServices/accounts/<foundry-account>"),
        PROJECT("project", "/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/"
                + "Microsoft.CognitiveServices/accounts/<foundry-account>/projects/<project>"),
        STORAGE("storage", "/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/"
                + "Microsoft.Storage/storageAccounts/<storage-account>"),
        CONTAINER("container", "/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/"
                + "Microsoft.Storage/storageAccounts/<storage-account>/blobServices/default/containers/<container>"),
        SEARCH("search", "/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/"
                + "Microsoft.Search/searchServices/<search-service>"),
        INDEX("index", "/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/"
                + "Microsoft.Search/searchServices/<search-service>/indexes/<index>");

        private final String configName;
        private final String armId;

        Level(String configName, String armId) {
            this.configName = configName;
            this.armId = armId;
        }

        public String configName() {
            return configName;
        }
    }

    public Scope {
        if (account < 0 || (account > 0 && level != Level.OPENAI)) {
            throw new IllegalArgumentException("only the openai level names an account: " + level + " " + account);
        }
    }

    public static Scope of(Level level) {
        return new Scope(level, 0);
    }

    /** The n-th configured Azure OpenAI account ({@code OPENAI_ENDPOINT_n}). */
    public static Scope openAiAccount(int n) {
        return new Scope(Level.OPENAI, n);
    }

    /**
     * A scope as the configuration writes it: a level's name, or {@code openai-<n>} for one account.
     *
     * @return empty when it names none
     */
    public static Optional<Scope> parse(String written) {
        String value = written.trim().toLowerCase(Locale.ROOT);
        if (value.matches("openai-[1-9][0-9]?")) {
            return Optional.of(openAiAccount(Integer.parseInt(value.substring("openai-".length()))));
        }
        return Arrays.stream(Level.values()).filter(l -> l.configName.equals(value)).findFirst().map(Scope::of);
    }

    /** The values {@link #parse} takes, for a fix. */
    public static String writtenForms() {
        return Arrays.stream(Level.values()).map(l -> l == Level.OPENAI ? "openai, openai-<n>" : l.configName)
                .collect(Collectors.joining(", "));
    }

    /** Whether an assignment here reaches {@code resource}: it is the resource or one of its ancestors. */
    public boolean covers(Scope resource) {
        return switch (level) {
            case SUBSCRIPTION, RESOURCE_GROUP -> true;
            case OPENAI -> resource.level == Level.OPENAI && (account == 0 || account == resource.account);
            case FOUNDRY -> resource.level == Level.FOUNDRY || resource.level == Level.PROJECT;
            case STORAGE -> resource.level == Level.STORAGE || resource.level == Level.CONTAINER;
            case SEARCH -> resource.level == Level.SEARCH || resource.level == Level.INDEX;
            case PROJECT, CONTAINER, INDEX -> resource.level == level;
        };
    }

    /** How deep below the subscription: the deeper, the narrower the grant. */
    public int depth() {
        return switch (level) {
            case SUBSCRIPTION -> 0;
            case RESOURCE_GROUP -> 1;
            case OPENAI -> account == 0 ? 2 : 3;
            case FOUNDRY, STORAGE, SEARCH -> 3;
            case PROJECT, CONTAINER, INDEX -> 4;
        };
    }

    /** The ARM id an {@code az role assignment create --scope} takes, with placeholders for the names. */
    public String armId() {
        return account > 0 ? level.armId.replace("<openai-account>", "<openai-account-" + account + ">") : level.armId;
    }

    /** The scope in words, e.g. "the BYO container". */
    public String inWords() {
        return switch (level) {
            case SUBSCRIPTION -> "the subscription";
            case RESOURCE_GROUP -> "the resource group";
            case OPENAI -> account == 0 ? "each Azure OpenAI account" : "the account of OPENAI_ENDPOINT_" + account;
            case FOUNDRY -> "the Foundry resource";
            case PROJECT -> "the Foundry project";
            case STORAGE -> "the BYO storage account";
            case CONTAINER -> "the BYO container";
            case SEARCH -> "the search service";
            case INDEX -> "the index";
        };
    }

    @Override
    public String toString() {
        return account > 0 ? "openai-" + account : level.configName;
    }
}
