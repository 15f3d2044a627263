package io.cmrsweep.worker.corpus;

import io.cmrsweep.worker.tokenizer.ByteTokenizer;
import io.cmrsweep.worker.train.TokenText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prepared corpora under one directory: {@code <dir>/<name>/train.txt} and {@code valid.txt}. */
public record Corpora(Path dir, ByteTokenizer tokenizer) {

  public TokenText train(String name) {
    return read(name, "train.txt");
  }

  public TokenText valid(String name) {
    return read(name, "valid.txt");
  }

  private TokenText read(String name, String file) {
    Path p = dir.resolve(name).resolve(file);
    if (!Files.isRegularFile(p)) {
      throw new MissingCorpusException("corpus '" + name + "' has no " + file + " under " + dir
          + "; run bin/fetch-corpora (or bin/worker prepare-corpora --dir " + dir + ")");
    }
    try {
      return new TokenText(name + "/" + file, tokenizer.encode(Files.readString(p, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + p + ": " + e.getMessage(), e);
    }
  }

  /** A corpus the spec names does not exist: a bad spec, not a crash. */
  public static final class MissingCorpusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingCorpusException(String message) {
      super(message);
    }
  }
}
