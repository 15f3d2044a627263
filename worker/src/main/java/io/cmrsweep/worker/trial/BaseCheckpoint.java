package io.cmrsweep.worker.trial;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.worker.checkpoint.CheckpointException;
import io.cmrsweep.worker.checkpoint.HfCheckpoint;
import io.cmrsweep.worker.model.LanguageModel;
import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import io.cmrsweep.worker.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A base model on disk. The worker writes its pre-trained bases in the Hugging Face Llama layout
 * ({@code config.json} + {@code model.safetensors}, so other tools open them) plus two side files:
 * {@code model.json} (shape and provenance) and {@code cmr-tokenizer.json} (the identity of the tokenizer whose ids
 * it learned, {@link TokenizerIdentity}); a tokenizer file is copied in too, as {@code tokenizer.json} or
 * {@code tokenizer.model}. It is written into a hidden sibling directory and renamed into place, so a CPT trial
 * never loads half a checkpoint. A CPT trial reads that layout, any Hugging Face Llama-family directory
 * ({@code from:} in a sweep spec), or a base written before the HF layout ({@code model.json} + {@code params.bin}
 * + the byte tokenizer's {@code tokenizer.json}), and refuses a base whose recorded tokenizer is not the trial's.
 */
public final class BaseCheckpoint {
  static final String META = "model.json";
  static final String LEGACY_TOKENIZER = "tokenizer.json";
  static final String LEGACY_PARAMS = "params.bin";
  private final Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  /** Provenance stored beside the weights. */
  public record Meta(ModelShape shape, long parameters, long pretrainTokens, double peakLr, int seed,
      double generalValidLoss) {}

  public void save(Path dir, LanguageModel model, Tokenizer tokenizer, Meta meta) {
    Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      HfCheckpoint.write(tmp, model);
      tokenizer.identity().writeBeside(tmp);
      if (tokenizer.file().isPresent()) {
        Path file = tokenizer.file().get();
        String name = TokenizerIdentity.CHECKPOINT_TOKENIZER_FILES.get(
            file.getFileName().toString().endsWith(".json") ? 0 : 1);
        Files.copy(file, tmp.resolve(name));
      }
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

  /**
   * Loads the base weights into {@code model} after checking that the base has the model's shape and, where the
   * base records one, that its tokenizer is {@code tokenizer}: ids of another tokenizer would mean other tokens.
   */
  public void loadInto(Path dir, LanguageModel model, TokenizerIdentity tokenizer) {
    if (HfCheckpoint.isPresent(dir)) {
      try {
        ModelShape stored = HfCheckpoint.shape(dir, model.shape().label(), model.shape().context());
        if (!stored.sameWeightsAs(model.shape())) {
          throw new BadSpecException("paths.baseCheckpoint=" + dir + " holds model " + stored + " but the spec asks"
              + " for " + model.shape() + "; point paths.baseCheckpoint at the base model of this shape");
        }
        Optional<TokenizerIdentity> recorded;
        try {
          recorded = TokenizerIdentity.recordedIn(dir);
        } catch (IllegalArgumentException e) {
          throw new BadSpecException("paths.baseCheckpoint: " + e.getMessage(), e);
        }
        recorded.ifPresent(r -> requireSameTokenizer(dir, r, tokenizer));
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
    // Bases in the layout before Hugging Face's were all trained on bytes.
    requireSameTokenizer(dir, TokenizerIdentity.ofBytes(), tokenizer);
    model.load(dir.resolve(LEGACY_PARAMS));
  }

  private static void requireSameTokenizer(Path dir, TokenizerIdentity recorded, TokenizerIdentity trial) {
    if (!recorded.sameTokensAs(trial)) {
      throw new BadSpecException("data.tokenizer is " + trial.label() + " but the base paths.baseCheckpoint=" + dir
          + " was trained with " + recorded.label() + " (" + dir.resolve(TokenizerIdentity.FILE) + "); its token ids"
          + " mean other tokens, so continue it with the tokenizer it was trained with, or pre-train a base with"
          + " this one");
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
