package io.aoailab.lab.foundry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request to {@code <account>.services.ai.azure.com} asks for, from its method and path alone.
 *
 * @param project the project segment, as sent
 * @param kind the operation
 * @param connection the connection name for {@link Kind#GET_CONNECTION} and {@link Kind#GET_WITH_CREDENTIALS}
 */
record ProjectRoute(String project, Kind kind, String connection) {
    private static final Pattern PROJECT = Pattern.compile("/api/projects/([^/]+)(/.*)?");
    private static final Pattern CONNECTION = Pattern.compile("/connections/([^/]+)");
    private static final Pattern WITH_CREDENTIALS = Pattern.compile("/connections/([^/]+)/getConnectionWithCredentials");

    enum Kind {
        LIST_CONNECTIONS("GET /api/projects/{projectName}/connections"),
        GET_CONNECTION("GET /api/projects/{projectName}/connections/{connectionName}"),
        GET_WITH_CREDENTIALS("POST /api/projects/{projectName}/connections/{connectionName}/getConnectionWithCredentials"),
        /** The project's own OpenAI-compatible surface (docs/azure-facts.md §5.1), served by whoever the assembly passes. */
        OPENAI(null),
        /** A Responses path without {@code /openai}: docs/azure-facts.md §5.1's "bare project endpoint". */
        BARE_RESPONSES(null),
        UNKNOWN(null);

        /** The route template PermissionDenied names, as docs/azure-facts.md §3.4's {@code GET /api/projects/{projectName}/assistants}. */
        final String template;

        Kind(String template) {
            this.template = template;
        }
    }

    /** Empty when the path is not under {@code /api/projects/<project>} at all. */
    static Optional<ProjectRoute> match(String method, String path) {
        Matcher project = PROJECT.matcher(path);
        if (!project.matches()) {
            return Optional.empty();
        }
        String name = project.group(1);
        String rest = project.group(2) == null ? "" : project.group(2);
        if (rest.equals("/openai") || rest.startsWith("/openai/")) {
            return Optional.of(new ProjectRoute(name, Kind.OPENAI, null));
        }
        if (rest.equals("/responses") || rest.startsWith("/responses/")) {
            return Optional.of(new ProjectRoute(name, Kind.BARE_RESPONSES, null));
        }
        if (rest.equals("/connections") && method.equals("GET")) {
            return Optional.of(new ProjectRoute(name, Kind.LIST_CONNECTIONS, null));
        }
        Matcher one = CONNECTION.matcher(rest);
        if (one.matches() && method.equals("GET")) {
            return Optional.of(new ProjectRoute(name, Kind.GET_CONNECTION, one.group(1)));
        }
        Matcher secrets = WITH_CREDENTIALS.matcher(rest);
        if (secrets.matches() && method.equals("POST")) {
            return Optional.of(new ProjectRoute(name, Kind.GET_WITH_CREDENTIALS, secrets.group(1)));
        }
        return Optional.of(new ProjectRoute(name, Kind.UNKNOWN, null));
    }
}
