package io.cmrsweep.core.fit;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/**
 * Fit-output rows as a JSON array of objects whose keys are the schema's column names, in schema order.
 * NaN and infinite numbers are written as null (JSON has no NaN) and null reads back as NaN, in double
 * columns and in list&lt;double&gt; elements; null anywhere else breaks the contract.
 */
public final class FitJsonCodec {

  public <R extends Record> String write(RowSchema<R> schema, List<R> rows) {
    JsonArray array = new JsonArray();
    List<Column> columns = schema.columns();
    for (R r : rows) {
      Object[] cells = schema.cells(r);
      JsonObject o = new JsonObject();
      for (int i = 0; i < cells.length; i++) {
        o.add(columns.get(i).name(), element(cells[i]));
      }
      array.add(o);
    }
    return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(array) + "\n";
  }

  /** The rows of {@code text}; {@code source} (the file) starts every error message. */
  public <R extends Record> List<R> read(RowSchema<R> schema, String source, String text) {
    JsonArray array;
    try {
      JsonElement root = JsonParser.parseString(text);
      if (!root.isJsonArray()) {
        throw new FitFormatException(source + " is not a JSON array of rows; " + FitFormatException.RERUN);
      }
      array = root.getAsJsonArray();
    } catch (JsonParseException e) {
      throw new FitFormatException(source + " is not valid JSON (" + e.getMessage() + "); "
          + FitFormatException.RERUN, e);
    }
    List<Column> columns = schema.columns();
    List<R> rows = new ArrayList<>();
    for (int n = 0; n < array.size(); n++) {
      String where = source + " row " + (n + 1);
      if (!array.get(n).isJsonObject()) {
        throw new FitFormatException(where + " is not a JSON object; " + FitFormatException.RERUN);
      }
      JsonObject o = array.get(n).getAsJsonObject();
      List<String> missing = columns.stream().filter(c -> !o.has(c.name())).map(Column::describe).toList();
      if (!missing.isEmpty()) {
        throw new FitFormatException(where + " lacks column(s) " + String.join(", ", missing)
            + "; it was written by another version of the fit: " + FitFormatException.RERUN);
      }
      Object[] cells = new Object[columns.size()];
      for (int i = 0; i < cells.length; i++) {
        Column c = columns.get(i);
        cells[i] = cell(where, c, o.get(c.name()));
      }
      rows.add(schema.row(cells, where));
    }
    return rows;
  }

  private static Object cell(String where, Column c, JsonElement e) {
    if (!c.type().isList()) {
      return scalar(where, c, c.type(), e);
    }
    if (!e.isJsonArray()) {
      throw mistyped(where, c, e);
    }
    List<Object> out = new ArrayList<>();
    for (JsonElement x : e.getAsJsonArray()) {
      out.add(scalar(where, c, c.type().element(), x));
    }
    return List.copyOf(out);
  }

  private static Object scalar(String where, Column c, ColumnType type, JsonElement e) {
    if (e.isJsonNull()) {
      if (type == ColumnType.DOUBLE) {
        return Double.NaN;
      }
      throw mistyped(where, c, e);
    }
    if (!e.isJsonPrimitive()) {
      throw mistyped(where, c, e);
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    Object v;
    try {
      v = switch (type) {
        case STRING -> p.isString() ? p.getAsString() : null;
        case BOOLEAN -> p.isBoolean() ? p.getAsBoolean() : null;
        case DOUBLE -> p.isNumber() ? p.getAsDouble() : null;
        case INT64 -> p.isNumber() ? p.getAsBigDecimal().longValueExact() : null;
        case INT32 -> p.isNumber() ? p.getAsBigDecimal().intValueExact() : null;
        default -> throw new IllegalStateException("not a scalar type: " + type);
      };
    } catch (ArithmeticException | NumberFormatException ex) {
      throw mistyped(where, c, e);
    }
    if (v == null) {
      throw mistyped(where, c, e);
    }
    return v;
  }

  private static FitFormatException mistyped(String where, Column c, JsonElement e) {
    String shown = e.toString();
    return new FitFormatException(where + ": column '" + c.name() + "'=" + (shown.length() > 60
        ? shown.substring(0, 60) + "..." : shown) + " is not a " + c.type().label()
        + (c.type().element() == ColumnType.DOUBLE ? " (null stands for NaN)" : "") + "; "
        + FitFormatException.RERUN);
  }

  private static JsonElement element(Object v) {
    if (v instanceof Double d) {
      return Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE;
    }
    if (v instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (v instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (v instanceof String s) {
      return new JsonPrimitive(s);
    }
    if (v instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(x -> a.add(element(x)));
      return a;
    }
    throw new IllegalStateException("no JSON value for a " + (v == null ? "null" : v.getClass().getName()) + " cell");
  }
}
