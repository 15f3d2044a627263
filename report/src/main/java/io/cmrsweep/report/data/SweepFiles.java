package io.cmrsweep.report.data;

import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitResults;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.storage.SweepLayout;
import org.apache.hadoop.conf.Configuration;

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

  public SweepResults read(SweepLayout layout, FitFormat format) {
    FitResults fits = new FitOutputs(conf).read(layout.fitsDir(), format);
    return new SweepResults(layout.sweep(), fits, new Trajectories().of(
        new LossFiles(conf).readAll(layout.lossesDir(), LossFormat.PARQUET)));
  }
}
