package io.cmrsweep.worker.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face {@code tokenizer.json} through DJL's binding of the Rust tokenizers library (its native library
 * ships in the Maven jar; DJL runs offline). No truncation, no padding and no special tokens are added, so a
 * long document keeps every token; documents are separated by the file's end-of-text token when it has one.
 */
final class HuggingFaceTokenizerFile implements Tokenizer {
  private static final List<String> END_OF_TEXT = List.of("</s>", "<|endoftext|>", "<|end_of_text|>", "<eos>");
  private final HuggingFaceTokenizer tokenizer;
  private final Path file;
  private final TokenizerIdentity identity;
  private final int[] separator;

  HuggingFaceTokenizerFile(Path file, String json, TokenizerIdentity identity) throws IOException {
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    this.file = file;
    this.identity = identity;
    this.separator = endOfText(root);
    this.tokenizer = HuggingFaceTokenizer.builder(Map.of())
        .optTokenizerPath(file)
        .optAddSpecialTokens(false)
        .optTruncation(false)
        .optPadding(false)
        .build();
  }

  @Override
  public String kind() {
    return "huggingface";
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
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  @Override
  public int[] documentSeparator() {
    return separator.clone();
  }

  @Override
  public String decode(int[] ids) {
    long[] in = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      in[i] = ids[i];
    }
    return tokenizer.decode(in, false);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  private static int[] endOfText(JsonObject root) {
    if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
      for (String wanted : END_OF_TEXT) {
        for (JsonElement t : root.getAsJsonArray("added_tokens")) {
          JsonObject o = t.getAsJsonObject();
          if (wanted.equals(o.get("content").getAsString())) {
            return new int[] {o.get("id").getAsInt()};
          }
        }
      }
    }
    return new int[0];
  }
}
