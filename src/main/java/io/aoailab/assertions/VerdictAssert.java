package io.aoailab.assertions;

import io.aoailab.config.Persona;
import io.aoailab.roles.Answer;
import io.aoailab.roles.Grant;
import io.aoailab.roles.Operation;
import io.aoailab.roles.Permission;
import io.aoailab.roles.Scope;
import io.aoailab.roles.Service;
import io.aoailab.roles.Verdict;
import java.util.Locale;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * A cell of the RBAC matrix against the persona's intent. Allowed must mean the service let the persona do it;
 * denied must be the service's own answer to a principal without the role (Azure OpenAI and Foundry: 401
 * PermissionDenied; Storage: 403 AuthorizationPermissionMismatch; Search: 403), never a refused token, disabled key
 * auth or some other error. A failure names the persona, the operation, what was expected and observed, and whether
 * the deployment's grant is missing or over-broad, with the command that fixes it.
 */
public final class VerdictAssert extends AbstractAssert<VerdictAssert, Verdict> {

    private VerdictAssert(Verdict verdict) {
        super(verdict, VerdictAssert.class);
    }

    public static VerdictAssert assertThat(Verdict verdict) {
        return new VerdictAssert(verdict);
    }

    /** The deployment did what the persona's intended roles say, with the service's own denial where denied. */
    public VerdictAssert matchesTheIntentOf(Persona persona) {
        isNotNull();
        if (actual.holds()) {
            return this;
        }
        String intent = actual.expected().allowed()
                ? String.format("Expecting persona '%s' to be allowed to %s,%n  as its intended roles grant it: %s (%s)",
                        persona.name(), actual.cell().describe(), grants(actual), persona.rolesKey())
                : String.format("Expecting persona '%s' to be denied to %s with %s,%n  as none of its intended roles"
                        + " (%s: %s) grants %s there", persona.name(), actual.cell().describe(),
                        actual.cell().operation().service().denial(), persona.rolesKey(), intended(persona),
                        actual.expected().missing().stream().map(Permission::name).collect(Collectors.joining(" or ")));
        failWithMessage("%n%s%nbut %s%n%s", intent, observed(), cause(persona));
        return this;
    }

    private String observed() {
        Answer answer = actual.observed();
        String service = actual.cell().operation().service().displayName();
        String attempts = actual.attempts() > 1 ? String.format(" (asked %d times while role assignments could still"
                + " apply)", actual.attempts()) : "";
        String said = answer.message().isEmpty() ? "" : ": " + answer.message().replaceFirst("\\.+$", "");
        return switch (answer.kind()) {
            case ALLOWED -> service + " allowed it (" + answer.status() + ")" + attempts + ".";
            case DENIED -> service + " denied it: " + answer.statusAndCode() + said + attempts + ".";
            case BAD_TOKEN -> service + " refused the persona's token: " + answer.statusAndCode() + said + ".";
            case KEY_AUTH_DISABLED, OTHER -> service + " answered " + answer.statusAndCode() + said + ".";
        };
    }

    private String cause(Persona persona) {
        Answer answer = actual.observed();
        Operation operation = actual.cell().operation();
        return switch (answer.kind()) {
            case DENIED -> String.format("The grant is missing: the deployment does not give the persona's service"
                    + " principal %s. Fix: %s%s", grants(actual), actual.expected().granting().stream()
                    .map(Grant::assignCommand).collect(Collectors.joining("; ")), operation.service() == Service.SEARCH
                    // Search refuses every token while its API access control is "API keys" (search-security-rbac)
                    ? ". If the persona does hold it: set the search service's API access control to Role-based"
                            + " access control or Both, as with API keys only every token is refused" : "");
            case ALLOWED -> String.format("The grant is over-broad: the persona holds a role at %s (or above) that"
                    + " grants %s, which %s does not intend. Fix: find it with az role assignment list --assignee"
                    + " <the persona's client id> --all --include-inherited, and remove it (or add it to %s if it is"
                    + " meant).", actual.cell().resource().inWords(), actual.expected().missing().get(0).name(),
                    persona.rolesKey(), persona.rolesKey());
            case BAD_TOKEN -> "That is not a role decision: a 401 without PermissionDenied means the service did not"
                    + " accept the token itself (audience, tenant, expiry), so the persona's roles were never checked.";
            case KEY_AUTH_DISABLED -> "That is not a role decision: AuthenticationTypeDisabled refuses a kind of"
                    + " credential (keys), not the identity's roles.";
            case OTHER -> other(answer, operation, persona);
        };
    }

    private static String other(Answer answer, Operation operation, Persona persona) {
        String message = answer.message().toLowerCase(Locale.ROOT);
        if (answer.status() == 0 && message.contains("aadsts")) {
            // Entra's own error codes: the sign-in failed before any service was called
            return "The persona could not sign in, so no service was asked. Fix: check " + Persona.keyPrefix(
                    persona.name()) + "CLIENT_ID and _CLIENT_SECRET (and AZURE_TENANT_ID) against its service principal.";
        }
        if (operation == Operation.FILE_SEARCH && message.contains("managed identity")) {
            return "That is not the persona's denial: the account's own managed identity, which file_search reads the"
                    + " BYO storage and search as, lacks its role there. Fix: grant the account's managed identity "
                    + "Storage Blob Data Reader on the BYO container and Search Index Data Reader on the index.";
        }
        if (answer.status() == 403 && operation.service().denialStatus() == 401) {
            return operation.service().displayName() + " answers a principal without the role with 401"
                    + " PermissionDenied, not 403: a 403 here comes from something else (a network rule, a policy).";
        }
        if (answer.status() == 404 && operation.resource() == Scope.Level.CONTAINER) {
            return "The blob the cell acts on is missing: the suite's own caller places it first, as"
                    + " the_suites_own_caller_holds_its_minimum checks.";
        }
        return "That is neither an answer that allows it nor the service's denial for a missing role.";
    }

    private static String grants(Verdict verdict) {
        return verdict.expected().granting().stream().map(g -> g.role().name() + " (" + g.role().id() + ") at "
                + g.scope().inWords()).collect(Collectors.joining(" and "));
    }

    private static String intended(Persona persona) {
        return persona.intended().isEmpty() ? "none"
                : persona.intended().stream().map(Grant::toString).collect(Collectors.joining(", "));
    }
}
