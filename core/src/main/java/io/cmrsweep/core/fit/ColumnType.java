package io.cmrsweep.core.fit;

/**
 * The column types a fit-output row may have, derived from its record components: scalars, and lists of
 * doubles, booleans or strings. Enum components are STRING columns holding the constant's lower-case name.
 */
public enum ColumnType {
  STRING("string", false),
  INT64("int64", false),
  INT32("int32", false),
  DOUBLE("double", false),
  BOOLEAN("boolean", false),
  DOUBLE_LIST("list<double>", true),
  BOOLEAN_LIST("list<boolean>", true),
  STRING_LIST("list<string>", true);

  private final String label;
  private final boolean list;

  ColumnType(String label, boolean list) {
    this.label = label;
    this.list = list;
  }

  /** The type as error messages and DESIGN 3.3 name it, e.g. {@code list<double>}. */
  public String label() {
    return label;
  }

  public boolean isList() {
    return list;
  }

  /** The scalar type of a list's elements, or this type itself for a scalar. */
  public ColumnType element() {
    return switch (this) {
      case DOUBLE_LIST -> DOUBLE;
      case BOOLEAN_LIST -> BOOLEAN;
      case STRING_LIST -> STRING;
      default -> this;
    };
  }
}
