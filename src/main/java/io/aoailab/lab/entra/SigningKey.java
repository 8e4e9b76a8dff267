package io.aoailab.lab.entra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.aoailab.lab.http.LabJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The authority's token-signing key: RSA-2048 in a self-signed certificate, as Entra publishes its keys. The key
 * id is the certificate's SHA-1 thumbprint (base64url), and tokens carry it as both {@code kid} and {@code x5t},
 * because that is how Entra's v1 access tokens and its JWKS name a key; a validator that matches either finds it.
 *
 * <p>Tokens are signed with the JDK so the header and claims keep the order Entra writes them in; they are
 * verified with Nimbus, a second implementation, so a signing bug cannot hide behind a matching verifying bug.
 */
final class SigningKey {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final String keyId;

    private SigningKey(KeyPair keys, X509Certificate certificate, String keyId) {
        this.keys = keys;
        this.certificate = certificate;
        this.keyId = keyId;
    }

    /** A fresh key; takes 45-270 ms, over 1 s cold (RSA prime search), so callers start it off the request path. */
    static SigningKey generate(Instant now) {
        // Entra's signing certificates are self-signed with this subject
        return generate(now, "CN=accounts.accesscontrol.windows.net");
    }

    /** A fresh key in a self-signed certificate of {@code subjectName}, for another issuer than Entra. */
    static SigningKey generate(Instant now, String subjectName) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name(subjectName);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(subject, new BigInteger(64, random).add(BigInteger.ONE),
                            Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))),
                            subject, keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            String thumbprint = BASE64URL.encodeToString(
                    MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
            return new SigningKey(keys, certificate, thumbprint);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate the lab Entra authority's signing key", e);
        }
    }

    String keyId() {
        return keyId;
    }

    /** Signs {@code claims} as an RS256 JWT with Entra's v1 header: {@code typ}, {@code alg}, {@code x5t}, {@code kid}. */
    String sign(Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("x5t", keyId);
        header.put("kid", keyId);
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a lab access token", e);
        }
    }

    /** Whether this key made the JWT's signature; the caller has checked {@code alg} and {@code kid}. */
    boolean verifies(SignedJWT jwt) {
        try {
            return jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()));
        } catch (JOSEException e) {
            return false;
        }
    }

    /**
     * The public key as Entra's JWKS lists it: {@code kty}, {@code use}, {@code kid}, {@code x5t}, {@code n},
     * {@code e}, {@code x5c}, and the v2.0 endpoint's {@code issuer}. There is no {@code alg}: Entra's keys carry
     * none (ivandelic/how-to-use-azure-ad-to-secure-oci-api-gateway-with-oauth-and-jwt exists to add
     * {@code "alg":"RS256"} to them for OCI), and validators fall back to the token header's {@code alg}.
     */
    Map<String, Object> publicJwk(String issuer) {
        Map<String, Object> jwk = rsaJwk();
        jwk.put("issuer", issuer);
        return jwk;
    }

    /** The public key as a plain RSA JWK: {@code kty}, {@code use}, {@code kid}, {@code x5t}, {@code n}, {@code e}, {@code x5c}. */
    Map<String, Object> rsaJwk() {
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("kid", keyId);
        jwk.put("x5t", keyId);
        jwk.put("n", BASE64URL.encodeToString(unsigned(publicKey.getModulus())));
        jwk.put("e", BASE64URL.encodeToString(unsigned(publicKey.getPublicExponent())));
        try {
            jwk.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the lab Entra signing certificate", e);
        }
        return jwk;
    }

    private static String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(LabJson.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a lab token part", e);
        }
    }

    /** JWK integers are unsigned big-endian; {@link BigInteger#toByteArray()} may prepend a sign byte. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }
}
