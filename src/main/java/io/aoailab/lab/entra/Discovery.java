package io.aoailab.lab.entra;

import io.aoailab.lab.http.LabExchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tenant's OIDC metadata ({@code /v2.0/.well-known/openid-configuration}) and keys
 * ({@code /discovery/v2.0/keys}). Member names, order and fixed values follow Entra's v2.0 metadata as recorded by
 * azure-sdk-for-js tests against login.microsoftonline.com (2021-2022).
 *
 * <p>Endpoint URLs are built from the request's {@code Host} so each client gets URLs it can reach: the suite,
 * which pins {@code login.microsoftonline.com} to loopback, gets {@code https://login.microsoftonline.com:PORT/…};
 * a tool that reached a standalone lab at {@code https://127.0.0.1:PORT} gets that. The {@code issuer} stays
 * Entra's, {@code https://login.microsoftonline.com/{tid}/v2.0}, whatever the host: it names the authority, not
 * a place. Hosts Entra runs elsewhere (Graph's userinfo, {@code pas.windows.net}) keep their real names.
 */
final class Discovery {
    static final String METADATA_PATH = "/v2.0/.well-known/openid-configuration";
    static final String KEYS_PATH = "/discovery/v2.0/keys";
    /** Used when a request has no usable Host header (HTTP/1.0); clients that pin this name still get through. */
    static final String DEFAULT_HOST = "login.microsoftonline.com";
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    private Discovery() {
    }

    /** The v2.0 issuer: what OIDC metadata names, unlike the v1 access tokens' {@code iss}. */
    static String v2Issuer(String tenantId) {
        return "https://login.microsoftonline.com/" + tenantId + "/v2.0";
    }

    /** {@code https://<Host>} of the request, for URLs the client can reach. */
    static String origin(LabExchange exchange) {
        String host = exchange.header("Host").map(String::strip).filter(h -> HOST.matcher(h).matches())
                .orElse(DEFAULT_HOST);
        return "https://" + host;
    }

    static Map<String, Object> openIdConfiguration(String origin, String tenantId) {
        String base = origin + "/" + tenantId;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("token_endpoint", base + TokenEndpoint.PATH);
        metadata.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        metadata.put("jwks_uri", base + KEYS_PATH);
        metadata.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        metadata.put("subject_types_supported", List.of("pairwise"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        metadata.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        metadata.put("issuer", v2Issuer(tenantId));
        metadata.put("request_uri_parameter_supported", false);
        metadata.put("userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo");
        metadata.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        metadata.put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode");
        metadata.put("http_logout_supported", true);
        metadata.put("frontchannel_logout_supported", true);
        metadata.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        metadata.put("claims_supported", List.of("sub", "iss", "cloud_instance_name", "cloud_instance_host_name",
                "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce",
                "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"));
        metadata.put("kerberos_endpoint", base + "/kerberos");
        metadata.put("tenant_region_scope", "NA");
        metadata.put("cloud_instance_name", "microsoftonline.com");
        metadata.put("cloud_graph_host_name", "graph.windows.net");
        metadata.put("msgraph_host", "graph.microsoft.com");
        metadata.put("rbac_url", "https://pas.windows.net");
        return metadata;
    }

    static Map<String, Object> keys(SigningKey key, String tenantId) {
        return Map.of("keys", List.of(key.publicJwk(v2Issuer(tenantId))));
    }
}
