package io.aoailab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.access.AccessPath;
import io.aoailab.access.RoleProbe;
import io.aoailab.assertions.RbacMatrix;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.roles.Verdict;
import io.aoailab.target.lab.LabTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/rbac-permissions.md} is what the RBAC matrix writes from a run against the shipped lab with the shipped
 * personas: the guide in the repository is evidence, not prose that drifts. When the matrix, the personas, the role
 * catalog or the lab change, the new guide is written to {@code target/rbac-permissions.md} for review and copying.
 */
class CommittedRbacGuideTest {
    private static final Path COMMITTED = Path.of("docs", "rbac-permissions.md");

    @Test
    void the_committed_guide_is_what_the_lab_run_writes() throws IOException {
        SuiteConfig config = new SuiteConfigResolver(ConfigSources.of(Map.of(), Map.of(), Map.of())).resolve();
        String generated;
        try (LabTarget target = LabTarget.start(config)) {
            AccessPath.Settings settings = new AccessPath.Settings(target.http().azureHttpClient(), config.apiVersion(),
                    Clock.systemUTC(), new Redactor(), config.intended());
            RoleProbe probe = new RoleProbe(target.endpoints(), config.intended(), config.modelDeployment(),
                    config.clients().get(0), settings, config.httpTimeout());
            RoleProbe.Columns columns = probe.columns();
            RbacMatrix.Measured measured = new RbacMatrix(probe, target.credentials().defaultCaller(),
                    target.credentials()::persona, 4, config.httpTimeout()).measure(config.personas(),
                    columns.cells(), config.rbac().propagation());
            assertThat(measured.verdicts()).as("the shipped lab's matrix").allMatch(Verdict::holds).isNotEmpty();
            generated = new RbacGuide(config.personas(), columns.cells(), columns.notApplicable(),
                    measured.verdicts()).markdown();
        }
        Path written = Files.writeString(Path.of("target", "rbac-permissions.md"), generated, StandardCharsets.UTF_8);

        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("%s, against what the lab run wrote to %s (copy it over if the change is meant)", COMMITTED,
                        written)
                .isEqualTo(generated);
    }
}
