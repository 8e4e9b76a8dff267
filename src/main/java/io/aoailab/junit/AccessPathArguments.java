package io.aoailab.junit;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Behind {@link EveryAccessPath}: the run's access paths, from the run the extension keeps in the root store. A bad
 * configuration is thrown as it is (the first time) or skips the test (every later time), as {@link RunSetup} says.
 */
final class AccessPathArguments implements ArgumentsProvider {

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return SuiteRun.of(context).accessPaths().all().stream()
                .map(path -> Arguments.of(Named.of(path.description(), path)));
    }
}
