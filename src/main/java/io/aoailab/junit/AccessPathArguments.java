package io.aoailab.junit;

import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/** Behind {@link EveryAccessPath}: the run's access paths, from the run the extension keeps in the root store. */
final class AccessPathArguments implements ArgumentsProvider {

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return SuiteRun.of(context).accessPaths().all().stream().map(Arguments::of);
    }
}
