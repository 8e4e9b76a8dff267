package io.aoailab.roles;

/**
 * One cell of the RBAC matrix: an operation on one resource.
 *
 * @param operation what is tried
 * @param resource what it acts on (for account operations, which account)
 * @param where the resource in the deployment's words, e.g. "East US" or "the BYO container"
 */
public record Cell(Operation operation, Scope resource, String where) {

    /** The operation and where, e.g. "create a response on East US" or "query the index". */
    public String describe() {
        return operation.resource() == Scope.Level.OPENAI ? operation.sentence() + " on " + where
                : operation.sentence();
    }

    @Override
    public String toString() {
        return describe();
    }
}
