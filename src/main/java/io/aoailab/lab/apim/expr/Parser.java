package io.aoailab.lab.apim.expr;

import io.aoailab.lab.apim.expr.Lexer.Kind;
import io.aoailab.lab.apim.expr.Lexer.Token;
import io.aoailab.lab.apim.expr.Node.Arg;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser of the C# subset, with C#'s precedence: primary, unary and casts, multiplicative,
 * additive, relational and {@code is}/{@code as}, equality, {@code &&}, {@code ||}, {@code ??}, {@code ?:}. Every
 * C# construct outside the subset is rejected here by name, so the message says what to change.
 */
final class Parser {
    private static final Set<String> UNSUPPORTED_KEYWORDS = Set.of("new", "typeof", "default", "checked",
            "unchecked", "await", "async", "delegate", "stackalloc", "sizeof", "nameof", "throw", "switch", "this",
            "base", "ref", "out", "from", "dynamic");
    private static final Set<String> UNSUPPORTED_STATEMENTS = Set.of("for", "foreach", "while", "do", "try",
            "using", "lock", "goto", "break", "continue", "yield", "switch", "throw", "const", "fixed", "unsafe");
    private static final Map<String, String> UNSUPPORTED_OPERATORS = Map.ofEntries(
            Map.entry("=>", "lambda expression '=>'"), Map.entry("++", "increment operator '++'"),
            Map.entry("--", "decrement operator '--'"), Map.entry("??=", "operator '??='"),
            Map.entry("::", "alias qualifier '::'"), Map.entry("&", "bitwise operator '&'"),
            Map.entry("|", "bitwise operator '|'"), Map.entry("^", "operator '^'"), Map.entry("~", "operator '~'"),
            Map.entry("<<", "shift operator '<<'"), Map.entry("<<=", "operator '<<='"),
            Map.entry(">>=", "operator '>>='"), Map.entry("&=", "operator '&='"), Map.entry("|=", "operator '|='"),
            Map.entry("^=", "operator '^='"), Map.entry("*=", "operator '*='"), Map.entry("/=", "operator '/='"),
            Map.entry("%=", "operator '%='"));
    private static final String LAMBDA_FIX = "LINQ and lambdas are outside the lab's subset; use if/else and "
            + "indexers, or compute the value in a set-variable first";

