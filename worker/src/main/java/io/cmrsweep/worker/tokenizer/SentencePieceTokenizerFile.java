package io.cmrsweep.worker.tokenizer;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import ai.djl.sentencepiece.SpVocabulary;
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

  SentencePieceTokenizerFile(Path file, String sha256) throws IOException {
    this.tokenizer = new SpTokenizer(file);
    this.processor = tokenizer.getProcessor();
    this.sha256 = sha256;
    this.vocabularySize = Math.toIntExact(SpVocabulary.from(tokenizer).size());
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
}
