package io.cmrsweep.worker.corpus;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cmrsweep.core.digest.Sha256;
import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.worker.tokenizer.Tokenizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokenizes a corpus once into token shards under {@code <root>/<name>-<key>/}, where the key is content-addressed:
 * it hashes the shard format, the tokenizer (kind and file checksum), the text field, the held-out rule and every
 * source file's format and sha256, in file order. An unchanged corpus is found again (also when its files were
 * touched, copied or moved), a changed one gets a new directory. File checksums are remembered by stat
 * ({@link ContentHashes}) so a trial start does not read an unchanged corpus again. Work happens in a hidden
 * {@code .partial} directory, one part per source file (in parallel, each part renamed into place when complete,
 * so a preparation killed with -9 resumes from the parts it finished); the parts are concatenated in file order,
 * the manifest is written last, and the directory is renamed atomically: a trial never sees half a preparation.
 * A file lock keeps two processes from preparing the same key at once. A finished preparation removes the partial
 * ones of the same corpus under other keys (left when the corpus changed before they finished) whose lock it can
 * take, so one being worked on is never touched.
 */
public final class ShardPreparer {
  private static final Logger LOG = LoggerFactory.getLogger(ShardPreparer.class);
  static final String MANIFEST = "manifest.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
  private final Path root;
  private final DocumentFiles documents;
  private final int threads;

