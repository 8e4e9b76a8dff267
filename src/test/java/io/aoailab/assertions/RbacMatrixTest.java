package io.aoailab.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.access.AccessPath;
import io.aoailab.access.RoleProbe;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.Persona;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.lab.rbac.RoleAssignment;
import io.aoailab.report.Redactor;
import io.aoailab.roles.Answer;
import io.aoailab.roles.Cell;
import io.aoailab.roles.Operation;
import io.aoailab.roles.Verdict;
import io.aoailab.target.lab.LabTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The matrix against the lab while its role assignments change, as they do on live between assigning a role and
 * Azure applying it: a disagreeing cell is asked again, with a newly signed-in identity, until it agrees or the wait
 * is over.
 */
class RbacMatrixTest {
    private static SuiteConfig config;
    private static LabTarget target;
    private static RoleProbe probe;

    @BeforeAll
    static void start() {
        config = new SuiteConfigResolver(ConfigSources.of(Map.of(), Map.of(), Map.of())).resolve();
        target = LabTarget.start(config);
        probe = new RoleProbe(target.endpoints(), config.intended(), config.modelDeployment(), config.clients().get(0),
                new AccessPath.Settings(target.http().azureHttpClient(), config.apiVersion(), Clock.systemUTC(),
                        new Redactor(), config.intended()), config.httpTimeout());
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static RbacMatrix matrix() {
        return new RbacMatrix(probe, target.credentials().defaultCaller(), target.credentials()::persona, 4,
                config.httpTimeout()).pollingEvery(Duration.ofMillis(300));
    }

    private static Persona minimum() {
        return config.persona("minimum").orElseThrow();
    }

    private static List<Cell> blobCells() {
        return probe.columns().cells().stream().filter(c -> c.operation() == Operation.BLOB_WRITE).toList();
    }

    private static RoleAssignment storageRoleOfMinimum() {
        String objectId = target.lab().credentials("minimum").objectId();
        return target.lab().access().assignments().stream().filter(a -> a.principalObjectId().equals(objectId)
                && a.role().name().equals("Storage Blob Data Contributor")).findFirst().orElseThrow();
    }

    @Test
    void a_cell_that_disagrees_is_asked_again_until_the_assignment_applies() {
        RoleAssignment storage = storageRoleOfMinimum();
        target.lab().access().revoke(storage);
        CompletableFuture<Void> assigned = CompletableFuture.runAsync(() -> target.lab().access().assign(storage),
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

        List<Verdict> verdicts = matrix().measure(List.of(minimum()), blobCells(), Duration.ofSeconds(30)).verdicts();

        assigned.join();
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.holds()).as("the write, once the role applied").isTrue();
            assertThat(v.attempts()).as("attempts").isGreaterThan(1);
        });
    }

    @Test
    void a_cell_that_still_disagrees_when_the_wait_is_over_keeps_its_last_answer() {
        RoleAssignment storage = storageRoleOfMinimum();
        target.lab().access().revoke(storage);
        try {
            List<Verdict> verdicts = matrix().measure(List.of(minimum()), blobCells(), Duration.ofSeconds(2))
                    .verdicts();

            assertThat(verdicts).singleElement().satisfies(v -> {
                assertThat(v.observed().kind()).isEqualTo(Answer.Kind.DENIED);
                assertThat(v.attempts()).isGreaterThan(1);
            });
        } finally {
            target.lab().access().assign(storage);
        }
    }

    @Test
    void without_a_wait_each_cell_is_asked_once() {
        RoleAssignment storage = storageRoleOfMinimum();
        target.lab().access().revoke(storage);
        try {
            List<Verdict> verdicts = matrix().measure(List.of(minimum()), blobCells(), Duration.ZERO).verdicts();

            assertThat(verdicts).singleElement().satisfies(v -> {
                assertThat(v.holds()).isFalse();
                assertThat(v.attempts()).isEqualTo(1);
            });
        } finally {
            target.lab().access().assign(storage);
        }
    }
}
