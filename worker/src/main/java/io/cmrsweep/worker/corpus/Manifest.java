package io.cmrsweep.worker.corpus;

import java.util.List;

/**
 * What a preparation holds ({@code manifest.json}, written last): the tokenizer's identity, every source file
 * with its size and checksum, document and token counts per split, and the held-out rule.
 */
public record Manifest(String format, String key, String corpus, TokenizerId tokenizer, int bytesPerId,
    String heldOut, List<FileEntry> files, Split train, Split valid) {
  public static final String FORMAT = "cmr-token-shards/1";
  public static final String HELD_OUT = "documents whose sha256(UTF-8 text) read as an unsigned 64-bit number"
      + " is divisible by 10";

  public record TokenizerId(String kind, String sha256, int vocabularySize) {}

  /** One source file: what was read and how it split. */
  public record FileEntry(String uri, long size, long modified, String sha256, long documents, Split train,
      Split valid) {}

  /** Documents, token ids (separators included) and UTF-8 bytes of one split. */
  public record Split(long documents, long tokens, long bytes) {
    Split plus(Split o) {
      return new Split(documents + o.documents, tokens + o.tokens, bytes + o.bytes);
    }
  }
}
