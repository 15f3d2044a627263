package io.cmrsweep.fit.spark;

import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.fit.cli.LossSource;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Reads loss files in parallel (one task per batch of files, through {@code core}'s readers, so a bad
 * file fails with its path and the column named), groups the records by (sweep, domain, model) with a
 * shuffle, and assembles each group's trajectories where its records landed.
 */
final class LossInput {
  private final JavaSparkContext jsc;
  private final HadoopConf conf;

  LossInput(JavaSparkContext jsc) {
    this.jsc = jsc;
    this.conf = new HadoopConf(jsc.hadoopConfiguration());
  }

  /** Paths of the loss files of {@code input}; a missing input fails with its path. */
  List<String> files(LossSource input, LossFormat format) {
    List<String> files = new ArrayList<>();
    for (Path p : input.files(conf.get(), format)) {
      files.add(p.toString());
    }
    if (files.isEmpty()) {
      throw new FitInputException("no " + format.name().toLowerCase() + " loss files " + input
          + "; check --input, --input-list and --format (a sweep writes them under <root>/<sweep>/losses)");
    }
    return files;
  }

  /** The groups of the records in {@code files}, sorted by key, optionally filtered. */
  List<Group> groups(List<String> files, LossFormat format, Optional<Pattern> filter) {
    HadoopConf shippedConf = conf;
    String filterText = filter.map(Pattern::pattern).orElse(null);
    int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 2));
    List<Group> groups = new ArrayList<>(jsc.parallelize(files, slices)
        .flatMap(file -> new LossFiles(shippedConf.get()).read(new Path(file), format).iterator())
        .mapToPair(r -> new Tuple2<>(new GroupKey(r.sweep(), r.domain(), r.model()), r))
        .filter(kv -> filterText == null || Pattern.matches(filterText, kv._1().toString()))
        .groupByKey()
        .flatMap(kv -> {
          List<LossRecord> records = new ArrayList<>();
          kv._2().forEach(records::add);
          return new GroupAssembler().assemble(records).iterator();
        })
        .collect());
    groups.sort(Comparator.comparing(Group::key));
    return groups;
  }
}
