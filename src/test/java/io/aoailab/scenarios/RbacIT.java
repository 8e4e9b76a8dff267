package io.aoailab.scenarios;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.azure.core.credential.TokenCredential;
import io.aoailab.access.RoleProbe;
import io.aoailab.assertions.KeyAuthAssert;
import io.aoailab.assertions.RbacMatrix;
import io.aoailab.assertions.VerdictAssert;
import io.aoailab.config.Persona;
import io.aoailab.config.Secret;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.Target;
import io.aoailab.junit.DeploymentUnderTest;
import io.aoailab.junit.RbacScenario;
import io.aoailab.junit.RunFiles;
import io.aoailab.report.RbacGuide;
import io.aoailab.report.RbacMatrixTable;
import io.aoailab.roles.Answer;
import io.aoailab.roles.BuiltInRoles;
import io.aoailab.roles.Cell;
import io.aoailab.roles.Grant;
import io.aoailab.roles.Operation;
import io.aoailab.roles.Scope;
import io.aoailab.roles.Verdict;
import io.qameta.allure.Allure;
import io.qameta.allure.Description;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Least privilege, proven by calls: each persona, meant to hold only the roles {@code PERSONA_<NAME>_ROLES} states,
 * tries every operation of the matrix (Responses on each account, file_search, the Foundry project's surface and
 * connections, blobs in the BYO container, the index), and each answer must be what those roles grant, by the built-in
 * role catalog: allowed, or denied with the service's own code. The expectations come from the personas' intended
 * roles only, never from the deployment; the guide {@code rbac-permissions.md} is written from what was measured.
 */
@RbacScenario
class RbacIT {
    private static final String CALLER = "suite-caller";
    /** Matrix calls in flight at once: enough to keep a run short, few enough not to look like load. */
    private static final int CONCURRENCY = 4;
    /** What the suite's own caller must be able to do: read and write the BYO data, query it, ground on it. */
    private static final Set<Operation> CALLER_NEEDS = Set.of(Operation.BLOB_READ, Operation.BLOB_WRITE,
            Operation.BLOB_DELETE, Operation.SEARCH_QUERY, Operation.CONNECTIONS_LIST, Operation.FILE_SEARCH);

    private static RoleProbe probe(DeploymentUnderTest deployment) {
        SuiteConfig config = deployment.config();
        return new RoleProbe(deployment.endpoints(), config.intended(), config.modelDeployment(),
                config.clients().get(0), deployment.pathSettings(), config.httpTimeout());
    }

    @TestFactory
    @Description("Each persona is allowed exactly what its intended roles grant and denied the rest with each service's own code (401 PermissionDenied, 403).")
    Stream<DynamicNode> each_persona_is_allowed_exactly_what_its_intended_roles_grant(DeploymentUnderTest deployment,
            RunFiles files) {
        SuiteConfig config = deployment.config();
        List<Persona> runnable = new ArrayList<>();
        List<DynamicNode> rows = new ArrayList<>();
        for (Persona persona : config.personas()) {
            if (deployment.target() == Target.LIVE && !persona.hasCredentials()) {
                rows.add(dynamicTest(persona.name() + ": not run", () -> {
                    throw new TestAbortedException(Persona.keyPrefix(persona.name()) + "CLIENT_ID and _CLIENT_SECRET"
                            + " are not set, so persona '" + persona.name() + "' cannot sign in on live; create its"
                            + " service principal with the roles it is meant to hold (README, \"RBAC personas\") and"
                            + " set them to run its row");
                }));
            } else {
                runnable.add(persona);
            }
        }
        if (runnable.isEmpty()) {
            throw new TestAbortedException("No persona can sign in (PERSONAS: " + config.personas().stream()
                    .map(Persona::name).toList() + "), so the matrix does not apply; give the personas credentials"
                    + " (PERSONA_<NAME>_CLIENT_ID and _CLIENT_SECRET) to run it");
        }
        RoleProbe probe = probe(deployment);
        RoleProbe.Columns columns = probe.columns();
        RbacMatrix.Measured measured = new RbacMatrix(probe, deployment.credentials().defaultCaller(),
                deployment.credentials()::persona, CONCURRENCY,
                config.httpTimeout().multipliedBy(2)).measure(runnable, columns.cells(), config.rbac().propagation());
        List<Verdict> verdicts = measured.verdicts();
        Optional<Answer> unprepared = measured.unprepared();
        RbacMatrixTable table = new RbacMatrixTable(runnable, columns.cells(), verdicts);
        String guide = new RbacGuide(runnable, columns.cells(), columns.notApplicable(), verdicts).markdown();

        rows.add(0, dynamicTest("the matrix as measured", () -> {
            table.attach();
            files.write("rbac-permissions.md", guide);
            if (unprepared.isPresent()) {
                throw new AssertionError(String.format("%nExpecting the suite's own caller to place the blobs the read"
                        + " and delete cells act on (under %s),%nbut Storage answered %s", RoleProbe.PREFIX,
                        unprepared.get()));
            }
            if (columns.cells().isEmpty()) {
                throw new AssertionError("The matrix has no cell: the deployment's configuration names no resource"
                        + " to call");
            }
        }));
        for (String reason : columns.notApplicable()) {
            rows.add(dynamicTest(reason.replaceFirst(":.*", "") + ": not applicable", () -> {
                throw new TestAbortedException(reason + ", so this column of the matrix does not apply; set it to"
                        + " measure it");
            }));
        }
        for (Persona persona : runnable) {
            String row = persona.name() + " (" + (persona.intended().isEmpty() ? "no role"
                    : persona.intended().stream().map(Grant::toString).collect(Collectors.joining(", "))) + ")";
            List<DynamicTest> cells = verdicts.stream().filter(v -> v.persona().equals(persona.name()))
                    .map(v -> dynamicTest(v.cell().describe() + ": " + (v.expected().allowed() ? "allowed" : "denied"),
                            () -> {
                                Allure.story(row); // the report files each cell under its persona
                                VerdictAssert.assertThat(v).matchesTheIntentOf(persona);
                            }))
                    .toList();
            rows.add(dynamicContainer(row, cells));
        }
        return rows.stream();
    }

