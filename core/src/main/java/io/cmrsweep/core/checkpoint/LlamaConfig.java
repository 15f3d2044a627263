package io.cmrsweep.core.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.cmrsweep.core.trial.ModelShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code config.json} of a Hugging Face Llama-family checkpoint directory, read into a {@link ModelShape}
 * and written from one. Only what the worker's model computes exactly is accepted: a key for a feature it
 * does not implement (sliding-window attention, mixture of experts, linear biases, rope scaling, another
 * activation, ...) is refused naming the file and the key, never approximated. Keys that do not change the
 * forward pass (token ids, {@code torch_dtype}, {@code use_cache}, ...) are ignored.
 */
public final class LlamaConfig {
  public static final String FILE = "config.json";
  /** Model types whose weights and forward pass are Llama's when the refused features are absent. */
  private static final List<String> MODEL_TYPES = List.of("llama", "mistral");
  /** Mixture-of-experts keys of the Mixtral, Qwen-MoE and DeepSeek families. */
  private static final List<String> MOE_KEYS = List.of("num_local_experts", "num_experts", "num_experts_per_tok",
      "n_routed_experts", "n_shared_experts", "moe_intermediate_size");
  /** Training defaults of transformers' LlamaConfig for keys a config may leave out. */
  private static final double HF_DEFAULT_NORM_EPS = 1e-6;
  private static final double HF_DEFAULT_ROPE_THETA = 10000.0;
  private static final int HF_DEFAULT_MAX_POSITIONS = 2048;

  private LlamaConfig() {}

