package io.cmrsweep.core.trial;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * JSON form of {@link TrialSpec}: one object per part ({@code identity, model, data, training, paths,
 * runtime}) with field names as in the records, kind as PRETRAIN or CPT. An unknown key is an error, so a
 * misspelt or misplaced field (such as a flat {@code "peakLr"} outside {@code training}) is named instead of
 * silently ignored.
 */
public final class TrialSpecJson {
  private final Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  public String write(TrialSpec spec) {
    return gson.toJson(spec);
  }

  /**
   * Parses and validates a spec.
   *
   * @throws IllegalArgumentException naming the field when the JSON is malformed or breaks an invariant
   */
  public TrialSpec read(String json) {
    try {
      JsonElement tree = JsonParser.parseString(json);
      if (tree == null || !tree.isJsonObject()) {
        throw new IllegalArgumentException("trial spec is empty or not a JSON object; expected {identity, model,"
            + " data, training, paths, runtime}");
      }
      List<String> unknown = new ArrayList<>();
      unknownKeys(tree.getAsJsonObject(), TrialSpec.class, "", unknown);
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("trial spec: " + String.join("; ", unknown));
      }
      return gson.fromJson(tree, TrialSpec.class);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("trial spec is not valid JSON for a TrialSpec: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Gson wraps what the records' constructors throw; surface the invariant that was broken.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof IllegalArgumentException invalid) {
          String message = invalid.getMessage();
          throw new IllegalArgumentException(message.startsWith("trial spec") ? message : "trial spec: " + message,
              invalid);
        }
      }
      throw e;
    }
  }

  private static void unknownKeys(JsonObject object, Class<?> type, String prefix, List<String> out) {
    RecordComponent[] components = type.getRecordComponents();
    List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      int i = names.indexOf(e.getKey());
      if (i < 0) {
        unknown.add(prefix + e.getKey());
      } else if (components[i].getType().isRecord() && e.getValue().isJsonObject()) {
        unknownKeys(e.getValue().getAsJsonObject(), components[i].getType(), prefix + e.getKey() + ".", out);
      }
    }
    if (!unknown.isEmpty()) {
      out.add(String.join(", ", unknown) + (unknown.size() == 1 ? " is not a field" : " are not fields")
          + (prefix.isEmpty() ? "" : " of " + prefix.substring(0, prefix.length() - 1)) + "; allowed: "
          + String.join(", ", names));
    }
  }
}
