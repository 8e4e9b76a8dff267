package io.aoailab.lab.apim.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the C# text of a policy expression into tokens. Knows C#'s literal forms (regular, verbatim and
 * interpolated strings, chars, int/long/double numbers) and its operators; anything else is reported where it
 * stands, so an unsupported construct names itself.
 */
final class Lexer {

    enum Kind { IDENT, STRING, INTERPOLATED, CHAR, INT, LONG, DOUBLE, OP, EOF }

    /**
     * One token. For {@link Kind#INTERPOLATED} {@code parts} holds the literal text pieces and the source of each
     * hole, alternating, starting with text; {@code partOffsets} where each hole starts in the expression.
     */
    record Token(Kind kind, String text, Object value, int offset, List<String> parts, List<Integer> partOffsets) {
        Token(Kind kind, String text, Object value, int offset) {
            this(kind, text, value, offset, List.of(), List.of());
        }

        boolean is(String op) {
            return (kind == Kind.OP || kind == Kind.IDENT) && text.equals(op);
        }
    }

    // longest first, so ">=" wins over ">"
    private static final String[] OPERATORS = {
        "<<=", ">>=", "??=", "?.", "?[", "??", "=>", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "*=",
        "/=", "%=", "&=", "|=", "^=", "<<", "::",
        "(", ")", "{", "}", "[", "]", ".", ",", ";", ":", "?", "+", "-", "*", "/", "%", "!", "~", "<", ">", "=", "&",
        "|", "^",
    };

    private final String src;
    private final int base;
    private int pos;

    private Lexer(String src, int base) {
        this.src = src;
        this.base = base;
    }

