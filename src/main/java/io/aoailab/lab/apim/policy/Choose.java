package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code choose}: one or more {@code <when condition>} in document order, the first true one runs, then an optional
 * {@code <otherwise>} (docs/apim-gateway.md §2.7). Children obey the rules of the section the choose is in.
 */
final class Choose extends Step {
    private record Branch(Value condition, List<Step> steps) {
    }

    private final List<Branch> branches;
    private final List<Step> otherwise;

    private Choose(Origin origin, List<Branch> branches, List<Step> otherwise) {
        super(origin);
        this.branches = branches;
        this.otherwise = otherwise;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        new Attrs(element, loader);
        if (!element.text().isBlank()) {
            throw loader.error(element.textLine(), "choose", "unexpected text", "use <when> and <otherwise> only");
        }
        List<Branch> branches = new ArrayList<>();
        List<Step> otherwise = null;
        int index = 0;
        for (Element child : element.children()) {
            index++;
            String path = origin.path() + "\\" + child.name() + "[" + index + "]\\";
            if (otherwise != null) {
                throw loader.error(child.line(), "choose", "<" + child.name() + "> after <otherwise>",
                        "make <otherwise> the last child");
            }
            if (child.name().equals("when")) {
                Attrs attrs = new Attrs(child, loader, "condition");
                branches.add(new Branch(attrs.bool("condition", true), loader.steps(child, origin.section(), path)));
            } else if (child.name().equals("otherwise")) {
                new Attrs(child, loader);
                otherwise = loader.steps(child, origin.section(), path);
            } else {
                throw loader.error(child.line(), "choose", "unexpected child element <" + child.name() + ">",
                        "use <when condition=\"...\"> and <otherwise> only");
            }
        }
        if (branches.isEmpty()) {
            throw loader.error(element.line(), "choose", "at least one <when> is required",
                    "add <when condition=\"@(...)\">");
        }
        return new Choose(origin, branches, otherwise == null ? List.of() : otherwise);
    }

    @Override
    void run(Execution ex) throws PolicyFault, ReturnSignal {
        for (Branch branch : branches) {
            if (branch.condition().bool(ex, this)) {
                ex.runAll(branch.steps());
                return;
            }
        }
        ex.runAll(otherwise);
    }
}
