package io.cmrsweep.orchestrator.reconcile;

import io.cmrsweep.core.storage.AtomicFiles;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Committed results in the sweep's storage (DESIGN 3.2), through Hadoop's FileSystem so that file://,
 * hdfs:// and s3a:// roots all work. Hidden names ({@code .x.inprogress-...}) are never results.
 */
public final class StorageResults implements ResultStore {
  private final SweepLayout layout;
  private final FileSystem fs;

  public StorageResults(SweepLayout layout, Configuration conf) {
    this.layout = layout;
    try {
      this.fs = new AtomicFiles(conf).fileSystem(layout.root());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach storage root " + layout.root() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean committed(PlannedTrial trial) {
    try {
      if (trial.kind() == TrialKind.CPT) {
        return fs.exists(layout.lossFile(trial.domain(), trial.model(), trial.id()));
      }
      FileStatus[] base = fs.listStatus(layout.baseCheckpoint(trial.model()));
      return base.length > 0;
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the result of " + trial.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> scan(Collection<PlannedTrial> trials) {
    Set<String> files = new HashSet<>();
    try {
      if (fs.exists(layout.lossesDir())) {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(layout.lossesDir(), true);
        while (it.hasNext()) {
          Path file = it.next().getPath();
          if (!file.getName().startsWith(".")) {
            files.add(fs.makeQualified(file).toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + layout.lossesDir() + ": " + e.getMessage(), e);
    }
    Set<String> out = new HashSet<>();
    for (PlannedTrial t : trials) {
      boolean done = t.kind() == TrialKind.CPT
          ? files.contains(fs.makeQualified(layout.lossFile(t.domain(), t.model(), t.id())).toString())
          : committed(t);
      if (done) {
        out.add(t.id());
      }
    }
    return out;
  }
}
