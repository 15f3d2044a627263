package io.cmrsweep.core.fit;

import io.cmrsweep.core.storage.AtomicFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes and reads the fit outputs of a fits directory (DESIGN 3.3) through Hadoop's FileSystem, so
 * file://, hdfs:// and s3a:// work alike. Every table goes to {@code <name>.json} and to a single
 * {@code <name>.parquet} file, each replaced atomically (readers see the old file or the new one); either
 * can be read back into the same rows.
 */
public final class FitOutputs {
  private final AtomicFiles files;
  private final FitParquetCodec parquet;
  private final FitJsonCodec json = new FitJsonCodec();

  public FitOutputs(Configuration conf) {
    this.files = new AtomicFiles(conf);
    this.parquet = new FitParquetCodec(conf);
  }

  /** Writes every table under {@code dir} in both formats, replacing earlier outputs. */
  public void write(Path dir, FitResults results) {
    write(dir, FitTable.CMR, results.cmr());
    write(dir, FitTable.LAWS, results.laws());
    write(dir, FitTable.CURVES, results.curves());
    write(dir, FitTable.SENSITIVITY, results.sensitivity());
    write(dir, FitTable.PREDICTIONS, results.predictions());
  }

  public <R extends Record> void write(Path dir, FitTable<R> table, List<R> rows) {
    files.replace(file(dir, table, FitFormat.JSON),
        json.write(table.schema(), rows).getBytes(StandardCharsets.UTF_8));
    files.replace(file(dir, table, FitFormat.PARQUET), tmp -> parquet.write(tmp, table.schema(), rows));
  }

  /**
   * Every table under {@code dir}, from their {@code format} files. Fits written before the predictions table
   * existed have no predictions file; they read as no predictions.
   */
  public FitResults read(Path dir, FitFormat format) {
    Path predictions = file(dir, FitTable.PREDICTIONS, format);
    return new FitResults(read(dir, FitTable.CMR, format), read(dir, FitTable.LAWS, format),
        read(dir, FitTable.CURVES, format), read(dir, FitTable.SENSITIVITY, format),
        exists(predictions) ? read(dir, FitTable.PREDICTIONS, format) : List.of());
  }

  private boolean exists(Path file) {
    try {
      return files.fileSystem(file).exists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + file + ": " + e.getMessage(), e);
    }
  }

  public <R extends Record> List<R> read(Path dir, FitTable<R> table, FitFormat format) {
    Path file = file(dir, table, format);
    return switch (format) {
      case PARQUET -> parquet.read(file, table.schema());
      case JSON -> json.read(table.schema(), file.toString(), text(file));
    };
  }

  public static Path file(Path dir, FitTable<?> table, FitFormat format) {
    return new Path(dir, table.fileName(format));
  }

  private String text(Path file) {
    try (InputStream in = files.fileSystem(file).open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new FitFormatException(file + " does not exist; run the fit first (cmr fit <spec>)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
