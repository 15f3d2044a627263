package io.cmrsweep.worker.tokenizer;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A SentencePiece {@code .model} file through DJL's binding (its native library ships in the Maven jar).
 * Documents are separated by the model's {@code </s>} piece when it has one.
 */
final class SentencePieceTokenizerFile implements Tokenizer {
  private final SpTokenizer tokenizer;
  private final SpProcessor processor;
  private final String sha256;
  private final int vocabularySize;
  private final int[] separator;

  SentencePieceTokenizerFile(Path file, byte[] model, String sha256) throws IOException {
    this.vocabularySize = pieces(model);
    this.tokenizer = new SpTokenizer(file);
    this.processor = tokenizer.getProcessor();
    this.sha256 = sha256;
    int eos = processor.getId("</s>");
    this.separator = eos >= 0 && "</s>".equals(processor.getToken(eos)) ? new int[] {eos} : new int[0];
  }

  @Override
  public String kind() {
    return "sentencepiece";
  }

  @Override
  public String sha256() {
    return sha256;
  }

  @Override
  public int vocabularySize() {
    return vocabularySize;
  }

  @Override
  public int[] encode(String text) {
    return processor.encode(text);
  }

  @Override
  public int[] documentSeparator() {
    return separator.clone();
  }

  @Override
  public String decode(int[] ids) {
    return processor.decode(ids);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  /**
   * The number of pieces: top-level field 1 ({@code repeated SentencePiece pieces}) of the ModelProto, counted
   * from the wire format, since DJL's SpVocabulary does not implement size().
   */
  static int pieces(byte[] proto) {
    int[] pos = {0};
    int count = 0;
    while (pos[0] < proto.length) {
      long tag = varint(proto, pos);
      int wire = (int) (tag & 7);
      switch (wire) {
        case 0 -> varint(proto, pos);
        case 1 -> pos[0] += 8;
        case 2 -> {
          int length = (int) varint(proto, pos);
          pos[0] += length;
        }
        case 5 -> pos[0] += 4;
        default -> throw new IllegalArgumentException("not a SentencePiece model (wire type " + wire + ")");
      }
      if (tag >>> 3 == 1 && wire == 2) {
        count++;
      }
    }
    if (pos[0] != proto.length || count == 0) {
      throw new IllegalArgumentException("not a SentencePiece model (no pieces)");
    }
    return count;
  }

  private static long varint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= b.length) {
        throw new IllegalArgumentException("not a SentencePiece model (truncated)");
      }
      byte x = b[pos[0]++];
      v |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a SentencePiece model (bad varint)");
  }
}
