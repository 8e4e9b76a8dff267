package io.aoailab.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aoailab.access.HttpClientFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A GitHub Actions OIDC token for Entra's workload identity federation, asked of GitHub anew on every call: the client
 * assertion of the suite's caller in a GitHub workflow. GitHub's tokens expire after about 5 minutes and a token
 * handed over once (what {@code az login --federated-token} does) fails every later token request with AADSTS700024,
 * so a run of an hour must ask again each time Entra is asked (docs/azure-facts.md §9).
 *
 * <p>The request is GitHub's documented one (docs.github.com, "OpenID Connect reference", "Methods for requesting the
 * OIDC token"; actions/toolkit {@code OidcClient.getIDToken}): {@code GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=
 * api://AzureADTokenExchange} with {@code Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN}, answered with
 * {@code {"value":"<jwt>"}}. The URL a runner gets already has a query string ({@code ?api-version=2.0}), so the
 * audience is added as one more parameter. The call goes through the run's HTTP client, with its timeout.
 *
 * <p>Failures name the variable at fault and the fix; no message carries the request token, the answer's body or
 * the token in it.
 */
final class GitHubOidcAssertion implements Supplier<String> {
    /** GitHub's variables in a job granted {@code permissions: id-token: write}. */
    static final String REQUEST_URL = "ACTIONS_ID_TOKEN_REQUEST_URL";
    static final String REQUEST_TOKEN = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
    /** The audience Entra expects of an external token, and the one GitHub's Azure guidance configures. */
    static final String ENTRA_AUDIENCE = "api://AzureADTokenExchange";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpUrl url;
    private final String requestToken;
    private final OkHttpClient http;
    private final Duration timeout;

    private GitHubOidcAssertion(HttpUrl url, String requestToken, OkHttpClient http, Duration timeout) {
        this.url = url;
        this.requestToken = requestToken;
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * The assertion of a GitHub job, if {@code environment} has both of GitHub's variables.
     *
     * @throws IllegalStateException if {@value #REQUEST_URL} is not an http(s) URL
     */
    static Optional<GitHubOidcAssertion> from(Map<String, String> environment, HttpClientFactory http) {
        String requestUrl = environment.getOrDefault(REQUEST_URL, "").strip();
        String requestToken = environment.getOrDefault(REQUEST_TOKEN, "").strip();
        if (requestUrl.isEmpty() || requestToken.isEmpty()) {
            return Optional.empty();
        }
        HttpUrl parsed = HttpUrl.parse(requestUrl);
        if (parsed == null) {
            throw new IllegalStateException(REQUEST_URL + " is not an http(s) URL. Fix: leave it as GitHub sets it in a"
                    + " job with permissions: id-token: write, or unset it to sign in another way.");
        }
        return Optional.of(new GitHubOidcAssertion(parsed.newBuilder().addQueryParameter("audience", ENTRA_AUDIENCE)
                .build(), requestToken, http.okHttp(), http.timeout()));
    }

    /** The URL asked, audience included: {@value #REQUEST_URL} with {@code audience=} added. */
    HttpUrl url() {
        return url;
    }

    /**
     * A token GitHub issues now.
     *
     * @throws IllegalStateException naming the variable and the fix when GitHub cannot be asked or refuses
     */
    @Override
    public String get() {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + requestToken)
                .header("Accept", "application/json").get().build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("GitHub's OIDC token endpoint (" + REQUEST_URL + ", host " + url.host()
                        + ") answered " + response.code() + " to the request for a token for " + ENTRA_AUDIENCE
                        + ". Fix: run the job with permissions: id-token: write and keep " + REQUEST_TOKEN
                        + " as GitHub set it; it is valid for the job's run only.");
            }
            return token(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GitHub's OIDC token endpoint (" + REQUEST_URL + ", host " + url.host()
                    + ") could not be reached within " + timeout.toSeconds() + " s (HTTP_TIMEOUT_SECONDS): "
                    + e.getClass().getSimpleName() + ". Fix: let the runner reach " + url.host() + ", or raise"
                    + " HTTP_TIMEOUT_SECONDS.", e);
        }
    }

    private static String token(ResponseBody body) {
        JsonNode json;
        try {
            json = body == null ? null : JSON.readTree(body.string());
        } catch (IOException e) {
            json = null;
        }
        String token = json == null ? "" : json.path("value").asText("");
        if (token.isBlank()) {
            throw new IllegalStateException("GitHub's OIDC token endpoint (" + REQUEST_URL + ") answered without a"
                    + " token (no \"value\" in a JSON object). Fix: check that " + REQUEST_URL + " is GitHub's, as"
                    + " the runner set it.");
        }
        return token;
    }
}
