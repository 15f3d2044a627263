package io.cmrsweep.core.fit;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The schema of one fit-output row type, derived from the record itself: one column per component, in
 * declaration order, named by the snake_case of the component name ({@code supA} -> {@code sup_a}), typed
 * by the component's generic type. Both codecs use it to turn rows into cells and cells back into rows
 * through the canonical constructor (so its checks run on read), which leaves the record as the only place
 * to add or rename a column. Cells are String, Long, Integer, Double, Boolean or an immutable List of
 * Double, Boolean or String; an enum component is a STRING cell with the constant's lower-case name.
 *
 * <p>Built eagerly: a component of a type no column can hold fails here, naming the record and component.
 */
public final class RowSchema<R extends Record> {
  private final Class<R> type;
  private final List<Column> columns;
  private final Method[] accessors;
  private final Class<?>[] rawTypes;
  private final Constructor<R> canonical;

  private RowSchema(Class<R> type) {
    if (!type.isRecord()) {
      throw new IllegalStateException(type.getName() + " is not a record; fit-output rows are records");
    }
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    List<Column> cols = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    accessors = new Method[components.length];
    rawTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      accessors[i] = c.getAccessor();
      rawTypes[i] = c.getType();
      Optional<ColumnType> t = columnType(c.getGenericType());
      if (t.isEmpty()) {
        problems.add(type.getSimpleName() + "." + c.getName() + " has type " + c.getGenericType().getTypeName());
      } else {
        cols.add(new Column(snakeCase(c.getName()), t.get(), c.getName()));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems) + ", which no fit-output column can hold; use"
          + " String, long, int, double, boolean, an enum, List<Double>, List<Boolean> or List<String>");
    }
    this.columns = List.copyOf(cols);
    try {
      this.canonical = type.getDeclaredConstructor(rawTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
    }
  }

  /** The schema of {@code type}; throws IllegalStateException naming every component no column can hold. */
  public static <R extends Record> RowSchema<R> of(Class<R> type) {
    return new RowSchema<>(type);
  }

  public Class<R> type() {
    return type;
  }

  /** The columns, in record-component order. */
  public List<Column> columns() {
    return columns;
  }

  /** The columns as {@code name type, ...}, for error messages. */
  public String expectedColumns() {
    return String.join(", ", columns.stream().map(Column::describe).toList());
  }

  /** The cells of {@code row}, one per column, in column order. */
  public Object[] cells(R row) {
    Object[] out = new Object[columns.size()];
    for (int i = 0; i < out.length; i++) {
      Object v;
      try {
        v = accessors[i].invoke(row);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + columns.get(i).component(), e);
      }
      out[i] = v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : v;
    }
    return out;
  }

  /**
   * The row with {@code cells} (column order, types as {@link #cells} gives them), built by the canonical
   * constructor; a cell its checks reject fails as a FitFormatException that starts with {@code where}.
   */
  public R row(Object[] cells, String where) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
    }
    Object[] args = new Object[cells.length];
    for (int i = 0; i < cells.length; i++) {
      args[i] = rawTypes[i].isEnum() ? constant(rawTypes[i], (String) cells[i], columns.get(i), where) : cells[i];
    }
    try {
      return canonical.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
        throw new FitFormatException(where + ": " + cause.getMessage() + "; " + FitFormatException.RERUN, cause);
      }
      throw new IllegalStateException("cannot build " + type.getSimpleName() + " at " + where, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName() + " at " + where, e);
    }
  }

  /** {@code supA} -> {@code sup_a}, {@code tOverTMax} -> {@code t_over_t_max}, {@code t0} -> {@code t0}. */
  static String snakeCase(String component) {
    StringBuilder sb = new StringBuilder();
    for (char ch : component.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        sb.append('_').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static Object constant(Class<?> enumType, String label, Column column, String where) {
    for (Object c : enumType.getEnumConstants()) {
      if (((Enum<?>) c).name().toLowerCase(Locale.ROOT).equals(label)) {
        return c;
      }
    }
    throw new FitFormatException(where + ": column '" + column.name() + "'='" + label + "' is not one of "
        + Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
            .toList() + "; " + FitFormatException.RERUN);
  }

  private static Optional<ColumnType> columnType(Type t) {
    if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
      Type e = p.getActualTypeArguments()[0];
      if (e == Double.class) {
        return Optional.of(ColumnType.DOUBLE_LIST);
      }
      if (e == Boolean.class) {
        return Optional.of(ColumnType.BOOLEAN_LIST);
      }
      if (e == String.class) {
        return Optional.of(ColumnType.STRING_LIST);
      }
      return Optional.empty();
    }
    if (t == String.class || (t instanceof Class<?> c && c.isEnum())) {
      return Optional.of(ColumnType.STRING);
    }
    if (t == long.class) {
      return Optional.of(ColumnType.INT64);
    }
    if (t == int.class) {
      return Optional.of(ColumnType.INT32);
    }
    if (t == double.class) {
      return Optional.of(ColumnType.DOUBLE);
    }
    if (t == boolean.class) {
      return Optional.of(ColumnType.BOOLEAN);
    }
    return Optional.empty();
  }
}
