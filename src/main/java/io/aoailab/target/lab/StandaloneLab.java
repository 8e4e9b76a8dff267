package io.aoailab.target.lab;

import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.http.LabServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Runs the lab standalone until interrupted, so any client (curl, Python, Node, the suite with
 * {@code LAB_TARGET=live}) can use it. Writes {@code lab-ca.pem}, {@code lab.env} and {@code github-oidc.env} (GitHub's
 * OIDC variables for the lab's GitHub-like issuer) into the output directory.
 *
 * <pre>
 * mvn -q compile exec:java@lab                                  # writes lab-out/lab.env and lab-out/lab-ca.pem
 * mvn -q compile exec:java@lab -Dlab.args="--out /tmp/lab --topology my-topology.yaml --first-port 47000"
 * </pre>
 */
public final class StandaloneLab {
    /** The file with GitHub's OIDC variables for the lab's issuer, next to lab.env. */
    static final String GITHUB_OIDC_FILE = "github-oidc.env";

    private StandaloneLab() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Arguments arguments = Arguments.parse(args);
        Lab lab = Lab.start(LabOptions.defaults().withTopology(arguments.topology()).withFirstPort(arguments.firstPort())
                .standalone());
        LabServer admin = lab.serveAdminApi(arguments.firstPort() == 0 ? 0 : arguments.firstPort() + lab.accounts().size() + 1);
        Path caFile = arguments.out().resolve("lab-ca.pem");
        Path envFile = arguments.out().resolve("lab.env");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lab.close();
            // the env files hold the lab's client secrets and request token, and none means anything once the lab is gone
            List<String> removed = Stream.of(envFile, caFile, arguments.out().resolve(GITHUB_OIDC_FILE))
                    .filter(StandaloneLab::deleteQuietly).map(Path::toString).toList();
            System.out.printf("aoai-lab-suite lab stopped%s.%n", removed.isEmpty() ? ""
                    : "; removed " + String.join(" and ", removed));
            stopped.countDown();
        }, "lab-shutdown"));
        write(arguments.out(), caFile, envFile, lab);
        describe(System.out, lab, admin, caFile, envFile);
        stopped.await();
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            System.out.printf("could not remove %s: %s%n", file, e.getMessage());
            return false;
        }
    }

    /**
     * Writes what a standalone lab gives its clients: {@code lab-ca.pem}, {@code lab.env} and, in {@code out},
     * {@value #GITHUB_OIDC_FILE} (both env files owner-only).
     */
    public static void write(Path out, Path caFile, Path envFile, Lab lab) throws IOException {
        Files.createDirectories(out);
        Files.writeString(caFile, lab.caPem(), StandardCharsets.US_ASCII);
        Instant now = Instant.now();
        Path githubFile = out.resolve(GITHUB_OIDC_FILE);
        Files.writeString(envFile, LabEnvFile.render(lab, caFile, now), StandardCharsets.UTF_8);
        Files.writeString(githubFile, LabEnvFile.renderGitHubOidc(lab, now), StandardCharsets.UTF_8);
        for (Path secret : List.of(envFile, githubFile)) {
            try {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the file stays as the user's umask made it
            }
        }
    }

    static void describe(PrintStream out, Lab lab, LabServer admin, Path caFile, Path envFile) {
        out.printf("aoai-lab-suite lab is up (started in %d ms); Ctrl-C stops it and removes the files below.%n",
                lab.startupTime().toMillis());
        out.printf("  Entra authority   %s  (tenant %s)%n", lab.authorityLoopbackUri(), lab.topology().tenant().id());
        for (Lab.LabAccount account : lab.accounts()) {
            out.printf("  %-17s %s  (%s)%n", account.spec().name(), account.loopbackUri(), account.spec().region());
        }
        lab.storageAccounts().forEach((name, endpoint) -> out.printf("  %-17s %s  (Blob storage)%n", name,
                endpoint.loopbackUri()));
        lab.searchServices().forEach((name, endpoint) -> out.printf("  %-17s %s  (AI Search)%n", name,
                endpoint.loopbackUri()));
        lab.foundryProject().ifPresent(project -> out.printf("  Foundry project   %s%n", project.loopbackUri()));
        lab.apim().ifPresent(apim -> out.printf("  APIM gateway      %s  (%s; key in the env file)%n", apim.loopbackUri(),
                apim.spec().name()));
        out.printf("  GitHub OIDC       %s  (a job's token request; the request token in %s)%n",
                lab.githubOidcRequest(true).requestUrl(), GITHUB_OIDC_FILE);
        out.printf("  admin API         %s  (GET admin/status, GET admin/apim, POST|DELETE admin/faults)%n",
                admin.loopbackUri());
        out.printf("  CA certificate    %s%n", caFile.toAbsolutePath());
        out.printf("  env file          %s  (holds client secrets)%n", envFile.toAbsolutePath());
        out.printf("Use it: set -a; . %s; set +a; mvn verify     # the suite's live code path%n", envFile);
        out.printf("        curl --cacert %s %sadmin/status%n", caFile, admin.loopbackUri());
        out.printf("        REQUESTS_CA_BUNDLE=%s (Python)   NODE_EXTRA_CA_CERTS=%s (Node)%n", caFile, caFile);
    }

    record Arguments(Path out, Optional<Path> topology, int firstPort) {
        static Arguments parse(String[] args) {
            Path out = Path.of("lab-out");
            Optional<Path> topology = Optional.empty();
            int firstPort = 0;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--out" -> out = Path.of(required(args[i], value));
                    case "--topology" -> topology = Optional.of(Path.of(required(args[i], value)));
                    case "--first-port" -> firstPort = Integer.parseInt(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; use --out DIR, --topology FILE, --first-port N");
                }
                i++;
            }
            return new Arguments(out, topology, firstPort);
        }

        private static String required(String flag, String value) {
            if (value == null) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return value;
        }
    }
}
