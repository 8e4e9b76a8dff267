package io.aoailab.lab.apim.expr;

import java.time.Clock;

/**
 * A compiled policy expression: {@code @(expr)} or {@code @{ statements; return x; }} in the C# subset the lab runs
 * (docs/apim-gateway.md §3.1). Parsing checks everything the lab can know before a request arrives, so unsupported C#
 * fails when the policy is loaded; what remains are run-time failures, as in APIM.
 *
 * <pre>
 * Expression e = Expression.parse("@(context.Request.Headers.GetValueOrDefault(\"x-id\", \"none\"))");
 * Object value = e.evaluate(context, clock);
 * </pre>
 *
 * Instances are immutable and safe to evaluate from several threads at once.
 */
public final class Expression {
    private final String source;
    private final Node root;

    private Expression(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /** Whether an attribute or element text is an expression rather than a literal. */
    public static boolean isExpression(String text) {
        return text != null && (text.startsWith("@(") || text.startsWith("@{"));
    }

    /**
     * @param text the whole expression, from its {@code @} to its closing {@code )} or <code>}</code>
     * @throws ExpressionException for syntax errors and constructs outside the subset, with the offset in {@code text}
     */
    public static Expression parse(String text) throws ExpressionException {
        if (!isExpression(text)) {
            throw ExpressionException.syntax(0, "an expression starts with @( or @{", "write @(expression) or "
                    + "@{ statements; return value; }");
        }
        char close = text.charAt(1) == '(' ? ')' : '}';
        if (!text.endsWith(String.valueOf(close)) || text.length() < 3) {
            throw ExpressionException.syntax(text.length(), "expression not closed with '" + close + "'",
                    "end it with " + close);
        }
        String inner = text.substring(2, text.length() - 1);
        if (close == ')') {
            if (inner.isBlank()) {
                throw ExpressionException.syntax(2, "empty expression", "write a C# expression inside @( )");
            }
            Node node = Parser.parseExpression(inner, 2);
            Checker.checkExpression(node);
            return new Expression(text, node);
        }
        Node.Block block = Parser.parseStatements(inner, 2);
        Checker.checkBlock(block);
        return new Expression(text, block);
    }

    /**
     * Runs the expression.
     *
     * @param context APIM's {@code context}
     * @param clock what {@code DateTime.UtcNow} reads
     * @throws EvaluationException as a .NET exception would be thrown in APIM
     */
    public Object evaluate(HostObject context, Clock clock) throws EvaluationException {
        return new Interpreter(context, clock).run(root);
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
