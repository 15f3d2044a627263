package io.cmrsweep.core.loss;

import io.cmrsweep.core.storage.AtomicFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Finds and reads loss files under a file or directory URI. Hidden names ('.' or '_' first, as Hadoop
 * and Spark treat them) are skipped, so uncommitted temporaries and _SUCCESS markers never count.
 */
public final class LossFiles {
  private final Configuration conf;

  public LossFiles(Configuration conf) {
    this.conf = conf;
  }

  /** The loss files of {@code format} at {@code input}, sorted by path for a stable read order. */
  public List<Path> list(Path input, LossFormat format) {
    try {
      FileSystem fs = new AtomicFiles(conf).fileSystem(input);
      FileStatus status;
      try {
        status = fs.getFileStatus(input);
      } catch (FileNotFoundException e) {
        throw new LossFormatException("input " + input + " does not exist; point --input at a loss file or a"
            + " directory of them (e.g. <root>/<sweep>/losses)");
      }
      if (status.isFile()) {
        return List.of(status.getPath());
      }
      List<Path> files = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(input, true);
      while (it.hasNext()) {
        Path p = it.next().getPath();
        if (!hiddenBelow(input, p) && p.getName().endsWith(format.extension())) {
          files.add(p);
        }
      }
      files.sort(Comparator.comparing(Path::toString));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list loss files under " + input + ": " + e.getMessage(), e);
    }
  }

  /** Reads every loss file at {@code input}. */
  public List<LossRecord> readAll(Path input, LossFormat format) {
    List<LossRecord> all = new ArrayList<>();
    for (Path p : list(input, format)) {
      all.addAll(read(p, format));
    }
    return all;
  }

  public List<LossRecord> read(Path file, LossFormat format) {
    return switch (format) {
      case PARQUET -> new ParquetLossReader(conf).read(file);
      case CSV -> new CsvLossReader(conf).read(file);
    };
  }

  private static boolean hiddenBelow(Path root, Path p) {
    Path cur = p;
    String rootPath = root.toUri().getPath();
    while (cur != null && !cur.toUri().getPath().equals(rootPath)) {
      String name = cur.getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
      cur = cur.getParent();
    }
    return false;
  }
}
