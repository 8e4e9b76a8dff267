package io.aoailab.run;

import io.aoailab.junit.Outcome;
import io.aoailab.junit.RunRecord;
import io.aoailab.junit.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The last lines of a validation run: what it validated (target, each scenario's passed/failed/broken/skipped,
 * the access paths and the regions that answered them, the tokens consumed) and where the report is. A run that
 * validated nothing fails here, whatever JUnit thinks of it: no test ran, every selected test was skipped or not
 * built, or the configuration was invalid.
 *
 * <p>Run by Maven after the scenario suites and the report ({@code post-integration-test}); arguments
 * {@code run-directory=}, {@code report=}, {@code groups=}. Failed tests fail the build afterwards, in
 * {@code failsafe:verify}, so {@code -Dmaven.test.failure.ignore} keeps working.
 */
public final class RunSummary {
    /** A skip reason longer than this is cut in the summary; the report has it whole. */
    static final int MAX_REASON = 140;

    private RunSummary() {
    }

    public static void main(String[] args) {
        Map<String, String> arguments = Arguments.parse(args);
        if (arguments.containsKey("history") && arguments.containsKey("history-report")) {
            ReportHistory.carryOut(Path.of(arguments.get("history-report")), Path.of(arguments.get("history")));
        }
        Path directory = Path.of(arguments.get("run-directory"));
        List<Outcome> outcomes = Outcome.read(directory).orElseThrow(() -> RunStopped.nothingValidated(
                "no scenario test ran: no outcome was recorded (a filter such as -Dit.test matched no test, or"
                        + " the scenario JVM did not finish: see above)"));
        print(System.out, outcomes, RunRecord.read(directory), arguments.getOrDefault("report", ""));
        verdict(outcomes, RunRecord.read(directory), new TagSelection(arguments.getOrDefault("groups", "")));
    }

    static void print(PrintStream out, List<Outcome> outcomes, Optional<RunRecord> record, String report) {
        out.println();
        out.println("aoai-lab-suite: " + record.map(RunSummary::target).orElse("the run") + " – "
                + describe(count(outcomes)));
        Map<String, List<Outcome>> byScenario = new LinkedHashMap<>();
        Scenario.ALL.forEach(s -> byScenario.put(s, new ArrayList<>()));
        outcomes.forEach(o -> byScenario.computeIfAbsent(o.scenario(), s -> new ArrayList<>()).add(o));
        byScenario.forEach((scenario, list) -> line(out, scenario, list.isEmpty() ? "not selected"
                : describe(count(list))));
        String skipLabel = "skipped because";
        for (Map.Entry<String, Long> reason : outcomes.stream().filter(o -> o.status() == Outcome.Status.SKIPPED)
                .collect(Collectors.groupingBy(Outcome::message, LinkedHashMap::new, Collectors.counting()))
                .entrySet()) {
            line(out, skipLabel, reason.getValue() + "× " + shortened(reason.getKey()));
            skipLabel = "";
        }
        record.ifPresent(r -> {
            String label = "regions per path";
            int width = r.regionsByPath().keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Map<String, Long>> path : r.regionsByPath().entrySet()) {
                line(out, label, String.format(Locale.ROOT, "%-" + width + "s  %s", path.getKey(),
                        regions(path.getValue())));
                label = "";
            }
            if (r.calls() > 0) {
                line(out, "tokens", String.format(Locale.ROOT, "%,d calls, %,d input + %,d output = %,d tokens%s",
                        r.calls(), r.inputTokens(), r.outputTokens(), r.totalTokens(),
                        r.cost() == null || r.cost().isEmpty() ? "" : ", " + r.cost()));
            }
        });
        if (!report.isBlank()) {
            line(out, "report", relative(report));
        }
    }

    private static String shortened(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON - 1) + "…";
    }

    private static void line(PrintStream out, String label, String text) {
        out.printf(Locale.ROOT, "  %-17s %s%n", label, text);
    }

    private static String regions(Map<String, Long> counts) {
        String named = counts.entrySet().stream().filter(e -> !e.getKey().equals(RunRecord.NO_REGION))
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
        long unnamed = counts.getOrDefault(RunRecord.NO_REGION, 0L);
        return (named.isEmpty() ? "no region named" : named)
                + (unnamed > 0 ? " (+" + unnamed + " calls that named no region)" : "");
    }

    // the report as the user would open it from where they ran Maven
    private static String relative(String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
    }

    static void verdict(List<Outcome> outcomes, Optional<RunRecord> record, TagSelection selection) {
        Optional<String> misconfigured = record.map(RunRecord::configurationError).filter(e -> !e.isBlank());
        if (misconfigured.isPresent()) {
            // the line itself opened the run and breaks the report's first test: not a third time here
            throw RunStopped.nothingValidated("the configuration is invalid; the first lines of this run, and the"
                    + " report's first broken test, name the key and the fix");
        }
        Map<Outcome.Status, Long> all = count(outcomes);
        if (all.get(Outcome.Status.PASSED) > 0) {
            return;
        }
        String selected = selection.expression().isBlank() ? "" : " (-Dgroups=" + selection.expression() + ")";
        if (outcomes.isEmpty()) {
            throw RunStopped.nothingValidated("no scenario test ran" + selected);
        }
        if (all.get(Outcome.Status.FAILED) + all.get(Outcome.Status.BROKEN) > 0) {
            return; // the failures speak for themselves, and fail the build in failsafe:verify
        }
        List<String> why = new ArrayList<>();
        outcomes.stream().filter(o -> o.status() == Outcome.Status.NOT_BUILT).map(Outcome::scenario).distinct()
                .forEach(s -> why.add(s + " is not built yet"));
        outcomes.stream().filter(o -> o.status() == Outcome.Status.SKIPPED).map(Outcome::message).distinct()
                .limit(3).forEach(why::add);
        throw RunStopped.nothingValidated("every selected test was skipped" + selected + ": "
                + String.join("; ", why));
    }

    private static String target(RunRecord record) {
        return switch (record.target()) {
            case "" -> "no target (the configuration is invalid)";
            case "lab" -> "the embedded lab (LAB_TARGET=lab)";
            default -> record.target() + " (LAB_TARGET=" + record.target() + "): " + String.join(", ", record.hosts());
        };
    }

    private static Map<Outcome.Status, Long> count(List<Outcome> outcomes) {
        Map<Outcome.Status, Long> counts = new EnumMap<>(Outcome.Status.class);
        for (Outcome.Status status : Outcome.Status.values()) {
            counts.put(status, 0L);
        }
        outcomes.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        return counts;
    }

    private static String describe(Map<Outcome.Status, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((status, n) -> {
            if (n > 0) {
                parts.add(n + " " + status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        });
        return parts.isEmpty() ? "no test" : String.join(", ", parts);
    }
}
