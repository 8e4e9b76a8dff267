package io.aoailab.lab.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's own certificate authority and the one server certificate every lab host presents, generated at
 * start and never written anywhere but a standalone lab's {@code lab-ca.pem}. The server certificate names each
 * Azure-shaped host name of the topology plus {@code localhost}, {@code 127.0.0.1} and {@code ::1}, so clients
 * reach the lab either through pinned host names (the suite) or plain loopback addresses (curl, Python, Node).
 *
 * <p>EC P-256 keys: generating them takes milliseconds, where RSA-2048 would cost the lab's start-up ~100 ms.
 */
public final class LabCertificates {
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final X509Certificate ca;
    private final SSLContext serverContext;

    private LabCertificates(X509Certificate ca, SSLContext serverContext) {
        this.ca = ca;
        this.serverContext = serverContext;
    }

    /** A fresh CA and a server certificate for {@code hostNames} (plus the loopback names). */
    public static LabCertificates generate(List<String> hostNames) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256, random);
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair serverKeys = generator.generateKeyPair();
            Instant now = Instant.now();
            Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
            Date notAfter = Date.from(now.plus(VALIDITY));
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

            X500Name caName = new X500Name("CN=aoai-lab-suite lab CA " + now.getEpochSecond() + ",O=aoai-lab-suite");
            X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(random), notBefore,
                    notAfter, caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate ca = sign(caBuilder, caKeys);

            X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(ca, serial(random), notBefore,
                    notAfter, new X500Name("CN=aoai-lab-suite lab hosts"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(hostNames));
            X509Certificate server = sign(serverBuilder, caKeys);

            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            char[] password = new char[0];
            keyStore.setKeyEntry("lab", serverKeys.getPrivate(), password, new X509Certificate[] {server, ca});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, random);
            return new LabCertificates(ca, context);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate the lab's certificates", e);
        }
    }

    /** The CA certificate: what a client must trust to reach the lab. */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** The CA certificate as PEM, for {@code lab-ca.pem}. */
    public String caPem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The TLS context every lab host serves with. */
    public SSLContext serverContext() {
        return serverContext;
    }

    private static GeneralNames subjectAlternativeNames(List<String> hostNames) throws IOException {
        Set<String> names = new LinkedHashSet<>(hostNames);
        names.add("localhost");
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            general.add(new GeneralName(GeneralName.dNSName, name));
        }
        general.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        general.add(new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress()));
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).abs().add(BigInteger.ONE);
    }
}
