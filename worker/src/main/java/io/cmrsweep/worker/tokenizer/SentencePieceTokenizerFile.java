package io.cmrsweep.worker.tokenizer;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A SentencePiece {@code .model} file through DJL's binding (its native library ships in the Maven jar).
 * Documents are separated by the model's {@code </s>} piece when it has one.
 */
final class SentencePieceTokenizerFile implements Tokenizer {
  private final SpTokenizer tokenizer;
  private final SpProcessor processor;
  private final Path file;
  private final TokenizerIdentity identity;
  private final int[] separator;

  SentencePieceTokenizerFile(Path file, TokenizerIdentity identity) throws IOException {
    this.file = file;
    this.identity = identity;
    this.tokenizer = new SpTokenizer(file);
    this.processor = tokenizer.getProcessor();
    int eos = processor.getId("</s>");
    this.separator = eos >= 0 && "</s>".equals(processor.getToken(eos)) ? new int[] {eos} : new int[0];
  }

  @Override
  public String kind() {
    return "sentencepiece";
  }

  @Override
  public String sha256() {
    return identity.sha256();
  }

  @Override
  public int vocabularySize() {
    return identity.vocabularySize();
  }

  /** The identity read with the file (kind, sha256, vocabulary size), not rebuilt from the accessors. */
  @Override
  public TokenizerIdentity identity() {
    return identity;
  }

  @Override
  public Optional<Path> file() {
    return Optional.of(file);
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
