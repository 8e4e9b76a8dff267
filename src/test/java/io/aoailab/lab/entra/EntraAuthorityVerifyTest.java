package io.aoailab.lab.entra;

import io.aoailab.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.secrets.GeneratedSecrets;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.Topology.Principal;
import io.aoailab.lab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EntraAuthority#verify}, managed-identity tokens and client secrets, without a server. */
class EntraAuthorityVerifyTest {
    private static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com";
    private static final String FOUNDRY = "https://ai.azure.com";
    private static final Instant START = Instant.parse("2025-06-02T10:15:30Z");

    private static Topology topology;
    private static EntraAuthority authority;
    private static MutableClock clock;
    private static Principal gateway;
    private static GeneratedSecrets generated;

    @BeforeAll
    static void createAuthority() {
        topology = TopologyLoader.loadDefault();
        clock = new MutableClock(START);
        generated = new GeneratedSecrets();
        authority = new EntraAuthority(topology, clock, generated);
        gateway = topology.principal("apim-gateway").orElseThrow();
    }

    @BeforeEach
    void resetClock() {
        clock.set(START);
    }

    @Test
    void should_accept_a_managed_identity_token_for_its_audience_when_it_is_current() {
        // GIVEN
        IssuedToken token = authority.issueManagedIdentityToken("apim-gateway", COGNITIVE_SERVICES);

        // WHEN
        TokenCheck check = authority.verify("Bearer " + token.accessToken(), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Valid(
                new Caller(gateway.objectId(), gateway.clientId(), topology.tenant().id(), "apim-gateway")));
        assertThat(token.expiresOn()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(claims(token.accessToken())).containsEntry("appidacr", "2").containsEntry("idtyp", "app")
                .containsEntry("aud", COGNITIVE_SERVICES);
    }

    @Test
    void should_accept_the_audience_when_either_side_has_a_trailing_slash() {
        // GIVEN the resource asked for with a slash; tokens carry it without one
        IssuedToken token = authority.issueManagedIdentityToken("apim-gateway", FOUNDRY + "/");

        // WHEN
        TokenCheck withSlash = authority.verify("Bearer " + token.accessToken(), FOUNDRY + "/");
        TokenCheck withoutSlash = authority.verify("Bearer " + token.accessToken(), FOUNDRY);

        // THEN
        assertThat(claims(token.accessToken())).containsEntry("aud", FOUNDRY);
        assertThat(withSlash).isInstanceOf(TokenCheck.Valid.class);
        assertThat(withoutSlash).isInstanceOf(TokenCheck.Valid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer ", "BEARER ", "Bearer  "})
    void should_accept_the_token_when_the_bearer_scheme_is_in_any_case(String scheme) {
        // GIVEN
        IssuedToken token = authority.issueManagedIdentityToken("apim-gateway", COGNITIVE_SERVICES);

        // WHEN
        TokenCheck check = authority.verify(scheme + token.accessToken(), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void should_refuse_the_token_as_expired_when_the_clock_reaches_exp() {
        // GIVEN
        IssuedToken token = authority.issueManagedIdentityToken("apim-gateway", COGNITIVE_SERVICES);
        clock.advance(Duration.ofHours(1).minusSeconds(1));
        TokenCheck lastSecond = authority.verify("Bearer " + token.accessToken(), COGNITIVE_SERVICES);

        // WHEN
        clock.advance(Duration.ofSeconds(1));
        TokenCheck atExpiry = authority.verify("Bearer " + token.accessToken(), COGNITIVE_SERVICES);

        // THEN no skew: valid up to the second before exp, expired at exp
        assertThat(lastSecond).isInstanceOf(TokenCheck.Valid.class);
        assertThat(atExpiry).isEqualTo(new TokenCheck.Invalid(
                "expired at 2025-06-02T11:15:30Z (now 2025-06-02T11:15:30Z)"));
    }

    @Test
    void should_refuse_the_token_as_not_yet_valid_when_the_clock_is_before_nbf() {
        // GIVEN nbf is 5 minutes before issuance, as Entra backdates it
        IssuedToken token = authority.issueManagedIdentityToken("apim-gateway", COGNITIVE_SERVICES);

        // WHEN
        clock.set(START.minus(Duration.ofMinutes(6)));
        TokenCheck check = authority.verify("Bearer " + token.accessToken(), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid(
                "not yet valid: nbf 2025-06-02T10:10:30Z is after now 2025-06-02T10:09:30Z"));
    }

    @Test
    void should_refuse_the_token_naming_both_audiences_when_it_is_for_another_resource() {
        // GIVEN
        IssuedToken token = authority.issueManagedIdentityToken("apim-gateway", COGNITIVE_SERVICES);

        // WHEN
        TokenCheck check = authority.verify("Bearer " + token.accessToken(), FOUNDRY);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid(
                "wrong audience 'https://cognitiveservices.azure.com' expected 'https://ai.azure.com'"));
    }

    @Test
    void should_refuse_the_token_without_quoting_it_when_its_signature_is_tampered_with() {
        // GIVEN
        String token = authority.issueManagedIdentityToken("apim-gateway", COGNITIVE_SERVICES).accessToken();
        int last = token.length() - 5;
        String tampered = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.substring(last + 1);

        // WHEN
        TokenCheck check = authority.verify("Bearer " + tampered, COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid(
                "bad signature: the signature does not verify with the authority's key"));
        assertThat(((TokenCheck.Invalid) check).reason()).doesNotContain(tampered).doesNotContain(token);
    }

    @Test
    void should_refuse_the_token_when_its_claims_are_changed_after_signing() {
        // GIVEN a token for Azure OpenAI whose claims are rewritten to name Foundry, signature kept
        String[] parts = authority.issueManagedIdentityToken("apim-gateway", COGNITIVE_SERVICES).accessToken()
                .split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(COGNITIVE_SERVICES, FOUNDRY);
        String forged = parts[0] + "." + base64url(claims) + "." + parts[2];

        // WHEN
        TokenCheck check = authority.verify("Bearer " + forged, FOUNDRY);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid(
                "bad signature: the signature does not verify with the authority's key"));
    }

    @Test
    void should_refuse_a_token_of_another_authority_when_its_key_is_not_this_ones() {
        // GIVEN another lab's authority for the same topology: same claims, another key
        EntraAuthority other = new EntraAuthority(topology, clock);
        IssuedToken token = other.issueManagedIdentityToken("apim-gateway", COGNITIVE_SERVICES);

        // WHEN
        TokenCheck check = authority.verify("Bearer " + token.accessToken(), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid("bad signature: signed by an unknown key (kid '"
                + other.keyId() + "', the authority's is '" + authority.keyId() + "')"));
    }

    @Test
    void should_refuse_a_token_signed_by_another_key_when_it_claims_this_authoritys_kid() throws Exception {
        // GIVEN a forger who copied the public kid
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(authority.keyId()).build(), validClaims());
        forged.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));

        // WHEN
        TokenCheck check = authority.verify("Bearer " + forged.serialize(), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid(
                "bad signature: the signature does not verify with the authority's key"));
    }

