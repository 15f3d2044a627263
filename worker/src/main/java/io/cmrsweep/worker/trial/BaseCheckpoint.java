package io.cmrsweep.worker.trial;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.worker.checkpoint.CheckpointException;
import io.cmrsweep.worker.checkpoint.HfCheckpoint;
import io.cmrsweep.worker.model.LanguageModel;
import io.cmrsweep.worker.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A base model on disk. The worker writes its pre-trained bases in the Hugging Face Llama layout
 * ({@code config.json} + {@code model.safetensors}, so other tools open them) plus two side files:
 * {@code model.json} (shape and provenance) and {@code cmr-tokenizer.json} (the byte vocabulary). It is written
 * into a hidden sibling directory and renamed into place, so a CPT trial never loads half a checkpoint.
 * A CPT trial reads that layout, any Hugging Face Llama-family directory ({@code from:} in a sweep spec), or
 * a base written before the HF layout ({@code model.json} + {@code params.bin} + {@code tokenizer.json}).
 */
public final class BaseCheckpoint {
  static final String META = "model.json";
  static final String TOKENIZER = "cmr-tokenizer.json";
  static final String LEGACY_TOKENIZER = "tokenizer.json";
  static final String LEGACY_PARAMS = "params.bin";
  private final Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  /** Provenance stored beside the weights. */
  public record Meta(ModelShape shape, long parameters, long pretrainTokens, double peakLr, int seed,
      double generalValidLoss) {}

  public void save(Path dir, LanguageModel model, ByteTokenizer tokenizer, Meta meta) {
    Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      HfCheckpoint.write(tmp, model);
      tokenizer.save(tmp.resolve(TOKENIZER));
      Files.writeString(tmp.resolve(META), gson.toJson(meta));
      if (Files.exists(dir)) {
        deleteTree(dir);
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write base checkpoint " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The provenance of a base the worker wrote. */
  public Meta readMeta(Path dir) {
    Path meta = dir.resolve(META);
    if (!Files.isRegularFile(meta)) {
      throw new BadSpecException("paths.baseCheckpoint=" + dir + " has no " + META
          + "; run the pretrain trial for this model first");
    }
    try {
      return gson.fromJson(Files.readString(meta), Meta.class);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + meta + ": " + e.getMessage(), e);
    }
  }

  /** Loads the base weights into {@code model} after checking that the base has the model's shape. */
  public void loadInto(Path dir, LanguageModel model) {
    if (HfCheckpoint.isPresent(dir)) {
      try {
        ModelShape stored = HfCheckpoint.shape(dir, model.shape().label(), model.shape().context());
        if (!stored.sameWeightsAs(model.shape())) {
          throw new BadSpecException("paths.baseCheckpoint=" + dir + " holds model " + stored + " but the spec asks"
              + " for " + model.shape() + "; point paths.baseCheckpoint at the base model of this shape");
        }
        if (Files.isRegularFile(dir.resolve(TOKENIZER))) {
          ByteTokenizer.load(dir.resolve(TOKENIZER));
        }
        HfCheckpoint.loadInto(dir, model);
        return;
      } catch (CheckpointException e) {
        throw new BadSpecException("paths.baseCheckpoint: " + e.getMessage(), e);
      }
    }
    if (!Files.isRegularFile(dir.resolve(META)) || !Files.isRegularFile(dir.resolve(LEGACY_PARAMS))) {
      throw new BadSpecException("paths.baseCheckpoint=" + dir + " holds no base model (neither config.json with"
          + " model.safetensors or model.safetensors.index.json, nor " + META + " with " + LEGACY_PARAMS
          + "); run the pretrain trial for this model first or point it at a Hugging Face Llama checkpoint");
    }
    Meta meta = readMeta(dir);
    if (!meta.shape().equals(model.shape())) {
      throw new BadSpecException("paths.baseCheckpoint=" + dir + " holds model " + meta.shape()
          + " but the spec asks for " + model.shape() + "; point paths.baseCheckpoint at the base model of this size");
    }
    ByteTokenizer.load(dir.resolve(LEGACY_TOKENIZER));
    model.load(dir.resolve(LEGACY_PARAMS));
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
