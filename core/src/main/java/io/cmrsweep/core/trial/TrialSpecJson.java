package io.cmrsweep.core.trial;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/** JSON form of {@link TrialSpec}: field names as in the record, kind as PRETRAIN or CPT. */
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
      TrialSpec spec = gson.fromJson(json, TrialSpec.class);
      if (spec == null) {
        throw new IllegalArgumentException("trial spec is empty; expected a JSON object");
      }
      return spec;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("trial spec is not valid JSON for a TrialSpec: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Gson wraps what the record's constructor throws; surface the invariant that was broken.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof IllegalArgumentException invalid) {
          throw new IllegalArgumentException("trial spec: " + invalid.getMessage(), invalid);
        }
      }
      throw e;
    }
  }
}
