package io.aoailab.junit;

import io.aoailab.config.Client;
import java.util.List;
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
        List<Client> clients = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), EveryAccessPath.class)
                .map(every -> List.of(every.clients())).orElse(List.of(Client.values()));
        return SuiteRun.of(context).accessPaths().all().stream().filter(path -> clients.contains(path.client()))
                .map(path -> Arguments.of(Named.of(path.description(), path)));
    }
}
