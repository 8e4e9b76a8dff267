package io.aoailab.lab.apim.expr;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a checked syntax tree against {@code context} and the gateway's clock. One instance per evaluation. */
final class Interpreter {
    private final HostObject context;
    private final Clock clock;
    private final Deque<Map<String, Object>> scopes = new ArrayDeque<>();

    /** Thrown by a {@code ?.} on null and caught by the enclosing {@link Node.NullChain}. */
    private static final class ShortCircuit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final ShortCircuit INSTANCE = new ShortCircuit();

        private ShortCircuit() {
            super(null, null, false, false);
        }
    }

    private record Returned(Object value) {
    }

    Interpreter(HostObject context, Clock clock) {
        this.context = context;
        this.clock = clock;
        scopes.push(new HashMap<>());
    }

    Object run(Node node) throws EvaluationException {
        if (node instanceof Node.Block block) {
            Returned r = execute(block);
            return r == null ? null : r.value();
        }
        return eval(node);
    }

    // ---------------------------------------------------------------- statements

    private Returned execute(Node s) throws EvaluationException {
        if (s instanceof Node.Block block) {
            scopes.push(new HashMap<>());
            try {
                for (Node statement : block.statements()) {
                    Returned r = execute(statement);
                    if (r != null) {
                        return r;
                    }
                }
                return null;
            } finally {
                scopes.pop();
            }
        }
        if (s instanceof Node.Return r) {
            return new Returned(eval(r.value()));
        }
        if (s instanceof Node.Declare d) {
            Object value = d.init() == null ? CsValues.defaultOf(d.type()) : eval(d.init());
            scopes.peek().put(d.name(), d.type().equals("var") ? value : implicit(value, d.type()));
            return null;
        }
        if (s instanceof Node.Assign a) {
            assign(a);
            return null;
        }
        if (s instanceof Node.If branch) {
            if (Operators.truth(eval(branch.condition()))) {
                return scoped(branch.then());
            }
            return branch.otherwise() == null ? null : scoped(branch.otherwise());
        }
        if (s instanceof Node.Eval e) {
            eval(e.expression());
            return null;
        }
        eval(s);
        return null;
    }

    private Returned scoped(Node s) throws EvaluationException {
        scopes.push(new HashMap<>());
        try {
            return execute(s);
        } finally {
            scopes.pop();
        }
    }

    // C#'s implicit conversions for a typed declaration: numeric widening, JToken from any JSON, null for references
    private static Object implicit(Object value, String type) throws EvaluationException {
        if (value == null || CsValues.isOfType(value, type)) {
            if (value == null && CsValues.defaultOf(type) != null) {
                throw new EvaluationException("Cannot convert null to '" + type + "' because it is a non-nullable "
                        + "value type.");
            }
            return value;
        }
        if (type.equals("long") && value instanceof Integer i) {
            return (long) i;
        }
        if (type.equals("double") && (value instanceof Integer || value instanceof Long)) {
            return ((Number) value).doubleValue();
        }
        throw new EvaluationException("Cannot implicitly convert type '" + CsValues.typeName(value) + "' to '"
                + type + "'.");
    }

    private void assign(Node.Assign a) throws EvaluationException {
        if (a.target() instanceof Node.Name name) {
            Map<String, Object> scope = scopeOf(name.name());
            Object value = eval(a.value());
            if (!a.op().equals("=")) {
                value = Operators.binary(a.op().substring(0, 1), scope.get(name.name()), value);
            }
            scope.put(name.name(), value);
            return;
        }
        Node.Index index = (Node.Index) a.target();
        Object target = eval(index.target());
        if (target == null) {
            throw EvaluationException.nullReference();
        }
        Object key = eval(index.index());
        Object value = eval(a.value());
        if (!a.op().equals("=")) {
            Object current = Members.index(target, key);
            Object plain = current instanceof com.fasterxml.jackson.databind.JsonNode node && node.isValueNode()
                    ? Conversions.scalar(node) : current;
            value = Operators.binary(a.op().substring(0, 1), plain, value);
        }
        Members.setIndex(target, key, value);
    }

    private Map<String, Object> scopeOf(String name) throws EvaluationException {
        for (Map<String, Object> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope;
            }
        }
        throw new EvaluationException("The name '" + name + "' does not exist in the current context.");
    }

    // ---------------------------------------------------------------- expressions

    private Object eval(Node node) throws EvaluationException {
        if (node instanceof Node.Literal l) {
            return l.value();
        }
        if (node instanceof Node.Name n) {
            return n.name().equals("context") ? context : scopeOf(n.name()).get(n.name());
        }
        if (node instanceof Node.Interpolated i) {
            StringBuilder out = new StringBuilder();
            for (Object part : i.parts()) {
                out.append(part instanceof Node n ? CsValues.toDisplayString(eval(n)) : (String) part);
            }
            return out.toString();
        }
        if (node instanceof Node.Member m) {
            return member(m);
        }
        if (node instanceof Node.Call c) {
            return call(c);
        }
        if (node instanceof Node.Index ix) {
            Object target = receiver(ix.target(), ix.nullConditional());
            Object key = eval(ix.index());
            return target instanceof HostObject h ? h.index(key) : Members.index(target, key);
        }
        if (node instanceof Node.NullChain nc) {
            try {
                return eval(nc.chain());
            } catch (ShortCircuit e) {
                return null;
            }
        }
        if (node instanceof Node.Unary u) {
            Object v = eval(u.operand());
            return switch (u.op()) {
                case "!" -> !Operators.truth(v);
                case "-" -> Operators.negate(v);
                default -> v;
            };
        }
        if (node instanceof Node.Binary b) {
            return binary(b);
        }
        if (node instanceof Node.Conditional c) {
            return Operators.truth(eval(c.condition())) ? eval(c.whenTrue()) : eval(c.whenFalse());
        }
        if (node instanceof Node.Cast c) {
            return Conversions.cast(eval(c.operand()), c.type());
        }
        if (node instanceof Node.TypeTest t) {
            Object v = eval(t.operand());
            boolean is = v != null && CsValues.isOfType(v, t.type());
            return t.as() ? (is ? v : null) : is;
        }
        throw new EvaluationException("Cannot evaluate " + node.getClass().getSimpleName() + ".");
    }

    private Object binary(Node.Binary b) throws EvaluationException {
        switch (b.op()) {
            case "&&":
                return Operators.truth(eval(b.left())) && Operators.truth(eval(b.right()));
            case "||":
                return Operators.truth(eval(b.left())) || Operators.truth(eval(b.right()));
            case "??": {
                Object left = eval(b.left());
                return left != null ? left : eval(b.right());
            }
            default:
                return Operators.binary(b.op(), eval(b.left()), eval(b.right()));
        }
    }

    // the value a member, call or indexer applies to; a null one short-circuits after ?. and fails otherwise
    private Object receiver(Node target, boolean nullConditional) throws EvaluationException {
        Object value = eval(target);
        if (value == null) {
            if (nullConditional) {
                throw ShortCircuit.INSTANCE;
            }
            throw EvaluationException.nullReference();
        }
        return value;
    }

    private Object member(Node.Member m) throws EvaluationException {
        if (m.target() instanceof Node.TypeRef t) {
            return Statics.property(t.type(), m.name(), clock);
        }
        Object target = receiver(m.target(), m.nullConditional());
        return target instanceof HostObject h ? h.member(m.name()) : Members.property(target, m.name());
    }

    private Object call(Node.Call c) throws EvaluationException {
        List<Object> args = new ArrayList<>();
        Map<String, Object> named = new LinkedHashMap<>();
        if (c.target() instanceof Node.TypeRef t) {
            for (Node.Arg arg : c.args()) {
                args.add(eval(arg.value()));
            }
            return Statics.call(t.type(), c.name(), args);
        }
        Object target = receiver(c.target(), c.nullConditional());
        for (Node.Arg arg : c.args()) {
            if (arg.name() == null) {
                args.add(eval(arg.value()));
            } else {
                named.put(arg.name(), eval(arg.value()));
            }
        }
        if (target instanceof HostObject h) {
            return h.call(c.name(), c.typeArgs(), args, named);
        }
        return Members.call(target, c.name(), c.typeArgs(), args);
    }
}