    @Test
    void should_refuse_a_token_when_it_is_not_signed_with_rs256() throws Exception {
        // GIVEN an HMAC token keyed with something public, the classic algorithm-confusion forgery
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(authority.keyId()).build(),
                validClaims());
        forged.sign(new MACSigner(authority.keyId().repeat(2).getBytes(StandardCharsets.UTF_8)));

        // WHEN
        TokenCheck check = authority.verify("Bearer " + forged.serialize(), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid("bad signature: alg 'HS256' is not RS256"));
    }

    @Test
    void should_refuse_a_token_for_another_tenant_when_this_authority_signed_it() {
        // GIVEN
        String otherTenant = UUID.randomUUID().toString();
        Map<String, Object> claims = claimsFor(gateway, COGNITIVE_SERVICES);
        claims.put("tid", otherTenant);
        claims.put("iss", "https://sts.windows.net/" + otherTenant + "/");

        // WHEN
        TokenCheck check = authority.verify("Bearer " + authority.sign(claims), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid(
                "wrong tenant '" + otherTenant + "' expected '" + topology.tenant().id() + "'"));
    }

    @Test
    void should_refuse_a_token_when_its_issuer_is_not_the_tenants_v1_issuer() {
        // GIVEN the v2.0 issuer of the metadata, which v1 tokens never carry
        Map<String, Object> claims = claimsFor(gateway, COGNITIVE_SERVICES);
        String v2Issuer = "https://login.microsoftonline.com/" + topology.tenant().id() + "/v2.0";
        claims.put("iss", v2Issuer);

        // WHEN
        TokenCheck check = authority.verify("Bearer " + authority.sign(claims), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid("wrong issuer '" + v2Issuer + "' expected 'https://sts.windows.net/"
                + topology.tenant().id() + "/'"));
    }

    @Test
    void should_refuse_a_token_when_its_object_id_names_no_principal() {
        // GIVEN
        Map<String, Object> claims = claimsFor(gateway, COGNITIVE_SERVICES);
        String stranger = UUID.randomUUID().toString();
        claims.put("oid", stranger);

        // WHEN
        TokenCheck check = authority.verify("Bearer " + authority.sign(claims), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid(
                "unknown principal: oid '" + stranger + "' names no principal of the topology"));
    }

    @Test
    void should_refuse_the_token_as_malformed_when_it_has_no_exp() {
        // GIVEN
        Map<String, Object> claims = claimsFor(gateway, COGNITIVE_SERVICES);
        claims.remove("exp");

        // WHEN
        TokenCheck check = authority.verify("Bearer " + authority.sign(claims), COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid("malformed: no exp claim"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer not-a-jwt", "Bearer a.b.c", "Bearer eyJhbGciOiJSUzI1NiJ9.e30"})
    void should_refuse_the_credential_as_malformed_when_it_is_not_a_signed_jwt(String authorization) {
        // WHEN
        TokenCheck check = authority.verify(authorization, COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isInstanceOfSatisfying(TokenCheck.Invalid.class,
                invalid -> assertThat(invalid.reason()).startsWith("malformed: not a signed JWT"));
    }

    @Test
    void should_refuse_the_credential_as_malformed_when_the_scheme_is_not_bearer() {
        // WHEN
        TokenCheck check = authority.verify("Basic dXNlcjpwYXNz", COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid("malformed: the Authorization scheme is not Bearer"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void should_refuse_the_request_as_missing_when_there_is_no_authorization_header(String authorization) {
        // WHEN
        TokenCheck check = authority.verify(authorization, COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid("missing: no Authorization header"));
    }

    @Test
    void should_refuse_the_request_as_missing_when_the_bearer_credential_is_empty() {
        // WHEN
        TokenCheck check = authority.verify("Bearer", COGNITIVE_SERVICES);
        TokenCheck spaced = authority.verify("Bearer   ", COGNITIVE_SERVICES);

        // THEN
        assertThat(check).isEqualTo(new TokenCheck.Invalid("missing: the Bearer credential is empty"));
        assertThat(spaced).isEqualTo(new TokenCheck.Invalid("missing: the Bearer credential is empty"));
    }

    @Test
    void should_refuse_a_managed_identity_token_when_the_principal_is_a_service_principal() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> authority.issueManagedIdentityToken("suite-caller", COGNITIVE_SERVICES))
                .withMessage("'suite-caller' is not a managed identity of the topology; managed identities: apim-gateway, aoai-eus-identity, aoai-eus2-identity, aif-identity");
    }

    @Test
    void should_issue_a_managed_identity_token_for_a_resource_the_lab_does_not_serve() {
        // WHEN a token for Azure Resource Manager, as an identity endpoint issues it (docs/azure-facts.md §8)
        IssuedToken token = authority.issueManagedIdentityToken("apim-gateway", "https://management.azure.com/");

        // THEN its audience is the resource as asked for, and the lab's services refuse it for theirs
        assertThat(claims(token.accessToken())).containsEntry("aud", "https://management.azure.com/")
                .containsEntry("oid", gateway.objectId());
        assertThat(authority.verify("Bearer " + token.accessToken(), "https://management.azure.com/"))
                .isInstanceOf(TokenCheck.Valid.class);
        assertThat(authority.verify("Bearer " + token.accessToken(), COGNITIVE_SERVICES))
                .isInstanceOfSatisfying(TokenCheck.Invalid.class, i -> assertThat(i.wrongAudience()).isTrue());
        assertThat(claims(authority.issueManagedIdentityToken("apim-gateway",
                "00000003-0000-0000-c000-000000000000").accessToken()))
                .containsEntry("aud", "00000003-0000-0000-c000-000000000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "management", "https:///no-host"})
    void should_refuse_a_managed_identity_token_when_the_resource_names_no_resource(String resource) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> authority.issueManagedIdentityToken("apim-gateway", resource))
                .withMessage("'" + resource + "' names no resource: give the App ID URI of the resource the token is"
                        + " for, e.g. https://cognitiveservices.azure.com, or its application id (a GUID)");
    }

    @Test
    void should_generate_an_azure_shaped_secret_per_service_principal_when_the_authority_starts() {
        // WHEN
        LabSecret suiteCaller = authority.clientSecret("suite-caller");
        LabSecret openAiOnly = authority.clientSecret("openai-only");

        // THEN
        assertThat(suiteCaller.reveal()).hasSize(40).matches("[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{34}");
        assertThat(openAiOnly).isNotEqualTo(suiteCaller);
        assertThat(suiteCaller).hasToString("LabSecret[REDACTED]");
        assertThat(generated.all()).contains(suiteCaller, openAiOnly);
        assertThat(generated.redact("secret=" + suiteCaller.reveal())).isEqualTo("secret=REDACTED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apim-gateway", "nobody"})
    void should_name_the_service_principals_when_the_secret_of_another_name_is_asked_for(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> authority.clientSecret(name))
                .withMessage("'" + name + "' is not a service principal of the topology; service principals: "
                        + "suite-caller, minimum, ai-user-only, openai-only, no-storage, no-search, contributor-only,"
                        + " no-role");
    }

    @Test
    void should_leave_the_token_out_when_an_issued_token_is_printed() {
        // GIVEN
        IssuedToken token = authority.issueManagedIdentityToken("apim-gateway", COGNITIVE_SERVICES);

        // WHEN
        String printed = token.toString();

        // THEN
        assertThat(printed).doesNotContain(token.accessToken()).contains("REDACTED");
    }

    /** The claims of a genuine token for {@code principal}, to change one and sign. */
    private static Map<String, Object> claimsFor(Principal principal, String audience) {
        long now = clock.instant().getEpochSecond();
        String tenantId = topology.tenant().id();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iss", "https://sts.windows.net/" + tenantId + "/");
        claims.put("iat", now - 300);
        claims.put("nbf", now - 300);
        claims.put("exp", now + 3600);
        claims.put("appid", principal.clientId());
        claims.put("appidacr", "2");
        claims.put("idtyp", "app");
        claims.put("oid", principal.objectId());
        claims.put("sub", principal.objectId());
        claims.put("tid", tenantId);
        claims.put("ver", "1.0");
        return claims;
    }

    private static JWTClaimsSet validClaims() throws ParseException {
        return JWTClaimsSet.parse(claimsFor(gateway, COGNITIVE_SERVICES));
    }

    /** The claims as the token's JSON has them (Nimbus would turn a string {@code aud} into a list). */
    private static Map<String, Object> claims(String token) {
        try {
            return LabJson.MAPPER.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new AssertionError("the authority issued an unparsable token", e);
        }
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
