package io.aoailab.access;

import com.azure.core.http.HttpClient;
import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.config.IntendedDeployment;
import io.aoailab.config.PoolIntent;
import io.aoailab.report.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The settings access-path tests build their paths with: the reference deployment's intent, a fresh redactor. */
final class Paths {
    static final String API_VERSION = "2025-03-01-preview";
    static final IntendedDeployment INTENDED = new IntendedDeployment("gpt-4o",
            List.of(new IntendedRegion("East US", 50), new IntendedRegion("East US 2", 50)), Map.of(), Optional.empty(),
            new PoolIntent("x-ms-region", Duration.ofSeconds(10), Duration.ofSeconds(10)));

    private Paths() {
    }

    static AccessPath.Settings settings(HttpClient http) {
        return settings(http, new Redactor());
    }

    static AccessPath.Settings settings(HttpClient http, Redactor redactor) {
        return new AccessPath.Settings(http, API_VERSION, Clock.systemUTC(), redactor, INTENDED);
    }
}
