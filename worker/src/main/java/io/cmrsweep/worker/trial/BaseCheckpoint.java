package io.cmrsweep.worker.trial;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cmrsweep.core.trial.ModelShape;
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
 * A pre-trained base model on disk: {@code model.json} (shape and provenance), {@code tokenizer.json}
 * (the vocabulary) and {@code params.bin} (DJL parameters). Written into a hidden sibling directory and
 * renamed into place, so a CPT trial never loads half a checkpoint.
 */
public final class BaseCheckpoint {
  static final String META = "model.json";
  static final String TOKENIZER = "tokenizer.json";
  static final String PARAMS = "params.bin";
  private final Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  /** Provenance stored beside the weights. */
  public record Meta(ModelShape shape, long parameters, long pretrainTokens, double peakLr, int seed,
      double generalValidLoss) {}

  public void save(Path dir, LanguageModel model, ByteTokenizer tokenizer, Meta meta) {
    Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      model.save(tmp.resolve(PARAMS));
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

  public Meta readMeta(Path dir) {
    Path meta = dir.resolve(META);
    if (!Files.isRegularFile(meta) || !Files.isRegularFile(dir.resolve(PARAMS))) {
      throw new BadSpecException("paths.baseCheckpoint=" + dir + " has no " + META + " and " + PARAMS
          + "; run the pretrain trial for this model first");
    }
    try {
      return gson.fromJson(Files.readString(meta), Meta.class);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + meta + ": " + e.getMessage(), e);
    }
  }

  /** Loads the base weights into {@code model} after checking shape and tokenizer. */
  public Meta loadInto(Path dir, LanguageModel model) {
    Meta meta = readMeta(dir);
    if (!meta.shape().equals(model.shape())) {
      throw new BadSpecException("paths.baseCheckpoint=" + dir + " holds model " + meta.shape()
          + " but the spec asks for " + model.shape() + "; point paths.baseCheckpoint at the base model of this size");
    }
    ByteTokenizer.load(dir.resolve(TOKENIZER));
    model.load(dir.resolve(PARAMS));
    return meta;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
