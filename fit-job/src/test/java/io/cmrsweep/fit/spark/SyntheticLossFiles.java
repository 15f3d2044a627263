package io.cmrsweep.fit.spark;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes synthetic sweeps as a real sweep would: one committed Parquet file per trial under
 * {@code <root>/<sweep>/losses/domain=<d>/model=<m>/}, through {@code core}'s writer.
 */
final class SyntheticLossFiles {
  private SyntheticLossFiles() {}

  /** One group per (domain, model) given, each from its own noise seed. */
  static List<LossRecord> groups(double noise, String... domainModel) {
    List<LossRecord> all = new ArrayList<>();
    long seed = 11;
    for (String dm : domainModel) {
      String[] parts = dm.split("/");
      for (LossRecord r : SyntheticSweep.reference(noise).records(seed++)) {
        all.add(new LossRecord("syn", r.trialId() + "-" + parts[1], parts[0], parts[1], r.modelParams(), r.ratio(),
            r.seed(), r.step(), r.tokens(), r.generalLoss(), r.domainLoss(), r.attempt()));
      }
    }
    return all;
  }

  static Path writeParquet(Path root, List<LossRecord> records) {
    SweepLayout layout = SweepLayout.of(root.toUri().toString(), "syn");
    ParquetLossWriter writer = new ParquetLossWriter(new Configuration());
    for (Map.Entry<String, List<LossRecord>> trial : byTrial(records).entrySet()) {
      LossRecord first = trial.getValue().get(0);
      writer.write(layout.lossFile(first.domain(), first.model(), first.trialId()), trial.getValue());
    }
    return root.resolve("syn/losses");
  }

  static Path writeCsv(Path file, List<LossRecord> records) throws IOException {
    StringBuilder sb = new StringBuilder(
        "sweep,trial_id,domain,model,model_params,ratio,seed,step,tokens,general_loss,domain_loss,attempt\n");
    for (LossRecord r : records) {
      sb.append(String.join(",", r.sweep(), r.trialId(), r.domain(), r.model(), Long.toString(r.modelParams()),
          Double.toString(r.ratio()), Integer.toString(r.seed()), Long.toString(r.step()), Long.toString(r.tokens()),
          Double.toString(r.generalLoss()), Double.toString(r.domainLoss()), Integer.toString(r.attempt())))
          .append('\n');
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb);
    return file;
  }

  private static Map<String, List<LossRecord>> byTrial(List<LossRecord> records) {
    Map<String, List<LossRecord>> out = new LinkedHashMap<>();
    for (LossRecord r : records) {
      out.computeIfAbsent(r.trialId(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }
}