  /**
   * Reads {@code dir/config.json} into a shape labelled {@code label} that trains on windows of {@code context}
   * tokens.
   *
   * @throws IllegalArgumentException naming the file and the field when the config is unreadable, misses a
   *     required key, or asks for something the model cannot represent
   */
  public static ModelShape read(Path dir, String label, int context) {
    Path file = dir.resolve(FILE);
    JsonObject json = parse(file);
    Reader r = new Reader(file, json);
    String type = r.string("model_type", "llama");
    if (!MODEL_TYPES.contains(type)) {
      throw r.refuse("model_type", "\"" + type + "\"", "the worker's model is Llama's; supported: " + MODEL_TYPES);
    }
    String act = r.string("hidden_act", "silu");
    if (!act.equals("silu")) {
      throw r.refuse("hidden_act", "\"" + act + "\"", "the worker's MLP is SwiGLU with silu only");
    }
    r.mustBeFalse("attention_bias", "the attention projections have no bias");
    r.mustBeFalse("mlp_bias", "the MLP projections have no bias");
    r.mustBeFalse("use_sliding_window", "attention is full causal, not sliding-window");
    r.mustBeNull("sliding_window", "attention is full causal, not sliding-window");
    r.mustBeNull("rope_scaling", "the rotary embedding is plain RoPE with rope_theta; no scaling is implemented");
    for (String key : MOE_KEYS) {
      r.mustBeNull(key, "the worker's model is dense, not a mixture of experts");
    }
    if (json.has("attention_dropout") && !json.get("attention_dropout").isJsonNull()
        && r.number("attention_dropout", 0) != 0) {
      throw r.refuse("attention_dropout", json.get("attention_dropout").toString(),
          "the worker trains without dropout");
    }
    if (json.has("partial_rotary_factor") && r.number("partial_rotary_factor", 1) != 1) {
      throw r.refuse("partial_rotary_factor", json.get("partial_rotary_factor").toString(),
          "rotary positions cover the whole head dimension");
    }
    int dim = r.integer("hidden_size");
    int layers = r.integer("num_hidden_layers");
    int heads = r.integer("num_attention_heads");
    int kvHeads = json.has("num_key_value_heads") && !json.get("num_key_value_heads").isJsonNull()
        ? r.integer("num_key_value_heads") : heads;
    int ffn = r.integer("intermediate_size");
    int vocab = r.integer("vocab_size");
    if (heads > 0 && json.has("head_dim") && !json.get("head_dim").isJsonNull()
        && r.integer("head_dim") != dim / heads) {
      throw r.refuse("head_dim", json.get("head_dim").toString(), "the head dimension must be hidden_size /"
          + " num_attention_heads = " + dim / heads);
    }
    int maxPositions = json.has("max_position_embeddings") ? r.integer("max_position_embeddings")
        : HF_DEFAULT_MAX_POSITIONS;
    if (context > maxPositions) {
      throw new IllegalArgumentException(file + ": max_position_embeddings=" + maxPositions + " is below the training"
          + " context " + context + "; train on windows of at most " + maxPositions + " tokens");
    }
    double theta = r.number("rope_theta", HF_DEFAULT_ROPE_THETA);
    double eps = r.number("rms_norm_eps", HF_DEFAULT_NORM_EPS);
    boolean tied = r.bool("tie_word_embeddings", false);
    try {
      return new ModelShape(label, dim, layers, heads, kvHeads, ffn, context, vocab, theta, eps, !tied);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage().replace("model.dim", "hidden_size")
          .replace("model.heads", "num_attention_heads").replace("model.kvHeads", "num_key_value_heads")
          .replace("model.layers", "num_hidden_layers").replace("model.ffnDim", "intermediate_size")
          .replace("model.vocab", "vocab_size").replace("model.ropeTheta", "rope_theta")
          .replace("model.normEps", "rms_norm_eps"), e);
    }
  }

  /** The config.json text of {@code shape}, as transformers' LlamaForCausalLM reads it. */
  public static String write(ModelShape shape) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("architectures", List.of("LlamaForCausalLM"));
    c.put("model_type", "llama");
    c.put("hidden_size", shape.dim());
    c.put("intermediate_size", shape.ffnDim());
    c.put("num_hidden_layers", shape.layers());
    c.put("num_attention_heads", shape.heads());
    c.put("num_key_value_heads", shape.kvHeads());
    c.put("head_dim", shape.headDim());
    c.put("hidden_act", "silu");
    c.put("max_position_embeddings", shape.context());
    c.put("rms_norm_eps", shape.normEps());
    c.put("rope_theta", shape.ropeTheta());
    c.put("rope_scaling", null);
    c.put("attention_bias", false);
    c.put("mlp_bias", false);
    c.put("tie_word_embeddings", !shape.untiedHead());
    c.put("vocab_size", shape.vocab());
    c.put("torch_dtype", "float32");
    return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(c) + "\n";
  }

  private static JsonObject parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist; a Hugging Face checkpoint directory holds"
          + " config.json beside model.safetensors (or its shards and model.safetensors.index.json)");
    }
    try {
      JsonElement tree = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      if (tree == null || !tree.isJsonObject()) {
        throw new IllegalArgumentException(file + " is not a JSON object");
      }
      return tree.getAsJsonObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Typed access to one config's keys; every failure names the file and the key. */
  private record Reader(Path file, JsonObject json) {
    IllegalArgumentException refuse(String key, String value, String why) {
      return new IllegalArgumentException(file + ": " + key + "=" + value + " cannot be represented (" + why
          + "); use a Llama-family checkpoint without it");
    }

    private JsonPrimitive primitive(String key) {
      JsonElement e = json.get(key);
      if (e == null || e.isJsonNull()) {
        return null;
      }
      if (!e.isJsonPrimitive()) {
        throw new IllegalArgumentException(file + ": " + key + "=" + e + " must be a single value");
      }
      return e.getAsJsonPrimitive();
    }

    int integer(String key) {
      JsonPrimitive p = primitive(key);
      if (p == null) {
        throw new IllegalArgumentException(file + ": " + key + " is missing; a Llama config gives it");
      }
      if (!p.isNumber() || p.getAsDouble() != Math.rint(p.getAsDouble())
          || Math.abs(p.getAsDouble()) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(file + ": " + key + "=" + p + " must be a whole number");
      }
      return p.getAsInt();
    }

    double number(String key, double fallback) {
      JsonPrimitive p = primitive(key);
      if (p == null) {
        return fallback;
      }
      if (!p.isNumber()) {
        throw new IllegalArgumentException(file + ": " + key + "=" + p + " must be a number");
      }
      return p.getAsDouble();
    }

    String string(String key, String fallback) {
      JsonPrimitive p = primitive(key);
      return p == null ? fallback : p.getAsString();
    }

    boolean bool(String key, boolean fallback) {
      JsonPrimitive p = primitive(key);
      if (p == null) {
        return fallback;
      }
      if (!p.isBoolean()) {
        throw new IllegalArgumentException(file + ": " + key + "=" + p + " must be true or false");
      }
      return p.getAsBoolean();
    }

    void mustBeFalse(String key, String why) {
      if (bool(key, false)) {
        throw refuse(key, "true", why);
      }
    }

    void mustBeNull(String key, String why) {
      JsonElement e = json.get(key);
      if (e != null && !e.isJsonNull() && !(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()
          && e.getAsDouble() == 0)) {
        throw refuse(key, e.toString(), why);
      }
    }
  }
}
