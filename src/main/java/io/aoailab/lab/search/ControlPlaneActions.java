package io.aoailab.lab.search;

import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.rbac.RoleAssignment;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The control-plane {@code Actions} of the built-in roles that reach Search's index definitions. Search checks one such
 * action on its data plane: {@code Microsoft.Search/searchServices/indexes/read}, to list indexes and read a definition
 * (see {@link Operation}). The lab's {@link io.aoailab.lab.rbac.RoleDefinition} models data actions only, so the
 * {@code Actions} of the four roles that matter are kept here, by role GUID, from the built-in role definitions
 * (learn.microsoft.com/azure/role-based-access-control/built-in-roles, PRIMARY):
 * <ul>
 *   <li>Owner: {@code *}; Contributor: {@code *} minus {@code Microsoft.Authorization/*}{@code /Write|Delete} and a few
 *       others; Reader: {@code *}{@code /read};</li>
 *   <li>Search Service Contributor: {@code Microsoft.Search/searchServices/*} (plus unrelated Insights, Resources and
 *       Support actions).</li>
 * </ul>
 * That Owner, Contributor and Reader reach index definitions on the data plane matches search-security-rbac.md's summary
 * ("List all objects on the resource": Search Service Contributor, Owner/Contributor and Reader ✅; both Search Index
 * Data roles ❌). Roles the lab knows with no Search actions (the Cognitive Services, Storage and Search Index Data
 * roles) grant nothing here.
 */
final class ControlPlaneActions {
    private static final Map<String, Role> BY_ROLE_ID = Map.of(
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", new Role(List.of("*"), List.of()),
            "b24988ac-6180-42a0-ab88-20f7382dd24c", new Role(List.of("*"), List.of("Microsoft.Authorization/*/Delete",
                    "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action")),
            "acdd72a7-3385-48ef-bd42-f606fba81ae7", new Role(List.of("*/read"), List.of()),
            "7ca78c08-252a-4471-8644-bb5ff32d4ba0", new Role(List.of("Microsoft.Authorization/*/read",
                    "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*",
                    "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Search/searchServices/*",
                    "Microsoft.Support/*"), List.of()));

    private ControlPlaneActions() {
    }

    /** Whether some assignment of the principal at {@code scope} or above carries a role whose Actions include it. */
    static boolean permits(AccessControl access, String principalObjectId, String scope, String action) {
        for (RoleAssignment assignment : access.assignments()) {
            Role role = BY_ROLE_ID.get(assignment.role().id().toLowerCase(Locale.ROOT));
            if (role != null && assignment.principalObjectId().equalsIgnoreCase(principalObjectId)
                    && covers(assignment.scope(), scope) && role.grants(action)) {
                return true;
            }
        }
        return false;
    }

    // as AccessControl compares scopes: the resource itself or a descendant, by whole segments, case-insensitively
    static boolean covers(String assignmentScope, String resourceScope) {
        String scope = trim(assignmentScope);
        String resource = trim(resourceScope);
        return resource.equals(scope) || resource.startsWith(scope + "/");
    }

    private static String trim(String scope) {
        String lower = scope.toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private record Role(List<String> actions, List<String> notActions) {
        boolean grants(String action) {
            return actions.stream().anyMatch(p -> matches(p, action))
                    && notActions.stream().noneMatch(p -> matches(p, action));
        }

        // Azure compares operation names case-insensitively; '*' matches any run of characters, '/' included
        private static boolean matches(String pattern, String action) {
            StringBuilder regex = new StringBuilder();
            for (String part : pattern.split("\\*", -1)) {
                if (regex.length() > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(action).matches();
        }
    }
}
