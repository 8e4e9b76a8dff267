package io.aoailab.lab.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The subset of Search's OData {@code $filter} language that makes sense over an index of {@code Edm.String} fields:
 * <pre>
 *   expr       := or
 *   or         := and ('or' and)*
 *   and        := unary ('and' unary)*
 *   unary      := 'not' unary | '(' expr ')' | comparison | search.in | 'true' | 'false'
 *   comparison := field ('eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le') ('string' | null | number | true | false)
 *   search.in  := 'search.in' '(' field ',' 'values' [',' 'delimiters'] ')'
 * </pre>
 * String literals are single-quoted with {@code ''} for a quote; comparisons are ordinal and case-sensitive ("String
 * comparisons are case sensitive", MicrosoftDocs/azure-ai-docs search-markdown-data-tutorial.md); a missing field is
 * {@code null}, equal only to {@code null}. {@code search.in}'s default delimiters are space and comma (as Search's
 * {@code search.in} reference describes them; not re-checked for this lab, UNCONFIRMED). Keywords are lower case, as in
 * OData.
 *
 * <p>Errors carry Search's texts where known: "Syntax error at position N in '…'." and "Could not find a property
 * named 'x' on type 'search.document'." (OBSERVED-3P, see {@link SearchErrors#invalidExpression}); the type mismatch
 * wording is Microsoft.OData's ("A binary operator with incompatible types was detected…"), UNCONFIRMED for Search.
 * Position N is the 0-based offset of the offending token (UNCONFIRMED: OData sometimes reports the token's end).
 */
final class Filter {
    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "gt", "ge", "lt", "le");
    private static final Predicate<Map<String, String>> ALL = d -> true;

    private final String text;
    private final Set<String> fields;
    private final List<Token> tokens;
    private int next;

    private Filter(String text, Set<String> fields) {
        this.text = text;
        this.fields = fields;
        this.tokens = lex(text);
    }

    /** A predicate over documents; an absent or blank filter keeps every document. */
    static Predicate<Map<String, String>> parse(String filter, List<String> fields) throws FilterException {
        if (filter == null || filter.isBlank()) {
            return ALL;
        }
        Filter parser = new Filter(filter, new HashSet<>(fields));
        Predicate<Map<String, String>> predicate = parser.or();
        if (parser.peek().kind() != Kind.END) {
            throw parser.syntaxError(parser.peek());
        }
        return predicate;
    }

    private Predicate<Map<String, String>> or() throws FilterException {
        Predicate<Map<String, String>> left = and();
        while (peek().isWord("or")) {
            next++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Map<String, String>> and() throws FilterException {
        Predicate<Map<String, String>> left = unary();
        while (peek().isWord("and")) {
            next++;
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Map<String, String>> unary() throws FilterException {
        Token token = take();
        if (token.isWord("not")) {
            return unary().negate();
        }
        if (token.kind() == Kind.OPEN) {
            Predicate<Map<String, String>> inner = or();
            Token close = take();
            if (close.kind() != Kind.CLOSE) {
                throw new FilterException("')' or operator expected at position " + close.position() + " in '"
                        + text + "'.");
            }
            return inner;
        }
        if (token.isWord("true") || token.isWord("false")) {
            boolean value = token.isWord("true");
            return d -> value;
        }
        if (token.isWord("search.in")) {
            return searchIn(token);
        }
        if (token.kind() == Kind.WORD && peek().kind() == Kind.OPEN) {
            throw new FilterException("The lab's AI Search emulator does not support the function '" + token.text()
                    + "'.");
        }
        if (token.kind() != Kind.WORD || isKeyword(token.text())) {
            throw syntaxError(token);
        }
        return comparison(token);
    }

    private Predicate<Map<String, String>> comparison(Token field) throws FilterException {
        Token operator = take();
        if (operator.kind() != Kind.WORD || !COMPARISONS.contains(operator.text())) {
            throw syntaxError(operator);
        }
        Token literal = take();
        requireField(field);
        String name = field.text();
        return switch (literal.kind()) {
            case STRING -> compare(name, operator.text(), literal.text());
            case NUMBER -> throw incompatible(operator.text(), numberType(literal.text()));
            case WORD -> {
                if (literal.isWord("null")) {
                    yield compare(name, operator.text(), null);
                }
                if (literal.isWord("true") || literal.isWord("false")) {
                    throw incompatible(operator.text(), "Edm.Boolean");
                }
                throw syntaxError(literal);
            }
            default -> throw syntaxError(literal);
        };
    }

    private Predicate<Map<String, String>> searchIn(Token function) throws FilterException {
        expect(Kind.OPEN);
        Token field = take();
        if (field.kind() != Kind.WORD) {
            throw syntaxError(field);
        }
        requireField(field);
        expect(Kind.COMMA);
        Token values = take();
        if (values.kind() != Kind.STRING) {
            throw syntaxError(values);
        }
        String delimiters = " ,";
        if (peek().kind() == Kind.COMMA) {
            next++;
            Token custom = take();
            if (custom.kind() != Kind.STRING) {
                throw syntaxError(custom);
            }
            delimiters = custom.text();
        }
        expect(Kind.CLOSE);
        Set<String> allowed = new HashSet<>(split(values.text(), delimiters));
        String name = field.text();
        return d -> d.get(name) != null && allowed.contains(d.get(name));
    }

    private static Predicate<Map<String, String>> compare(String field, String operator, String literal) {
        return document -> {
            String value = document.get(field);
            if (value == null || literal == null) {
                boolean same = Objects.equals(value, literal);
                return switch (operator) {
                    case "eq" -> same;
                    case "ne" -> !same;
                    // ordering against null: OData says null sorts lowest; nothing else in the lab needs more
                    case "ge", "le" -> same;
                    default -> false;
                };
            }
            int order = value.compareTo(literal);
            return switch (operator) {
                case "eq" -> order == 0;
                case "ne" -> order != 0;
                case "gt" -> order > 0;
                case "ge" -> order >= 0;
                case "lt" -> order < 0;
                default -> order <= 0;
            };
        };
    }

    private void requireField(Token field) throws FilterException {
        if (!fields.contains(field.text())) {
            throw new FilterException("Could not find a property named '" + field.text()
                    + "' on type 'search.document'.");
        }
    }

    private FilterException incompatible(String operator, String literalType) {
        String kind = switch (operator) {
            case "eq" -> "Equal";
            case "ne" -> "NotEqual";
            case "gt" -> "GreaterThan";
            case "ge" -> "GreaterThanOrEqual";
            case "lt" -> "LessThan";
            default -> "LessThanOrEqual";
        };
        return new FilterException("A binary operator with incompatible types was detected. Found operand types "
                + "'Edm.String' and '" + literalType + "' for operator kind '" + kind + "'.");
    }

    private static String numberType(String number) {
        if (number.contains(".") || number.contains("e") || number.contains("E")) {
            return "Edm.Double";
        }
        BigDecimal value = new BigDecimal(number);
        return value.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0 ? "Edm.Int32" : "Edm.Int64";
    }

    private static boolean isKeyword(String word) {
        return COMPARISONS.contains(word) || Set.of("and", "or", "not", "null").contains(word);
    }

    private FilterException syntaxError(Token token) {
        return new FilterException("Syntax error at position " + token.position() + " in '" + text + "'.");
    }

    private void expect(Kind kind) throws FilterException {
        Token token = take();
        if (token.kind() != kind) {
            throw syntaxError(token);
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private static List<String> split(String values, String delimiters) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (char c : values.toCharArray()) {
            if (delimiters.indexOf(c) >= 0) {
                if (part.length() > 0) {
                    parts.add(part.toString());
                    part.setLength(0);
                }
            } else {
                part.append(c);
            }
        }
        if (part.length() > 0) {
            parts.add(part.toString());
        }
        return parts;
    }

    private List<Token> lex(String source) {
        List<Token> lexed = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                lexed.add(new Token(c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA, String.valueOf(c), i));
                i++;
            } else if (c == '\'') {
                int start = i;
                StringBuilder literal = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < source.length()) {
                    if (source.charAt(i) == '\'') {
                        if (i + 1 < source.length() && source.charAt(i + 1) == '\'') {
                            literal.append('\'');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    literal.append(source.charAt(i++));
                }
                lexed.add(new Token(closed ? Kind.STRING : Kind.BAD, literal.toString(), start));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < source.length()
                    && Character.isDigit(source.charAt(i + 1)))) {
                int start = i++;
                while (i < source.length() && (Character.isDigit(source.charAt(i)) || ".eE+-".indexOf(source.charAt(i))
                        >= 0)) {
                    i++;
                }
                String number = source.substring(start, i);
                lexed.add(new Token(isNumber(number) ? Kind.NUMBER : Kind.BAD, number, start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < source.length() && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_'
                        || source.charAt(i) == '.' || source.charAt(i) == '/')) {
                    i++;
                }
                lexed.add(new Token(Kind.WORD, source.substring(start, i), start));
            } else {
                lexed.add(new Token(Kind.BAD, String.valueOf(c), i));
                i++;
            }
        }
        lexed.add(new Token(Kind.END, "", source.length()));
        return lexed;
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private enum Kind { WORD, STRING, NUMBER, OPEN, CLOSE, COMMA, BAD, END }

    private record Token(Kind kind, String text, int position) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equals(word);
        }
    }

    /** A filter Search would refuse; the message is the part after "Invalid expression: ". */
    static final class FilterException extends Exception {
        FilterException(String detail) {
            super(detail);
        }
    }
}
