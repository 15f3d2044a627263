package io.cmrsweep.fit.cli;

import io.cmrsweep.core.loss.InputList;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Where a fit's loss files come from: everything under {@code --input} (a file or a directory searched
 * recursively), or exactly the files an input list names ({@code --input-list}, core's {@link InputList},
 * which {@code cmr fit} writes with the current spec's cells only).
 *
 * @param location the directory, file or list, as given (file://, hdfs://, s3a:// or a local path)
 * @param list true when {@code location} is an input list
 */
public record LossSource(String location, boolean list) {

  public LossSource {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException((list ? "--input-list" : "--input") + " is missing");
    }
  }

  public static LossSource under(String location) {
    return new LossSource(location, false);
  }

  public static LossSource listedIn(String location) {
    return new LossSource(location, true);
  }

  /** The loss files to read; a missing directory or list fails naming it. */
  public List<Path> files(Configuration conf, LossFormat format) {
    Path at = new Path(location);
    return list ? new InputList(conf).read(at) : new LossFiles(conf).list(at, format);
  }

  /** How the fit's messages name this source: {@code under <dir>} or {@code listed in <file>}. */
  @Override
  public String toString() {
    return (list ? "listed in " : "under ") + location;
  }
}
