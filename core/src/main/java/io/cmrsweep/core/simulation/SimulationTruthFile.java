package io.cmrsweep.core.simulation;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cmrsweep.core.storage.AtomicFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The codec of {@code simulation/truth.json}: a JSON object, keys as in {@link SimulationTruth} (plus
 * {@code "backend": "simulated"} as a label for people), written atomically through Hadoop's FileSystem.
 */
public final class SimulationTruthFile {
  public static final String FORMAT = "cmr-simulation-truth/1";
  private final Configuration conf;

  public SimulationTruthFile(Configuration conf) {
    this.conf = conf;
  }

  public void write(Path file, SimulationTruth truth) {
    new AtomicFiles(conf).replace(file, toJson(truth).getBytes(StandardCharsets.UTF_8));
  }

  /** The truth at {@code file}, or empty when there is none (a sweep that was not simulated). */
  public Optional<SimulationTruth> read(Path file) {
    try {
      FileSystem fs = new AtomicFiles(conf).fileSystem(file);
      try (InputStream in = fs.open(file)) {
        return Optional.of(fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString()));
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** True when {@code file} exists. */
  public boolean exists(Path file) {
    try {
      return new AtomicFiles(conf).fileSystem(file).exists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + file + ": " + e.getMessage(), e);
    }
  }

  public static String toJson(SimulationTruth t) {
    JsonObject o = new JsonObject();
    o.addProperty("format", FORMAT);
    o.addProperty("backend", "simulated");
    o.addProperty("sweep", t.sweep());
    o.addProperty("noise", t.noise());
    o.addProperty("seed", t.seed());
    o.addProperty("failure_rate", t.failureRate());
    o.addProperty("size_law", t.sizeLaw());
    o.addProperty("c", t.c());
    o.addProperty("k", t.k());
    o.addProperty("g", t.g());
    o.addProperty("s4", t.s4());
    o.addProperty("b4", t.b4());
    o.addProperty("lambda", t.lambda());
    o.addProperty("eps", t.eps());
    t.supA().ifPresent(v -> o.addProperty("sup_a", v));
    o.addProperty("rise_exponent", t.riseExponent());
    o.addProperty("base_general", t.baseGeneral());
    o.addProperty("base_domain", t.baseDomain());
    o.addProperty("t_max_tokens", t.tMaxTokens());
    JsonArray models = new JsonArray();
    for (SimulationTruth.Model m : t.models()) {
      JsonObject j = new JsonObject();
      j.addProperty("model", m.model());
      j.addProperty("params", m.params());
      j.addProperty("cmr", m.cmr());
      j.addProperty("law_cmr", m.lawCmr());
      j.addProperty("sup_a", m.supA());
      JsonArray l = new JsonArray();
      m.cmrAtReportedLambdas().forEach(l::add);
      j.add("cmr_at_reported_lambdas", l);
      models.add(j);
    }
    o.add("models", models);
    return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(o) + "\n";
  }

  public static SimulationTruth fromJson(String json, String source) {
    try {
      JsonObject o = JsonParser.parseString(json).getAsJsonObject();
      String format = o.has("format") ? o.get("format").getAsString() : "";
      if (!format.equals(FORMAT)) {
        throw new IllegalArgumentException(source + ": format='" + format + "' is not " + FORMAT
            + "; re-run the simulated sweep with this version to rewrite it");
      }
      List<SimulationTruth.Model> models = new ArrayList<>();
      for (JsonElement e : o.getAsJsonArray("models")) {
        JsonObject j = e.getAsJsonObject();
        List<Double> l = new ArrayList<>();
        j.getAsJsonArray("cmr_at_reported_lambdas").forEach(x -> l.add(x.getAsDouble()));
        models.add(new SimulationTruth.Model(j.get("model").getAsString(), j.get("params").getAsLong(),
            j.get("cmr").getAsDouble(), j.get("law_cmr").getAsDouble(), j.get("sup_a").getAsDouble(), l));
      }
      return new SimulationTruth(o.get("sweep").getAsString(), o.get("noise").getAsDouble(),
          o.get("seed").getAsLong(), o.get("failure_rate").getAsDouble(), o.get("size_law").getAsString(),
          o.get("c").getAsDouble(), o.get("k").getAsDouble(), o.get("g").getAsDouble(), o.get("s4").getAsDouble(),
          o.get("b4").getAsDouble(), o.get("lambda").getAsDouble(), o.get("eps").getAsDouble(),
          o.has("sup_a") ? Optional.of(o.get("sup_a").getAsDouble()) : Optional.empty(),
          o.get("rise_exponent").getAsDouble(), o.get("base_general").getAsDouble(),
          o.get("base_domain").getAsDouble(), o.get("t_max_tokens").getAsLong(), models);
    } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
      throw new IllegalArgumentException(source + " is not a simulation truth file (" + e.getMessage()
          + "); re-run the simulated sweep to rewrite it", e);
    }
  }
}
