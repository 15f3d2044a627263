package io.cmrsweep.core.fit;

import java.util.Locale;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet side of a {@link RowSchema}: every column required; lists in the standard three-level form
 * ({@code <name> (LIST) { repeated group list { required <type> element } }}), which Spark, pandas and
 * DuckDB all read. Reading accepts optional columns and elements too, and two-level lists.
 */
final class ParquetColumns {
  static final String LIST = "list";
  static final String ELEMENT = "element";

  private ParquetColumns() {}

  static MessageType messageType(RowSchema<?> schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : schema.columns()) {
      if (c.type().isList()) {
        b.requiredGroup().as(LogicalTypeAnnotation.listType())
            .addField(Types.repeatedGroup().addField(primitive(c.type().element(), ELEMENT)).named(LIST))
            .named(c.name());
      } else {
        b.addField(primitive(c.type(), c.name()));
      }
    }
    return b.named(schema.type().getSimpleName().toLowerCase(Locale.ROOT));
  }

  private static Type primitive(ColumnType type, String name) {
    return switch (type) {
      case STRING -> Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
      case INT64 -> Types.required(PrimitiveTypeName.INT64).named(name);
      case INT32 -> Types.required(PrimitiveTypeName.INT32).named(name);
      case DOUBLE -> Types.required(PrimitiveTypeName.DOUBLE).named(name);
      case BOOLEAN -> Types.required(PrimitiveTypeName.BOOLEAN).named(name);
      default -> throw new IllegalStateException("not a scalar type: " + type);
    };
  }

  /** The element type of a list column as the file has it (three- or two-level), or null if not a list. */
  static PrimitiveType listElement(Type t) {
    if (t.isPrimitive() || t.asGroupType().getFieldCount() != 1) {
      return null;
    }
    Type repeated = t.asGroupType().getType(0);
    if (!repeated.isRepetition(Type.Repetition.REPEATED)) {
      return null;
    }
    if (repeated.isPrimitive()) {
      return repeated.asPrimitiveType();
    }
    GroupType g = repeated.asGroupType();
    return g.getFieldCount() == 1 && g.getType(0).isPrimitive() ? g.getType(0).asPrimitiveType() : null;
  }

  /** Whether a file column of type {@code actual} can be read as {@code wanted} (a scalar type). */
  static boolean readableAs(ColumnType wanted, PrimitiveType actual) {
    PrimitiveTypeName n = actual.getPrimitiveTypeName();
    return switch (wanted) {
      case STRING -> n == PrimitiveTypeName.BINARY;
      case INT64 -> n == PrimitiveTypeName.INT64 || n == PrimitiveTypeName.INT32;
      case INT32 -> n == PrimitiveTypeName.INT32;
      case DOUBLE -> n == PrimitiveTypeName.DOUBLE || n == PrimitiveTypeName.FLOAT;
      case BOOLEAN -> n == PrimitiveTypeName.BOOLEAN;
      default -> false;
    };
  }

  /** A file column's type in the contract's words, for error messages. */
  static String describe(Type t) {
    if (t.isPrimitive()) {
      return t.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
    }
    PrimitiveType e = listElement(t);
    return e == null ? "group" : "list<" + describe(e) + ">";
  }
}
