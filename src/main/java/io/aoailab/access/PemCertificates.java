package io.aoailab.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads the CA certificates of a PEM file, as {@code EXTRA_CA_CERT_FILE} names it. */
public final class PemCertificates {
    private PemCertificates() {
    }

    public static List<X509Certificate> read(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(pem + " holds no certificate. Fix: point EXTRA_CA_CERT_FILE at a"
                        + " PEM file with one or more '-----BEGIN CERTIFICATE-----' blocks.");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(pem + " cannot be read as PEM certificates (" + e.getMessage()
                    + "). Fix: point EXTRA_CA_CERT_FILE at a PEM file of CA certificates.", e);
        }
    }
}