    /** @param base where {@code src} starts in the whole expression, so offsets are the expression's */
    static List<Token> tokenize(String src, int base) throws ExpressionException {
        Lexer lexer = new Lexer(src, base);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.EOF);
        return tokens;
    }

    private Token next() throws ExpressionException {
        skipTrivia();
        if (pos >= src.length()) {
            return new Token(Kind.EOF, "", null, base + pos);
        }
        int start = pos;
        char c = src.charAt(pos);
        if (c == '$' && peek(1) == '"' || c == '$' && peek(1) == '@' || c == '@' && peek(1) == '$') {
            return interpolated(start);
        }
        if (c == '@' && peek(1) == '"') {
            pos++;
            return verbatim(start);
        }
        if (c == '"') {
            return regularString(start);
        }
        if (c == '\'') {
            return charLiteral(start);
        }
        if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_' || c == '@' && Character.isLetter(peek(1))) {
            pos++;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            String word = src.substring(start, pos);
            return new Token(Kind.IDENT, word.startsWith("@") ? word.substring(1) : word, null, base + start);
        }
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                // "?." followed by a digit is the conditional operator and a number (a ?.5 : 1)
                if (op.equals("?.") && Character.isDigit(peek(2))) {
                    continue;
                }
                pos += op.length();
                return new Token(Kind.OP, op, null, base + start);
            }
        }
        throw ExpressionException.unsupported(base + start, "character '" + c + "'",
                "remove it; policy expressions are C# (docs/apim-gateway.md §3.1)");
    }

    private void skipTrivia() throws ExpressionException {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw ExpressionException.syntax(base + pos, "unterminated comment", "close it with */");
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    private Token regularString(int start) throws ExpressionException {
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw ExpressionException.syntax(base + start, "unterminated string literal", "close it with \"");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                break;
            }
            value.append(c == '\\' ? escape(start) : c);
        }
        return new Token(Kind.STRING, src.substring(start, pos), value.toString(), base + start);
    }

    private Token verbatim(int start) throws ExpressionException {
        pos++; // the opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw ExpressionException.syntax(base + start, "unterminated verbatim string", "close it with \"");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                if (peek(0) == '"') {
                    value.append('"');
                    pos++;
                    continue;
                }
                break;
            }
            value.append(c);
        }
        return new Token(Kind.STRING, src.substring(start, pos), value.toString(), base + start);
    }

    private Token charLiteral(int start) throws ExpressionException {
        pos++;
        if (pos >= src.length()) {
            throw ExpressionException.syntax(base + start, "unterminated char literal", "close it with '");
        }
        char c = src.charAt(pos++);
        char value = c == '\\' ? escape(start) : c;
        if (pos >= src.length() || src.charAt(pos) != '\'') {
            throw ExpressionException.syntax(base + start, "char literal with more than one character",
                    "use a string literal in double quotes");
        }
        pos++;
        return new Token(Kind.CHAR, src.substring(start, pos), value, base + start);
    }

    private char escape(int start) throws ExpressionException {
        if (pos >= src.length()) {
            throw ExpressionException.syntax(base + start, "unterminated escape sequence", "complete it");
        }
        char e = src.charAt(pos++);
        switch (e) {
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case '0': return '\0';
            case '\\': return '\\';
            case '"': return '"';
            case '\'': return '\'';
            case 'u':
                if (pos + 4 <= src.length()) {
                    try {
                        char u = (char) Integer.parseInt(src.substring(pos, pos + 4), 16);
                        pos += 4;
                        return u;
                    } catch (NumberFormatException ignored) {
                        // reported below
                    }
                }
                throw ExpressionException.syntax(base + pos - 2, "bad \\u escape", "write \\u and four hex digits");
            default:
                throw ExpressionException.unsupported(base + pos - 2, "escape sequence '\\" + e + "'",
                        "use \\n, \\r, \\t, \\0, \\\\, \\\", \\' or \\uXXXX");
        }
    }

    private Token number(int start) throws ExpressionException {
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            throw ExpressionException.unsupported(base + start, "hexadecimal literal", "write the number in decimal");
        }
        while (Character.isDigit(peek(0))) {
            pos++;
        }
        boolean real = false;
        if (peek(0) == '.' && Character.isDigit(peek(1))) {
            real = true;
            pos++;
            while (Character.isDigit(peek(0))) {
                pos++;
            }
        }
        if (peek(0) == 'e' || peek(0) == 'E') {
            real = true;
            pos++;
            if (peek(0) == '+' || peek(0) == '-') {
                pos++;
            }
            while (Character.isDigit(peek(0))) {
                pos++;
            }
        }
        String digits = src.substring(start, pos);
        char suffix = Character.toUpperCase(peek(0));
        try {
            if (suffix == 'L' && !real) {
                pos++;
                return new Token(Kind.LONG, src.substring(start, pos), Long.parseLong(digits), base + start);
            }
            if (suffix == 'D') {
                pos++;
                return new Token(Kind.DOUBLE, src.substring(start, pos), Double.parseDouble(digits), base + start);
            }
            if (suffix == 'M' || suffix == 'F' || suffix == 'U') {
                throw ExpressionException.unsupported(base + start, "numeric suffix '" + peek(0) + "'",
                        "use int, long (L) or double literals");
            }
            if (real) {
                return new Token(Kind.DOUBLE, digits, Double.parseDouble(digits), base + start);
            }
            long value = Long.parseLong(digits);
            // C#: an unsuffixed integer literal is int if it fits, else long
            return value <= Integer.MAX_VALUE
                    ? new Token(Kind.INT, digits, (int) value, base + start)
                    : new Token(Kind.LONG, digits, value, base + start);
        } catch (NumberFormatException e) {
            throw ExpressionException.syntax(base + start, "number '" + digits + "' out of range", "use a smaller number");
        }
    }

    /** {@code $"text {hole} text"}: text parts are unescaped here; holes are parsed later as expressions. */
    private Token interpolated(int start) throws ExpressionException {
        boolean verbatim = src.charAt(pos) == '@' || peek(1) == '@';
        pos += verbatim ? 3 : 2;
        List<String> parts = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw ExpressionException.syntax(base + start, "unterminated interpolated string", "close it with \"");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                if (verbatim && peek(0) == '"') {
                    text.append('"');
                    pos++;
                    continue;
                }
                break;
            }
            if (c == '{' && peek(0) == '{' || c == '}' && peek(0) == '}') {
                text.append(c);
                pos++;
            } else if (c == '{') {
                parts.add(text.toString());
                text.setLength(0);
                int holeStart = pos;
                int[] scan = holeEnd(start);
                int holeEnd = scan[0];
                String hole = src.substring(holeStart, holeEnd);
                if (scan[1] >= 0) {
                    throw ExpressionException.unsupported(base + holeStart, "format or alignment in an interpolation hole",
                            "format the value with a method call inside the hole, e.g. {x.ToString()}");
                }
                parts.add(hole);
                offsets.add(base + holeStart);
                pos = holeEnd + 1;
            } else if (c == '\\' && !verbatim) {
                text.append(escape(start));
            } else {
                text.append(c);
            }
        }
        parts.add(text.toString());
        return new Token(Kind.INTERPOLATED, src.substring(start, pos), null, base + start, parts, offsets);
    }

    // {index of the '}' closing the hole that starts at pos, index of a top-level ':' or ',' or -1}, skipping
    // nested strings and brackets
    private int[] holeEnd(int start) throws ExpressionException {
        int depth = 0;
        int format = -1;
        int i = pos;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"') {
                i = src.indexOf('"', i + 1);
                while (i > 0 && src.charAt(i - 1) == '\\') {
                    i = src.indexOf('"', i + 1);
                }
                if (i < 0) {
                    break;
                }
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == '}') {
                if (depth == 0) {
                    return new int[] {i, format};
                }
                depth--;
            } else if ((c == ':' || c == ',') && depth == 0 && format < 0) {
                format = i;
            }
            i++;
        }
        throw ExpressionException.syntax(base + start, "unterminated interpolation hole", "close it with }");
    }
}
