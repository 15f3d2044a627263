package io.cmrsweep.worker.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cmrsweep.core.checkpoint.LlamaConfig;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.worker.model.LanguageModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Hugging Face Llama-family checkpoint directory: {@code config.json} plus {@code model.safetensors}, or
 * shards named by {@code model.safetensors.index.json}'s {@code weight_map}. Reads F32, F16 and BF16 into the
 * worker's fp32 model after checking that every tensor the config implies is present with its shape and that
 * nothing else is (a bias, an expert); writes config.json and one F32 model.safetensors.
 */
public final class HfCheckpoint {
  public static final String WEIGHTS = "model.safetensors";
  public static final String INDEX = "model.safetensors.index.json";
  private static final String TIED_HEAD = "lm_head.weight";
  private static final String EMBEDDING = "model.embed_tokens.weight";

  private HfCheckpoint() {}

  /** True when {@code dir} holds a config.json and weights in safetensors (single file or index). */
  public static boolean isPresent(Path dir) {
    return Files.isRegularFile(dir.resolve(LlamaConfig.FILE))
        && (Files.isRegularFile(dir.resolve(WEIGHTS)) || Files.isRegularFile(dir.resolve(INDEX)));
  }

  /** The shape {@code dir/config.json} describes, labelled and with the training context. */
  public static ModelShape shape(Path dir, String label, int context) {
    try {
      return LlamaConfig.read(dir, label, context);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(e.getMessage(), e);
    }
  }

  /** Loads the weights of {@code dir} into {@code model}, whose shape the caller has matched to the config. */
  public static void loadInto(Path dir, LanguageModel model) {
    Map<String, Located> tensors = locate(dir);
    Map<String, long[]> expected = model.hfTensorShapes();
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      Located t = tensors.get(e.getKey());
      if (t == null) {
        throw new CheckpointException(dir + ": tensor " + e.getKey() + " is missing (expected shape "
            + Arrays.toString(e.getValue()) + " for " + LlamaConfig.FILE + "'s shape); the checkpoint is incomplete"
            + " or not a Llama-family model");
      }
      if (!Arrays.equals(t.entry().shape(), e.getValue())) {
        throw new CheckpointException(t.file() + ": tensor " + e.getKey() + " has shape " + t.entry().shapeText()
            + " but " + LlamaConfig.FILE + " implies " + Arrays.toString(e.getValue()));
      }
    }
    for (Map.Entry<String, Located> e : tensors.entrySet()) {
      String name = e.getKey();
      if (expected.containsKey(name) || name.endsWith(".rotary_emb.inv_freq")) {
        continue; // inv_freq is a buffer older checkpoints store; it is recomputed from rope_theta
      }
      if (name.equals(TIED_HEAD) && !model.shape().untiedHead()) {
        requireEqual(e.getValue(), tensors.get(EMBEDDING));
        continue;
      }
      throw new CheckpointException(e.getValue().file() + ": tensor " + name + " " + e.getValue().entry().shapeText()
          + " has no place in the model " + LlamaConfig.FILE + " describes (no biases, experts or extra layers);"
          + " use a plain Llama-family checkpoint");
    }
    model.loadHfTensors(name -> Safetensors.readFloats(tensors.get(name).file(), tensors.get(name).entry()));
  }

  /** Writes {@code model} into {@code dir} (which must exist) as config.json and an F32 model.safetensors. */
  public static void write(Path dir, LanguageModel model) {
    Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = model.hfTensorShapes();
    model.forEachHfTensor((name, values) -> tensors.put(name, new Safetensors.Tensor(shapes.get(name), values)));
    Safetensors.write(dir.resolve(WEIGHTS), tensors);
    try {
      Files.writeString(dir.resolve(LlamaConfig.FILE), LlamaConfig.write(model.shape()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(LlamaConfig.FILE) + ": " + e.getMessage(), e);
    }
  }

  private record Located(Path file, Safetensors.Entry entry) {}

  private static void requireEqual(Located head, Located embedding) {
    if (embedding == null || !Arrays.equals(Safetensors.readFloats(head.file(), head.entry()),
        Safetensors.readFloats(embedding.file(), embedding.entry()))) {
      throw new CheckpointException(head.file() + ": tensor " + TIED_HEAD + " differs from " + EMBEDDING
          + " but " + LlamaConfig.FILE + " has tie_word_embeddings=true; set it to false if the head is its own matrix");
    }
  }

  /** Every tensor of the checkpoint with the file that holds it. */
  private static Map<String, Located> locate(Path dir) {
    Map<String, Located> out = new LinkedHashMap<>();
    Path single = dir.resolve(WEIGHTS);
    Path index = dir.resolve(INDEX);
    if (Files.isRegularFile(single) && !Files.isRegularFile(index)) {
      Safetensors.header(single).forEach((name, entry) -> out.put(name, new Located(single, entry)));
      return out;
    }
    if (!Files.isRegularFile(index)) {
      throw new CheckpointException(dir + " has neither " + WEIGHTS + " nor " + INDEX + "; a Hugging Face checkpoint"
          + " keeps its weights in safetensors (convert .bin/.pt weights with transformers' save_pretrained)");
    }
    Map<String, String> weightMap = weightMap(index);
    Map<String, Map<String, Safetensors.Entry>> shards = new HashMap<>();
    for (Map.Entry<String, String> e : weightMap.entrySet()) {
      Path shard = dir.resolve(e.getValue()).normalize();
      if (!shard.startsWith(dir.normalize()) || !Files.isRegularFile(shard)) {
        throw new CheckpointException(index + ": weight_map[" + e.getKey() + "]=" + e.getValue()
            + " names no shard file in " + dir + "; download every shard the index lists");
      }
      Safetensors.Entry entry = shards.computeIfAbsent(e.getValue(), f -> Safetensors.header(shard)).get(e.getKey());
      if (entry == null) {
        throw new CheckpointException(shard + ": tensor " + e.getKey() + " is missing although " + INDEX
            + " places it in this shard");
      }
      out.put(e.getKey(), new Located(shard, entry));
    }
    return out;
  }

  private static Map<String, String> weightMap(Path index) {
    try {
      JsonElement tree = JsonParser.parseString(Files.readString(index, StandardCharsets.UTF_8));
      JsonElement map = tree != null && tree.isJsonObject() ? tree.getAsJsonObject().get("weight_map") : null;
      if (map == null || !map.isJsonObject()) {
        throw new CheckpointException(index + ": weight_map is missing; the index maps each tensor name to its shard");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : ((JsonObject) map).entrySet()) {
        out.put(e.getKey(), e.getValue().getAsString());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + index + ": " + e.getMessage(), e);
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new CheckpointException(index + " is not a valid index (" + e.getMessage() + ")", e);
    }
  }
}
