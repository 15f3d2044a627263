package io.cmrsweep.core.storage;

import io.cmrsweep.core.loss.ParquetLossWriter.Commit;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Commits through Hadoop's FileSystem that readers never see half-written, by the {@link CommitProtocol} of
 * the target's file system: write-then-rename on file:// and hdfs://; on object stores (s3a://, gs://,
 * abfs://, ...) the bytes are first written completely to a local staging file and then uploaded to the
 * final key in one stream, which the store publishes only when close() completes (an upload that fails is
 * aborted, so nothing appears).
 */
public final class AtomicFiles {
  private final Configuration conf;

  public AtomicFiles(Configuration conf) {
    this.conf = conf;
  }

  /**
   * Writes through {@code writer} and places the result at {@code target} unless something is there already;
   * a committed result is never replaced. On file systems with atomic rename the check is made again just
   * before the rename. On object stores the existence check comes first and the upload is created without
   * overwrite (a second check); two writers racing past both checks (the coordinator runs one attempt per
   * cell, so only a lost worker still running could) each upload a complete result of the same cell and the
   * last close wins: a reader sees one whole object or the other, never a mix.
   */
  public Commit commit(Path target, Consumer<Path> writer) {
    try {
      FileSystem fs = fileSystem(target);
      if (fs.exists(target)) {
        return Commit.ALREADY_PRESENT;
      }
      if (protocol(fs) == CommitProtocol.WRITE_ONCE) {
        return upload(fs, target, staged(writer), false) ? Commit.WRITTEN : Commit.ALREADY_PRESENT;
      }
      Path tmp = hiddenSibling(target);
      fs.mkdirs(target.getParent());
      boolean renamed;
      try {
        writer.accept(tmp);
        renamed = !fs.exists(target) && fs.rename(tmp, target);
      } finally {
        fs.delete(tmp, false);
      }
      if (!renamed) {
        if (fs.exists(target)) {
          return Commit.ALREADY_PRESENT;
        }
        throw new IOException("rename of " + tmp + " to " + target + " failed");
      }
      return Commit.WRITTEN;
    } catch (IOException e) {
      throw new UncheckedIOException("could not commit " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code bytes} to {@code target}, replacing what was there, so that readers see the old file or the
   * new one, never half of one. For outputs that a re-run legitimately replaces (fits, reports); results that
   * must never be replaced use {@link #commit}.
   */
  public void replace(Path target, byte[] bytes) {
    try {
      FileSystem fs = fileSystem(target);
      if (protocol(fs) == CommitProtocol.WRITE_ONCE) {
        removeDirectory(fs, target);
        upload(fs, target, bytes, true);
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
    }
    replace(target, tmp -> {
      try (OutputStream out = fileSystem(tmp).create(tmp, true)) {
        out.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write " + tmp + ": " + e.getMessage(), e);
      }
    });
  }

  /**
   * Like {@link #replace(Path, byte[])}, for writers that create the file themselves (e.g. Parquet):
   * {@code writer} writes the path it is given (a hidden sibling renamed onto {@code target}, or a local
   * staging file uploaded to an object store's key).
   */
  public void replace(Path target, Consumer<Path> writer) {
    try {
      FileSystem fs = fileSystem(target);
      if (protocol(fs) == CommitProtocol.WRITE_ONCE) {
        byte[] bytes = staged(writer);
        removeDirectory(fs, target);
        upload(fs, target, bytes, true);
        return;
      }
      Path tmp = hiddenSibling(target);
      fs.mkdirs(target.getParent());
      try {
        writer.accept(tmp);
        removeDirectory(fs, target);
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
          throw new IOException("rename of " + tmp + " to " + target + " failed");
        }
      } finally {
        fs.delete(tmp, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
    }
  }

  /** The file system of {@code path}, without .crc sidecar files on the local file system. */
  public FileSystem fileSystem(Path path) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    fs.setWriteChecksum(false);
    fs.setVerifyChecksum(false);
    return fs;
  }

  /** The commit protocol of {@code path}'s file system. */
  public CommitProtocol protocol(Path path) throws IOException {
    return protocol(fileSystem(path));
  }

  private static CommitProtocol protocol(FileSystem fs) {
    return CommitProtocol.forScheme(fs.getUri().getScheme());
  }

  private static Path hiddenSibling(Path target) {
    return new Path(target.getParent(), "." + target.getName() + ".inprogress-" + UUID.randomUUID());
  }

  /** A directory at the target is an older output of the same name (e.g. a Spark-written Parquet dataset). */
  private static void removeDirectory(FileSystem fs, Path target) throws IOException {
    if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
      fs.delete(target, true);
    }
  }

  /**
   * Uploads {@code bytes} as {@code target} in one stream; false when {@code overwrite} is off and the key
   * exists. A failed write aborts the upload instead of closing it, so no partial object is published.
   */
  private static boolean upload(FileSystem fs, Path target, byte[] bytes, boolean overwrite) throws IOException {
    FSDataOutputStream out;
    try {
      out = fs.create(target, overwrite);
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    try {
      out.write(bytes);
    } catch (IOException | RuntimeException e) {
      out.abort();
      throw e;
    }
    out.close();
    return true;
  }

  /** Runs {@code writer} against a file in a fresh local directory and returns what it wrote. */
  private byte[] staged(Consumer<Path> writer) throws IOException {
    java.nio.file.Path dir = Files.createTempDirectory("cmr-commit-");
    try {
      java.nio.file.Path file = dir.resolve("staged");
      writer.accept(new Path(file.toUri()));
      return Files.readAllBytes(file);
    } finally {
      try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
        for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
