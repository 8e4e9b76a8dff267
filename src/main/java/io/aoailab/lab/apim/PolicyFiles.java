package io.aoailab.lab.apim;

import io.aoailab.lab.apim.policy.Policy;
import io.aoailab.lab.apim.policy.PolicyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds and parses the policy file a topology names: {@code classpath:apim-policies/x.xml} for the project's own
 * policies (the build puts {@code apim-policies/} on the classpath), or a path relative to the topology file.
 */
public final class PolicyFiles {
    private static final String CLASSPATH = "classpath:";

    private PolicyFiles() {
    }

    public static Policy load(String reference, Optional<Path> topologyFile) {
        if (reference.startsWith(CLASSPATH)) {
            String resource = "/" + reference.substring(CLASSPATH.length()).replaceFirst("^/", "");
            try (InputStream in = PolicyFiles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("apim.api.policy: '" + reference + "' is not on the classpath."
                            + " Fix: name a file of apim-policies/, e.g. classpath:apim-policies/openai-load-balancer.xml,"
                            + " or a path relative to the topology file.");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), reference.substring(CLASSPATH.length()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path file = topologyFile.map(Path::toAbsolutePath).map(Path::getParent).map(dir -> dir.resolve(reference))
                .orElse(Path.of(reference));
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("apim.api.policy: '" + reference + "' resolves to " + file
                    + ", which cannot be read. Fix: give a path relative to the topology file, or classpath:apim-policies/...");
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // a policy the lab cannot run stops the lab at start, with file:line and the construct (never ignored)
    private static Policy parse(String xml, String source) {
        try {
            return Policy.parse(xml, source);
        } catch (PolicyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
