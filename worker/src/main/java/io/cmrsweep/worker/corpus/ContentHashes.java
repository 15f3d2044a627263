package io.cmrsweep.worker.corpus;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sha256 of each source file, remembered by its stat (URI, size, modification time and, for local files, inode
 * and ctime) in {@value #FILE} beside the prepared shards, so a trial start does not read every unchanged file of
 * a large corpus again. A file whose stat changed ({@code touch}, a rewrite, even one that restores the
 * modification time, since ctime cannot be set back) is hashed again; its key then follows its content.
 * The cache is only an optimisation: a lost or unreadable cache means hashing again, and writers replace it
 * atomically (one entry per URI, merged with what another process wrote meanwhile).
 */
final class ContentHashes {
  private static final Logger LOG = LoggerFactory.getLogger(ContentHashes.class);
  static final String FILE = ".content-hashes.json";
  private static final Gson GSON = new Gson();
  private final Path file;
  private final Function<SourceFile, String> hash;

  /** What is known about one URI. */
  record Entry(long size, long modified, String change, String sha256) {
    boolean matches(SourceFile f) {
      return size == f.size() && modified == f.modified() && f.change().equals(change) && sha256 != null;
    }
  }

  ContentHashes(Path file, Function<SourceFile, String> hash) {
    this.file = file;
    this.hash = hash;
  }

  /** The sha256 of each file, in order: remembered where the stat is unchanged, else read and remembered. */
  List<String> of(List<SourceFile> files) {
    Map<String, Entry> known = load();
    Map<String, Entry> fresh = new TreeMap<>();
    List<String> out = new ArrayList<>(files.size());
    long bytes = 0;
    for (SourceFile f : files) {
      Entry e = known.get(f.uri());
      if (e == null || !e.matches(f)) {
        e = new Entry(f.size(), f.modified(), f.change(), hash.apply(f));
        fresh.put(f.uri(), e);
        bytes += f.size();
      }
      out.add(e.sha256());
    }
    if (!fresh.isEmpty()) {
      LOG.info("hashed {} of {} files ({} bytes): new or changed since they were last hashed", fresh.size(),
          files.size(), bytes);
      Map<String, Entry> merged = load(); // another process may have added entries meanwhile
      merged.putAll(fresh);
      save(merged);
    }
    return out;
  }

  private Map<String, Entry> load() {
    if (!Files.isRegularFile(file)) {
      return new TreeMap<>();
    }
    try {
      Map<String, Entry> m = GSON.fromJson(Files.readString(file), new TypeToken<TreeMap<String, Entry>>() {}.getType());
      return m == null ? new TreeMap<>() : new TreeMap<>(m);
    } catch (IOException | JsonParseException e) {
      LOG.warn("ignoring the unreadable hash cache {} ({}); files are hashed again", file, e.getMessage());
      return new TreeMap<>();
    }
  }

  private void save(Map<String, Entry> entries) {
    Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(tmp, GSON.toJson(entries), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the temporary is hidden and harmless
      }
      throw new UncheckedIOException("cannot write the hash cache " + file + ": " + e.getMessage(), e);
    }
  }
}
