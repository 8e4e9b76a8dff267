package io.aoailab.lab.apim.expr;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load-time checks the C# compiler would make, limited to what the lab must know: every member and method
 * exists in the supported surface ({@link Surface}) with a valid argument count and type arguments, conditions are
 * booleans, and every code path of a {@code @{ }} block returns. Types are tracked where they are known statically
 * (literals, {@code context}, casts, declarations); a value typed {@code object} is checked against the union of the
 * surface and resolved at run time.
 */
final class Checker {
    private static final Set<String> NUMERIC = Set.of("int", "long", "double");
    private static final Set<String> JSON = Set.of("JObject", "JArray", "JToken");

    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();

    private Checker() {
        scopes.push(new HashMap<>());
    }

    static void checkExpression(Node node) throws ExpressionException {
        new Checker().type(node);
    }

    static void checkBlock(Node.Block block) throws ExpressionException {
        new Checker().statement(block);
        if (!returns(block)) {
            throw ExpressionException.syntax(block.at(), "not all code paths return a value",
                    "end every path of the @{ } block with a return statement");
        }
    }

    /** Whether every path through the statement ends in {@code return} (C#'s reachability, simplified). */
    static boolean returns(Node statement) {
        if (statement instanceof Node.Return) {
            return true;
        }
        if (statement instanceof Node.Block block) {
            return block.statements().stream().anyMatch(Checker::returns);
        }
        if (statement instanceof Node.If branch) {
            return branch.otherwise() != null && returns(branch.then()) && returns(branch.otherwise());
        }
        return false;
    }

    private void statement(Node node) throws ExpressionException {
        if (node instanceof Node.Block block) {
            scopes.push(new HashMap<>());
            for (Node s : block.statements()) {
                statement(s);
            }
            scopes.pop();
        } else if (node instanceof Node.Declare d) {
            String type = d.type();
            if (d.init() != null) {
                String init = type(d.init());
                if (type.equals("var")) {
                    if (init.equals("null")) {
                        throw ExpressionException.syntax(d.at(), "cannot assign null to an implicitly-typed variable",
                                "declare it with its type, e.g. string " + d.name() + " = null;");
                    }
                    type = init.equals("number") ? "object" : init;
                }
            }
            scopes.peek().put(d.name(), type);
        } else if (node instanceof Node.Assign a) {
            type(a.target());
            type(a.value());
        } else if (node instanceof Node.If branch) {
            condition(branch.condition());
            scoped(branch.then());
            if (branch.otherwise() != null) {
                scoped(branch.otherwise());
            }
        } else if (node instanceof Node.Return r) {
            type(r.value());
        } else if (node instanceof Node.Eval e) {
            type(e.expression());
        } else {
            type(node);
        }
    }

    private void scoped(Node node) throws ExpressionException {
        scopes.push(new HashMap<>());
        statement(node);
        scopes.pop();
    }

    private void condition(Node node) throws ExpressionException {
        String type = type(node);
        if (!type.equals("bool") && !type.equals("object")) {
            throw ExpressionException.syntax(node.at(), "cannot implicitly convert type '" + type + "' to 'bool'",
                    "compare the value, e.g. x == \"...\" or x != null");
        }
    }

