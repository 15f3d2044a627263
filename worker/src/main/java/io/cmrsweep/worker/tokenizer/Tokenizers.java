package io.cmrsweep.worker.tokenizer;

import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import io.cmrsweep.worker.corpus.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the tokenizer a spec names in {@code data.tokenizer}: {@code byte} (the default), a Hugging Face
 * {@code tokenizer.json} (a path ending in .json) or a SentencePiece model (a path ending in .model), on a local
 * or mounted path or a {@code file:} URI.
 */
public final class Tokenizers {
  private final String field;

  /** {@code field} is the spec path named in errors, e.g. {@code data.tokenizer}. */
  public Tokenizers(String field) {
    this.field = field;
  }

  public Tokenizer open(String reference) {
    if (TokenizerIdentity.isByte(reference)) {
      return new ByteTokenizer();
    }
    Path file = TokenizerIdentity.path(reference);
    String name = file.getFileName().toString();
    if (!name.endsWith(".json") && !name.endsWith(".model")) {
      throw new BadInputException(field + "=" + reference + " is not a tokenizer: use byte, a Hugging Face"
          + " tokenizer.json (*.json) or a SentencePiece model (*.model)");
    }
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(field + "=" + reference + ": no such file; give the path of the tokenizer file");
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length == 0) {
        throw new BadInputException(field + "=" + reference + " is an empty file");
      }
      TokenizerIdentity identity = TokenizerIdentity.of(file, bytes);
      return name.endsWith(".json")
          ? new HuggingFaceTokenizerFile(file, new String(bytes, StandardCharsets.UTF_8), identity)
          : new SentencePieceTokenizerFile(file, identity);
    } catch (BadInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(field + "=" + reference + " cannot be loaded as a "
          + (name.endsWith(".json") ? "Hugging Face tokenizer.json" : "SentencePiece model") + ": " + e.getMessage(),
          e);
    }
  }
}
