package io.aoailab.roles;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a persona's intended grants say about a cell: allowed when, for each permission the operation needs, some
 * grant holds a role that grants it at a scope covering the resource.
 *
 * @param allowed whether the intended grants allow it
 * @param granting the intended grants that allow it (empty when denied)
 * @param missing the permissions no intended grant covers (empty when allowed)
 */
public record Expectation(boolean allowed, List<Grant> granting, List<Permission> missing) {

    public Expectation {
        granting = List.copyOf(granting);
        missing = List.copyOf(missing);
    }

    public static Expectation of(List<Grant> intended, Cell cell) {
        Set<Grant> granting = new LinkedHashSet<>();
        List<Permission> missing = new ArrayList<>();
        for (Permission permission : cell.operation().needs()) {
            List<Grant> covering = intended.stream().filter(g -> g.allows(permission, cell.resource())).toList();
            if (covering.isEmpty()) {
                missing.add(permission);
            }
            granting.addAll(covering);
        }
        return missing.isEmpty() ? new Expectation(true, List.copyOf(granting), List.of())
                : new Expectation(false, List.of(), missing);
    }
}
