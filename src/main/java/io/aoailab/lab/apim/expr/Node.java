package io.aoailab.lab.apim.expr;

import java.util.List;

/** The syntax tree of the supported C# subset. {@code at} is the node's offset in the expression text. */
sealed interface Node {

    int at();

    // ---- expressions

    /** A string, char, int, long, double, bool or null literal. */
    record Literal(int at, Object value) implements Node {
    }

    /** {@code $"a{x}b"}: literal strings and expression nodes, in order. */
    record Interpolated(int at, List<Object> parts) implements Node {
    }

    /** A local variable or {@code context}. */
    record Name(int at, String name) implements Node {
    }

    /** A static class such as {@code Math}, {@code string}, {@code JObject} used as a receiver. */
    record TypeRef(int at, String type) implements Node {
    }

    /** {@code target.name} or {@code target?.name}. */
    record Member(int at, Node target, String name, boolean nullConditional) implements Node {
    }

    /** {@code target.name<typeArgs>(args)} or with {@code ?.}. */
    record Call(int at, Node target, String name, List<String> typeArgs, List<Arg> args, boolean nullConditional)
            implements Node {
    }

    /** A call argument, optionally named ({@code preserveContent: true}). */
    record Arg(String name, Node value) {
    }

    /** {@code target[index]} or {@code target?[index]}. */
    record Index(int at, Node target, Node index, boolean nullConditional) implements Node {
    }

    /** The whole postfix chain a {@code ?.} or {@code ?[} short-circuits to null. */
    record NullChain(int at, Node chain) implements Node {
    }

    record Unary(int at, String op, Node operand) implements Node {
    }

    record Binary(int at, String op, Node left, Node right) implements Node {
    }

    record Conditional(int at, Node condition, Node whenTrue, Node whenFalse) implements Node {
    }

    record Cast(int at, String type, Node operand) implements Node {
    }

    /** {@code x is T} ({@code as == false}) or {@code x as T}. */
    record TypeTest(int at, Node operand, String type, boolean as) implements Node {
    }

    // ---- statements (inside @{ })

    record Block(int at, List<Node> statements) implements Node {
    }

    /** {@code var x = e;} or {@code string x = e;}: {@code type} is "var" or the declared type. */
    record Declare(int at, String type, String name, Node init) implements Node {
    }

    /** {@code target = e;} or {@code target += e;} where target is a local or an indexer. */
    record Assign(int at, Node target, String op, Node value) implements Node {
    }

    record If(int at, Node condition, Node then, Node otherwise) implements Node {
    }

    record Return(int at, Node value) implements Node {
    }

    /** A call used as a statement. */
    record Eval(int at, Node expression) implements Node {
    }
}
