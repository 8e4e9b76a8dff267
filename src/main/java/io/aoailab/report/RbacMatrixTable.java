package io.aoailab.report;

import io.aoailab.config.Persona;
import io.aoailab.roles.Answer;
import io.aoailab.roles.Cell;
import io.aoailab.roles.Grant;
import io.aoailab.roles.Verdict;
import io.qameta.allure.Allure;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The RBAC matrix as a table: one row per operation and resource, one column per persona with its intended roles,
 * each cell what the deployment answered and whether that is what the persona's intent says. Markdown for the guide,
 * HTML for the report.
 */
public final class RbacMatrixTable {
    private final List<Persona> personas;
    private final List<Cell> cells;
    private final List<Verdict> verdicts;

    public RbacMatrixTable(List<Persona> personas, List<Cell> cells, List<Verdict> verdicts) {
        this.personas = List.copyOf(personas);
        this.cells = List.copyOf(cells);
        this.verdicts = List.copyOf(verdicts);
    }

    /** Attaches the HTML table to the current test of the report, if there is one. */
    public void attach() {
        if (Allure.getLifecycle().getCurrentTestCase().isPresent()) {
            Allure.addAttachment("RBAC matrix", "text/html", html(), ".html");
        }
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("| operation | ");
        out.append(personas.stream().map(p -> "`" + p.name() + "`").collect(Collectors.joining(" | "))).append(" |\n|---|");
        out.append("---|".repeat(personas.size())).append('\n');
        for (Cell cell : cells) {
            out.append("| ").append(cell.describe()).append(" | ");
            out.append(personas.stream().map(p -> text(verdict(p, cell))).collect(Collectors.joining(" | ")));
            out.append(" |\n");
        }
        return out.toString();
    }

    public String html() {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>RBAC matrix"
                + "</title><style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid"
                + " #ccc;padding:4px 8px;vertical-align:top}th small{font-weight:normal;color:#555}.ok{background:#e8f5e9}"
                + ".denied{background:#eceff1}.bad{background:#ffebee;font-weight:bold}</style></head><body>"
                + "<table><tr><th>operation</th>");
        for (Persona persona : personas) {
            out.append("<th>").append(Svg.text(persona.name())).append("<br><small>")
                    .append(Svg.text(roles(persona))).append("</small></th>");
        }
        out.append("</tr>");
        for (Cell cell : cells) {
            out.append("<tr><td>").append(Svg.text(cell.describe())).append("</td>");
            for (Persona persona : personas) {
                Verdict verdict = verdict(persona, cell);
                String css = !verdict.holds() ? "bad" : verdict.expected().allowed() ? "ok" : "denied";
                out.append("<td class=\"").append(css).append("\">").append(Svg.text(text(verdict))).append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</table></body></html>").toString();
    }

    private Verdict verdict(Persona persona, Cell cell) {
        return verdicts.stream().filter(v -> v.persona().equals(persona.name()) && v.cell().equals(cell)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no verdict for " + persona.name() + " / " + cell));
    }

    /** What a cell shows: the answer, and what was expected when it disagrees. */
    static String text(Verdict verdict) {
        Answer answer = verdict.observed();
        String seen = answer.kind() == Answer.Kind.ALLOWED ? "allowed" : answer.kind() == Answer.Kind.DENIED
                ? "denied " + answer.statusAndCode() : answer.kind().label() + " " + answer.statusAndCode();
        if (verdict.holds()) {
            return (verdict.expected().allowed() ? "✅ " : "⛔ ") + seen;
        }
        return "❌ " + seen + ", meant to be " + (verdict.expected().allowed() ? "allowed" : "denied");
    }

    static String roles(Persona persona) {
        return persona.intended().isEmpty() ? "no role"
                : persona.intended().stream().map(Grant::toString).collect(Collectors.joining(", "));
    }
}
