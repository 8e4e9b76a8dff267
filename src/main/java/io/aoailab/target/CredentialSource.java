package io.aoailab.target;

import com.azure.core.credential.TokenCredential;
import io.aoailab.config.Persona;

/**
 * Where the suite's Entra identities come from. The live target asks azure-identity's
 * DefaultAzureCredential chain; the lab target signs in at the lab's own Entra authority with azure-identity's
 * ClientSecretCredential, so both go through the same library code.
 */
public interface CredentialSource {

    /** The identity the scenarios call as unless they name a persona. */
    TokenCredential defaultCaller();

    /** A persona's identity, for the RBAC cases. */
    TokenCredential persona(Persona persona);
}
