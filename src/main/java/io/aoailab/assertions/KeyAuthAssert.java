package io.aoailab.assertions;

import io.aoailab.roles.Answer;
import org.assertj.core.api.AbstractAssert;

/**
 * How an Azure OpenAI account answered a call made with one of its own keys. With local auth disabled it refuses every
 * key with 403 {@code AuthenticationTypeDisabled} ("Key based authentication is disabled for this resource.";
 * learn.microsoft.com/azure/ai-services/disable-local-auth), so only Entra identities, whose roles the matrix checks,
 * can call it.
 */
public final class KeyAuthAssert extends AbstractAssert<KeyAuthAssert, Answer> {
    private final String account;

    private KeyAuthAssert(Answer answer, String account) {
        super(answer, KeyAuthAssert.class);
        this.account = account;
    }

    /** @param account the account in the deployment's terms, e.g. "the account of OPENAI_ENDPOINT_1 (East US)" */
    public static KeyAuthAssert assertThatKeyCallTo(String account, Answer answer) {
        return new KeyAuthAssert(answer, account);
    }

    public KeyAuthAssert wasRefusedAsDisabled() {
        isNotNull();
        if (actual.kind() != Answer.Kind.KEY_AUTH_DISABLED) {
            failWithMessage("%nExpecting %s to refuse its own key with 403 AuthenticationTypeDisabled, as"
                    + " EXPECTED_KEY_AUTH=disabled intends,%nbut it %s.%n%s", account,
                    actual.kind() == Answer.Kind.ALLOWED ? "accepted it (" + actual.status() + ")" : "answered " + actual,
                    actual.kind() == Answer.Kind.ALLOWED ? "Key auth is enabled on that account: anyone holding a key"
                            + " bypasses RBAC. Fix: set disableLocalAuth to true on it (az resource update --ids"
                            + " <account id> --set properties.disableLocalAuth=true), or set EXPECTED_KEY_AUTH=enabled"
                            + " if keys are meant to work."
                            : "That is not the refusal of a key by an account with local auth disabled.");
        }
        return this;
    }

    public KeyAuthAssert wasAccepted() {
        isNotNull();
        if (actual.kind() != Answer.Kind.ALLOWED) {
            failWithMessage("%nExpecting %s to accept its own key, as EXPECTED_KEY_AUTH=enabled intends,%nbut it"
                    + " answered %s.%n%s", account, actual, actual.kind() == Answer.Kind.KEY_AUTH_DISABLED
                    ? "Local auth is disabled on that account. Fix: set EXPECTED_KEY_AUTH=disabled if that is meant."
                    : "Check that the configured key is one of that account's current keys.");
        }
        return this;
    }
}
