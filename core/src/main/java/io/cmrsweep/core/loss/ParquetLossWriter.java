package io.cmrsweep.core.loss;

import io.cmrsweep.core.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes loss records to one Parquet file, committed so that no reader sees part of it
 * ({@link AtomicFiles#commit}): on file systems the rows go to a hidden temporary file next to the target
 * (readers skip names starting with '.'), which is then renamed into place; on object stores the complete
 * file is uploaded to the final key once. A target that already exists is left untouched, so a late
 * duplicate attempt can never replace a committed result.
 */
public final class ParquetLossWriter {
  private final Configuration conf;
  private final AtomicFiles files;

  public ParquetLossWriter(Configuration conf) {
    this.conf = conf;
    this.files = new AtomicFiles(conf);
  }

  /** Outcome of a commit: whether this call placed the file, or one was there already. */
  public enum Commit { WRITTEN, ALREADY_PRESENT }

  public Commit write(Path target, List<LossRecord> records) {
    return files.commit(target, tmp -> writeTo(tmp, records));
  }

  private void writeTo(Path tmp, List<LossRecord> records) {
    try {
      OutputFile out = HadoopOutputFile.fromPath(tmp, conf);
      try (ParquetWriter<LossRecord> writer = new Builder(out)
          .withConf(conf)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .build()) {
        for (LossRecord r : records) {
          writer.write(r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write loss file " + tmp + ": " + e.getMessage(), e);
    }
  }

  private static final class Builder extends ParquetWriter.Builder<LossRecord, Builder> {
    Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<LossRecord> getWriteSupport(Configuration conf) {
      return new LossWriteSupport();
    }
  }
}
