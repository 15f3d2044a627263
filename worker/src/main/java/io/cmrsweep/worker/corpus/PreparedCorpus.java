package io.cmrsweep.worker.corpus;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.cmrsweep.worker.train.TokenText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finished preparation: its manifest and its token shards, read in place. Opening checks the manifest's format and
 * that every shard has exactly the size the manifest implies, so a corrupt or truncated preparation is bad
 * input naming the file, never read.
 */
public final class PreparedCorpus {
  static final String TRAIN = "train.ids";
  static final String VALID = "valid.ids";
  static final String VALID_DOCS = "valid.docs";
  private final Path dir;
  private final Manifest manifest;
  private final TokenShard train;
  private final TokenShard valid;
  private final TokenShard validDocs;

  private PreparedCorpus(Path dir, Manifest manifest, TokenShard train, TokenShard valid, TokenShard validDocs) {
    this.dir = dir;
    this.manifest = manifest;
    this.train = train;
    this.valid = valid;
    this.validDocs = validDocs;
  }

  public static PreparedCorpus open(Path dir) {
    Path file = dir.resolve(ShardPreparer.MANIFEST);
    Manifest m;
    try {
      m = new Gson().fromJson(Files.readString(file), Manifest.class);
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw corrupt(dir, file + " cannot be read as a manifest: " + e.getMessage());
    }
    if (m == null || !Manifest.FORMAT.equals(m.format()) || m.tokenizer() == null || m.train() == null
        || m.valid() == null || (m.bytesPerId() != 2 && m.bytesPerId() != 4)) {
      throw corrupt(dir, file + " is not a " + Manifest.FORMAT + " manifest (field format, tokenizer, train, valid"
          + " or bytesPerId is missing or wrong)");
    }
    TokenShard train = shard(dir, TRAIN, m.bytesPerId(), m.train().tokens());
    TokenShard valid = shard(dir, VALID, m.bytesPerId(), m.valid().tokens());
    // two 8-byte numbers (tokens, bytes) per held-out document, read as pairs of 4-byte halves
    TokenShard docs = shard(dir, VALID_DOCS, 4, m.valid().documents() * 4);
    return new PreparedCorpus(dir, m, train, valid, docs);
  }

  private static TokenShard shard(Path dir, String name, int width, long length) {
    Path file = dir.resolve(name);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw corrupt(dir, file + " is missing");
    }
    if (size != length * width) {
      throw corrupt(dir, file + " has " + size + " bytes but the manifest implies " + length * width);
    }
    return TokenShard.open(file, width, length);
  }

  private static BadInputException corrupt(Path dir, String what) {
    return new BadInputException("corrupt prepared corpus: " + what + "; delete " + dir
        + " and prepare again (bin/worker prepare or cmr prepare)");
  }

  public Path dir() {
    return dir;
  }

  public Manifest manifest() {
    return manifest;
  }

  public TokenText train() {
    return TokenText.of(manifest.corpus() + "/train", train, n -> n);
  }

  /** Held-out tokens, counting the UTF-8 bytes of any prefix for bits per byte. */
  public TokenText valid() {
    return TokenText.of(manifest.corpus() + "/valid", valid, this::validBytesOfPrefix);
  }

  /** UTF-8 bytes of the first {@code tokens} held-out tokens: whole documents, then a share of the next one. */
  double validBytesOfPrefix(long tokens) {
    double bytes = 0;
    long seen = 0;
    for (long d = 0; d < manifest.valid().documents() && seen < tokens; d++) {
      long docTokens = longAt(4 * d);
      long docBytes = longAt(4 * d + 2);
      long used = Math.min(docTokens, tokens - seen);
      bytes += docTokens == 0 ? 0 : (double) docBytes * used / docTokens;
      seen += used;
    }
    return bytes;
  }

  private long longAt(long i) {
    return (validDocs.at(i) & 0xFFFFFFFFL) | ((long) validDocs.at(i + 1) << 32);
  }
}
