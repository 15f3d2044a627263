package io.cmrsweep.orchestrator.adaptive;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossReader;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.reconcile.StorageResults;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Loss records from the sweep's storage: the committed Parquet file of every trial. */
public final class StoredLosses implements LossSource {
  private final StorageResults results;
  private final Configuration conf;

  public StoredLosses(StorageResults results, Configuration conf) {
    this.results = results;
    this.conf = conf;
  }

  @Override
  public List<LossRecord> read(Collection<PlannedTrial> trials) {
    ParquetLossReader reader = new ParquetLossReader(conf);
    List<LossRecord> out = new ArrayList<>();
    for (Path p : results.lossFiles(trials)) {
      out.addAll(reader.read(p));
    }
    return out;
  }
}
