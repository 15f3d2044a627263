package io.cmrsweep.report.data;

import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitResults;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.loss.LossRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads what a report shows of a sweep: its fit outputs through the core contract (from the JSON or the
 * Parquet files, which hold the same rows) and its loss files, through Hadoop's FileSystem, so reports work
 * on file://, hdfs:// and s3a:// roots alike.
 */
public final class SweepFiles {
  private final Configuration conf;

  public SweepFiles(Configuration conf) {
    this.conf = conf;
  }

  /**
   * The fits of {@code layout} and the trajectories of exactly {@code lossFiles}: the caller chooses them
   * (the coordinator gives the current spec's cells, so results of cells the spec dropped stay out).
   */
  public SweepResults read(SweepLayout layout, FitFormat format, List<Path> lossFiles) {
    FitResults fits = new FitOutputs(conf).read(layout.fitsDir(), format);
    LossFiles files = new LossFiles(conf);
    List<LossRecord> records = new ArrayList<>();
    for (Path f : lossFiles) {
      records.addAll(files.read(f, LossFormat.PARQUET));
    }
    return new SweepResults(layout.sweep(), fits, new Trajectories().of(records));
  }
}
