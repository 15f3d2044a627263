package io.cmrsweep.core.fit;

import java.util.Objects;

/**
 * One column of a fit-output table: its snake_case name, its type, and the record component it comes
 * from ({@code component}, the Java name, e.g. {@code supA} for {@code sup_a}).
 */
public record Column(String name, ColumnType type, String component) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(component, "component");
  }

  /** {@code name type}, as messages list expected columns. */
  public String describe() {
    return name + " " + type.label();
  }
}
