package io.cmrsweep.worker.tokenizer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cmrsweep.core.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte-level tokenizer: token id = UTF-8 byte value, vocabulary 256. Lossless for any text and needs no
 * training, so base and CPT trials can never disagree about it. Its vocabulary file is written next to
 * every checkpoint and checked on load.
 */
public final class ByteTokenizer implements Tokenizer {
  public static final int VOCAB = 256;
  static final String TYPE = "byte-level-utf8";
  private static final int[] BLANK_LINE = {'\n', '\n'};

  @Override
  public String kind() {
    return "byte";
  }

  @Override
  public String sha256() {
    return Sha256.hex(TYPE.getBytes(StandardCharsets.UTF_8));
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

  /** Writes the vocabulary (id to byte, in hex) so a checkpoint is self-describing. */
  public void save(Path file) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", TYPE);
    json.put("vocab_size", VOCAB);
    List<String> vocab = new ArrayList<>(VOCAB);
    for (int i = 0; i < VOCAB; i++) {
      vocab.add(String.format("%02x", i));
    }
    json.put("id_to_byte_hex", vocab);
    Gson gson = new GsonBuilder().setPrettyPrinting().create();
    try {
      Files.writeString(file, gson.toJson(json));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write tokenizer vocabulary " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a vocabulary file and fails unless it describes this tokenizer. */
  public static ByteTokenizer load(Path file) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> json = new Gson().fromJson(Files.readString(file), Map.class);
      Object type = json == null ? null : json.get("type");
      Object size = json == null ? null : json.get("vocab_size");
      if (!TYPE.equals(type) || !(size instanceof Number n) || n.intValue() != VOCAB) {
        throw new IllegalStateException("tokenizer " + file + " is type=" + type + " vocab_size=" + size
            + "; this worker only has " + TYPE + " with " + VOCAB + " tokens");
      }
      return new ByteTokenizer();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read tokenizer vocabulary " + file + ": " + e.getMessage(), e);
    }
  }
}