    private final List<Token> tokens;
    private int pos;
    private final Deque<Set<String>> scopes = new ArrayDeque<>();

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
        scopes.push(new HashSet<>());
    }

    /** {@code @(expr)}: the tokens between the parentheses. */
    static Node parseExpression(String inner, int base) throws ExpressionException {
        Parser parser = new Parser(checked(Lexer.tokenize(inner, base)));
        Node node = parser.expression();
        parser.expectEnd();
        return node;
    }

    /** {@code @{ statements }}: the tokens between the braces. */
    static Node.Block parseStatements(String inner, int base) throws ExpressionException {
        Parser parser = new Parser(checked(Lexer.tokenize(inner, base)));
        List<Node> statements = new ArrayList<>();
        while (parser.peek().kind() != Kind.EOF) {
            statements.add(parser.statement());
        }
        return new Node.Block(base, statements);
    }

    private static List<Token> checked(List<Token> tokens) throws ExpressionException {
        for (Token t : tokens) {
            if (t.kind() == Kind.OP && UNSUPPORTED_OPERATORS.containsKey(t.text())) {
                throw ExpressionException.unsupported(t.offset(), UNSUPPORTED_OPERATORS.get(t.text()),
                        t.text().equals("=>") ? LAMBDA_FIX : "rewrite it with the supported operators "
                                + "(== != < <= > >= && || ! ?: ?? + - * / %)");
            }
        }
        return tokens;
    }

    // ---------------------------------------------------------------- statements

    private Node statement() throws ExpressionException {
        Token t = peek();
        if (t.is("{")) {
            next();
            scopes.push(new HashSet<>());
            List<Node> statements = new ArrayList<>();
            while (!peek().is("}")) {
                if (peek().kind() == Kind.EOF) {
                    throw ExpressionException.syntax(t.offset(), "'{' without '}'", "close the block");
                }
                statements.add(statement());
            }
            next();
            scopes.pop();
            return new Node.Block(t.offset(), statements);
        }
        if (t.kind() == Kind.IDENT && t.text().equals("return")) {
            next();
            Node value = expression();
            expect(";");
            return new Node.Return(t.offset(), value);
        }
        if (t.kind() == Kind.IDENT && t.text().equals("if")) {
            next();
            expect("(");
            Node condition = expression();
            expect(")");
            Node then = scoped();
            Node otherwise = null;
            if (peek().kind() == Kind.IDENT && peek().text().equals("else")) {
                next();
                otherwise = scoped();
            }
            return new Node.If(t.offset(), condition, then, otherwise);
        }
        if (t.kind() == Kind.IDENT && UNSUPPORTED_STATEMENTS.contains(t.text())) {
            throw ExpressionException.unsupported(t.offset(), "'" + t.text() + "' statement",
                    "use var declarations, assignments, if/else and return only");
        }
        if (t.is(";")) {
            next();
            return new Node.Block(t.offset(), List.of());
        }
        Node declaration = declaration();
        if (declaration != null) {
            return declaration;
        }
        Node expression = expression();
        Token op = peek();
        if (op.is("=") || op.is("+=") || op.is("-=")) {
            next();
            if (!(expression instanceof Node.Name) && !(expression instanceof Node.Index)) {
                throw ExpressionException.unsupported(expression.at(), "assignment to this target",
                        "assign to a local variable or a JObject indexer (body[\"x\"] = ...)");
            }
            if (expression instanceof Node.Name name && name.name().equals("context")) {
                throw ExpressionException.syntax(expression.at(), "'context' is read-only", "use a local variable");
            }
            Node value = expression();
            expect(";");
            return new Node.Assign(op.offset(), expression, op.text(), value);
        }
        if (!(expression instanceof Node.Call) && !(expression instanceof Node.NullChain)) {
            throw ExpressionException.syntax(expression.at(),
                    "only assignment, call, declaration, if and return can be used as a statement",
                    "assign the value to a variable or return it");
        }
        expect(";");
        return new Node.Eval(expression.at(), expression);
    }

    // an if/else branch gets its own scope, as in C#
    private Node scoped() throws ExpressionException {
        scopes.push(new HashSet<>());
        try {
            return statement();
        } finally {
            scopes.pop();
        }
    }

    /** {@code var x = e;}, {@code string x = e;}, {@code string[] x = e;}, or null if not a declaration. */
    private Node declaration() throws ExpressionException {
        Token t = peek();
        if (t.kind() != Kind.IDENT) {
            return null;
        }
        int save = pos;
        next();
        String type = t.text();
        if (peek().is("[") && peekAt(1).is("]")) {
            next();
            next();
            type += "[]";
        } else if (peek().is("<")) {
            pos = save;
            return null;
        }
        if (peek().kind() != Kind.IDENT || !(peekAt(1).is("=") || peekAt(1).is(";"))) {
            pos = save;
            return null;
        }
        if (!type.equals("var") && Surface.canonicalType(type) == null) {
            throw ExpressionException.unsupported(t.offset(), "type '" + type + "'",
                    "declare with var or one of " + String.join(", ", Surface.VARIABLE_TYPES));
        }
        Token name = next();
        declare(name);
        Node init = null;
        if (peek().is("=")) {
            next();
            init = expression();
        } else if (type.equals("var")) {
            throw ExpressionException.syntax(name.offset(), "implicitly-typed variables must be initialized",
                    "write var " + name.text() + " = ...;");
        }
        expect(";");
        return new Node.Declare(t.offset(), type.equals("var") ? "var" : Surface.canonicalType(type), name.text(),
                init);
    }

    private void declare(Token name) throws ExpressionException {
        if (name.text().equals("context") || isLocal(name.text())) {
            throw ExpressionException.syntax(name.offset(), "a local variable named '" + name.text()
                    + "' is already defined in this scope", "choose another name");
        }
        scopes.peek().add(name.text());
    }

    private boolean isLocal(String name) {
        return scopes.stream().anyMatch(s -> s.contains(name));
    }

    // ---------------------------------------------------------------- expressions

    Node expression() throws ExpressionException {
        return conditional();
    }

    private Node conditional() throws ExpressionException {
        Node condition = coalesce();
        if (peek().is("?")) {
            Token q = next();
            Node whenTrue = expression();
            expect(":");
            Node whenFalse = expression();
            return new Node.Conditional(q.offset(), condition, whenTrue, whenFalse);
        }
        return condition;
    }

    private Node coalesce() throws ExpressionException {
        Node left = or();
        if (peek().is("??")) {
            Token op = next();
            return new Node.Binary(op.offset(), "??", left, coalesce()); // right-associative
        }
        return left;
    }

    private Node or() throws ExpressionException {
        return leftAssociative(this::and, "||");
    }

    private Node and() throws ExpressionException {
        return leftAssociative(this::equality, "&&");
    }

    private Node equality() throws ExpressionException {
        return leftAssociative(this::relational, "==", "!=");
    }

    /** One precedence level of left-associative binary operators over the next level's operands. */
    private Node leftAssociative(Level operand, String... operators) throws ExpressionException {
        Node left = operand.parse();
        while (isOneOf(peek(), operators)) {
            Token op = next();
            left = new Node.Binary(op.offset(), op.text(), left, operand.parse());
        }
        return left;
    }

    private static boolean isOneOf(Token token, String... operators) {
        for (String operator : operators) {
            if (token.is(operator)) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface Level {
        Node parse() throws ExpressionException;
    }

    private Node relational() throws ExpressionException {
        Node left = additive();
        while (true) {
            Token op = peek();
            if (op.is("<") || op.is(">") || op.is("<=") || op.is(">=")) {
                next();
                if (op.is(">") && peek().is(">")) {
                    throw ExpressionException.unsupported(op.offset(), "shift operator '>>'",
                            "use arithmetic instead");
                }
                left = new Node.Binary(op.offset(), op.text(), left, additive());
            } else if (op.kind() == Kind.IDENT && (op.text().equals("is") || op.text().equals("as"))) {
                next();
                if (op.text().equals("is") && (peek().is("null") || peek().is("not") && peekAt(1).is("null"))) {
                    boolean negated = next().is("not");
                    if (negated) {
                        next();
                    }
                    // 'x is null' is C#'s constant pattern: the same as x == null for the types here
                    left = new Node.Binary(op.offset(), negated ? "!=" : "==", left, new Node.Literal(op.offset(), null));
                    continue;
                }
                String type = typeName();
                if (op.text().equals("is") && peek().kind() == Kind.IDENT) {
                    throw ExpressionException.unsupported(peek().offset(), "pattern matching ('is T name')",
                            "test with 'is T' and cast separately");
                }
                left = new Node.TypeTest(op.offset(), left, type, op.text().equals("as"));
            } else {
                return left;
            }
        }
    }

    private Node additive() throws ExpressionException {
        return leftAssociative(this::multiplicative, "+", "-");
    }

    private Node multiplicative() throws ExpressionException {
        return leftAssociative(this::unary, "*", "/", "%");
    }

    private Node unary() throws ExpressionException {
        Token t = peek();
        if (t.is("!") || t.is("-") || t.is("+")) {
            next();
            return new Node.Unary(t.offset(), t.text(), unary());
        }
        if (t.is("(")) {
            String cast = castAhead();
            if (cast != null) {
                return new Node.Cast(t.offset(), cast, unary());
            }
        }
        return postfix(primary());
    }

    /**
     * At '(': the canonical type if this is a cast, else null (a parenthesized expression). C#'s rule: a predefined
     * type in parentheses is always a cast; another name is one when a token that starts an operand follows.
     */
    private String castAhead() throws ExpressionException {
        int save = pos;
        next();
        Token first = peek();
        if (first.kind() != Kind.IDENT) {
            pos = save;
            return null;
        }
        StringBuilder name = new StringBuilder(next().text());
        while (peek().is(".") && peekAt(1).kind() == Kind.IDENT) {
            next();
            name.append('.').append(next().text());
        }
        if (peek().is("[") && peekAt(1).is("]")) {
            next();
            next();
            name.append("[]");
        }
        if (!peek().is(")")) {
            pos = save;
            return null;
        }
        next();
        String written = stripNamespace(name.toString());
        boolean predefined = Set.of("string", "int", "long", "double", "bool", "object", "char", "float", "decimal",
                "byte", "short", "uint", "ulong", "sbyte", "ushort").contains(written.replace("[]", ""));
        Token after = peek();
        boolean operandFollows = after.kind() == Kind.IDENT && !Set.of("is", "as").contains(after.text())
                || after.kind() == Kind.STRING || after.kind() == Kind.INT || after.kind() == Kind.LONG
                || after.kind() == Kind.DOUBLE || after.kind() == Kind.CHAR || after.kind() == Kind.INTERPOLATED
                || after.is("(") || after.is("!");
        if (!predefined && !operandFollows) {
            pos = save;
            return null;
        }
        String canonical = Surface.canonicalType(written);
        if (canonical == null) {
            throw ExpressionException.unsupported(first.offset(), "cast to '" + written + "'",
                    "cast to one of string, int, long, double, bool, object, JObject, JArray, JToken");
        }
        return canonical;
    }

    private Node primary() throws ExpressionException {
        Token t = next();
        switch (t.kind()) {
            case STRING, CHAR, INT, LONG, DOUBLE:
                return new Node.Literal(t.offset(), t.value());
            case INTERPOLATED:
                return interpolated(t);
            case IDENT:
                return identifier(t);
            case EOF:
                throw ExpressionException.syntax(t.offset(), "unexpected end of expression", "complete the expression");
            default:
                if (t.is("(")) {
                    Node inner = expression();
                    expect(")");
                    return inner;
                }
                throw ExpressionException.syntax(t.offset(), "unexpected '" + t.text() + "'",
                        "check the expression's syntax");
        }
    }

    private Node interpolated(Token t) throws ExpressionException {
        List<Object> parts = new ArrayList<>();
        List<String> raw = t.parts();
        for (int i = 0; i < raw.size(); i++) {
            if (i % 2 == 0) {
                if (!raw.get(i).isEmpty()) {
                    parts.add(raw.get(i));
                }
            } else {
                Parser hole = new Parser(checked(Lexer.tokenize(raw.get(i), t.partOffsets().get(i / 2))));
                hole.scopes.clear();
                hole.scopes.addAll(scopes);
                Node node = hole.expression();
                hole.expectEnd();
                parts.add(node);
            }
        }
        return new Node.Interpolated(t.offset(), parts);
    }

    private Node identifier(Token t) throws ExpressionException {
        String id = t.text();
        switch (id) {
            case "true":
                return new Node.Literal(t.offset(), Boolean.TRUE);
            case "false":
                return new Node.Literal(t.offset(), Boolean.FALSE);
            case "null":
                return new Node.Literal(t.offset(), null);
            default:
                break;
        }
        if (UNSUPPORTED_KEYWORDS.contains(id)) {
            String fix = id.equals("new") ? "build JSON with JObject.Parse(...) or string concatenation, and objects "
                    + "as values of set-variable" : "rewrite the expression without it";
            throw ExpressionException.unsupported(t.offset(), "'" + id + "' expression", fix);
        }
        if (id.equals("context") || isLocal(id)) {
            if (peek().is("(")) {
                throw ExpressionException.unsupported(t.offset(), "invoking '" + id + "' as a delegate",
                        "call a method of it instead");
            }
            return new Node.Name(t.offset(), id);
        }
        if (id.equals("System") || id.equals("Newtonsoft")) {
            return namespaceQualified(t);
        }
        String type = Surface.STATIC_TYPES.get(id);
        if (type != null) {
            if (!peek().is(".")) {
                throw ExpressionException.syntax(t.offset(), "'" + id + "' is a type, not a value",
                        "use a member of it, e.g. " + id + ".Parse(...)");
            }
            return new Node.TypeRef(t.offset(), type);
        }
        if (peek().is("(")) {
            throw ExpressionException.unsupported(t.offset(), "method '" + id + "' (local functions)",
                    "call methods on values or on the supported static classes");
        }
        if (Character.isUpperCase(id.charAt(0)) && peek().is(".")) {
            throw ExpressionException.unsupported(t.offset(), "type '" + id + "'",
                    "use the supported types: string, int, long, double, bool, Math, Convert, DateTime, Guid, "
                            + "TimeSpan, JObject, JArray, JToken, StringComparison");
        }
        throw ExpressionException.syntax(t.offset(), "the name '" + id + "' does not exist in the current context",
                "declare it with var before use, or read it from context.Variables");
    }

    // System.String, System.Math, Newtonsoft.Json.Linq.JObject, Newtonsoft.Json.Formatting
    private Node namespaceQualified(Token first) throws ExpressionException {
        StringBuilder name = new StringBuilder(first.text());
        while (peek().is(".") && peekAt(1).kind() == Kind.IDENT) {
            next();
            String segment = next().text();
            name.append('.').append(segment);
            String type = Surface.STATIC_TYPES.get(segment);
            if (type != null && Set.of("System", "Newtonsoft.Json", "Newtonsoft.Json.Linq")
                    .contains(name.substring(0, name.length() - segment.length() - 1))) {
                return new Node.TypeRef(first.offset(), type);
            }
        }
        throw ExpressionException.unsupported(first.offset(), "type '" + name + "'",
                "use the supported types: string, int, long, double, bool, Math, Convert, DateTime, Guid, TimeSpan, "
                        + "JObject, JArray, JToken, StringComparison, Formatting");
    }

    private static String stripNamespace(String name) {
        for (String ns : new String[] {"System.", "Newtonsoft.Json.Linq.", "Newtonsoft.Json."}) {
            if (name.startsWith(ns)) {
                return name.substring(ns.length());
            }
        }
        return name;
    }

    private Node postfix(Node node) throws ExpressionException {
        boolean nullConditional = false;
        while (true) {
            Token t = peek();
            if (t.is(".") || t.is("?.")) {
                next();
                boolean conditional = t.is("?.");
                nullConditional |= conditional;
                Token name = next();
                if (name.kind() != Kind.IDENT) {
                    throw ExpressionException.syntax(name.offset(), "member name expected after '" + t.text() + "'",
                            "write a member name");
                }
                List<String> typeArgs = typeArguments();
                if (peek().is("(")) {
                    next();
                    node = new Node.Call(name.offset(), node, name.text(), typeArgs, arguments(), conditional);
                } else if (!typeArgs.isEmpty()) {
                    throw ExpressionException.syntax(name.offset(), "type arguments without a call",
                            "call the generic method: " + name.text() + "<...>(...)");
                } else {
                    node = new Node.Member(name.offset(), node, name.text(), conditional);
                }
            } else if (t.is("[") || t.is("?[")) {
                next();
                boolean conditional = t.is("?[");
                nullConditional |= conditional;
                Node index = expression();
                if (peek().is(",")) {
                    throw ExpressionException.unsupported(peek().offset(), "multi-dimensional indexer",
                            "index with one value");
                }
                expect("]");
                node = new Node.Index(t.offset(), node, index, conditional);
            } else if (t.is("(")) {
                throw ExpressionException.unsupported(t.offset(), "invoking an expression as a delegate",
                        "call a named method");
            } else if (t.is("!") && peekAt(1).is(".")) {
                throw ExpressionException.unsupported(t.offset(), "null-forgiving operator '!'", "remove the '!'");
            } else {
                return nullConditional ? new Node.NullChain(node.at(), node) : node;
            }
        }
    }

    /** {@code <string>} or {@code <JObject>} right after a member name when a call follows; else empty. */
    private List<String> typeArguments() throws ExpressionException {
        if (!peek().is("<")) {
            return List.of();
        }
        int save = pos;
        next();
        List<String> types = new ArrayList<>();
        while (true) {
            if (peek().kind() != Kind.IDENT) {
                pos = save;
                return List.of();
            }
            Token first = peek();
            StringBuilder name = new StringBuilder(next().text());
            while (peek().is(".") && peekAt(1).kind() == Kind.IDENT) {
                next();
                name.append('.').append(next().text());
            }
            if (peek().is("[") && peekAt(1).is("]")) {
                next();
                next();
                name.append("[]");
            }
            types.add(first.offset() + ":" + stripNamespace(name.toString()));
            if (peek().is(",")) {
                next();
            } else if (peek().is(">") && peekAt(1).is("(")) {
                next();
                break;
            } else {
                pos = save; // a comparison, not type arguments
                return List.of();
            }
        }
        List<String> canonical = new ArrayList<>();
        for (String t : types) {
            int colon = t.indexOf(':');
            String written = t.substring(colon + 1);
            String type = Surface.canonicalType(written);
            if (type == null) {
                throw ExpressionException.unsupported(Integer.parseInt(t.substring(0, colon)),
                        "type argument '" + written + "'", "use string, int, long, double, bool, object, JObject, "
                                + "JArray or JToken");
            }
            canonical.add(type);
        }
        return canonical;
    }

    private List<Arg> arguments() throws ExpressionException {
        List<Arg> args = new ArrayList<>();
        if (peek().is(")")) {
            next();
            return args;
        }
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.IDENT && (t.text().equals("out") || t.text().equals("ref"))) {
                throw ExpressionException.unsupported(t.offset(), "'" + t.text() + "' argument",
                        "use the method form that returns its result (e.g. GetValueOrDefault instead of TryGetValue)");
            }
            String name = null;
            if (t.kind() == Kind.IDENT && peekAt(1).is(":")) {
                name = next().text();
                next();
            }
            args.add(new Arg(name, expression()));
            if (peek().is(",")) {
                next();
            } else {
                expect(")");
                return args;
            }
        }
    }

    private String typeName() throws ExpressionException {
        Token t = next();
        if (t.kind() != Kind.IDENT) {
            throw ExpressionException.syntax(t.offset(), "type name expected", "write a type name");
        }
        StringBuilder name = new StringBuilder(t.text());
        while (peek().is(".") && peekAt(1).kind() == Kind.IDENT) {
            next();
            name.append('.').append(next().text());
        }
        if (peek().is("[") && peekAt(1).is("]")) {
            next();
            next();
            name.append("[]");
        }
        String canonical = Surface.canonicalType(stripNamespace(name.toString()));
        if (canonical == null) {
            throw ExpressionException.unsupported(t.offset(), "type '" + name + "'",
                    "use string, int, long, double, bool, object, JObject, JArray or JToken");
        }
        return canonical;
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    private void expect(String op) throws ExpressionException {
        Token t = next();
        if (!t.is(op)) {
            throw ExpressionException.syntax(t.offset(), "expected '" + op + "' but found "
                    + (t.kind() == Kind.EOF ? "the end" : "'" + t.text() + "'"), "add the missing '" + op + "'");
        }
    }

    private void expectEnd() throws ExpressionException {
        Token t = peek();
        if (t.kind() != Kind.EOF) {
            String fix = t.is(";") ? "an @( ) expression takes no ';'; use @{ ...; return x; } for statements"
                    : "remove the extra text";
            throw ExpressionException.syntax(t.offset(), "unexpected '" + t.text() + "' after the expression", fix);
        }
    }
}
