package io.aoailab.access;

import io.aoailab.config.Client;

/**
 * How an access path reaches the deployment, which decides what it can see: the regional accounts' data (their
 * stored responses, their vector stores) or the Foundry resource's own.
 */
public enum Way {
    /** An Azure OpenAI account's own endpoint. */
    DIRECT,
    /** The APIM gateway in front of the accounts. */
    APIM,
    /** A Foundry project's Azure OpenAI connection, which targets one of the accounts. */
    FOUNDRY_CONNECTION,
    /** The Foundry project's own surface, served by the Foundry resource with its own deployments and data. */
    FOUNDRY_PROJECT;

    /** Whether the path answers from the regional Azure OpenAI accounts (not from the Foundry resource). */
    public boolean reachesTheAccounts() {
        return this != FOUNDRY_PROJECT;
    }

    /** Whether {@code client} can go this way: the project's own surface is OpenAI's v1 API, for openai-java only. */
    public boolean takes(Client client) {
        return this != FOUNDRY_PROJECT || client == Client.OPENAI_JAVA;
    }
}
