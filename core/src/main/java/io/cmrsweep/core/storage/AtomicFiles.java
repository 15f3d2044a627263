package io.cmrsweep.core.storage;

import io.cmrsweep.core.loss.ParquetLossWriter.Commit;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Write-then-rename commits through Hadoop's FileSystem, so the same code serves file://, hdfs:// and
 * s3a:// (on s3a the rename is a copy, still never visible half-written under the final name).
 */
public final class AtomicFiles {
  private final Configuration conf;

  public AtomicFiles(Configuration conf) {
    this.conf = conf;
  }

  /** Writes through {@code writer} to a hidden sibling of {@code target}, then renames it into place. */
  public Commit commit(Path target, Consumer<Path> writer) {
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".inprogress-" + UUID.randomUUID());
    try {
      FileSystem fs = fileSystem(target);
      fs.mkdirs(target.getParent());
      if (fs.exists(target)) {
        return Commit.ALREADY_PRESENT;
      }
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
   * Writes {@code bytes} to {@code target}, replacing what was there, through a hidden sibling that is
   * renamed into place, so readers see the old file or the new one, never half of one. For outputs that a
   * re-run legitimately replaces (fits, reports); results that must never be replaced use {@link #commit}.
   */
  public void replace(Path target, byte[] bytes) {
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
   * {@code writer} writes the hidden sibling it is given, which is then renamed onto {@code target}.
   */
  public void replace(Path target, Consumer<Path> writer) {
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".inprogress-" + UUID.randomUUID());
    try {
      FileSystem fs = fileSystem(target);
      fs.mkdirs(target.getParent());
      try {
        writer.accept(tmp);
        // A directory here is an older output of the same name (e.g. a Spark-written Parquet dataset).
        fs.delete(target, fs.exists(target) && fs.getFileStatus(target).isDirectory());
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
}
