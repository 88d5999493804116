package dev.wheelwright.rules.expr;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The static types of the condition language. Facts parts are Java records; their types are
 * derived from the record components, so a misspelt field is a load-time error.
 */
public sealed interface ExprType {

    enum Basic implements ExprType {
        BOOL("boolean"), NUM("number"), STR("string"), VERSION("version"), NULL("null"),
        /** Known only at run time (a map, a value of an unknown class); checked when evaluated. */
        ANY("any");

        private final String label;

        Basic(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    ExprType BOOL = Basic.BOOL;
    ExprType NUM = Basic.NUM;
    ExprType STR = Basic.STR;
    ExprType VERSION = Basic.VERSION;
    ExprType NULL = Basic.NULL;
    ExprType ANY = Basic.ANY;

    record ListType(ExprType element) implements ExprType {
        @Override
        public String toString() {
            return "list of " + element;
        }
    }

    /** A Java record (a facts part or one of its values), walked by its components. */
    record RecordType(Class<?> type) implements ExprType {
        public ExprType field(String name) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(name)) {
                    return of(c.getGenericType());
                }
            }
            return null;
        }

        public String fieldNames() {
            StringBuilder sb = new StringBuilder();
            for (RecordComponent c : type.getRecordComponents()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(c.getName());
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    /** The expression type of a Java type (a record component's generic type). */
    static ExprType of(Type t) {
        if (t instanceof Class<?> c) {
            if (c == boolean.class || c == Boolean.class) {
                return BOOL;
            }
            if (c == String.class || c == char.class || c == Character.class || Path.class.isAssignableFrom(c)
                    || c.isEnum()) {
                return STR;
            }
            if (c.isPrimitive() || Number.class.isAssignableFrom(c)) {
                return NUM;
            }
            if (c == DottedVersion.class) {
                return VERSION;
            }
            if (c.isRecord()) {
                return new RecordType(c);
            }
            if (c.isArray()) {
                return new ListType(of(c.getComponentType()));
            }
            if (Collection.class.isAssignableFrom(c)) {
                return new ListType(ANY);
            }
            return ANY;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                return new ListType(of(p.getActualTypeArguments()[0]));
            }
            if (raw == Optional.class) {
                return of(p.getActualTypeArguments()[0]);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return ANY;
            }
            return of(raw);
        }
        if (t instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return of(w.getUpperBounds()[0]);
        }
        if (t instanceof GenericArrayType g) {
            return new ListType(of(g.getGenericComponentType()));
        }
        return ANY;
    }
}
