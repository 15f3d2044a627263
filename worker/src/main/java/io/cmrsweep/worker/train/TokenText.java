package io.cmrsweep.worker.train;

import io.cmrsweep.worker.corpus.TokenShard;
import java.util.function.LongToDoubleFunction;

/**
 * A named stream of token ids that batches and validation windows are cut from: held in memory (byte ids, for
 * tests and benchmarks) or read in place from a {@link TokenShard}. It knows how many UTF-8 bytes of text
 * any prefix of it stands for, so losses can also be given in bits per byte.
 */
public final class TokenText {
  private final String name;
  private final byte[] heap;
  private final TokenShard shard;
  private final LongToDoubleFunction bytesOfPrefix;

  /** Byte-level ids in memory: every token is one byte of text. */
  public TokenText(String name, byte[] tokens) {
    this(name, tokens, null, n -> n);
    if (tokens == null || tokens.length == 0) {
      throw new IllegalArgumentException("token text '" + name + "' is empty");
    }
  }

  private TokenText(String name, byte[] heap, TokenShard shard, LongToDoubleFunction bytesOfPrefix) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("token text needs a name");
    }
    this.name = name;
    this.heap = heap;
    this.shard = shard;
    this.bytesOfPrefix = bytesOfPrefix;
  }

  /** Ids read from a shard; {@code bytesOfPrefix} maps a token count from the start to the text's UTF-8 bytes. */
  public static TokenText of(String name, TokenShard shard, LongToDoubleFunction bytesOfPrefix) {
    if (shard.length() == 0) {
      throw new IllegalArgumentException("token text '" + name + "' is empty");
    }
    return new TokenText(name, null, shard, bytesOfPrefix);
  }

  public String name() {
    return name;
  }

  public long length() {
    return heap != null ? heap.length : shard.length();
  }

  public int at(long i) {
    return heap != null ? heap[(int) i] & 0xFF : shard.at(i);
  }

  /** UTF-8 bytes of text that the first {@code tokens} ids encode. */
  public double bytesOfPrefix(long tokens) {
    return bytesOfPrefix.applyAsDouble(tokens);
  }
}
