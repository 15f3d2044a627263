package io.cmrsweep.worker.tokenizer;

import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level tokenizer: token id = UTF-8 byte value, vocabulary 256. Lossless for any text and needs no
 * training. Its identity ({@link TokenizerIdentity#ofBytes()}) is recorded beside every base it pre-trains.
 */
public final class ByteTokenizer implements Tokenizer {
  public static final int VOCAB = TokenizerIdentity.BYTE_VOCAB;
  private static final int[] BLANK_LINE = {'\n', '\n'};

  @Override
  public String kind() {
    return "byte";
  }

  @Override
  public String sha256() {
    return TokenizerIdentity.ofBytes().sha256();
  }

  @Override
  public int[] encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = bytes[i] & 0xFF;
    }
    return ids;
  }

  /** A blank line, as the built-in corpora always separated documents. */
  @Override
  public int[] documentSeparator() {
    return BLANK_LINE.clone();
  }

  @Override
  public int documentSeparatorBytes() {
    return BLANK_LINE.length;
  }

  @Override
  public String decode(int[] ids) {
    byte[] bytes = new byte[ids.length];
    for (int i = 0; i < ids.length; i++) {
      bytes[i] = (byte) ids[i];
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public int vocabularySize() {
    return VOCAB;
  }

  @Override
  public void close() {}
}
