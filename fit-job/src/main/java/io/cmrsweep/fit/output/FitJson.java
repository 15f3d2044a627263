package io.cmrsweep.fit.output;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * JSON arrays of result rows (fits/cmr.json and friends) with the rows' snake_case keys. NaN and
 * infinite numbers become null, since JSON has no NaN.
 */
public final class FitJson {

  public String toJson(List<? extends ResultRow> rows) {
    JsonArray array = new JsonArray();
    for (ResultRow r : rows) {
      JsonObject o = new JsonObject();
      for (Map.Entry<String, Object> e : r.columns().entrySet()) {
        o.add(e.getKey(), element(e.getValue()));
      }
      array.add(o);
    }
    return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(array) + "\n";
  }

  /** Writes {@code rows} to {@code file} on the local file system (the Spark layer writes via Hadoop). */
  public void write(Path file, List<? extends ResultRow> rows) {
    try {
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.writeString(tmp, toJson(rows), StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonElement element(Object v) {
    if (v == null) {
      return JsonNull.INSTANCE;
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE;
    }
    if (v instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (v instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (v instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(x -> a.add(element(x)));
      return a;
    }
    return new JsonPrimitive(v.toString());
  }
}
