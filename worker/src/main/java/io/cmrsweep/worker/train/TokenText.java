package io.cmrsweep.worker.train;

/** A named stream of token ids (bytes, 0..255) that batches and validation windows are cut from. */
public record TokenText(String name, byte[] tokens) {

  public TokenText {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("token text needs a name");
    }
    if (tokens == null || tokens.length == 0) {
      throw new IllegalArgumentException("token text '" + name + "' is empty");
    }
  }

  public int length() {
    return tokens.length;
  }

  public int at(int i) {
    return tokens[i] & 0xFF;
  }
}
