package io.cmrsweep.worker.tokenizer;

import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Text to token ids. Implementations are thread-safe for {@link #encode}, so a preparation tokenizes files in
 * parallel with one instance. Identity ({@link #kind()} and {@link #sha256()}) addresses prepared shards: a
 * changed tokenizer file is a different tokenizer.
 */
public interface Tokenizer extends AutoCloseable {

  /** {@code byte}, {@code huggingface} or {@code sentencepiece}. */
  String kind();

  /** sha256 of the tokenizer file (of the kind's name for the file-less byte tokenizer). */
  String sha256();

  /** Number of ids: every id is in [0, vocabularySize). */
  int vocabularySize();

  /** The ids of one document, never truncated. */
  int[] encode(String text);

  /** Ids put after every document so that documents do not run into each other. */
  int[] documentSeparator();

  /** UTF-8 bytes of text that the separator stands for (0 for a special token), counted in bits per byte. */
  default int documentSeparatorBytes() {
    return 0;
  }

  String decode(int[] ids);

  /** What a base trained with this tokenizer records beside its weights. */
  default TokenizerIdentity identity() {
    return new TokenizerIdentity(kind(), sha256(), vocabularySize());
  }

  /** The tokenizer's file, copied into the bases it pre-trains; empty for the byte tokenizer. */
  default Optional<Path> file() {
    return Optional.empty();
  }

  @Override
  void close();
}
