package io.aoailab.junit;

import io.aoailab.access.AccessPath;
import io.aoailab.access.Way;
import io.aoailab.config.Client;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Behind {@link EveryAccessPath}: the run's access paths, from the run the extension keeps in the root store. A bad
 * configuration is thrown as it is (the first time) or skips the test (every later time), as {@link RunSetup} says.
 */
final class AccessPathArguments implements ArgumentsProvider {

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        Optional<EveryAccessPath> every = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(),
                EveryAccessPath.class);
        List<Client> clients = every.map(e -> List.of(e.clients())).orElse(List.of(Client.values()));
        List<Way> ways = every.map(e -> List.of(e.ways())).orElse(List.of(Way.values()));
        AccessPaths paths = SuiteRun.of(context).accessPaths();
        List<AccessPath> selected = paths.all().stream().filter(path -> clients.contains(path.client())
                && ways.contains(path.way())).toList();
        if (selected.isEmpty() && ways.size() < Way.values().length) {
            // the deployment has no such way in: the test is not applicable, and says why, rather than vanish
            selected = ways.stream().flatMap(way -> clients.stream().filter(way::takes)
                    .map(client -> paths.absent(way, client))).toList();
        }
        return selected.stream().map(path -> Arguments.of(Named.of(path.description(), path)));
    }
}
