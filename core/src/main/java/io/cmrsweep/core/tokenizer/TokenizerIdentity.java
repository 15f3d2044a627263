package io.cmrsweep.core.tokenizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cmrsweep.core.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which token ids a model was trained on: the tokenizer's kind ({@code byte}, {@code huggingface},
 * {@code sentencepiece}), the sha256 of its file (of the name {@code byte-level-utf8} for the file-less byte
 * tokenizer) and its vocabulary size. Two tokenizers with the same kind and sha256 give the same ids.
 *
 * <p>The worker records the identity beside the bases it pre-trains, in {@value #FILE} next to
 * {@code config.json} (a side file, so other tools still open the directory as a Hugging Face checkpoint), and
 * both the spec reader and the worker refuse a CPT trial whose tokenizer is not the base's. This class owns that
 * file's format. The vocabulary size of a tokenizer file is read here without its native library, so the spec
 * reader can compare it with a checkpoint's {@code vocab_size}.
 */
public record TokenizerIdentity(String kind, String sha256, int vocabularySize) {
  /** The side file of a base checkpoint directory. */
  public static final String FILE = "cmr-tokenizer.json";
  public static final String BYTE = "byte";
  public static final String HUGGING_FACE = "huggingface";
  public static final String SENTENCE_PIECE = "sentencepiece";
  /** The name the byte tokenizer's identity hashes, and the {@code type} of side files written before kinds. */
  public static final String BYTE_TYPE = "byte-level-utf8";
  public static final int BYTE_VOCAB = 256;
  /** The files that carry a Hugging Face or SentencePiece tokenizer in a checkpoint directory. */
  public static final List<String> CHECKPOINT_TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer.model");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public TokenizerIdentity {
    if (!List.of(BYTE, HUGGING_FACE, SENTENCE_PIECE).contains(kind)) {
      throw new IllegalArgumentException("tokenizer kind=" + kind + " must be byte, huggingface or sentencepiece");
    }
    if (sha256 == null || !HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("tokenizer sha256=" + sha256 + " must be 64 lower-case hex digits");
    }
    if (vocabularySize <= 0) {
      throw new IllegalArgumentException("tokenizer vocabularySize=" + vocabularySize + " must be > 0");
    }
  }

  /** The byte-level tokenizer: 256 ids, one per UTF-8 byte value. */
  public static TokenizerIdentity ofBytes() {
    return new TokenizerIdentity(BYTE, Sha256.hex(BYTE_TYPE.getBytes(StandardCharsets.UTF_8)), BYTE_VOCAB);
  }

  /** {@code byte}, a local or {@code file:} path of a tokenizer.json (*.json) or a SentencePiece model (*.model). */
  public static boolean isByte(String reference) {
    return reference == null || reference.isBlank() || reference.equals(BYTE);
  }

  /** The local file a non-byte reference names. */
  public static Path path(String reference) {
    return reference.startsWith("file:") ? Path.of(URI.create(reference)) : Path.of(reference);
  }

  /**
   * The identity of the tokenizer a spec names: {@code byte} or a tokenizer file.
   *
   * @throws IllegalArgumentException naming the file when it is missing, empty or neither a tokenizer.json nor a
   *     SentencePiece model
   */
  public static TokenizerIdentity of(String reference) {
    if (isByte(reference)) {
      return ofBytes();
    }
    Path file = path(reference);
    String name = file.getFileName().toString();
    boolean json = name.endsWith(".json");
    if (!json && !name.endsWith(".model")) {
      throw new IllegalArgumentException(reference + " is not a tokenizer: use byte, a Hugging Face tokenizer.json"
          + " (*.json) or a SentencePiece model (*.model)");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(reference + ": no such file; give the path of the tokenizer file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(reference + " cannot be read: " + e.getMessage(), e);
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException(reference + " is an empty file");
    }
    return of(file, bytes);
  }

  /** The identity of tokenizer file content already read: kind by the file name's extension. */
  public static TokenizerIdentity of(Path file, byte[] bytes) {
    boolean json = file.getFileName().toString().endsWith(".json");
    try {
      int vocab = json ? jsonVocabulary(new String(bytes, StandardCharsets.UTF_8))
          : sentencePieces(bytes);
      return new TokenizerIdentity(json ? HUGGING_FACE : SENTENCE_PIECE, Sha256.hex(bytes), vocab);
    } catch (IllegalArgumentException | IllegalStateException | JsonParseException | ClassCastException e) {
      throw new IllegalArgumentException(file + " cannot be read as a "
          + (json ? "Hugging Face tokenizer.json" : "SentencePiece model") + ": " + e.getMessage(), e);
    }
  }

  /** Same ids for the same text: same kind and same file content. */
  public boolean sameTokensAs(TokenizerIdentity other) {
    return kind.equals(other.kind) && sha256.equals(other.sha256);
  }

  /** {@code byte}, or the kind with the file's sha256, as messages show it. */
  public String label() {
    return kind.equals(BYTE) ? BYTE : kind + " sha256=" + sha256 + " (" + vocabularySize + " tokens)";
  }

  /** Writes {@code dir/}{@value #FILE}. */
  public void writeBeside(Path dir) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", kind);
    json.put("sha256", sha256);
    json.put("vocab_size", vocabularySize);
    try {
      Files.writeString(dir.resolve(FILE), new GsonBuilder().setPrettyPrinting().create().toJson(json));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The identity recorded in {@code dir/}{@value #FILE}, if the directory has one. A side file written before
   * identities were recorded ({@code "type": "byte-level-utf8"}) stands for the byte tokenizer.
   *
   * @throws IllegalArgumentException naming the file when it exists but is not an identity
   */
  public static Optional<TokenizerIdentity> recordedIn(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      if (!o.has("kind") && o.has("type") && BYTE_TYPE.equals(o.get("type").getAsString())) {
        return Optional.of(ofBytes());
      }
      return Optional.of(new TokenizerIdentity(o.get("kind").getAsString(), o.get("sha256").getAsString(),
          o.get("vocab_size").getAsInt()));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a tokenizer identity {kind, sha256, vocab_size}: "
          + e.getMessage() + "; remove it or write the base again", e);
    }
  }

  /** The tokenizer.json or tokenizer.model that a checkpoint directory carries, if any. */
  public static Optional<Path> carriedBy(Path dir) {
    return CHECKPOINT_TOKENIZER_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
  }

  /** The ids of a tokenizer.json: the largest id of the model's vocabulary or its added tokens, plus one. */
  static int jsonVocabulary(String json) {
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    int max = -1;
    JsonElement vocab = root.has("model") ? root.getAsJsonObject("model").get("vocab") : null;
    if (vocab != null && vocab.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
        max = Math.max(max, e.getValue().getAsInt());
      }
    } else if (vocab != null && vocab.isJsonArray()) {
      max = vocab.getAsJsonArray().size() - 1;
    }
    if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
      for (JsonElement t : root.getAsJsonArray("added_tokens")) {
        max = Math.max(max, t.getAsJsonObject().get("id").getAsInt());
      }
    }
    if (max < 0) {
      throw new IllegalArgumentException("model.vocab is missing or empty");
    }
    return max + 1;
  }

  /**
   * The number of pieces of a SentencePiece ModelProto: its top-level field 1 ({@code repeated SentencePiece
   * pieces}), counted from the protobuf wire format.
   */
  static int sentencePieces(byte[] proto) {
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
