package io.aoailab.lab.apim.policy;

import java.net.URI;

/**
 * What one {@code forward-request} brought back: the backend's answer, and the URL it went to (the chosen pool
 * member's URL plus the API suffix). {@code context.Request.Url} shows that URL after forwarding, which is how policies
 * learn the backend a pool chose (docs/apim-gateway.md §3.2, item 2).
 */
public record BackendAnswer(URI url, GatewayResponse response) {
}