    @Test
    @Description("The identity the suite runs as can read and write the BYO container, query the index, list the project's connections and run file_search.")
    void the_suites_own_caller_holds_its_minimum(DeploymentUnderTest deployment) {
        RoleProbe probe = probe(deployment);
        List<Cell> needed = probe.columns().cells().stream().filter(c -> CALLER_NEEDS.contains(c.operation()))
                .toList();
        if (needed.isEmpty()) {
            throw new TestAbortedException("The configuration names no BYO container, index, Foundry project or"
                    + " vector store, so the suite's caller needs no role there; set STORAGE_BLOB_ENDPOINT and"
                    + " STORAGE_CONTAINER_NAME, AI_SEARCH_ENDPOINT, AI_FOUNDRY_PROJECT_ENDPOINT or"
                    + " OPENAI_VECTOR_STORE_ID to check it");
        }
        TokenCredential caller = deployment.credentials().defaultCaller();
        SoftAssertions softly = new SoftAssertions();
        try {
            Optional<Answer> placed = probe.prepare(caller, List.of(CALLER));
            for (Cell cell : needed) {
                Answer answer = cell.operation() == Operation.BLOB_WRITE && placed.isPresent() ? placed.get()
                        : probe.ask(cell, CALLER, caller);
                Grant least = leastGrant(cell);
                softly.assertThat(answer.kind()).withFailMessage("%nExpecting the suite's own caller to %s, which the"
                        + " suite needs,%nbut %s answered %s.%nFix: grant the identity the suite runs as (AZURE_CLIENT_ID)"
                        + " %s (%s) at %s: %s", cell.describe(), cell.operation().service().displayName(), answer,
                        least.role().name(), least.role().id(), least.scope().inWords(), least.assignCommand())
                        .isEqualTo(Answer.Kind.ALLOWED);
            }
        } finally {
            probe.cleanUp(caller);
        }
        softly.assertAll();
    }

    // the caller writes as well as reads, so its blob role is the contributor one; each at the resource itself
    private static Grant leastGrant(Cell cell) {
        boolean blobs = cell.operation().resource() == Scope.Level.CONTAINER;
        return new Grant(blobs ? BuiltInRoles.named("Storage Blob Data Contributor") : cell.operation().leastRole(),
                cell.operation().resource() == Scope.Level.OPENAI ? Scope.of(Scope.Level.OPENAI) : cell.resource());
    }

    @TestFactory
    @Description("Each Azure OpenAI account refuses (or accepts) its own keys as EXPECTED_KEY_AUTH intends.")
    Stream<DynamicTest> each_account_treats_its_own_keys_as_intended(DeploymentUnderTest deployment) {
        boolean disabled = deployment.config().rbac().keyAuthDisabled();
        List<URI> accounts = deployment.endpoints().openai();
        List<String> regions = deployment.intended().regionNames();
        RoleProbe probe = probe(deployment);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            URI endpoint = accounts.get(i);
            String region = i < regions.size() ? regions.get(i) : "endpoint " + (i + 1);
            String account = "the account of OPENAI_ENDPOINT_" + (i + 1) + " (" + region + ")";
            String key = "OPENAI_API_KEY_" + (i + 1);
            tests.add(dynamicTest(region + ": its key is " + (disabled ? "refused" : "accepted"), () -> {
                Secret secret = DeploymentUnderTest.require(Optional.ofNullable(deployment.endpoints().accountKeys()
                        .get(endpoint)), key);
                Answer answer = probe.withAccountKey(endpoint, region, secret);
                if (disabled) {
                    KeyAuthAssert.assertThatKeyCallTo(account, answer).wasRefusedAsDisabled();
                } else {
                    KeyAuthAssert.assertThatKeyCallTo(account, answer).wasAccepted();
                }
            }));
        }
        return tests.stream();
    }
}
