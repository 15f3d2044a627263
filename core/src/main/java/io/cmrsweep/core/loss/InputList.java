package io.cmrsweep.core.loss;

import io.cmrsweep.core.storage.AtomicFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The fit's input list (DESIGN 3.2): a UTF-8 text file naming one loss file per line, as a URI or a path
 * (relative paths resolve against the list's own directory); blank lines and lines starting with
 * {@code #} are ignored. The coordinator writes it with exactly the current cells' committed results and
 * the fit job reads it ({@code --input-list}), both through this class and Hadoop's FileSystem, so the
 * list works on file://, hdfs:// and s3a:// roots alike.
 */
public final class InputList {
  private static final String COMMENT = "#";
  private final Configuration conf;

  public InputList(Configuration conf) {
    this.conf = conf;
  }

  /** Replaces {@code list} atomically with {@code header} (as comment lines) and one file per line. */
  public void write(Path list, List<String> header, List<Path> files) {
    StringBuilder text = new StringBuilder();
    for (String h : header) {
      for (String line : h.split("\\R")) {
        text.append(COMMENT).append(' ').append(line).append('\n');
      }
    }
    for (Path f : files) {
      text.append(f).append('\n');
    }
    new AtomicFiles(conf).replace(list, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The files {@code list} names, in its order; a missing list fails naming it. */
  public List<Path> read(Path list) {
    String text;
    try (InputStream in = new AtomicFiles(conf).fileSystem(list).open(list)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new LossFormatException("input list " + list + " does not exist; give a file naming one loss file per"
          + " line (cmr fit writes one at <root>/<sweep>/fits/inputs.txt), or use --input <dir>");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read input list " + list + ": " + e.getMessage(), e);
    }
    List<Path> files = new ArrayList<>();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith(COMMENT)) {
        continue;
      }
      Path p = new Path(line);
      files.add(p.isAbsolute() || p.toUri().getScheme() != null ? p : new Path(list.getParent(), p));
    }
    return files;
  }
}