  public ShardPreparer(Path root, DocumentFiles documents, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads=" + threads + " must be >= 1");
    }
    this.root = root;
    this.documents = documents;
    this.threads = threads;
  }

  /** The prepared corpus, prepared now unless an identical preparation exists. */
  public PreparedCorpus prepare(CorpusFiles corpus, Tokenizer tokenizer) {
    List<SourceFile> files = documents.list(corpus);
    List<String> sha256 = new ContentHashes(root.resolve(ContentHashes.FILE), documents::sha256).of(files);
    String key = key(corpus, tokenizer, files, sha256);
    Path dir = root.resolve(corpus.name() + "-" + key);
    if (Files.isRegularFile(dir.resolve(MANIFEST))) {
      return PreparedCorpus.open(dir);
    }
    try {
      Files.createDirectories(root);
      try (FileChannel lockFile = FileChannel.open(root.resolve("." + dir.getFileName() + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (Files.isRegularFile(dir.resolve(MANIFEST))) {
          return PreparedCorpus.open(dir);
        }
        Path partial = root.resolve("." + dir.getFileName() + ".partial");
        Files.createDirectories(partial);
        Manifest manifest;
        if (Files.isRegularFile(partial.resolve(MANIFEST))) {
          manifest = PreparedCorpus.open(partial).manifest(); // killed after the manifest, before the rename
        } else {
          LOG.info("preparing corpus {} ({} files, tokenizer {}) into {}", corpus.name(), files.size(),
              tokenizer.kind(), dir);
          manifest = build(corpus, tokenizer, files, sha256, key, partial);
          writeAtomically(partial.resolve(MANIFEST), GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8));
        }
        deleteParts(partial);
        if (Files.exists(dir)) {
          deleteTree(dir); // a leftover without its manifest: never read, replaced
        }
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("prepared corpus {}: {} train + {} held-out documents, {} + {} tokens", corpus.name(),
            manifest.train().documents(), manifest.valid().documents(), manifest.train().tokens(),
            manifest.valid().tokens());
        removeAbandoned(corpus.name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare corpus " + corpus.name() + " under " + root + ": "
          + e.getMessage(), e);
    }
    return PreparedCorpus.open(dir);
  }

  /** The content address of a preparation; {@code sha256} holds each file's checksum, in the files' order. */
  static String key(CorpusFiles corpus, Tokenizer tokenizer, List<SourceFile> files, List<String> sha256) {
    StringBuilder sb = new StringBuilder(Manifest.FORMAT).append('\n').append(tokenizer.kind()).append(' ')
        .append(tokenizer.sha256()).append('\n').append(corpus.field()).append('\n').append(Manifest.HELD_OUT)
        .append('\n');
    for (int i = 0; i < files.size(); i++) {
      SourceFile f = files.get(i);
      sb.append(f.format()).append(f.gzip() ? " gzip " : " plain ").append(sha256.get(i)).append('\n');
    }
    return Sha256.shortHex(sb.toString(), 8);
  }

  private Manifest build(CorpusFiles corpus, Tokenizer tokenizer, List<SourceFile> files, List<String> sha256,
      String key, Path partial) throws IOException {
    int width = TokenShard.widthFor(tokenizer.vocabularySize());
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()));
    List<Manifest.FileEntry> entries = new ArrayList<>();
    try {
      List<Future<Manifest.FileEntry>> parts = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        int index = i;
        parts.add(pool.submit(() -> part(corpus, tokenizer, files.get(index), sha256.get(index),
            partial.resolve(partName(index)), width)));
      }
      for (Future<Manifest.FileEntry> f : parts) {
        entries.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while preparing " + corpus.name(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Manifest.Split train = new Manifest.Split(0, 0, 0);
    Manifest.Split valid = new Manifest.Split(0, 0, 0);
    for (Manifest.FileEntry e : entries) {
      train = train.plus(e.train());
      valid = valid.plus(e.valid());
    }
    if (train.documents() == 0 || valid.documents() == 0) {
      throw new BadInputException("corpus " + corpus.name() + " has " + train.documents() + " training and "
          + valid.documents() + " held-out documents; it needs both (about 1 in 10 documents is held out), so"
          + " add documents");
    }
    for (String suffix : List.of(PreparedCorpus.TRAIN, PreparedCorpus.VALID, PreparedCorpus.VALID_DOCS)) {
      concatenate(partial, files.size(), suffix);
    }
    return new Manifest(Manifest.FORMAT, key, corpus.name(), new Manifest.TokenizerId(tokenizer.kind(),
        tokenizer.sha256(), tokenizer.vocabularySize()), width, Manifest.HELD_OUT, entries, train, valid);
  }

  private static String partName(int index) {
    return String.format("part-%05d", index);
  }

  /**
   * Tokenizes one file into its part, or returns the part a killed run already completed from the same content.
   * The file must still have the checksum its key was computed from.
   */
  private Manifest.FileEntry part(CorpusFiles corpus, Tokenizer tokenizer, SourceFile file, String expectedSha,
      Path part, int width) throws IOException {
    Path done = part.resolveSibling(part.getFileName() + ".json");
    if (Files.isRegularFile(done)) {
      Manifest.FileEntry previous = GSON.fromJson(Files.readString(done), Manifest.FileEntry.class);
      if (previous != null && previous.uri().equals(file.uri()) && expectedSha.equals(previous.sha256())
          && Files.isRegularFile(suffixed(part, PreparedCorpus.TRAIN))
          && Files.isRegularFile(suffixed(part, PreparedCorpus.VALID))
          && Files.isRegularFile(suffixed(part, PreparedCorpus.VALID_DOCS))) {
        LOG.info("reusing the finished part {} of {}", part.getFileName(), file.uri());
        return previous;
      }
    }
    Path train = tmp(part, PreparedCorpus.TRAIN);
    Path valid = tmp(part, PreparedCorpus.VALID);
    Path validDocs = tmp(part, PreparedCorpus.VALID_DOCS);
    int[] separator = tokenizer.documentSeparator();
    int separatorBytes = tokenizer.documentSeparatorBytes();
    int vocab = tokenizer.vocabularySize();
    long[] counts = new long[6]; // train docs, tokens, bytes; valid docs, tokens, bytes
    String sha;
    try (IdWriter t = new IdWriter(train, width); IdWriter v = new IdWriter(valid, width);
        IdWriter docs = new IdWriter(validDocs, 8)) {
      sha = documents.read(file, corpus.field(), text -> {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        boolean heldOut = heldOut(utf8);
        int[] ids = tokenizer.encode(text);
        for (int id : ids) {
          if (id < 0 || id >= vocab) {
            throw new BadInputException("tokenizer " + tokenizer.kind() + " gave id " + id + " outside its"
                + " vocabulary of " + vocab + " for a document of " + file.uri());
          }
        }
        long tokens = ids.length + separator.length;
        long bytes = utf8.length + separatorBytes;
        IdWriter out = heldOut ? v : t;
        out.write(ids);
        out.write(separator);
        int o = heldOut ? 3 : 0;
        counts[o]++;
        counts[o + 1] += tokens;
        counts[o + 2] += bytes;
        if (heldOut) {
          docs.writeLong(tokens);
          docs.writeLong(bytes);
        }
      });
    }
    if (!sha.equals(expectedSha)) {
      throw new BadInputException("corpus " + corpus.name() + ": " + file.uri() + " changed while it was being"
          + " prepared (sha256 " + expectedSha + " when listed, " + sha + " when read); prepare again once nothing"
          + " writes to it");
    }
    if (counts[0] + counts[3] == 0) {
      throw new BadInputException("corpus " + corpus.name() + ": " + file.uri() + " has no documents"
          + (file.format().equals("text") ? "" : " with text in field '" + corpus.field() + "'"));
    }
    Files.move(train, suffixed(part, PreparedCorpus.TRAIN), StandardCopyOption.REPLACE_EXISTING);
    Files.move(valid, suffixed(part, PreparedCorpus.VALID), StandardCopyOption.REPLACE_EXISTING);
    Files.move(validDocs, suffixed(part, PreparedCorpus.VALID_DOCS), StandardCopyOption.REPLACE_EXISTING);
    Manifest.FileEntry entry = new Manifest.FileEntry(file.uri(), file.size(), file.modified(), sha,
        counts[0] + counts[3], new Manifest.Split(counts[0], counts[1], counts[2]),
        new Manifest.Split(counts[3], counts[4], counts[5]));
    writeAtomically(done, GSON.toJson(entry).getBytes(StandardCharsets.UTF_8));
    return entry;
  }

  /** Held out by content, so the split of a document never changes when files are added or reordered. */
  static boolean heldOut(byte[] utf8) {
    byte[] h = Sha256.digest(utf8);
    long v = ByteBuffer.wrap(h, 0, 8).order(ByteOrder.BIG_ENDIAN).getLong();
    return Long.remainderUnsigned(v, 10) == 0;
  }

  private static void concatenate(Path partial, int parts, String suffix) throws IOException {
    Path target = partial.resolve(suffix);
    Path tmp = partial.resolve("." + suffix + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int i = 0; i < parts; i++) {
        Path p = suffixed(partial.resolve(partName(i)), suffix);
        try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ)) {
          long size = in.size();
          long pos = 0;
          while (pos < size) {
            pos += in.transferTo(pos, size - pos, out);
          }
        }
      }
      out.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The per-file parts and temporaries, once the concatenated shards and the manifest are in place. */
  /**
   * Deletes {@code .<name>-<key>.partial} directories of this corpus that no process holds the lock of. Their lock
   * files stay: a process waiting on one must keep excluding any other that prepares the same key.
   */
  private void removeAbandoned(String name) throws IOException {
    Pattern own = Pattern.compile("\\." + Pattern.quote(name) + "-[0-9a-f]+\\.partial");
    List<Path> partials;
    try (Stream<Path> entries = Files.list(root)) {
      partials = entries.filter(p -> own.matcher(p.getFileName().toString()).matches()).toList();
    }
    for (Path partial : partials) {
      String base = partial.getFileName().toString();
      Path lockPath = root.resolve(base.substring(0, base.length() - ".partial".length()) + ".lock");
      try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.tryLock()) {
        if (lock != null && Files.isDirectory(partial)) {
          deleteTree(partial);
          LOG.info("removed the abandoned partial preparation {} of corpus {}", partial, name);
        }
      } catch (OverlappingFileLockException e) {
        // this process is preparing that key right now
      }
    }
  }

  private static void deleteParts(Path partial) throws IOException {
    try (var files = Files.list(partial)) {
      for (Path p : files.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith("part-") || n.startsWith(".")) {
          Files.delete(p);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Path suffixed(Path part, String suffix) {
    return part.resolveSibling(part.getFileName() + "." + suffix);
  }

  private static Path tmp(Path part, String suffix) {
    return part.resolveSibling("." + part.getFileName() + "." + suffix + ".tmp");
  }

  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Little-endian integers of a fixed width (2 or 4 for ids, 8 for document sizes) into a buffered file. */
  private static final class IdWriter implements AutoCloseable {
    private final OutputStream out;
    private final int width;
    private final byte[] buf = new byte[8];

    IdWriter(Path file, int width) throws IOException {
      this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      this.width = width;
    }

    void write(int[] ids) {
      for (int id : ids) {
        writeLong(id);
      }
    }

    void writeLong(long v) {
      for (int b = 0; b < width; b++) {
        buf[b] = (byte) (v >>> (8 * b));
      }
      try {
        out.write(buf, 0, width);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
