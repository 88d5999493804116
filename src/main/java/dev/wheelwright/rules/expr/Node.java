package dev.wheelwright.rules.expr;

import java.util.List;

/** The syntax tree of a condition; {@code pos} is the offset of the node's first character. */
sealed interface Node {
    int pos();

    record Literal(Object value, ExprType type, int pos) implements Node {}

    record ListLit(List<Node> items, int pos) implements Node {}

    record Name(String name, int pos) implements Node {}

    record Field(Node target, String name, int pos) implements Node {}

    /** {@code target.name(args)} when target is non-null, else a function call {@code name(args)}. */
    record Call(Node target, String name, List<Node> args, int pos) implements Node {}

    record Lambda(String param, Node body, int pos) implements Node {}

    record Unary(String op, Node operand, int pos) implements Node {}

    record Binary(String op, Node left, Node right, int pos) implements Node {}
}
