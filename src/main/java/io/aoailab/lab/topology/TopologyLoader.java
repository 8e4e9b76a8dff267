package io.aoailab.lab.topology;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aoailab.lab.rbac.RoleAssignment;
import io.aoailab.lab.rbac.RoleCatalog;
import io.aoailab.lab.topology.Topology.Assignment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and checks a topology file (YAML): Jackson reads its shape, {@link TopologyChecker} its meaning. Every problem
 * stops the lab at start with the file, the path inside it (e.g. {@code roleAssignments[2].role}) and the fix; nothing
 * is guessed or ignored, unknown keys included.
 */
public final class TopologyLoader {
    /** The topology shipped with the suite: the reference deployment. */
    public static final String DEFAULT_RESOURCE = "/io/aoailab/lab/default-topology.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private TopologyLoader() {
    }

    /** The file {@code LAB_TOPOLOGY_FILE} names, or the shipped default. */
    public static Topology load(Optional<Path> file) {
        return file.map(TopologyLoader::load).orElseGet(TopologyLoader::loadDefault);
    }

    public static Topology load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the lab topology " + file, e);
        }
    }

    public static Topology loadDefault() {
        try (InputStream in = TopologyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The shipped topology " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return parse(in, "default-topology.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Topology parse(InputStream in, String file) {
        Topology topology;
        try {
            topology = YAML.readValue(in, Topology.class);
        } catch (UnrecognizedPropertyException e) {
            throw new TopologyException(file, path(e) + where(e.getLocation()), "'" + e.getPropertyName()
                    + "' is not a topology key", "use one of " + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            throw new TopologyException(file, path(e) + where(e.getLocation()), firstLine(e.getOriginalMessage()),
                    "write it as the shipped default-topology.yaml does");
        } catch (JacksonException e) {
            throw new TopologyException(file, "(document)" + where(e.getLocation()), firstLine(e.getOriginalMessage()),
                    "write valid YAML");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the lab topology " + file, e);
        }
        new TopologyChecker(topology, file).check();
        return topology;
    }

    /** The topology's role assignments, resolved to principals' object ids, roles and full ARM scopes. */
    public static List<RoleAssignment> roleAssignments(Topology topology) {
        List<RoleAssignment> resolved = new ArrayList<>();
        for (Assignment assignment : topology.roleAssignments()) {
            resolved.add(new RoleAssignment(topology.principal(assignment.principal()).orElseThrow().objectId(),
                    RoleCatalog.find(assignment.role()).orElseThrow(), scope(topology, assignment.scope()).orElseThrow()));
        }
        return resolved;
    }

    /**
     * A scope as the topology writes it, as a full ARM id; empty if it names nothing in the topology. The short forms
     * name a declared resource exactly: {@code subscription}, {@code resourceGroup}, {@code account:<name>},
     * {@code foundry}, {@code project}, {@code storage:<name>}, {@code container:<storage account>/<container>},
     * {@code search:<name>}, {@code index:<search service>/<index>}. A full ARM id of one of them is taken as Azure
     * takes it: case-insensitively, with or without a trailing slash.
     */
    static Optional<String> scope(Topology topology, String written) {
        if (written.equals("subscription")) {
            return Optional.of(topology.subscriptionScope());
        }
        if (written.equals("resourceGroup")) {
            return Optional.of(topology.resourceGroupScope());
        }
        if (written.startsWith("account:")) {
            return topology.account(written.substring("account:".length())).map(topology::accountScope);
        }
        if (written.equals("foundry")) {
            return topology.foundryResource().map(topology::foundryAccountScope);
        }
        if (written.equals("project")) {
            return topology.foundryResource().map(topology::projectScope);
        }
        if (written.startsWith("storage:")) {
            return topology.storageAccount(written.substring("storage:".length())).map(topology::storageScope);
        }
        if (written.startsWith("container:")) {
            String[] names = written.substring("container:".length()).split("/", -1);
            return names.length != 2 ? Optional.empty() : topology.storageAccount(names[0])
                    .filter(account -> account.container(names[1]).isPresent())
                    .map(account -> topology.containerScope(account, names[1]));
        }
        if (written.startsWith("search:")) {
            return topology.searchService(written.substring("search:".length())).map(topology::searchScope);
        }
        if (written.startsWith("index:")) {
            String[] names = written.substring("index:".length()).split("/", -1);
            return names.length != 2 ? Optional.empty() : topology.searchService(names[0])
                    .filter(service -> service.index(names[1]).isPresent())
                    .map(service -> topology.indexScope(service, names[1]));
        }
        String trimmed = written.endsWith("/") ? written.substring(0, written.length() - 1) : written;
        return armScopes(topology).stream().filter(k -> k.equalsIgnoreCase(trimmed)).findFirst();
    }

    /** The full ARM id of every scope the topology declares, parents before their children. */
    static List<String> armScopes(Topology topology) {
        List<String> known = new ArrayList<>(List.of(topology.subscriptionScope(), topology.resourceGroupScope()));
        topology.accounts().forEach(a -> known.add(topology.accountScope(a)));
        for (StorageSpec account : topology.storage()) {
            known.add(topology.storageScope(account));
            account.containers().forEach(c -> known.add(topology.containerScope(account, c.name())));
        }
        for (SearchSpec service : topology.search()) {
            known.add(topology.searchScope(service));
            service.indexes().forEach(i -> known.add(topology.indexScope(service, i.name())));
        }
        topology.foundryResource().ifPresent(f -> {
            known.add(topology.foundryAccountScope(f));
            known.add(topology.projectScope(f));
        });
        return known;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(document)" : path.toString();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    private static String firstLine(String message) {
        String line = message == null ? "invalid value" : message.lines().findFirst().orElse("invalid value");
        java.util.regex.Matcher missing = Pattern.compile("Missing required creator property '([^']+)'.*").matcher(line);
        if (missing.matches()) {
            return "'" + missing.group(1) + "' is required";
        }
        if (line.startsWith("Cannot map `null` into type")) {
            return "a value is required here";
        }
        return line.replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.([A-Z][A-Za-z$]*)`", "$1");
    }
}