    private String local(String name) {
        for (Map<String, String> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        return "object";
    }

    String type(Node node) throws ExpressionException {
        if (node instanceof Node.Literal l) {
            Object v = l.value();
            return v == null ? "null" : v instanceof String ? "string" : v instanceof Character ? "char"
                    : v instanceof Integer ? "int" : v instanceof Long ? "long" : v instanceof Double ? "double"
                    : "bool";
        }
        if (node instanceof Node.Interpolated i) {
            for (Object part : i.parts()) {
                if (part instanceof Node n) {
                    type(n);
                }
            }
            return "string";
        }
        if (node instanceof Node.Name n) {
            return n.name().equals("context") ? "Context" : local(n.name());
        }
        if (node instanceof Node.TypeRef t) {
            return "static " + t.type();
        }
        if (node instanceof Node.Member m) {
            return member(m, type(m.target()));
        }
        if (node instanceof Node.Call c) {
            return call(c, type(c.target()));
        }
        if (node instanceof Node.Index ix) {
            String target = type(ix.target());
            type(ix.index());
            if (target.equals("object") || target.equals("null")) {
                return "object";
            }
            String result = Surface.indexer(target);
            if (result == null) {
                throw ExpressionException.unsupported(ix.at(), "indexer on '" + target + "'",
                        "index only headers, variables, parameters, strings, string arrays and JSON");
            }
            return result;
        }
        if (node instanceof Node.NullChain nc) {
            return type(nc.chain());
        }
        if (node instanceof Node.Unary u) {
            if (u.op().equals("!")) {
                condition(u.operand());
                return "bool";
            }
            return type(u.operand());
        }
        if (node instanceof Node.Binary b) {
            return binary(b);
        }
        if (node instanceof Node.Conditional c) {
            condition(c.condition());
            String a = type(c.whenTrue());
            String b = type(c.whenFalse());
            return a.equals(b) ? a : a.equals("null") ? b : b.equals("null") ? a : "object";
        }
        if (node instanceof Node.Cast c) {
            type(c.operand());
            return c.type();
        }
        if (node instanceof Node.TypeTest t) {
            type(t.operand());
            return t.as() ? t.type() : "bool";
        }
        throw ExpressionException.syntax(node.at(), "a statement where a value is expected", "use an expression");
    }

    private String binary(Node.Binary b) throws ExpressionException {
        switch (b.op()) {
            case "&&", "||":
                condition(b.left());
                condition(b.right());
                return "bool";
            case "==", "!=", "<", "<=", ">", ">=":
                type(b.left());
                type(b.right());
                return "bool";
            case "??": {
                String left = type(b.left());
                String right = type(b.right());
                return left.equals("null") || left.equals("object") ? right : left;
            }
            default: {
                String left = type(b.left());
                String right = type(b.right());
                if (b.op().equals("+") && (left.equals("string") || right.equals("string"))) {
                    return "string";
                }
                if (NUMERIC.contains(left) && NUMERIC.contains(right)) {
                    return left.equals("double") || right.equals("double") ? "double"
                            : left.equals("long") || right.equals("long") ? "long" : "int";
                }
                if (left.equals("DateTime") && right.equals("DateTime") && b.op().equals("-")) {
                    return "TimeSpan";
                }
                if (left.equals("DateTime") && right.equals("TimeSpan")) {
                    return "DateTime";
                }
                return "object";
            }
        }
    }

    private String member(Node.Member m, String target) throws ExpressionException {
        if (target.equals("object") || target.equals("null")) {
            if (!Surface.anyProperty(m.name())) {
                throw unsupportedMember(m.at(), "property", m.name(), "object");
            }
            return "object";
        }
        String type = Surface.property(target, m.name());
        if (type == null) {
            if (Surface.method(target, m.name()) != null) {
                throw ExpressionException.unsupported(m.at(), "method group '" + m.name() + "' without a call",
                        "call it: " + m.name() + "(...)");
            }
            throw unsupportedMember(m.at(), "property", m.name(), target);
        }
        return type;
    }

    private String call(Node.Call c, String target) throws ExpressionException {
        boolean dynamic = target.equals("object") || target.equals("null");
        Surface.Method method = dynamic ? Surface.anyMethod(c.name()) : Surface.method(target, c.name());
        if (method == null) {
            throw unsupportedMember(c.at(), "method", c.name(), dynamic ? "object" : target);
        }
        List<Node.Arg> args = c.args();
        for (Node.Arg arg : args) {
            type(arg.value());
            if (arg.name() != null && !(arg.name().equals("preserveContent") && c.name().equals("As"))) {
                throw ExpressionException.unsupported(arg.value().at(), "named argument '" + arg.name() + "'",
                        "pass it by position (only As<T>(preserveContent: ...) takes a named argument)");
            }
        }
        if (args.size() < method.minArgs() || args.size() > method.maxArgs()) {
            throw ExpressionException.syntax(c.at(), "no overload for method '" + c.name() + "' takes "
                    + args.size() + " arguments", "pass " + arity(method) + " argument(s)");
        }
        if (!method.generic() && !c.typeArgs().isEmpty()) {
            throw ExpressionException.syntax(c.at(), "method '" + c.name() + "' is not generic",
                    "remove <" + String.join(", ", c.typeArgs()) + ">");
        }
        if (method.generic()) {
            if (c.typeArgs().size() > 1) {
                throw ExpressionException.syntax(c.at(), "method '" + c.name() + "' takes one type argument",
                        "write " + c.name() + "<T>(...)");
            }
            if (c.typeArgs().isEmpty() && !c.name().equals("GetValueOrDefault")) {
                throw ExpressionException.syntax(c.at(), "the type arguments for method '" + c.name()
                        + "' cannot be inferred", "write " + c.name() + "<string>(...) or another type");
            }
            if (!c.typeArgs().isEmpty() && !method.typeArgs().contains(c.typeArgs().get(0))) {
                throw ExpressionException.unsupported(c.at(), c.name() + "<" + c.typeArgs().get(0) + ">",
                        "use one of " + String.join(", ", method.typeArgs().stream().sorted().toList()));
            }
        }
        String returns = method.returns();
        if (returns.equals("T")) {
            if (!c.typeArgs().isEmpty()) {
                return c.typeArgs().get(0);
            }
            return args.size() == 2 ? type(args.get(1).value()) : "object";
        }
        if (returns.equals("number")) {
            String a = type(args.get(0).value());
            return args.size() == 1 || a.equals(type(args.get(1).value())) ? a : "object";
        }
        return returns;
    }

    private static String arity(Surface.Method m) {
        return m.minArgs() == m.maxArgs() ? String.valueOf(m.minArgs())
                : m.maxArgs() == Surface.MANY ? "at least " + m.minArgs() : m.minArgs() + " to " + m.maxArgs();
    }

    private static ExpressionException unsupportedMember(int at, String kind, String name, String type) {
        String owner = type.startsWith("static ") ? type.substring(7) : type;
        String fix = owner.equals("object")
                ? "cast the value to its type first, e.g. ((string)x)." + name + ", or use a supported member"
                : "use a supported member of " + owner + " (docs/apim-gateway.md §3.1)";
        return ExpressionException.unsupported(at, kind + " '" + name + "' of " + owner, fix);
    }
}
